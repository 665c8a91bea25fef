"""Storage queues: QueueMessage, the queueTrigger decoder and the queue encoder."""

from __future__ import annotations

import datetime
import json
import typing
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
import azure.functions.queue as public_queue
from azure.functions._bindings.queue import (
    QueueMessage,
    QueueMessageInConverter,
    QueueMessageOutConverter,
)
from azure.functions.meta import Datum, build_metadata, get_binding_registry
from tests._wire import WorkerDatum, collection_message

UTC = datetime.timezone.utc
TEXT = st.text(alphabet=st.characters(codec="utf-8"))

# Trigger metadata as the host sends it for a storage queue message: times are
# DateTimeOffset values, serialised as JSON strings.
HOST_METADATA = {
    "Id": Datum("5b2b8f3a-3c1e-4f5e-9b2a-0d6f1e2a7c44", "string"),
    "DequeueCount": Datum(1, "int"),
    "ExpirationTime": Datum('"2024-05-08T09:26:47+00:00"', "json"),
    "InsertionTime": Datum('"2024-05-01T09:26:47+00:00"', "json"),
    "NextVisibleTime": Datum('"2024-05-01T09:36:47.1234567+00:00"', "json"),
    "PopReceipt": Datum("AgAAAAMAAAAAAAAAhJa8IbGb2gE=", "string"),
    "QueueTrigger": Datum("hello", "string"),
    "sys": Datum('{"MethodName":"fn","UtcNow":"2024-05-01T09:26:48Z"}', "json"),
}


def decode(datum: object, metadata: object = None) -> QueueMessage:
    return QueueMessageInConverter.decode(datum, trigger_metadata=metadata)  # type: ignore[arg-type]


def encode(obj: object) -> Datum:
    return QueueMessageOutConverter.encode(obj, expected_type=None)


# --------------------------------------------------------------------------- #
# Registration and public names
# --------------------------------------------------------------------------- #


def test_converters_serve_their_bindings() -> None:
    registry = get_binding_registry()
    assert registry.get("queueTrigger") is QueueMessageInConverter
    assert registry.get("queue") is QueueMessageOutConverter
    assert QueueMessageInConverter.has_trigger_support()
    assert not QueueMessageOutConverter.has_trigger_support()
    assert not QueueMessageOutConverter.has_implicit_output()


def test_public_module_reexports_the_reference_names() -> None:
    assert public_queue.__all__ == [
        "QueueMessage",
        "QueueMessageInConverter",
        "QueueMessageOutConverter",
    ]
    assert public_queue.QueueMessage is QueueMessage


# --------------------------------------------------------------------------- #
# QueueMessage
# --------------------------------------------------------------------------- #


def test_message_without_arguments_is_empty() -> None:
    msg = QueueMessage()
    assert msg.id is None
    assert msg.get_body() == b""
    assert msg.pop_receipt is None
    assert msg.dequeue_count is None
    assert msg.expiration_time is None
    assert msg.insertion_time is None
    assert msg.time_next_visible is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("héllo", "héllo".encode()),
        (b"\x00\xff", b"\x00\xff"),
        (bytearray(b"ab"), b"ab"),
    ],
)
def test_body_is_kept_as_bytes(body: str | bytes | bytearray, expected: bytes) -> None:
    msg = QueueMessage(id="1", body=body, pop_receipt="pr")
    assert msg.get_body() == expected
    assert type(msg.get_body()) is bytes
    assert (msg.id, msg.pop_receipt) == ("1", "pr")


def test_body_of_another_type_is_refused() -> None:
    with pytest.raises(TypeError, match="int"):
        QueueMessage(body=12)  # type: ignore[arg-type]


def test_message_is_read_only() -> None:
    msg = QueueMessage(id="1")
    with pytest.raises(AttributeError):
        msg.id = "2"  # type: ignore[assignment]  # read-only
    with pytest.raises(AttributeError):
        msg.extra = 1  # type: ignore[attr-defined]


