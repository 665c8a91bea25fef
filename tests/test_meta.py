from __future__ import annotations

import datetime
import json
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import azure.functions as func
from azure.functions import meta
from azure.functions.meta import (
    Datum,
    build_metadata,
    datum_to_python,
    json_value,
    metadata_value,
    to_datum,
)
from tests._wire import WorkerDatum, collection_message

# -- Datum ---------------------------------------------------------------------------


def test_datum_attributes_and_keywords() -> None:
    datum = Datum(type="string", value="x")
    assert (datum.type, datum.value) == ("string", "x")


def test_datum_equality() -> None:
    assert Datum("a", "string") == Datum("a", "string")
    assert Datum("a", "string") != Datum("a", "json")
    assert Datum("a", "string") != Datum("b", "string")
    assert Datum(b"a", "bytes") != Datum("a", "bytes")
    assert Datum(None, None) == Datum(None, None)


def test_datum_is_not_equal_to_other_objects() -> None:
    assert Datum("a", "string") != WorkerDatum("a", "string")
    assert Datum("a", "string") != "a"
    assert Datum(None, None) != None  # noqa: E711


def test_equal_datums_hash_alike() -> None:
    assert hash(Datum(1, "int")) == hash(Datum(1, "int"))
    assert len({Datum(1, "int"), Datum(1, "int"), Datum(1, "double")}) == 2


def test_datum_of_a_dict_is_unhashable() -> None:
    with pytest.raises(TypeError):
        hash(Datum({"a": Datum("b", "string")}, "http"))


def test_datum_repr() -> None:
    assert repr(Datum("hi", "string")) == "<Datum string 'hi'>"
    assert repr(Datum(None, None)) == "<Datum None None>"
    long = repr(Datum("x" * 100, "string"))
    assert long.endswith("...>")
    assert len(long) < 60


@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (Datum("text", "string"), "text"),
        (Datum(b"\x00", "bytes"), b"\x00"),
        (Datum(7, "int"), 7),
        (Datum(2.5, "double"), 2.5),
        (Datum('{"a": [1, null]}', "json"), {"a": [1, None]}),
        (Datum(b'"bytes json"', "json"), "bytes json"),
        (Datum(None, "string"), None),
        (Datum("ignored", None), None),
        (Datum(["a", "b"], "collection_string"), ["a", "b"]),
        (Datum((1, 2), "collection_sint64"), [1, 2]),
    ],
)
def test_python_value(datum: Datum, expected: object) -> None:
    assert datum.python_value == expected
    assert datum.python_type is type(expected)


@pytest.mark.parametrize(
    ("kind", "proto", "expected"),
    [
        (
            "collection_string",
            collection_message("collection_string", ["a", "b"]),
            ["a", "b"],
        ),
        ("collection_bytes", collection_message("collection_bytes", [b"x"]), [b"x"]),
        (
            "collection_double",
            collection_message("collection_double", [1.5, 2.0]),
            [1.5, 2.0],
        ),
        (
            "collection_sint64",
            collection_message("collection_sint64", [-1, 2**40]),
            [-1, 2**40],
        ),
    ],
)
def test_python_value_of_proto_collections(
    kind: str, proto: object, expected: list[object]
) -> None:
    assert Datum(proto, kind).python_value == expected
    assert datum_to_python(Datum(proto, kind), binding="b", what="w") == expected
    assert datum_to_python(WorkerDatum(proto, kind), binding="b", what="w") == expected


@pytest.mark.parametrize("items", ["abc", b"abc", 5])
def test_python_value_of_a_collection_holding_no_items(items: object) -> None:
    with pytest.raises(func.DatumTypeError, match="iterable"):
        Datum(items, "collection_string").python_value  # noqa: B018


def test_python_value_of_malformed_json() -> None:
    with pytest.raises(func.InvalidJSONError, match="json datum"):
        Datum("{nope", "json").python_value  # noqa: B018


def test_python_value_of_http_is_its_dict() -> None:
    value = {"url": Datum("/", "string")}
    assert Datum(value, "http").python_value is value


# -- to_datum and build_metadata ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, Datum(None, None)),
        ("s", Datum("s", "string")),
        ("", Datum("", "string")),
        (b"b", Datum(b"b", "bytes")),
        (bytearray(b"ba"), Datum(b"ba", "bytes")),
        (memoryview(b"mv"), Datum(b"mv", "bytes")),
        (3, Datum(3, "int")),
        (2**70, Datum(2**70, "int")),
        (2.5, Datum(2.5, "double")),
        (True, Datum("true", "json")),
        (False, Datum("false", "json")),
        ({"a": 1, "é": [None]}, Datum('{"a":1,"é":[null]}', "json")),
        ([1, "x"], Datum('[1,"x"]', "json")),
        ((1, 2), Datum("[1,2]", "json")),
        ({1: "int key"}, Datum('{"1":"int key"}', "json")),
    ],
)
def test_to_datum(value: object, expected: Datum) -> None:
    datum = to_datum(value)
    assert datum == expected
    assert type(datum.value) is type(expected.value)


@pytest.mark.parametrize(
    "value", [{1, 2}, object(), 1j, datetime.date(2024, 1, 1), {"a": object()}]
)
def test_to_datum_of_unsupported_values(value: object) -> None:
    with pytest.raises(func.DatumTypeError, match="'myBinding'") as info:
        to_datum(value, binding="myBinding")
    assert isinstance(info.value, NotImplementedError)
    assert info.value.binding == "myBinding"


