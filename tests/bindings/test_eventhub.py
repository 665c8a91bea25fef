"""The Event Hubs binding: EventHubEvent, the eventHub and eventHubTrigger converters."""

from __future__ import annotations

import datetime
import json
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
from azure.functions import DatumTypeError, InvalidJSONError
from azure.functions._bindings.eventhub import (
    EventHubConverter,
    EventHubEvent,
    EventHubTriggerConverter,
)
from azure.functions._bindings.servicebus import ServiceBusMessage
from azure.functions.meta import Datum, build_metadata
from tests._wire import collection_message

UTC = datetime.timezone.utc


def as_json(text: object) -> object:
    """Wire JSON text as Python (its spacing depends on whether orjson is installed)."""
    assert isinstance(text, str)
    return json.loads(text)


class WorkerDatum:
    """The worker's own datum class: same attributes, not ours."""

    def __init__(self, value: object, type: str | None) -> None:
        self.value = value
        self.type = type


def decode_one(data: object, metadata: dict[str, object] | None) -> EventHubEvent:
    event = EventHubTriggerConverter.decode(
        data,  # type: ignore[arg-type]
        trigger_metadata=None if metadata is None else build_metadata(metadata),
    )
    assert isinstance(event, EventHubEvent)
    return event


def decode_many(data: object, metadata: dict[str, object]) -> list[EventHubEvent]:
    events = EventHubTriggerConverter.decode(
        data,  # type: ignore[arg-type]
        trigger_metadata=build_metadata(metadata),
    )
    assert isinstance(events, list)
    return events


# What the host sends for one event (cardinality: one), IoT Hub flavoured.
SYSTEM_PROPERTIES = {
    "x-opt-sequence-number": 47,
    "x-opt-offset": "3696",
    "x-opt-enqueued-time": "2020-07-14T01:27:55.627Z",
    "SequenceNumber": 47,
    "Offset": "3696",
    "PartitionKey": None,
    "EnqueuedTimeUtc": "2020-07-14T01:27:55.627Z",
    "iothub-connection-device-id": "thermostat-1",
    "iothub-enqueuedtime": "2020-07-14T01:27:55.6270000Z",
    "iothub-message-source": "Telemetry",
}
SINGLE_METADATA: dict[str, object] = {
    "SystemProperties": SYSTEM_PROPERTIES,
    "Offset": "3696",
    "SequenceNumber": 47,
    "EnqueuedTimeUtc": "2020-07-14T01:27:55.627Z",
    "PartitionKey": "sensors",
    "Properties": {"unit": "celsius"},
    "PartitionContext": {"ConsumerGroup": "$Default", "PartitionId": "0"},
    "sys": {"MethodName": "on_event", "UtcNow": "2020-07-14T01:27:55.8940305Z"},
}


# --- EventHubEvent -------------------------------------------------------------


def test_event_constructor_defaults() -> None:
    event = EventHubEvent(body=b"payload")
    assert event.get_body() == b"payload"
    assert event.partition_key is None
    assert event.sequence_number is None
    assert event.offset is None
    assert event.enqueued_time is None
    assert event.iothub_metadata is None
    assert event.metadata is None
    assert EventHubEvent().get_body() == b""


def test_event_constructor_keeps_every_property() -> None:
    when = datetime.datetime(2024, 5, 1, tzinfo=UTC)
    event = EventHubEvent(
        body="héllo",
        trigger_metadata=build_metadata({"SequenceNumber": 3}),
        enqueued_time=when,
        partition_key="pk",
        sequence_number=3,
        offset="120",
        iothub_metadata={"connection-device-id": "d"},
    )
    assert event.get_body() == "héllo".encode()
    assert event.enqueued_time == when
    assert event.partition_key == "pk"
    assert event.sequence_number == 3
    assert event.offset == "120"
    assert event.iothub_metadata == {"connection-device-id": "d"}
    assert event.metadata == {"SequenceNumber": 3}


def test_event_rejects_a_body_that_is_not_text_or_bytes() -> None:
    with pytest.raises(TypeError, match="EventHubEvent body must be str or bytes"):
        EventHubEvent(body=12)  # type: ignore[arg-type]


def test_event_is_read_only_and_has_no_dict() -> None:
    event = EventHubEvent(body=b"x", offset="1")
    with pytest.raises(AttributeError):
        event.offset = "2"  # type: ignore[assignment]  # read-only
    assert not hasattr(event, "__dict__")