def test_get_json_parses_the_body() -> None:
    assert QueueMessage(body='{"isJSON": true, "n": [1, 2]}').get_json() == {
        "isJSON": True,
        "n": [1, 2],
    }


def test_get_json_of_text_names_the_message() -> None:
    msg = QueueMessage(id="m-1", body="not json")
    with pytest.raises(func.InvalidJSONError, match="m-1") as info:
        msg.get_json()
    assert isinstance(info.value, ValueError)


def test_repr_shows_id_count_and_size() -> None:
    msg = QueueMessage(
        id="abc",
        body=b"12345",
        dequeue_count=2,
        insertion_time=datetime.datetime(2024, 5, 1, tzinfo=UTC),
    )
    text = repr(msg)
    assert "abc" in text
    assert "dequeue_count=2" in text
    assert "2024-05-01T00:00:00+00:00" in text
    assert "5 bytes" in text


# --------------------------------------------------------------------------- #
# queueTrigger decode
# --------------------------------------------------------------------------- #


def test_decode_reads_every_metadata_field() -> None:
    msg = decode(Datum("hello", "string"), HOST_METADATA)
    assert msg.get_body() == b"hello"
    assert msg.id == "5b2b8f3a-3c1e-4f5e-9b2a-0d6f1e2a7c44"
    assert msg.dequeue_count == 1
    assert msg.expiration_time == datetime.datetime(2024, 5, 8, 9, 26, 47, tzinfo=UTC)
    assert msg.insertion_time == datetime.datetime(2024, 5, 1, 9, 26, 47, tzinfo=UTC)
    assert msg.time_next_visible == datetime.datetime(
        2024, 5, 1, 9, 36, 47, 123456, tzinfo=UTC
    )
    assert msg.pop_receipt == "AgAAAAMAAAAAAAAAhJa8IbGb2gE="


def test_decode_accepts_plain_string_times_offsets_and_text_counts() -> None:
    metadata = build_metadata(
        {
            "DequeueCount": "3",
            "InsertionTime": "2024-05-01T11:26:47+02:00",
            "ExpirationTime": "05/08/2024 09:26:47",
        }
    )
    msg = decode(Datum("x", "string"), metadata)
    assert msg.dequeue_count == 3
    assert msg.insertion_time == datetime.datetime(2024, 5, 1, 9, 26, 47, tzinfo=UTC)
    assert msg.expiration_time == datetime.datetime(2024, 5, 8, 9, 26, 47)


def test_decode_of_bytes_keeps_them() -> None:
    msg = decode(Datum(b"\x00\x01binary", "bytes"), HOST_METADATA)
    assert msg.get_body() == b"\x00\x01binary"


def test_decode_of_a_json_payload_keeps_its_text() -> None:
    msg = decode(Datum('{"order": 7}', "json"), HOST_METADATA)
    assert msg.get_body() == b'{"order": 7}'
    assert msg.get_json() == {"order": 7}


@pytest.mark.parametrize("metadata", [None, {}])
def test_decode_without_metadata_leaves_fields_unset(metadata: object) -> None:
    msg = decode(Datum("hi", "string"), metadata)
    assert msg.get_body() == b"hi"
    assert msg.id is None
    assert msg.dequeue_count is None
    assert msg.insertion_time is None


def test_decode_accepts_the_workers_own_datums() -> None:
    metadata = {
        "Id": WorkerDatum("w-1", "string"),
        "DequeueCount": WorkerDatum(4, "int"),
    }
    msg = decode(WorkerDatum("from the worker", "string"), metadata)
    assert (msg.id, msg.dequeue_count) == ("w-1", 4)
    assert msg.get_body() == b"from the worker"


