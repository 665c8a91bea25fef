"""Shared trigger-metadata helpers: timestamps, durations, kinds, views."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azure.functions import DatumTypeError, InvalidJSONError
from azure.functions._metadata import (
    BatchMetadata,
    DefaultedProperty,
    Field,
    LazyMetadata,
    MetadataProperty,
    MetadataView,
    boolean,
    duration,
    integer,
    json_object,
    json_value,
    metadata_properties,
    number,
    parse_datetime,
    parse_timedelta,
    text,
    timestamp,
)
from azure.functions.meta import Datum, build_metadata

UTC = dt.timezone.utc
naive_datetimes = st.datetimes(min_value=dt.datetime(1000, 1, 1))


# --- parse_datetime -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text_value", "expected"),
    [
        ("2018-08-07T23:17:57Z", dt.datetime(2018, 8, 7, 23, 17, 57, tzinfo=UTC)),
        (
            "2018-08-07T23:17:57.4610501Z",
            dt.datetime(2018, 8, 7, 23, 17, 57, 461050, tzinfo=UTC),
        ),
        (
            "2018-08-07T23:17:57.46+00:00",
            dt.datetime(2018, 8, 7, 23, 17, 57, 460000, tzinfo=UTC),
        ),
        ("2018-08-07T23:17:57-00:00", dt.datetime(2018, 8, 7, 23, 17, 57, tzinfo=UTC)),
        ("2018-08-07 23:17:57", dt.datetime(2018, 8, 7, 23, 17, 57)),
        ("2018-08-07T23:17:57.123", dt.datetime(2018, 8, 7, 23, 17, 57, 123000)),
        ("08/07/2018 23:17:57Z", dt.datetime(2018, 8, 7, 23, 17, 57, tzinfo=UTC)),
        ("8/7/2018 11:17:57", dt.datetime(2018, 8, 7, 11, 17, 57)),
        ("08/07/2018T23:17:57.5", dt.datetime(2018, 8, 7, 23, 17, 57, 500000)),
        ("2018-08-07", dt.datetime(2018, 8, 7)),
        (
            "2018-08-07T23:17:57+05:30",
            dt.datetime(
                2018,
                8,
                7,
                23,
                17,
                57,
                tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)),
            ),
        ),
        (
            "2018-08-07T23:17:57-0800",
            dt.datetime(
                2018, 8, 7, 23, 17, 57, tzinfo=dt.timezone(dt.timedelta(hours=-8))
            ),
        ),
    ],
)
def test_parse_datetime_forms_azure_sends(
    text_value: str, expected: dt.datetime
) -> None:
    parsed = parse_datetime(text_value)
    assert parsed == expected
    assert parsed.tzinfo == expected.tzinfo


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "yesterday",
        "2018-13-01T00:00:00",
        "2018-08-07T25:00:00",
        "2018-08-07T23:17:57Q",
    ],
)
def test_parse_datetime_rejects_what_is_not_a_timestamp(bad: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - ValueError is the contract
        parse_datetime(bad)


@given(naive_datetimes, st.sampled_from(["", "Z", "+00:00"]), st.integers(0, 3))
def test_iso_round_trip_with_net_precision(
    value: dt.datetime, zone: str, extra_digits: int
) -> None:
    # .NET writes seven fractional digits; the seventh (and any more) is dropped.
    rendered = value.isoformat(timespec="microseconds") + "7" * extra_digits + zone
    parsed = parse_datetime(rendered)
    assert parsed.replace(tzinfo=None) == value
    assert parsed.tzinfo == (UTC if zone else None)


@given(naive_datetimes)
def test_us_format_round_trip(value: dt.datetime) -> None:
    rendered = value.strftime("%m/%d/%Y %H:%M:%S") + "Z"
    assert parse_datetime(rendered) == value.replace(microsecond=0, tzinfo=UTC)


# --- parse_timedelta ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text_value", "expected"),
    [
        ("00:05:00", dt.timedelta(minutes=5)),
        ("05:00", dt.timedelta(minutes=5)),
        ("300", dt.timedelta(seconds=300)),
        ("1.02:03:04", dt.timedelta(days=1, hours=2, minutes=3, seconds=4)),
        ("1.02:03:04.5", dt.timedelta(days=1, hours=2, minutes=3, seconds=4.5)),
        (
            "10675199.02:48:05.4775807",
            dt.timedelta(
                days=10675199, hours=2, minutes=48, seconds=5, microseconds=477580
            ),
        ),
        ("-00:00:01", dt.timedelta(seconds=-1)),
    ],
)
def test_parse_timedelta_net_timespans(text_value: str, expected: dt.timedelta) -> None:
    assert parse_timedelta(text_value) == expected


@pytest.mark.parametrize("bad", ["", "soon", "1:2:3:4:5", "00:00:00:", "1.5"])
def test_parse_timedelta_rejects_garbage(bad: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - ValueError is the contract
        parse_timedelta(bad)


@given(st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=10**6)))
def test_timespan_round_trip(value: dt.timedelta) -> None:
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    rendered = (
        f"{value.days}.{hours:02}:{minutes:02}:{seconds:02}.{value.microseconds:06}0"
    )
    assert parse_timedelta(rendered) == value


# --- kinds --------------------------------------------------------------------


def test_kinds_convert_what_the_wire_carries() -> None:
    assert text("a") == "a"
    assert text(5) == "5"
    assert integer(5) == 5
    assert integer("17") == 17
    assert integer(3.0) == 3
    assert number(2) == 2.0
    assert number("1.5") == 1.5
    assert boolean(True) is True
    assert boolean("False") is False
    assert timestamp("2020-01-01T00:00:00Z") == dt.datetime(2020, 1, 1, tzinfo=UTC)
    assert duration(90) == dt.timedelta(seconds=90)
    assert duration("00:01:30") == dt.timedelta(seconds=90)
    moment = dt.datetime(2020, 1, 1, tzinfo=UTC)
    assert timestamp(moment) is moment
    assert duration(dt.timedelta(seconds=3)) == dt.timedelta(seconds=3)
    assert json_value('{"a": 1}') == {"a": 1}
    assert json_value("plain text") == "plain text"
    assert json_object('{"a": [1]}') == {"a": [1]}


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (text, [1]),
        (text, True),
        (integer, True),
        (integer, 1.5),
        (integer, "x"),
        (number, None),
        (boolean, "yes"),
        (timestamp, 5),
        (duration, "later"),
        (duration, [1]),
        (json_object, "[1, 2]"),
    ],
)
def test_kinds_reject_the_wrong_shape(kind: object, value: object) -> None:
    assert callable(kind)
    with pytest.raises((TypeError, ValueError)):
        kind(value)


# --- views --------------------------------------------------------------------

DEQUEUE = Field("DequeueCount", integer)
INSERTED = Field("InsertionTime", timestamp)
PROPS = Field("Properties", json_object)


def test_view_reads_fields_by_kind_and_none_when_absent() -> None:
    view = MetadataView(
        build_metadata({"DequeueCount": 2, "InsertionTime": "2020-01-01T00:00:00Z"}),
        "queueTrigger",
    )
    assert view.get(DEQUEUE) == 2
    assert view.get(INSERTED) == dt.datetime(2020, 1, 1, tzinfo=UTC)
    assert view.get(PROPS) is None
    assert "DequeueCount" in view
    assert "Properties" not in view
    assert MetadataView(None, "queueTrigger").get(DEQUEUE) is None


def test_view_decodes_json_datums() -> None:
    view = MetadataView({"Properties": Datum('{"Length": 3}', "json")}, "blobTrigger")
    assert view.get(PROPS) == {"Length": 3}


def test_view_names_binding_and_key_on_a_bad_value() -> None:
    view = MetadataView(build_metadata({"DequeueCount": "many"}), "queueTrigger")
    with pytest.raises(DatumTypeError, match=r"'queueTrigger'.*'DequeueCount'.*'many'"):
        view.get(DEQUEUE)


def test_view_names_binding_and_key_on_malformed_json() -> None:
    view = MetadataView({"Properties": Datum("{oops", "json")}, "blobTrigger")
    with pytest.raises(InvalidJSONError, match=r"'Properties'.*'blobTrigger'"):
        view.get(PROPS)


def test_batch_reads_key_arrays_once_per_key() -> None:
    metadata = {
        "DequeueCountArray": Datum("[1, 2, 3]", "json"),
        "InsertionTimeArray": Datum(["2020-01-01T00:00:00Z"], "collection_string"),
    }
    batch = BatchMetadata(metadata, "serviceBusTrigger")
    assert batch.count("DequeueCountArray") == 3
    assert [batch.get(DEQUEUE, i) for i in range(3)] == [1, 2, 3]
    assert batch.get(INSERTED, 0) == dt.datetime(2020, 1, 1, tzinfo=UTC)
    assert batch.get(INSERTED, 1) is None  # a shorter array: absent, not an error
    assert batch.get(PROPS, 0) is None
    assert batch.array("DequeueCountArray") is batch.array("DequeueCountArray")


def test_batch_reads_records_when_given_a_records_key() -> None:
    records = '[{"SequenceNumber": 1, "Offset": "10"}, {"SequenceNumber": 2}]'
    batch = BatchMetadata(
        {"SystemPropertiesArray": Datum(records, "json")},
        "eventHubTrigger",
        records_key="SystemPropertiesArray",
    )
    sequence = Field("SequenceNumber", integer)
    offset = Field("Offset", text)
    assert batch.count("ignored") == 2
    assert [batch.get(sequence, i) for i in range(2)] == [1, 2]
    assert [batch.get(offset, i) for i in range(3)] == ["10", None, None]


def test_batch_rejects_an_array_that_is_not_one() -> None:
    batch = BatchMetadata(
        {"DequeueCountArray": Datum("7", "json")}, "serviceBusTrigger"
    )
    with pytest.raises(DatumTypeError, match="an array"):
        batch.get(DEQUEUE, 0)


def test_field_repr_names_key_and_kind() -> None:
    assert repr(DEQUEUE) == "Field('DequeueCount', integer)"


def test_batch_checks_an_array_has_one_entry_per_event_when_read() -> None:
    batch = BatchMetadata(
        {"DequeueCountArray": Datum("[1, 2, 3]", "json")}, "kafkaTrigger", events=2
    )
    with pytest.raises(DatumTypeError, match="3 entries for 2 events"):
        batch.get(DEQUEUE, 0)


def test_batch_records_must_be_objects_or_null() -> None:
    batch = BatchMetadata(
        {"SystemPropertiesArray": Datum("[{}, null, 3]", "json")},
        "eventHubTrigger",
        records_key="SystemPropertiesArray",
    )
    with pytest.raises(DatumTypeError, match="an entry of trigger metadata"):
        batch.get(DEQUEUE, 0)


# --- properties read on first access ------------------------------------------

calls: list[object] = []


def counted_integer(value: object) -> int:
    calls.append(value)
    return integer(value)


class Message(LazyMetadata):
    """A minimal binding type built on the shared mechanism."""

    __slots__ = ("_batch", "_datums", "_index", "_values")
    _binding = "testTrigger"

    count = MetadataProperty("Count", counted_integer, "A count.", native=int)
    label = DefaultedProperty("Label", text, "A label.", default=str)

    @classmethod
    def received(cls, datums: dict[str, Datum]) -> Message:
        message = cls.__new__(cls)
        message._values = {}
        message._datums = datums
        message._batch = None
        message._index = -1
        return message


@pytest.fixture(autouse=True)
def _no_calls() -> None:
    calls.clear()


def test_a_property_is_converted_on_first_access_and_kept() -> None:
    message = Message.received({"Count": Datum("7", "string")})
    assert calls == []  # nothing converted yet
    assert message.count == 7
    assert message.count == 7
    assert calls == ["7"]  # once


@pytest.mark.parametrize("datum", [Datum("null", "json"), Datum(None, "string")])
def test_a_null_value_is_none(datum: Datum) -> None:
    assert Message.received({"Count": datum}).count is None
    assert calls == []


def test_an_absent_value_is_none_and_kept() -> None:
    message = Message.received({})
    assert message.count is None
    assert message._values == {"count": None}
    assert message.label == ""  # DefaultedProperty: its default, not None


def test_a_value_of_the_native_type_is_not_converted() -> None:
    message = Message.received({"Count": Datum(3, "int")})
    assert message.count == 3
    assert calls == []  # an int is already an integer
    assert Field("Key", counted_integer, native=int).native is int
    assert Field("Key", text).native is str  # the module's kinds know theirs
    assert Field("Key", timestamp).native is None


def test_a_bad_value_raises_at_each_access_naming_binding_and_key() -> None:
    message = Message.received(
        {"Count": Datum("many", "string"), "Label": Datum("ok", "string")}
    )
    for _ in range(2):
        with pytest.raises(DatumTypeError, match=r"'testTrigger'.*'Count'.*'many'"):
            _ = message.count
    assert message.label == "ok"
    assert message._peek("count") == "?"
    assert message._peek("label") == "ok"


def test_json_metadata_is_decoded_on_access() -> None:
    message = Message.received({"Count": Datum("{oops", "json")})
    with pytest.raises(InvalidJSONError, match=r"'Count'.*'testTrigger'"):
        _ = message.count


def test_a_batch_event_reads_its_entry() -> None:
    batch = BatchMetadata({"CountArray": Datum("[4, 5]", "json")}, "testTrigger")
    second = Message.received({})
    second._datums = None
    second._batch = batch
    second._index = 1
    assert second.count == 5
    assert second.label == ""


def test_properties_are_read_only_and_listed_in_order() -> None:
    message = Message.received({})
    with pytest.raises(AttributeError, match="read-only"):
        message.count = 1  # type: ignore[assignment]
    assert [p.name for p in metadata_properties(Message)] == [
        "count",
        "label",
    ]
    assert (
        repr(Message.count)
        == "<MetadataProperty count Field('Count', counted_integer)>"
    )
    assert Message.count.__doc__ == "A count."