def test_event_get_json() -> None:
    assert EventHubEvent(body=b'{"t": 21.5}').get_json() == {"t": 21.5}
    with pytest.raises(InvalidJSONError, match="EventHubEvent body"):
        EventHubEvent(body=b"not json").get_json()


def test_event_repr_names_the_useful_fields() -> None:
    text = repr(EventHubEvent(body=b"abc", partition_key="pk", sequence_number=9))
    assert text == (
        "<EventHubEvent partition_key='pk' sequence_number=9 enqueued_time=None "
        "body=3 bytes>"
    )


# --- annotations ---------------------------------------------------------------


class MyEvent(EventHubEvent):
    __slots__ = ()


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (EventHubEvent, True),
        (MyEvent, True),
        (list[EventHubEvent], True),
        (typing.List[EventHubEvent], True),  # noqa: UP006
        (typing.Iterable[EventHubEvent], True),
        (list[MyEvent], True),
        (list, False),
        (str, False),
        (bytes, False),
        (list[str], False),
        (list[int], False),
        (dict[EventHubEvent, int], False),
        (typing.Optional[EventHubEvent], False),  # noqa: UP045
        ("EventHubEvent", False),
        (None, False),
        (ServiceBusMessage, False),
    ],
)
def test_input_annotations(annotation: object, expected: bool) -> None:
    assert EventHubConverter.check_input_type_annotation(annotation) is expected
    assert EventHubTriggerConverter.check_input_type_annotation(annotation) is expected


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (str, True),
        (bytes, True),
        (list[str], True),
        (typing.List[str], True),  # noqa: UP006
        (list[bytes], False),
        (list[EventHubEvent], False),
        (EventHubEvent, False),
        (int, False),
        (typing.Optional[str], False),  # noqa: UP045
        (42, False),
    ],
)
def test_output_annotations(annotation: object, expected: bool) -> None:
    assert EventHubConverter.check_output_type_annotation(annotation) is expected
    assert EventHubTriggerConverter.check_output_type_annotation(annotation) is expected


def test_converter_flags_and_registry() -> None:
    assert EventHubTriggerConverter.has_trigger_support()
    assert not EventHubConverter.has_trigger_support()
    assert not EventHubTriggerConverter.has_implicit_output()
    registry = func.get_binding_registry()
    assert registry.get("eventHubTrigger") is EventHubTriggerConverter
    assert registry.get("eventHub") is EventHubConverter


def test_public_module_exports() -> None:
    import azure.functions.eventhub as module

    assert module.__all__ == ["EventHubConverter", "EventHubTriggerConverter"]
    assert module.EventHubConverter is EventHubConverter
    assert module.EventHubTriggerConverter is EventHubTriggerConverter


# --- trigger: one event ----------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        Datum('{"temperature": 21.5}', "json"),
        Datum('{"temperature": 21.5}', "string"),
        Datum(b'{"temperature": 21.5}', "bytes"),
        WorkerDatum('{"temperature": 21.5}', "json"),
    ],
)
def test_single_event_body_and_properties(data: object) -> None:
    event = decode_one(data, SINGLE_METADATA)
    assert event.get_body() == b'{"temperature": 21.5}'
    assert event.get_json() == {"temperature": 21.5}
    assert event.partition_key == "sensors"
    assert event.sequence_number == 47
    assert event.offset == "3696"
    assert event.enqueued_time == datetime.datetime(
        2020, 7, 14, 1, 27, 55, 627000, tzinfo=UTC
    )
    assert event.iothub_metadata == {
        "connection-device-id": "thermostat-1",
        "enqueuedtime": "2020-07-14T01:27:55.6270000Z",
        "message-source": "Telemetry",
    }


def test_single_event_metadata_is_plain_python() -> None:
    event = decode_one(Datum(b"x", "bytes"), SINGLE_METADATA)
    assert event.metadata == SINGLE_METADATA
    assert event.metadata is event.metadata  # converted once


def test_single_event_reads_system_properties_when_top_level_keys_are_missing() -> None:
    event = decode_one(
        Datum("x", "string"),
        {
            "SystemProperties": {
                "SequenceNumber": "5",
                "Offset": 880,
                "PartitionKey": "p",
            }
        },
    )
    assert event.sequence_number == 5
    assert event.offset == "880"
    assert event.partition_key == "p"
    assert event.enqueued_time is None
    assert event.iothub_metadata == {}


def test_top_level_iothub_keys_win_over_system_properties() -> None:
    event = decode_one(
        Datum("x", "string"),
        {
            "SystemProperties": {"iothub-connection-device-id": "from-system"},
            "iothub-connection-device-id": "top-level",
            "iothub-connection-auth-generation-id": 637,
        },
    )
    assert event.iothub_metadata == {
        "connection-device-id": "top-level",
        "connection-auth-generation-id": "637",
    }


