"""The Kafka binding: KafkaEvent and the kafka and kafkaTrigger converters."""

from __future__ import annotations

import json
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
from azure.functions import DatumTypeError, InvalidJSONError
from azure.functions._bindings.eventhub import EventHubEvent
from azure.functions._bindings.kafka import (
    AbstractKafkaEvent,
    KafkaConverter,
    KafkaEvent,
    KafkaTriggerConverter,
)
from azure.functions.meta import Datum, build_metadata
from tests._wire import collection_message

# The Kafka extension sends the whole record as the payload, and its parts as metadata.
RECORD = (
    '{"Offset":1,"Partition":0,"Topic":"users","Timestamp":"2020-06-20T04:43:28.998Z",'
    '"Value":"hello","Headers":[{"Key":"test","Value":"MQ=="}],"Key":"user-1"}'
)
SINGLE: dict[str, Datum] = {
    "Key": Datum("user-1", "string"),
    "Offset": Datum("1", "string"),
    "Partition": Datum("0", "string"),
    "Topic": Datum("users", "string"),
    "Timestamp": Datum("2020-06-20T04:43:28.998Z", "string"),
    "Headers": Datum('[{"Key":"test","Value":"MQ=="}]', "json"),
    "Value": Datum("hello", "string"),
    "sys": Datum('{"MethodName":"on_event","UtcNow":"2020-06-20T04:43:30Z"}', "json"),
}


def batch_metadata(count: int = 2) -> dict[str, Datum]:
    return {
        "KeyArray": Datum(json.dumps([f"k{i}" for i in range(count)]), "json"),
        "OffsetArray": Datum(
            collection_message("collection_sint64", [62 + i for i in range(count)]),
            "collection_sint64",
        ),
        "PartitionArray": Datum(json.dumps([1] * count), "json"),
        "TimestampArray": Datum(
            json.dumps([f"2020-06-20T05:06:2{i}.139Z" for i in range(count)]), "json"
        ),
        "TopicArray": Datum(
            collection_message("collection_string", ["orders"] * count),
            "collection_string",
        ),
        "HeadersArray": Datum(
            json.dumps([[{"Key": "n", "Value": str(i)}] for i in range(count)]), "json"
        ),
        "sys": Datum('{"MethodName":"on_batch"}', "json"),
    }


def decode_one(data: Datum, metadata: dict[str, Datum] | None) -> KafkaEvent:
    event = KafkaTriggerConverter.decode(data, trigger_metadata=metadata)
    assert isinstance(event, KafkaEvent)
    return event


def decode_many(data: Datum, metadata: dict[str, Datum]) -> list[KafkaEvent]:
    events = KafkaTriggerConverter.decode(data, trigger_metadata=metadata)
    assert isinstance(events, list)
    return events


# --- KafkaEvent ------------------------------------------------------------------


def test_event_constructor() -> None:
    event = KafkaEvent(
        body="v",
        key="k",
        offset=3,
        partition=1,
        topic="t",
        timestamp="2020-06-20T04:43:28.998Z",
        headers=[{"Key": "a", "Value": "MQ=="}],
        trigger_metadata=build_metadata({"sys": {"MethodName": "f"}}),
    )
    assert event.get_body() == b"v"
    assert (event.key, event.offset, event.partition, event.topic) == ("k", 3, 1, "t")
    assert event.timestamp == "2020-06-20T04:43:28.998Z"
    assert event.headers == [{"Key": "a", "Value": "MQ=="}]
    assert event.metadata is not None
    assert json.loads(typing.cast("str", event.metadata["sys"])) == {"MethodName": "f"}


def test_event_defaults() -> None:
    event = KafkaEvent()
    assert event.get_body() == b""
    assert [event.key, event.offset, event.partition, event.topic] == [None] * 4
    assert event.timestamp is None
    assert event.headers is None
    assert event.metadata is None


