"""The reference's converter helpers, which the worker's and runtime's tests call.

``_decode_typed_data``, ``_decode_trigger_metadata_field``,
``_parse_datetime_metadata`` and ``_parse_timedelta_metadata`` exist on every
converter class (``meta.InConverter``, ``meta.OutConverter``, the built-ins),
read what the reference read, and fail with ``ValueError``s of our own.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
from azure.functions import meta
from azure.functions.meta import Datum, DatumLike
from tests._wire import worker_datum

UTC = datetime.timezone.utc
InConverter = meta.InConverter


@pytest.mark.parametrize(
    ("data", "python_type", "expected"),
    [
        (Datum("text", "string"), str, "text"),
        (Datum('{"a": [1]}', "json"), dict, {"a": [1]}),
        (Datum("[1, 2]", "json"), list, [1, 2]),
        (Datum(7, "int"), int, 7),
        (Datum(2.5, "double"), float, 2.5),
        (Datum(True, "int"), int, True),  # a bool is an int: kept as it is
        # Not of python_type: python_type(value) converts it.
        (Datum("42", "string"), int, 42),
        (Datum(42, "int"), str, "42"),
        (Datum(3, "int"), float, 3.0),
        (Datum("3", "json"), str, "3"),
        (Datum(3, "int"), (int, str), 3),
        # Collections, in whatever shape they come, as lists of their items.
        (worker_datum("collection_string", ["a", "b"]), list, ["a", "b"]),
        (worker_datum("collection_bytes", [b"x"]), list, [b"x"]),
        (worker_datum("collection_sint64", [1, -2]), list, [1, -2]),
        (Datum(["a"], "collection_string"), list, ["a"]),
        # No datum, or no value type: None, whatever python_type says.
        (None, int, None),
        (Datum(None, None), int, None),
        (Datum("ignored", None), dict, None),
    ],
)
def test_decode_typed_data(
    data: DatumLike | None, python_type: type | tuple[type, ...], expected: object
) -> None:
    result = InConverter._decode_typed_data(data, python_type=python_type)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    "data",
    [
        Datum(b"raw", "bytes"),  # the reference never read bytes here
        worker_datum("collection_double", [1.5]),  # nor doubles
        worker_datum("model_binding_data", {"source": "AzureStorageBlobs"}),
        Datum({"method": Datum("GET", "string")}, "http"),
        Datum("x", "no-such-type"),
    ],
)
def test_wire_types_it_does_not_read(data: DatumLike) -> None:
    with pytest.raises(func.DatumValueError, match=r"my value is of wire type") as info:
        InConverter._decode_typed_data(data, python_type=object, context="my value")
    assert isinstance(info.value, ValueError)


def test_values_that_do_not_convert() -> None:
    with pytest.raises(func.DatumValueError, match=r"int\(\) refuses") as info:
        InConverter._decode_typed_data(Datum("4x", "string"), python_type=int)
    assert isinstance(info.value, ValueError)
    assert info.value.what == "data"  # the default context
    with pytest.raises(func.DatumValueError, match="one of: int, float"):
        InConverter._decode_typed_data(Datum("4", "string"), python_type=(int, float))
    with pytest.raises(func.DatumValueError, match="refuses"):
        InConverter._decode_typed_data(Datum("1e999", "json"), python_type=int)


def test_malformed_json_is_invalid_json() -> None:
    with pytest.raises(func.InvalidJSONError, match="the payload"):
        InConverter._decode_typed_data(
            Datum("{nope", "json"), python_type=dict, context="the payload"
        )


def test_errors_name_the_converters_binding() -> None:
    converter = func.get_binding_registry()["serviceBusTrigger"]
    with pytest.raises(func.DatumValueError) as info:
        converter._decode_typed_data(Datum("x", "string"), python_type=int)
    assert info.value.binding == "serviceBusTrigger"
    assert str(info.value).startswith("binding 'serviceBusTrigger': data is a str")
    with pytest.raises(func.DatumValueError) as bare:
        InConverter._decode_typed_data(Datum("x", "string"), python_type=int)
    assert bare.value.binding is None
    assert str(bare.value).startswith("data is a str")


@pytest.mark.parametrize("binding", sorted(func.get_binding_registry()))
def test_every_converter_has_the_helpers(binding: str) -> None:
    converter = func.get_binding_registry()[binding]
    metadata = {"Count": Datum("3", "string")}
    assert (
        converter._decode_trigger_metadata_field(metadata, "Count", python_type=int)
        == 3
    )
    assert converter._parse_timedelta_metadata(metadata, "Count") == (
        datetime.timedelta(seconds=3)
    )


# --- trigger metadata -----------------------------------------------------------


def test_metadata_fields() -> None:
    metadata = {
        "Id": Datum("abc", "string"),
        "Count": Datum(2, "int"),
        "Props": Datum('{"k": "v"}', "json"),
    }
    read = InConverter._decode_trigger_metadata_field
    assert read(metadata, "Id", python_type=str) == "abc"
    assert read(metadata, "Count", python_type=str) == "2"
    assert read(metadata, "Props", python_type=dict) == {"k": "v"}
    assert read(metadata, "Missing", python_type=str) is None
    with pytest.raises(func.DatumValueError, match="field 'Id' in trigger metadata"):
        read(metadata, "Id", python_type=int)


def host_timestamps(moment: datetime.datetime) -> dict[str, datetime.datetime]:
    """How the host writes *moment* (naive, read as UTC or local) -> the result."""
    date_iso = moment.strftime("%Y-%m-%dT%H:%M:%S")
    date_us = moment.strftime("%m/%d/%Y %H:%M:%S")
    seven = f"{moment.microsecond:06d}3"  # .NET's seven fractional digits
    utc, local = moment.replace(tzinfo=UTC), moment
    truncated = moment.replace(microsecond=0)
    return {
        f"{date_iso}Z": truncated.replace(tzinfo=UTC),
        f"{date_iso}.{seven}Z": utc,
        f"{date_iso}.{moment.microsecond:06d}+00:00": utc,
        f"{date_iso}-00:00": truncated.replace(tzinfo=UTC),
        f"{date_us}Z": truncated.replace(tzinfo=UTC),
        f"{date_us}.{seven}+00:00": utc,
        date_iso: truncated,
        f"{date_iso}.{seven}": local,
        moment.strftime("%m/%d/%YT%H:%M:%S"): truncated,
    }


@given(st.datetimes(min_value=datetime.datetime(1000, 1, 1)))
def test_datetime_metadata_as_the_host_writes_it(moment: datetime.datetime) -> None:
    for text, expected in host_timestamps(moment).items():
        metadata = {"When": Datum(text, "string")}
        parsed = InConverter._parse_datetime_metadata(metadata, "When")
        assert parsed == expected, text
        assert parsed is not None
        assert parsed.tzinfo is expected.tzinfo, text
        assert InConverter._parse_datetime(text) == expected


@pytest.mark.parametrize("metadata", [{}, {"When": Datum("", "string")}])
def test_absent_or_empty_datetime_is_none(metadata: dict[str, DatumLike]) -> None:
    assert InConverter._parse_datetime_metadata(metadata, "When") is None
    assert InConverter._parse_datetime(None) is None


@pytest.mark.parametrize(
    "text", ["yesterday", "2020-13-01T00:00:00", "2020-01-01T25:00"]
)
def test_unreadable_datetime(text: str) -> None:
    with pytest.raises(func.DatumValueError, match="field 'When' in trigger") as info:
        InConverter._parse_datetime_metadata({"When": Datum(text, "string")}, "When")
    assert isinstance(info.value, ValueError)
    assert repr(text) in str(info.value)


@given(
    st.integers(0, 23), st.integers(0, 59), st.integers(0, 59), st.integers(0, 10**6)
)
def test_timedelta_metadata(hours: int, minutes: int, seconds: int, total: int) -> None:
    cases = {
        f"{hours:02d}:{minutes:02d}:{seconds:02d}": datetime.timedelta(
            hours=hours, minutes=minutes, seconds=seconds
        ),
        f"{minutes}:{seconds:02d}": datetime.timedelta(
            minutes=minutes, seconds=seconds
        ),
        str(total): datetime.timedelta(seconds=total),
    }
    for text, expected in cases.items():
        metadata = {"Ttl": Datum(text, "string")}
        assert InConverter._parse_timedelta_metadata(metadata, "Ttl") == expected
        assert InConverter._parse_timedelta(text) == expected


def test_text_of_another_type_is_refused() -> None:
    with pytest.raises(func.DatumValueError, match="the timestamp is a int"):
        InConverter._parse_datetime(5)  # type: ignore[arg-type]
    with pytest.raises(func.DatumValueError, match="the duration is a bytes"):
        InConverter._parse_timedelta(b"00:01:00")  # type: ignore[arg-type]


def test_timedelta_absent_empty_and_unreadable() -> None:
    assert InConverter._parse_timedelta_metadata({}, "Ttl") is None
    assert InConverter._parse_timedelta(None) is None
    assert InConverter._parse_timedelta("") is None
    with pytest.raises(func.DatumValueError, match="hh:mm:ss") as info:
        InConverter._parse_timedelta_metadata({"Ttl": Datum("soon", "string")}, "Ttl")
    assert isinstance(info.value, ValueError)


def test_on_out_converters_too() -> None:
    assert (
        meta.OutConverter._decode_typed_data(Datum("5", "string"), python_type=int) == 5
    )
    assert meta.OutConverter._parse_datetime("2020-01-01T00:00:00Z") == (
        datetime.datetime(2020, 1, 1, tzinfo=UTC)
    )