def test_naive_and_offset_timestamps() -> None:
    naive = decode_one(
        Datum("x", "string"),
        {"SystemProperties": {}, "EnqueuedTimeUtc": "2020-07-14T01:27:55.1234567"},
    )
    assert naive.enqueued_time == datetime.datetime(2020, 7, 14, 1, 27, 55, 123456)
    shifted = decode_one(
        Datum("x", "string"),
        {"SystemProperties": {}, "EnqueuedTimeUtc": "2020-07-14T03:27:55+02:00"},
    )
    assert shifted.enqueued_time is not None
    assert shifted.enqueued_time.astimezone(UTC) == datetime.datetime(
        2020, 7, 14, 1, 27, 55, tzinfo=UTC
    )


def test_event_without_any_metadata() -> None:
    event = decode_one(Datum(b"raw", "bytes"), None)
    assert event.get_body() == b"raw"
    assert event.metadata is None
    assert event.sequence_number is None
    empty = decode_one(Datum(None, None), {})
    assert empty.get_body() == b""
    assert empty.metadata == {}


def test_malformed_sequence_number_is_named_when_read() -> None:
    event = decode_one(
        Datum("x", "string"),
        {"SystemProperties": {}, "SequenceNumber": "seven", "Offset": "12"},
    )
    assert event.offset == "12"  # decoding and the other properties work
    with pytest.raises(DatumTypeError, match="'SequenceNumber'") as info:
        _ = event.sequence_number
    assert info.value.binding == "eventHubTrigger"
    assert isinstance(info.value, NotImplementedError)


def test_malformed_timestamp_is_named_when_read() -> None:
    event = decode_one(
        Datum("x", "string"), {"SystemProperties": {}, "EnqueuedTimeUtc": "today"}
    )
    with pytest.raises(DatumTypeError, match="'EnqueuedTimeUtc'"):
        _ = event.enqueued_time


def test_system_properties_must_be_an_object_when_read() -> None:
    event = decode_one(Datum("x", "string"), {"SystemProperties": [1, 2]})
    assert event.get_body() == b"x"
    with pytest.raises(DatumTypeError, match="'SystemProperties'"):
        _ = event.sequence_number
    with pytest.raises(DatumTypeError, match="'SystemProperties'"):
        _ = event.iothub_metadata


def test_malformed_json_metadata_is_named_when_read() -> None:
    metadata = {"SystemProperties": Datum("{not json", "json")}
    event = EventHubTriggerConverter.decode(
        Datum("x", "string"), trigger_metadata=metadata
    )
    assert isinstance(event, EventHubEvent)
    with pytest.raises(InvalidJSONError, match="SystemProperties"):
        _ = event.offset


@pytest.mark.parametrize(
    "data",
    [Datum(3, "int"), Datum(1.5, "double"), Datum({"body": None}, "http")],
)
def test_unsupported_payload_types(data: Datum) -> None:
    with pytest.raises(DatumTypeError, match="eventHubTrigger"):
        EventHubTriggerConverter.decode(data, trigger_metadata=build_metadata({}))


# --- trigger: batches ------------------------------------------------------------

RECORDS = [
    {
        "EnqueuedTimeUtc": "2020-07-14T01:27:55.627Z",
        "Offset": "10",
        "SequenceNumber": 1,
        "PartitionKey": "a",
        "iothub-connection-device-id": "device-1",
    },
    {
        "EnqueuedTimeUtc": "2020-07-14T01:27:56Z",
        "Offset": 20,
        "SequenceNumber": 2,
        "PartitionKey": None,
    },
]
BATCH_METADATA: dict[str, object] = {
    "SystemPropertiesArray": RECORDS,
    "PropertiesArray": [{}, {"k": "v"}],
    "PartitionContext": {"PartitionId": "1"},
}