@pytest.mark.parametrize(
    "datum",
    [
        Datum(3, "int"),
        Datum(1.5, "double"),
        Datum(None, None),
        Datum(collection_message("collection_string", ["a"]), "collection_string"),
        Datum({}, "http"),
        Datum(42, "string"),
    ],
)
def test_decode_refuses_other_wire_types(datum: Datum) -> None:
    with pytest.raises(func.DatumTypeError, match="'queueTrigger'") as info:
        decode(datum, HOST_METADATA)
    assert isinstance(info.value, NotImplementedError)


@pytest.mark.parametrize(
    ("key", "prop", "value"),
    [
        ("DequeueCount", "dequeue_count", Datum("many", "string")),
        ("DequeueCount", "dequeue_count", Datum("[1]", "json")),
        ("InsertionTime", "insertion_time", Datum("yesterday", "string")),
        ("ExpirationTime", "expiration_time", Datum('"2024-13-45T00:00:00Z"', "json")),
        ("Id", "id", Datum('{"nested": 1}', "json")),
    ],
)
def test_malformed_metadata_is_named_when_its_property_is_read(
    key: str, prop: str, value: Datum
) -> None:
    msg = decode(Datum("x", "string"), {**HOST_METADATA, key: value})  # no error yet
    assert msg.get_body() == b"x"
    assert msg.pop_receipt == "AgAAAAMAAAAAAAAAhJa8IbGb2gE="  # the rest reads fine
    for _ in range(2):  # a failed conversion is not kept: it fails again
        with pytest.raises(func.DatumTypeError, match=f"'queueTrigger'.*{key}"):
            getattr(msg, prop)
    with pytest.raises(func.DatumTypeError, match=key):
        msg.to_dict()
    text = repr(msg)  # never fails: a value that does not convert shows as ?
    assert f"{prop}=?" in text or (prop == "id" and "id='?'" in text)


def test_metadata_with_invalid_json_is_named_when_read() -> None:
    metadata = {**HOST_METADATA, "InsertionTime": Datum('"2024-05-01', "json")}
    msg = decode(Datum("x", "string"), metadata)
    assert msg.id == HOST_METADATA["Id"].value
    with pytest.raises(func.InvalidJSONError, match="InsertionTime"):
        _ = msg.insertion_time


def test_metadata_is_converted_on_first_access_and_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from azure.functions import _metadata

    parsed: list[str] = []
    real = _metadata.parse_datetime

    def counting(value: str) -> datetime.datetime:
        parsed.append(value)
        return real(value)

    monkeypatch.setattr(_metadata, "parse_datetime", counting)
    msg = decode(Datum("x", "string"), HOST_METADATA)
    assert msg.id is not None
    assert msg.dequeue_count == 1
    assert parsed == []  # decoding and other properties parse no timestamp
    first = msg.insertion_time
    assert msg.insertion_time is first
    assert parsed == ["2024-05-01T09:26:47+00:00"]
    msg.to_dict()
    assert sorted(parsed) == [
        "2024-05-01T09:26:47+00:00",
        "2024-05-01T09:36:47.1234567+00:00",
        "2024-05-08T09:26:47+00:00",
    ]


@given(body=TEXT | st.binary())
def test_decode_keeps_any_body(body: str | bytes) -> None:
    kind = "string" if isinstance(body, str) else "bytes"
    msg = decode(Datum(body, kind), HOST_METADATA)
    assert msg.get_body() == (body.encode() if isinstance(body, str) else body)


# --------------------------------------------------------------------------- #
# queue encode
# --------------------------------------------------------------------------- #


def test_encode_sends_text_and_bytes_as_they_are() -> None:
    assert encode("hello") == Datum("hello", "string")
    assert encode(b"\x00\xff") == Datum(b"\x00\xff", "bytes")
    assert encode(bytearray(b"ab")) == Datum(b"ab", "bytes")


def test_encode_of_a_message_sends_id_and_body() -> None:
    datum = encode(QueueMessage(id="42", body=b'{"a": 1}'))
    assert datum.type == "json"
    assert json.loads(datum.value) == {"id": "42", "body": '{"a": 1}'}  # type: ignore[arg-type]


