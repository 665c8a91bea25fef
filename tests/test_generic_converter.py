from __future__ import annotations

import pytest

import azure.functions as func
from azure.functions._bindings.generic import GenericConverter
from azure.functions.meta import Datum, get_binding_registry
from tests._wire import WorkerDatum, collection_message


def decode(datum: WorkerDatum) -> object:
    return GenericConverter.decode(datum, trigger_metadata={})


def encode(obj: object) -> Datum:
    datum = GenericConverter.encode(obj, expected_type=None)
    assert isinstance(datum, Datum)
    return datum


def test_it_is_the_fallback_not_a_registry_entry() -> None:
    registry = get_binding_registry()
    assert registry.get("customBinding") is None
    assert registry.resolve("customBinding") is GenericConverter


@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (WorkerDatum("text", "string"), "text"),
        (WorkerDatum(b"\x00\x01", "bytes"), b"\x00\x01"),
        (WorkerDatum(42, "int"), 42),
        (WorkerDatum(-0.5, "double"), -0.5),
        (WorkerDatum(None, None), None),
        (WorkerDatum("ignored", None), None),
        (WorkerDatum(["a", "b"], "collection_string"), ["a", "b"]),
        (
            WorkerDatum(
                collection_message("collection_bytes", [b"x", b"y"]), "collection_bytes"
            ),
            [b"x", b"y"],
        ),
        (
            WorkerDatum(
                collection_message("collection_sint64", [1, -2]), "collection_sint64"
            ),
            [1, -2],
        ),
        (
            WorkerDatum(
                collection_message("collection_double", [0.5]), "collection_double"
            ),
            [0.5],
        ),
    ],
)
def test_decode(datum: WorkerDatum, expected: object) -> None:
    got = decode(datum)
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize("text", ['{"a": 1}', "not json at all", b"[1]"])
def test_decode_json_stays_text(text: str | bytes) -> None:
    assert decode(WorkerDatum(text, "json")) == text


@pytest.mark.parametrize("kind", ["http", "model_binding_data", "mystery"])
def test_decode_of_values_without_a_plain_form_is_refused(kind: str) -> None:
    with pytest.raises(func.DatumTypeError, match="'generic'") as info:
        decode(WorkerDatum({}, kind))
    assert isinstance(info.value, NotImplementedError)


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        ("text", Datum("text", "string")),
        (b"raw", Datum(b"raw", "bytes")),
        (bytearray(b"ba"), Datum(b"ba", "bytes")),
        (7, Datum(7, "int")),
        (1.25, Datum(1.25, "double")),
        (True, Datum("true", "json")),
        ({"k": ["v", 1]}, Datum('{"k":["v",1]}', "json")),
        ([1, None], Datum("[1,null]", "json")),
        (None, Datum(None, None)),
    ],
)
def test_encode(obj: object, expected: Datum) -> None:
    datum = encode(obj)
    assert datum == expected
    assert type(datum.value) is type(expected.value)


@pytest.mark.parametrize("obj", [object(), {1, 2}, 3j, {"k": object()}])
def test_encode_of_unsupported_values_is_refused(obj: object) -> None:
    with pytest.raises(func.DatumTypeError, match="'generic'") as info:
        encode(obj)
    assert isinstance(info.value, NotImplementedError)


def test_implicit_output_except_for_durable_clients() -> None:
    assert GenericConverter.has_implicit_output("durableClient") is False
    assert GenericConverter.has_implicit_output("queue") is True
    assert GenericConverter.has_implicit_output("orchestrationTrigger") is True
    assert GenericConverter.has_implicit_output() is True


def test_not_a_trigger() -> None:
    assert GenericConverter.has_trigger_support() is False


@pytest.mark.parametrize(
    ("pytype", "ok"),
    [(str, True), (bytes, True), (int, False), (list[str], False), (None, False)],
)
def test_input_annotations(pytype: object, ok: bool) -> None:
    assert GenericConverter.check_input_type_annotation(pytype) is ok


@pytest.mark.parametrize(
    ("pytype", "ok"),
    [(str, True), (bytes, True), (bytearray, True), (dict, False), ("str", False)],
)
def test_output_annotations(pytype: object, ok: bool) -> None:
    assert GenericConverter.check_output_type_annotation(pytype) is ok