@pytest.mark.parametrize(
    "data",
    [
        Datum(
            collection_message("collection_bytes", [b'{"n":1}', b'{"n":2}']),
            "collection_bytes",
        ),
        Datum(
            collection_message("collection_string", ['{"n":1}', '{"n":2}']),
            "collection_string",
        ),
        WorkerDatum(
            collection_message("collection_bytes", [b'{"n":1}', b'{"n":2}']),
            "collection_bytes",
        ),
        Datum([b'{"n":1}', b'{"n":2}'], "collection_bytes"),  # a plain list
        Datum('[{"n": 1}, {"n": 2}]', "json"),  # IoT Hub
    ],
)
def test_batch_events(data: object) -> None:
    first, second = decode_many(data, BATCH_METADATA)
    assert first.get_json() == {"n": 1}
    assert second.get_json() == {"n": 2}
    assert first.offset == "10"
    assert second.offset == "20"
    assert [first.sequence_number, second.sequence_number] == [1, 2]
    assert [first.partition_key, second.partition_key] == ["a", None]
    assert first.enqueued_time == datetime.datetime(
        2020, 7, 14, 1, 27, 55, 627000, tzinfo=UTC
    )
    assert second.enqueued_time == datetime.datetime(2020, 7, 14, 1, 27, 56, tzinfo=UTC)
    assert first.iothub_metadata == {"connection-device-id": "device-1"}
    assert second.iothub_metadata == {}


def test_batch_events_share_the_batch_metadata() -> None:
    events = decode_many(Datum(["a", "b"], "collection_string"), BATCH_METADATA)
    metadata = events[0].metadata
    assert metadata == BATCH_METADATA
    assert events[1].metadata is metadata


def test_batch_without_system_properties() -> None:
    events = decode_many(Datum(["a", "b", "c"], "collection_string"), {})
    assert [e.get_body() for e in events] == [b"a", b"b", b"c"]
    assert all(e.sequence_number is None for e in events)
    assert all(e.iothub_metadata == {} for e in events)


def test_empty_batch() -> None:
    assert (
        decode_many(Datum([], "collection_bytes"), {"SystemPropertiesArray": []}) == []
    )


@pytest.mark.parametrize("count", [1, 3])
def test_batch_size_mismatch_is_a_datum_type_error_when_read(count: int) -> None:
    events = decode_many(
        Datum(["a", "b"], "collection_string"),
        {"SystemPropertiesArray": [{}] * count},
    )
    assert [event.get_body() for event in events] == [b"a", b"b"]
    for event in events:
        with pytest.raises(
            DatumTypeError, match=rf"'SystemPropertiesArray' is {count} entries for 2"
        ):
            _ = event.sequence_number


def test_batch_records_must_be_objects_when_read() -> None:
    first, _ = decode_many(
        Datum(["a", "b"], "collection_string"), {"SystemPropertiesArray": [{}, 5]}
    )
    with pytest.raises(DatumTypeError, match="an entry of trigger metadata"):
        _ = first.offset  # every record is checked, whichever event reads first
    with pytest.raises(DatumTypeError, match="an entry of trigger metadata"):
        _ = first.iothub_metadata


def test_system_properties_array_must_be_an_array_when_read() -> None:
    (event,) = decode_many(
        Datum(["a"], "collection_string"), {"SystemPropertiesArray": {"a": 1}}
    )
    with pytest.raises(DatumTypeError, match="an array"):
        _ = event.partition_key


def test_batch_metadata_with_a_text_payload_is_an_error() -> None:
    with pytest.raises(DatumTypeError, match="the batch payload"):
        decode_many(Datum("x", "string"), {"SystemPropertiesArray": [{}]})


def test_json_batch_must_be_an_array() -> None:
    with pytest.raises(DatumTypeError, match="a collection or a JSON array"):
        decode_many(Datum('{"a": 1}', "json"), {"SystemPropertiesArray": [{}]})


def test_unsupported_batch_item() -> None:
    with pytest.raises(DatumTypeError, match="an item of the batch payload"):
        decode_many(Datum([1, 2], "collection_string"), {})


def test_malformed_batch_field_is_named_when_read() -> None:
    (event,) = decode_many(
        Datum(["a"], "collection_string"),
        {"SystemPropertiesArray": [{"SequenceNumber": [1], "Offset": "7"}]},
    )
    assert event.offset == "7"
    with pytest.raises(DatumTypeError, match="'SequenceNumber'"):
        _ = event.sequence_number


# --- eventHub (no trigger metadata) ----------------------------------------------


def test_plain_converter_decodes_bodies_only() -> None:
    event = EventHubConverter.decode(
        Datum("text", "string"), trigger_metadata=build_metadata(SINGLE_METADATA)
    )
    assert isinstance(event, EventHubEvent)
    assert event.get_body() == b"text"
    assert event.metadata is None
    assert event.sequence_number is None
    events = EventHubConverter.decode(
        Datum(collection_message("collection_string", ["a", "b"]), "collection_string"),
        trigger_metadata={},
    )
    assert isinstance(events, list)
    assert [e.get_body() for e in events] == [b"a", b"b"]