def test_event_implements_the_abstract_event() -> None:
    assert isinstance(KafkaEvent(), AbstractKafkaEvent)
    with pytest.raises(TypeError):
        AbstractKafkaEvent()  # type: ignore[abstract]
    assert not hasattr(KafkaEvent(), "__dict__")


def test_event_is_read_only() -> None:
    event = KafkaEvent(key="k")
    with pytest.raises(AttributeError):
        event.key = "other"  # type: ignore[assignment]  # read-only


def test_event_get_json_and_repr() -> None:
    event = KafkaEvent(body=RECORD, topic="users", partition=0, offset=1, key="u")
    assert event.get_json() == json.loads(RECORD)
    assert repr(event) == (
        f"<KafkaEvent topic='users' partition=0 offset=1 key='u' body={len(RECORD)} bytes>"
    )
    with pytest.raises(InvalidJSONError):
        KafkaEvent(body=b"\xff").get_json()


def test_public_module_exports() -> None:
    import azure.functions.kafka as module

    assert sorted(module.__all__) == [
        "AbstractKafkaEvent",
        "KafkaConverter",
        "KafkaEvent",
        "KafkaTriggerConverter",
    ]
    assert module.KafkaEvent is KafkaEvent
    assert module.KafkaConverter is KafkaConverter
    assert module.KafkaTriggerConverter is KafkaTriggerConverter


# --- annotations -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (KafkaEvent, True),
        (list[KafkaEvent], True),
        (typing.List[KafkaEvent], True),  # noqa: UP006
        (AbstractKafkaEvent, False),
        (str, False),
        (bytes, False),
        (list[str], False),
        (EventHubEvent, False),
        (typing.Optional[KafkaEvent], False),  # noqa: UP045
        (list[int], False),
        (3, False),
    ],
)
def test_input_annotations(annotation: object, expected: bool) -> None:
    assert KafkaConverter.check_input_type_annotation(annotation) is expected
    assert KafkaTriggerConverter.check_input_type_annotation(annotation) is expected


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (str, True),
        (bytes, True),
        (list[str], True),
        (typing.List[str], True),  # noqa: UP006
        (list[bytes], False),
        (KafkaEvent, False),
        (list[KafkaEvent], False),
        (int, False),
    ],
)
def test_output_annotations(annotation: object, expected: bool) -> None:
    assert KafkaConverter.check_output_type_annotation(annotation) is expected
    assert KafkaTriggerConverter.check_output_type_annotation(annotation) is expected


def test_converter_flags_and_registry() -> None:
    assert KafkaTriggerConverter.has_trigger_support()
    assert not KafkaConverter.has_trigger_support()
    registry = func.get_binding_registry()
    assert registry.get("kafkaTrigger") is KafkaTriggerConverter
    assert registry.get("kafka") is KafkaConverter


# --- trigger: one event ------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [Datum(RECORD, "string"), Datum(RECORD, "json"), Datum(RECORD.encode(), "bytes")],
)
def test_single_event(data: Datum) -> None:
    event = decode_one(data, SINGLE)
    assert event.get_body() == RECORD.encode()
    assert event.key == "user-1"
    assert event.offset == 1
    assert event.partition == 0
    assert event.topic == "users"
    assert event.timestamp == "2020-06-20T04:43:28.998Z"
    assert event.headers == [{"Key": "test", "Value": "MQ=="}]


def test_metadata_is_kept_as_the_host_sent_it() -> None:
    """JSON entries stay text, as they always have for Kafka events."""
    event = decode_one(Datum(RECORD, "string"), SINGLE)
    metadata = event.metadata
    assert metadata is not None
    assert metadata["Offset"] == "1"
    assert json.loads(typing.cast("str", metadata["sys"]))["MethodName"] == "on_event"
    assert metadata["Headers"] == '[{"Key":"test","Value":"MQ=="}]'


def test_numeric_and_structured_keys() -> None:
    numeric = decode_one(Datum("v", "string"), {"Key": Datum(42, "int")})
    assert numeric.key == "42"
    structured = decode_one(Datum("v", "string"), {"Key": Datum('{"id": 7}', "json")})
    assert json.loads(typing.cast("str", structured.key)) == {"id": 7}


