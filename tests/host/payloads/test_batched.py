"""Service Bus, Event Hubs and Kafka payloads, single and batched, decoded as the worker would.

Every factory's datum and metadata go through ``registry.resolve(trigger)``
and the rich type's fields are checked; the last test sends plain values
through functions (``client.invoke``), where the host picks the factory
(:func:`~azure.functions._host.payloads.batched.trigger_payload`).
"""

from __future__ import annotations

import base64
import datetime
import json
from pathlib import Path

import pytest

import azure.functions as func
from azure.functions import get_binding_registry
from azure.functions._datum import Datum
from azure.functions.testing import (
    TestClient,
    TriggerPayload,
    batch_payload,
    event_hub_batch_payload,
    event_hub_payload,
    kafka_batch_payload,
    kafka_payload,
    service_bus_batch_payload,
    service_bus_payload,
)

UTC = datetime.timezone.utc


WHEN = datetime.datetime(2024, 5, 1, 12, 30, 15, tzinfo=UTC)


def decode(trigger: str, payload: TriggerPayload) -> object:
    converter = get_binding_registry().resolve(trigger)
    return converter.decode(payload.datum, trigger_metadata=payload.metadata)


def test_service_bus_message() -> None:
    payload = service_bus_payload(
        {"order": 7},
        message_id="m-1",
        content_type="application/json",
        correlation_id="c-1",
        subject="orders",
        session_id="s-1",
        reply_to="replies",
        to="shop",
        partition_key="p",
        delivery_count=3,
        sequence_number=42,
        enqueued_time=WHEN,
        time_to_live=datetime.timedelta(hours=1),
        lock_token="lock-1",
        application_properties={"tenant": "contoso", "priority": 2},
    )
    assert payload.metadata["DeliveryCount"] == Datum(3, "int")
    message = decode("serviceBusTrigger", payload)
    assert isinstance(message, func.ServiceBusMessage)
    assert message.get_json() == {"order": 7}
    assert message.message_id == "m-1"
    assert message.content_type == "application/json"
    assert message.correlation_id == "c-1"
    assert message.subject == "orders"
    assert message.label == "orders"
    assert message.session_id == "s-1"
    assert message.reply_to == "replies"
    assert message.to == "shop"
    assert message.partition_key == "p"
    assert message.delivery_count == 3
    assert message.sequence_number == 42
    assert message.enqueued_time_utc == WHEN
    assert message.expires_at_utc == WHEN + datetime.timedelta(hours=1)
    assert message.time_to_live == datetime.timedelta(hours=1)
    assert message.lock_token == "lock-1"
    assert message.locked_until is not None
    assert message.state == 0
    assert message.application_properties == {"tenant": "contoso", "priority": 2}
    assert message.user_properties == {"tenant": "contoso", "priority": 2}
    assert message.metadata is not None
    assert message.metadata["MessageId"] == "m-1"


def test_service_bus_batch() -> None:
    payload = service_bus_batch_payload(
        [
            service_bus_payload("one", message_id="a", sequence_number=1),
            service_bus_payload(
                b"two",
                message_id="b",
                sequence_number=2,
                content_type="text/plain",
                application_properties={"n": 2},
            ),
        ]
    )
    assert payload.datum.type == "collection_bytes"
    assert payload.metadata["MessageIdArray"] == Datum(["a", "b"], "collection_string")
    assert payload.metadata["SequenceNumberArray"].type == "collection_sint64"
    assert payload.metadata["EnqueuedTimeUtcArray"].type == "json"
    assert "MessageId" not in payload.metadata
    messages = decode("serviceBusTrigger", payload)
    assert isinstance(messages, list)
    first, second = messages
    assert isinstance(first, func.ServiceBusMessage)
    assert isinstance(second, func.ServiceBusMessage)
    assert (first.get_body(), second.get_body()) == (b"one", b"two")
    assert (first.message_id, second.message_id) == ("a", "b")
    assert (first.sequence_number, second.sequence_number) == (1, 2)
    # A key only one message has: the other's entry is null.
    assert (first.content_type, second.content_type) == (None, "text/plain")
    assert first.application_properties == {}
    assert second.application_properties == {"n": 2}
    assert first.delivery_count == second.delivery_count == 1
    assert first.enqueued_time_utc is not None
    assert first.metadata is second.metadata  # the batch's, shared


def test_event_hub_event() -> None:
    payload = event_hub_payload(
        b'{"t": 21.5}',
        sequence_number=47,
        offset=3696,
        partition_key="sensors",
        enqueued_time=WHEN,
        properties={"unit": "celsius"},
        iothub_metadata={"connection-device-id": "thermostat-1"},
    )
    event = decode("eventHubTrigger", payload)
    assert isinstance(event, func.EventHubEvent)
    assert event.get_json() == {"t": 21.5}
    assert event.sequence_number == 47
    assert event.offset == "3696"
    assert event.partition_key == "sensors"
    assert event.enqueued_time == WHEN
    assert event.iothub_metadata == {"connection-device-id": "thermostat-1"}
    assert event.metadata is not None
    assert event.metadata["Properties"] == {"unit": "celsius"}
    context = event.metadata["PartitionContext"]
    assert isinstance(context, dict)
    assert context["PartitionId"] == "0"
    system = event.metadata["SystemProperties"]
    assert isinstance(system, dict)
    assert system["x-opt-sequence-number"] == 47


