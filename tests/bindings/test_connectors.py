"""The connector trigger."""

from __future__ import annotations

import dataclasses
import datetime
import json
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
from azure.functions import connectors as public_connectors
from azure.functions._bindings.connectors import ConnectorTriggerConverter
from azure.functions.meta import Datum, get_binding_registry
from tests._wire import WorkerDatum, collection_message

# A Logic Apps connector event, as the host hands it over.
EVENT = {
    "id": "08584716023364758123",
    "type": "Microsoft.Office365.Outlook/OnNewEmailV3",
    "body": {
        "subject": "Quarterly report",
        "from": "someone@contoso.com",
        "hasAttachments": True,
        "receivedDateTime": "2024-05-01T08:30:00Z",
    },
}
EVENT_TEXT = json.dumps(EVENT)


def decode(datum: WorkerDatum | Datum) -> object:
    return ConnectorTriggerConverter.decode(datum, trigger_metadata={})


def encode(obj: object) -> Datum:
    datum = ConnectorTriggerConverter.encode(obj, expected_type=None)
    assert isinstance(datum, Datum)
    return datum


def test_registered_under_its_name_only() -> None:
    registry = get_binding_registry()
    assert registry.get("connectorTrigger") is ConnectorTriggerConverter
    assert ConnectorTriggerConverter.binding_names() == ("connectorTrigger",)
    key: object = True  # the reference registered it under True as well
    assert key not in registry
    assert ConnectorTriggerConverter.has_trigger_support()
    assert ConnectorTriggerConverter.has_implicit_output()
    assert public_connectors.ConnectorTriggerConverter is ConnectorTriggerConverter
    assert public_connectors.__all__ == ["ConnectorTriggerConverter"]


@pytest.mark.parametrize(
    ("annotation", "accepted"),
    [
        (str, True),
        (bytes, True),
        (dict, True),
        (int, False),
        (list, False),
        (func.HttpRequest, False),
        (list[str], True),  # a batch (cardinality=MANY), as in 2.4.0b1
        (list[bytes], True),
        (typing.List[bytes], True),  # noqa: UP006
        (list[int], False),
        (typing.Optional[str], False),  # noqa: UP045
        ("str", False),
        (None, False),
    ],
)
def test_input_annotations(annotation: object, accepted: bool) -> None:
    assert ConnectorTriggerConverter.check_input_type_annotation(annotation) is accepted


@pytest.mark.parametrize(
    ("annotation", "accepted"),
    [(str, True), (dict, True), (list[int], True), ("dict", False), (None, False)],
)
def test_output_annotations(annotation: object, accepted: bool) -> None:
    assert (
        ConnectorTriggerConverter.check_output_type_annotation(annotation) is accepted
    )


@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (WorkerDatum(EVENT_TEXT, "json"), EVENT_TEXT),
        (WorkerDatum(EVENT_TEXT, "string"), EVENT_TEXT),
        (WorkerDatum(EVENT_TEXT.encode(), "json"), EVENT_TEXT),
        (WorkerDatum(EVENT_TEXT.encode(), "bytes"), EVENT_TEXT.encode()),
        (WorkerDatum(bytearray(b"\x00"), "bytes"), b"\x00"),
        (WorkerDatum(12, "int"), 12),
        (
            WorkerDatum(
                collection_message("collection_sint64", [1, 2]), "collection_sint64"
            ),
            [1, 2],
        ),
        # A batch (cardinality=MANY, 2.4.0b1): each event as sent, JSON as text.
        (
            WorkerDatum(
                collection_message("collection_string", [EVENT_TEXT, "b"]),
                "collection_string",
            ),
            [EVENT_TEXT, "b"],
        ),
        (
            WorkerDatum(
                collection_message("collection_bytes", [b"\x00", b"y"]),
                "collection_bytes",
            ),
            [b"\x00", b"y"],
        ),
        (WorkerDatum(None, None), None),
    ],
)
def test_decode_hands_the_payload_on(datum: WorkerDatum, expected: object) -> None:
    got = decode(datum)
    assert got == expected
    assert type(got) is type(expected)


def test_json_payload_stays_text() -> None:
    got = decode(Datum(EVENT_TEXT, "json"))
    assert isinstance(got, str)
    assert json.loads(got) == EVENT


@pytest.mark.parametrize(
    "datum",
    [
        WorkerDatum({}, "http"),
        WorkerDatum(EVENT, "json"),
        WorkerDatum(b"\xc3", "string"),
        WorkerDatum("x", "mystery"),
    ],
)
def test_decode_refuses_values_without_a_text_form(datum: WorkerDatum) -> None:
    with pytest.raises(func.DatumTypeError, match="'connectorTrigger'"):
        decode(datum)


@dataclasses.dataclass
class Reply:
    status: str
    at: datetime.datetime


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, Datum("", "string")),
        ("ok", Datum("ok", "string")),
        (b"\x01", Datum(b"\x01", "bytes")),
        (bytearray(b"ba"), Datum(b"ba", "bytes")),
        (3, Datum("3", "string")),
        (False, Datum("False", "string")),
        ({"status": "done", "ü": 1}, Datum('{"status":"done","ü":1}', "string")),
        (["a", "b"], Datum('["a","b"]', "string")),
        (
            Reply("done", datetime.datetime(2024, 5, 1, 9, 0)),
            Datum('{"status":"done","at":"2024-05-01T09:00:00"}', "string"),
        ),
        # The reference's json.dumps raised TypeError here.
        ({"when": datetime.date(2024, 1, 2)}, Datum('{"when":"2024-01-02"}', "string")),
    ],
)
def test_encode(value: object, expected: Datum) -> None:
    assert encode(value) == expected


_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)  # orjson reads only 64-bit ints exactly
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=8), _json, max_size=5))
def test_dict_results_round_trip(value: dict[str, object]) -> None:
    got = encode(value)
    assert got.type == "string"
    assert isinstance(got.value, str)
    assert json.loads(got.value) == value


@given(st.text())
def test_text_round_trip(text: str) -> None:
    assert decode(encode(text)) == text