def test_event_without_metadata() -> None:
    event = decode_one(Datum(b"v", "bytes"), None)
    assert event.metadata is None
    assert event.offset is None


@pytest.mark.parametrize(
    ("metadata", "field", "prop"),
    [
        ({"Offset": Datum("first", "string")}, "'Offset'", "offset"),
        ({"Partition": Datum(1.5, "double")}, "'Partition'", "partition"),
        ({"Headers": Datum('{"a": 1}', "json")}, "'Headers'", "headers"),
        ({"Topic": Datum('["a"]', "json")}, "'Topic'", "topic"),
    ],
)
def test_malformed_metadata_raises_when_read(
    metadata: dict[str, Datum], field: str, prop: str
) -> None:
    event = decode_one(Datum("v", "string"), {**metadata, "Key": Datum("k", "string")})
    assert (event.key, event.get_body()) == ("k", b"v")  # the rest reads fine
    with pytest.raises(DatumTypeError, match=field) as info:
        getattr(event, prop)
    assert info.value.binding == "kafkaTrigger"


@pytest.mark.parametrize("data", [Datum(1, "int"), Datum([1.0], "collection_double")])
def test_unsupported_payload(data: Datum) -> None:
    with pytest.raises(DatumTypeError, match="kafkaTrigger"):
        KafkaTriggerConverter.decode(data, trigger_metadata={})


# --- trigger: batches ----------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        Datum(collection_message("collection_string", ["a", "b"]), "collection_string"),
        Datum(collection_message("collection_bytes", [b"a", b"b"]), "collection_bytes"),
        Datum(["a", "b"], "collection_string"),
    ],
)
def test_batch(data: Datum) -> None:
    first, second = decode_many(data, batch_metadata())
    assert [first.get_body(), second.get_body()] == [b"a", b"b"]
    assert [first.key, second.key] == ["k0", "k1"]
    assert [first.offset, second.offset] == [62, 63]
    assert [first.partition, second.partition] == [1, 1]
    assert [first.topic, second.topic] == ["orders", "orders"]
    assert first.timestamp == "2020-06-20T05:06:20.139Z"
    assert second.headers == [{"Key": "n", "Value": "1"}]
    assert first.metadata is second.metadata
    assert first.metadata is not None
    assert first.metadata["OffsetArray"] == [62, 63]
    assert first.metadata["sys"] == '{"MethodName":"on_batch"}'


def test_batch_with_partial_metadata() -> None:
    events = decode_many(
        Datum(["a", "b"], "collection_string"),
        {"KeyArray": Datum('["x", null]', "json")},
    )
    assert [e.key for e in events] == ["x", None]
    assert [e.offset for e in events] == [None, None]


@pytest.mark.parametrize(
    ("key", "prop"),
    [
        ("KeyArray", "key"),
        ("OffsetArray", "offset"),
        ("TopicArray", "topic"),
        ("HeadersArray", "headers"),
    ],
)
def test_batch_size_mismatch_raises_when_the_array_is_read(key: str, prop: str) -> None:
    metadata = batch_metadata()
    metadata[key] = batch_metadata(3)[key]
    first, second = decode_many(Datum(["a", "b"], "collection_string"), metadata)
    assert first.partition == 1  # the arrays of the right size read fine
    for event in (first, second):
        with pytest.raises(DatumTypeError, match=rf"'{key}' is 3 entries for 2 events"):
            getattr(event, prop)


def test_batch_array_that_is_not_an_array_raises_when_read() -> None:
    (event,) = decode_many(
        Datum(["a"], "collection_string"), {"PartitionArray": Datum("1", "json")}
    )
    with pytest.raises(DatumTypeError, match="'PartitionArray'"):
        _ = event.partition


def test_malformed_batch_json_raises_when_read() -> None:
    (event,) = decode_many(
        Datum(["a"], "collection_string"), {"KeyArray": Datum("[", "json")}
    )
    assert event.get_body() == b"a"
    with pytest.raises(InvalidJSONError, match="KeyArray"):
        _ = event.key