def test_plain_converter_rejects_numbers() -> None:
    with pytest.raises(DatumTypeError, match="'eventHub'"):
        EventHubConverter.decode(Datum(1, "int"), trigger_metadata=None)


# --- output ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "wire_type", "wire_value"),
    [
        ("text", "string", "text"),
        (b"\x00bytes", "bytes", b"\x00bytes"),
        (bytearray(b"ba"), "bytes", b"ba"),
        (7, "int", 7),
        (2.5, "double", 2.5),
        (["a", "b"], "json", ["a", "b"]),
        ({"id": 1}, "json", {"id": 1}),
        (None, None, None),
    ],
)
def test_encode(value: object, wire_type: str | None, wire_value: object) -> None:
    datum = EventHubConverter.encode(value, expected_type=None)
    assert datum.type == wire_type
    assert (as_json(datum.value) if wire_type == "json" else datum.value) == wire_value
    assert EventHubTriggerConverter.encode(value, expected_type=None) == datum


def test_encode_rejects_unsupported_values() -> None:
    with pytest.raises(DatumTypeError, match="'eventHub'"):
        EventHubConverter.encode(object(), expected_type=None)
    with pytest.raises(DatumTypeError, match="not JSON serialisable"):
        EventHubConverter.encode([object()], expected_type=None)


# --- properties ----------------------------------------------------------------

# Integers within 64 bits: beyond, orjson (and so the reference) reads floats.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@given(st.lists(json_values, max_size=5))
def test_json_list_output_comes_back_as_a_json_batch(items: list[object]) -> None:
    """A list sent out arrives (as IoT Hub batches do) as one event per item."""
    datum = EventHubConverter.encode(items, expected_type=None)
    assert datum.type == "json"
    records = [{"SequenceNumber": n} for n in range(len(items))]
    events = decode_many(datum, {"SystemPropertiesArray": records})
    assert [e.get_json() for e in events] == items
    assert [e.sequence_number for e in events] == list(range(len(items)))


@given(st.lists(st.binary(), max_size=5))
def test_byte_bodies_survive_a_batch(bodies: list[bytes]) -> None:
    events = decode_many(
        Datum(collection_message("collection_bytes", bodies), "collection_bytes"), {}
    )
    assert [e.get_body() for e in events] == bodies


@given(st.text())
def test_text_bodies_are_utf8(body: str) -> None:
    event = decode_one(Datum(body, "string"), {"SystemProperties": {}})
    assert event.get_body() == body.encode("utf-8")


@given(
    st.datetimes(
        min_value=datetime.datetime(1900, 1, 1),
        max_value=datetime.datetime(9999, 12, 31),
    ),
    st.integers(min_value=0, max_value=9),
)
def test_enqueued_time_round_trip(when: datetime.datetime, extra_digit: int) -> None:
    """.NET writes seven fractional digits; the seventh is dropped."""
    text = when.strftime("%Y-%m-%dT%H:%M:%S.%f") + str(extra_digit) + "Z"
    records = [{"EnqueuedTimeUtc": text}]
    (event,) = decode_many(
        Datum(["x"], "collection_string"), {"SystemPropertiesArray": records}
    )
    assert event.enqueued_time == when.replace(tzinfo=UTC)


# --- details -------------------------------------------------------------------


def test_blank_enqueued_time_is_not_set() -> None:
    event = decode_one(
        Datum("x", "string"), {"SystemProperties": {}, "EnqueuedTimeUtc": " "}
    )
    assert event.enqueued_time is None


def test_malformed_system_property_is_named_when_read() -> None:
    event = decode_one(
        Datum("x", "string"), {"SystemProperties": {"SequenceNumber": "x7"}}
    )
    with pytest.raises(DatumTypeError, match=r"'SequenceNumber'.*integer"):
        _ = event.sequence_number


def test_metadata_keeps_entries_of_odd_wire_types() -> None:
    http = Datum({"method": Datum("GET", "string")}, "http")
    event = EventHubTriggerConverter.decode(
        Datum("x", "string"),
        trigger_metadata={"SystemProperties": Datum("{}", "json"), "odd": http},
    )
    assert isinstance(event, EventHubEvent)
    assert event.metadata == {"SystemProperties": {}, "odd": http.value}


def test_properties_are_described_on_the_class() -> None:
    assert EventHubEvent.sequence_number.field.key == "SequenceNumber"
    assert (
        repr(EventHubEvent.offset) == "<MetadataProperty offset Field('Offset', text)>"
    )
    assert "partition" in (EventHubEvent.offset.__doc__ or "")