def test_event_hub_batch() -> None:
    payload = event_hub_batch_payload(
        [
            event_hub_payload("a", sequence_number=1, offset=10, enqueued_time=WHEN),
            event_hub_payload(
                "b",
                sequence_number=2,
                offset=20,
                partition_key="k",
                iothub_metadata={"connection-device-id": "d2"},
            ),
        ]
    )
    assert payload.datum == Datum(["a", "b"], "collection_string")
    assert "SystemProperties" not in payload.metadata
    assert payload.metadata["SystemPropertiesArray"].type == "json"
    assert payload.metadata["PartitionContext"].type == "json"  # once, not an array
    assert "PartitionContextArray" not in payload.metadata
    events = decode("eventHubTrigger", payload)
    assert isinstance(events, list)
    first, second = events
    assert isinstance(first, func.EventHubEvent)
    assert isinstance(second, func.EventHubEvent)
    assert (first.get_body(), second.get_body()) == (b"a", b"b")
    assert (first.sequence_number, second.sequence_number) == (1, 2)
    assert (first.offset, second.offset) == ("10", "20")
    assert (first.partition_key, second.partition_key) == (None, "k")
    assert first.enqueued_time == WHEN
    assert first.iothub_metadata == {}
    assert second.iothub_metadata == {"connection-device-id": "d2"}


def test_kafka_event() -> None:
    payload = kafka_payload(
        "hello",
        key="user-1",
        topic="greetings",
        partition=2,
        offset=99,
        timestamp=WHEN,
        headers={"trace": "abc", "raw": b"\x00\x01"},
    )
    event = decode("kafkaTrigger", payload)
    assert isinstance(event, func.KafkaEvent)
    assert event.get_body() == b"hello"
    assert event.key == "user-1"
    assert event.topic == "greetings"
    assert event.partition == 2
    assert event.offset == 99
    assert event.timestamp == "2024-05-01T12:30:15+00:00"
    assert event.headers == [
        {"Key": "trace", "Value": base64.b64encode(b"abc").decode()},
        {"Key": "raw", "Value": base64.b64encode(b"\x00\x01").decode()},
    ]
    assert event.metadata is not None
    assert event.metadata["Topic"] == "greetings"


def test_kafka_batch() -> None:
    payload = kafka_batch_payload(
        [
            kafka_payload("a", key="k1", offset=1, headers={"h": "1"}),
            kafka_payload("b", key="k2", offset=2),
        ]
    )
    assert payload.metadata["OffsetArray"] == Datum([1, 2], "collection_sint64")
    assert payload.metadata["KeyArray"] == Datum(["k1", "k2"], "collection_string")
    events = decode("kafkaTrigger", payload)
    assert isinstance(events, list)
    first, second = events
    assert isinstance(first, func.KafkaEvent)
    assert isinstance(second, func.KafkaEvent)
    assert (first.get_body(), second.get_body()) == (b"a", b"b")
    assert (first.key, second.key) == ("k1", "k2")
    assert (first.offset, second.offset) == (1, 2)
    assert (first.partition, second.partition) == (0, 0)
    assert first.headers == [{"Key": "h", "Value": base64.b64encode(b"1").decode()}]
    assert second.headers == []


def test_a_batch_needs_events() -> None:
    with pytest.raises(ValueError, match="at least one event"):
        batch_payload([])


APP = """
import json
import logging
import azure.functions as func

app = func.FunctionApp()


@app.service_bus_queue_trigger(arg_name="msg", queue_name="q", connection="SB")
def on_message(msg: func.ServiceBusMessage) -> None:
    logging.info("sb %s %s %s", msg.get_body().decode(), msg.delivery_count, bool(msg.message_id))


@app.service_bus_queue_trigger(
    arg_name="msgs", queue_name="q", connection="SB", cardinality="many"
)
def on_messages(msgs: list[func.ServiceBusMessage]) -> None:
    logging.info("batch %s", [m.get_body().decode() for m in msgs])


@app.event_hub_message_trigger(arg_name="event", event_hub_name="hub", connection="EH")
def on_event(event: func.EventHubEvent) -> None:
    logging.info("eh %s %s", event.get_body().decode(), event.sequence_number)


@app.blob_trigger(arg_name="blob", path="blobs/{name}", connection="ST")
def on_blob(blob: func.InputStream) -> None:
    logging.info("blob %s %s %s", blob.name, blob.length, blob.read().decode())


@app.event_grid_trigger(arg_name="event")
def on_grid(event: func.EventGridEvent) -> None:
    logging.info("grid %s %s", event.event_type, json.dumps(event.get_json()))


@app.warm_up_trigger(arg_name="warmup")
def on_warm_up(warmup: func.WarmUpContext) -> None:
    logging.info("warm %s", type(warmup).__name__)
"""


def test_plain_values_sent_to_functions_get_their_trigger_s_payload(
    tmp_path: Path,
) -> None:
    (tmp_path / "host.json").write_text(json.dumps({"version": "2.0"}))
    (tmp_path / "function_app.py").write_text(APP)
    with TestClient(tmp_path) as client:

        def logged(function: str, value: object) -> list[str]:
            result = client.invoke(function, value)
            assert result.succeeded, result.error
            return [record.getMessage() for record in result.logs]

        assert logged("on_message", "hi") == ["sb hi 1 True"]
        assert logged("on_messages", ["a", "b"]) == ["batch ['a', 'b']"]
        assert logged("on_event", {"t": 1}) == ['eh {"t":1} 0']
        assert logged("on_blob", "content") == [
            "blob samples-workitems/blob.txt 7 content"
        ]
        grid = {"id": "1", "eventType": "Custom", "data": {"x": 1}}
        assert logged("on_grid", grid) == ['grid Custom {"x": 1}']
        assert logged("on_warm_up", None) == ["warm WarmUpContext"]