def test_a_batch_decodes_each_array_once_for_all_events(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from azure.functions import _datum

    decoded: list[str] = []
    real = _datum.json_value

    def counting(datum: Datum, *, binding: str, what: str) -> object:
        decoded.append(what)
        return real(datum, binding=binding, what=what)

    monkeypatch.setattr(_datum, "json_value", counting)
    events = decode_many(Datum(["a", "b", "c"], "collection_string"), batch_metadata(3))
    assert decoded == []  # decoding reads no array
    assert [event.key for event in events] == ["k0", "k1", "k2"]
    assert [event.partition for event in events] == [1, 1, 1]
    assert decoded == [
        "trigger metadata 'KeyArray'",
        "trigger metadata 'PartitionArray'",
    ]


# --- kafka (no trigger metadata) -------------------------------------------------------


def test_plain_converter_decodes_bodies_only() -> None:
    event = KafkaConverter.decode(Datum("body", "string"), trigger_metadata=SINGLE)
    assert isinstance(event, KafkaEvent)
    assert event.get_body() == b"body"
    assert event.key is None
    assert event.metadata is None
    events = KafkaConverter.decode(
        Datum(collection_message("collection_bytes", [b"1", b"2"]), "collection_bytes"),
        trigger_metadata=None,
    )
    assert isinstance(events, list)
    assert [e.get_body() for e in events] == [b"1", b"2"]


# --- output ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "wire_type", "wire_value"),
    [
        ("text", "string", "text"),
        (b"bytes", "bytes", b"bytes"),
        (["a", "b"], "json", ["a", "b"]),
        (
            {"Key": "k", "Value": "v", "Headers": []},
            "json",
            {"Key": "k", "Value": "v", "Headers": []},
        ),
        (None, None, None),
    ],
)
def test_encode(value: object, wire_type: str | None, wire_value: object) -> None:
    datum = KafkaConverter.encode(value, expected_type=None)
    assert datum.type == wire_type
    if wire_type == "json":
        assert json.loads(typing.cast("str", datum.value)) == wire_value
    else:
        assert datum.value == wire_value
    assert KafkaTriggerConverter.encode(value, expected_type=None) == datum


def test_encode_rejects_an_event() -> None:
    with pytest.raises(DatumTypeError, match="'kafka'"):
        KafkaConverter.encode(KafkaEvent(), expected_type=None)


# --- properties ----------------------------------------------------------------------------


@given(
    st.lists(
        st.tuples(
            st.binary(),
            st.one_of(st.none(), st.text()),
            st.integers(min_value=0, max_value=2**63 - 1),
        ),
        max_size=5,
    )
)
def test_batch_round_trip(records: list[tuple[bytes, str | None, int]]) -> None:
    """Each event gets its own body, key and offset, whatever the batch."""
    bodies = [body for body, _, _ in records]
    metadata = {
        "KeyArray": Datum(json.dumps([key for _, key, _ in records]), "json"),
        "OffsetArray": Datum(
            collection_message(
                "collection_sint64", [offset for _, _, offset in records]
            ),
            "collection_sint64",
        ),
    }
    events = decode_many(
        Datum(collection_message("collection_bytes", bodies), "collection_bytes"),
        metadata,
    )
    assert [(e.get_body(), e.key, e.offset) for e in events] == records


@given(st.lists(st.text(), max_size=5))
def test_list_output_is_a_json_array(values: list[str]) -> None:
    datum = KafkaConverter.encode(values, expected_type=list[str])
    assert datum.type == "json"
    assert json.loads(typing.cast("str", datum.value)) == values


def test_headers_sent_as_text() -> None:
    event = decode_one(
        Datum("v", "string"),
        {"Headers": Datum(' [{"Key": "a", "Value": "Yg=="}]', "string")},
    )
    assert event.headers == [{"Key": "a", "Value": "Yg=="}]