def test_encode_of_a_list_sends_one_message_per_item() -> None:
    datum = encode(["first", QueueMessage(body="second"), b"third"])
    assert datum.type == "json"
    assert json.loads(datum.value) == [  # type: ignore[arg-type]
        "first",
        {"id": None, "body": "second"},
        "third",
    ]


@pytest.mark.parametrize(
    "items",
    [("a", "b"), (x for x in ["a", "b"]), iter(["a", "b"])],
    ids=["tuple", "generator", "iterator"],
)
def test_encode_accepts_any_iterable(items: Iterable[str]) -> None:
    assert json.loads(encode(items).value) == ["a", "b"]  # type: ignore[arg-type]


def test_encode_of_an_empty_list_sends_no_message() -> None:
    assert encode([]) == Datum("[]", "json")


@pytest.mark.parametrize(
    "value",
    [{"a": 1}, None, 3, 1.5, object()],
    ids=["dict", "None", "int", "float", "object"],
)
def test_encode_refuses_other_values(value: object) -> None:
    with pytest.raises(func.DatumTypeError, match="'queue'") as info:
        encode(value)
    assert isinstance(info.value, NotImplementedError)


def test_encode_names_a_bad_list_item() -> None:
    with pytest.raises(func.DatumTypeError, match="item 1"):
        encode(["ok", 5])


@pytest.mark.parametrize(
    "value",
    [QueueMessage(body=b"\xff\xfe"), [QueueMessage(body=b"\xff")], [b"\xc3"]],
    ids=["message", "message in list", "bytes in list"],
)
def test_encode_refuses_binary_content_inside_json(value: object) -> None:
    with pytest.raises(func.DatumTypeError, match="UTF-8"):
        encode(value)


@given(msg_id=st.none() | TEXT, body=TEXT)
def test_message_round_trips_through_the_wire(msg_id: str | None, body: str) -> None:
    datum = encode(QueueMessage(id=msg_id, body=body))
    assert json.loads(datum.value) == {"id": msg_id, "body": body}  # type: ignore[arg-type]


@given(st.lists(TEXT | st.builds(lambda b: QueueMessage(body=b), TEXT), max_size=5))
def test_list_round_trips_through_the_wire(items: list[str | QueueMessage]) -> None:
    sent = json.loads(encode(items).value)  # type: ignore[arg-type]
    assert len(sent) == len(items)
    for wire, item in zip(sent, items, strict=True):
        if isinstance(item, str):
            assert wire == item
        else:
            assert wire == {"id": None, "body": item.get_body().decode()}


# --------------------------------------------------------------------------- #
# Annotations
# --------------------------------------------------------------------------- #


class MyMessage(QueueMessage):
    pass


@pytest.mark.parametrize(
    ("pytype", "expected"),
    [
        (QueueMessage, True),
        (MyMessage, True),
        (str, False),
        (bytes, False),
        (list[QueueMessage], False),
        (typing.Optional[QueueMessage], False),  # noqa: UP045 - the typing spelling
        ("QueueMessage", False),
        (None, False),
    ],
)
def test_input_annotations(pytype: object, expected: bool) -> None:
    assert QueueMessageInConverter.check_input_type_annotation(pytype) is expected


@pytest.mark.parametrize(
    ("pytype", "expected"),
    [
        (QueueMessage, True),
        (str, True),
        (bytes, True),
        (list[str], True),
        (typing.List[bytes], True),  # noqa: UP006 - the typing spelling
        (list[QueueMessage], True),
        (typing.Iterable[MyMessage], True),
        (list[int], False),
        (dict[str, str], False),
        (int, False),
        (typing.Optional[str], False),  # noqa: UP045
        (list, False),
        (3, False),
    ],
)
def test_output_annotations(pytype: object, expected: bool) -> None:
    assert QueueMessageOutConverter.check_output_type_annotation(pytype) is expected