def test_to_datum_of_a_cycle() -> None:
    cycle: dict[str, object] = {}
    cycle["self"] = cycle
    with pytest.raises(func.DatumTypeError, match="not JSON serialisable"):
        to_datum(cycle)


def test_to_datum_names_metadata_by_default() -> None:
    with pytest.raises(func.DatumTypeError, match="'metadata'"):
        to_datum(object())


def test_build_metadata() -> None:
    metadata = build_metadata(
        {"Id": "42", "DequeueCount": 3, "Body": b"x", "Props": {"k": [1]}, "None": None}
    )
    assert metadata == {
        "Id": Datum("42", "string"),
        "DequeueCount": Datum(3, "int"),
        "Body": Datum(b"x", "bytes"),
        "Props": Datum('{"k":[1]}', "json"),
        "None": Datum(None, None),
    }
    assert metadata_value(metadata, "Props", binding="b") == {"k": [1]}


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)  # orjson reads only 64-bit ints exactly
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(value=json_values)
def test_to_datum_round_trips_through_python_value(value: object) -> None:
    assert to_datum(value).python_value == value


# -- datum_to_python, json_value, metadata_value ------------------------------------


@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (None, None),
        (WorkerDatum("t", "string"), "t"),
        (WorkerDatum(b"b", "bytes"), b"b"),
        (WorkerDatum(5, "int"), 5),
        (WorkerDatum(0.5, "double"), 0.5),
        (WorkerDatum("[1, 2]", "json"), [1, 2]),
        (WorkerDatum(None, None), None),
        (WorkerDatum(["x"], "collection_string"), ["x"]),
    ],
)
def test_datum_to_python(datum: WorkerDatum | None, expected: object) -> None:
    assert datum_to_python(datum, binding="b", what="w") == expected


@pytest.mark.parametrize(
    "datum",
    [
        WorkerDatum({}, "http"),
        WorkerDatum(object(), "model_binding_data"),
        WorkerDatum("x", "no_such_type"),
    ],
)
def test_datum_to_python_refuses_values_without_a_plain_form(
    datum: WorkerDatum,
) -> None:
    with pytest.raises(func.DatumTypeError, match=r"'queue'.*the message") as info:
        datum_to_python(datum, binding="queue", what="the message")
    assert repr(datum.type) in str(info.value)


@pytest.mark.parametrize("items", ["abc", b"abc", 5, None])
def test_datum_to_python_refuses_collections_holding_no_items(items: object) -> None:
    with pytest.raises(func.DatumTypeError, match="iterable"):
        datum_to_python(WorkerDatum(items, "collection_string"), binding="b", what="w")


def test_json_value_names_binding_and_what() -> None:
    with pytest.raises(func.InvalidJSONError) as info:
        json_value(WorkerDatum("{bad", "json"), binding="eventHub", what="the event")
    message = str(info.value)
    assert "'eventHub'" in message
    assert "the event" in message
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, json.JSONDecodeError)


def test_json_value_of_a_non_text_datum() -> None:
    with pytest.raises(func.DatumTypeError, match="holding int"):
        json_value(WorkerDatum(5, "json"), binding="b", what="w")


def test_metadata_value() -> None:
    metadata = {
        "Text": WorkerDatum("t", "string"),
        "Json": WorkerDatum('{"a": true}', "json"),
        "Count": WorkerDatum(2, "int"),
        "Empty": WorkerDatum(None, None),
    }
    assert metadata_value(metadata, "Text", binding="b") == "t"
    assert metadata_value(metadata, "Json", binding="b") == {"a": True}
    assert metadata_value(metadata, "Count", binding="b") == 2
    assert metadata_value(metadata, "Empty", binding="b") is None
    assert metadata_value(metadata, "Missing", binding="b") is None
    assert metadata_value(None, "Text", binding="b") is None
    assert metadata_value({}, "Text", binding="b") is None


def test_metadata_value_of_malformed_json_names_binding_and_field() -> None:
    metadata = {"Properties": WorkerDatum("{oops", "json")}
    with pytest.raises(func.InvalidJSONError) as info:
        metadata_value(metadata, "Properties", binding="serviceBusTrigger")
    assert "'serviceBusTrigger'" in str(info.value)
    assert "'Properties'" in str(info.value)


def test_metadata_value_of_an_http_field_names_it() -> None:
    metadata = {"Req": WorkerDatum({}, "http")}
    with pytest.raises(func.DatumTypeError, match="trigger metadata 'Req'") as info:
        metadata_value(metadata, "Req", binding="b")
    assert info.value.binding == "b"


def test_meta_module_is_reachable_from_the_package() -> None:
    assert func.meta is meta
    assert func.meta.Datum is Datum
    assert "metadata_value" in meta.__all__
    for name in meta.__all__:
        assert hasattr(meta, name), name


def test_is_iterable_type_annotation_follows_the_reference() -> None:
    from azure.functions.meta import is_iterable_type_annotation

    assert is_iterable_type_annotation(list[str], str)
    assert is_iterable_type_annotation(list[object], int)  # int fits object
    assert is_iterable_type_annotation(typing.List[bytes], (str, bytes))  # noqa: UP006
    assert not is_iterable_type_annotation(list[int], str)
    assert not is_iterable_type_annotation(list, str)
    assert not is_iterable_type_annotation(str, str)
    assert not is_iterable_type_annotation(typing.Optional[str], str)  # noqa: UP045
