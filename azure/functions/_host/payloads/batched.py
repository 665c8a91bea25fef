"""Service Bus, Event Hubs and Kafka payloads: one event, or a batch of them.

A single event's factory builds its body and per-event metadata
(``MessageId``, ``SequenceNumber`` ...). A batch (``cardinality: many``) is
made of single events the way the host makes it: the bodies become one
collection, and each metadata key ``K`` becomes ``KArray`` with one entry per
event: a ``collection_string`` of strings, a ``collection_sint64`` of
integers, or a JSON array (times, property bags, anything with gaps).
Batch-level keys (Event Hubs' ``PartitionContext``) are sent once.
"""

from __future__ import annotations

import base64
import datetime
import uuid
from collections.abc import Callable, Mapping, Sequence

from ..._datum import Datum
from ..._json import dumps
from .core import (
    TriggerPayload,
    blob_payload,
    cosmos_db_payload,
    format_moment,
    generic_payload,
    json_datum,
    message_content,
    utc_now,
    warmup_payload,
)

__all__ = [
    "batch_payload",
    "event_hub_batch_payload",
    "event_hub_payload",
    "kafka_batch_payload",
    "kafka_payload",
    "service_bus_batch_payload",
    "service_bus_payload",
    "trigger_payload",
]

#: How the host sends a metadata array of one wire type.
_COLLECTIONS = {
    "string": "collection_string",
    "int": "collection_sint64",
    "double": "collection_double",
}


def batch_payload(
    events: Sequence[TriggerPayload], *, shared: Sequence[str] = ()
) -> TriggerPayload:
    """Single-event payloads combined into the batch the host would send.

    Keys in *shared* describe the whole batch: they are sent once, from the
    first event.
    """
    if not events:
        raise ValueError("a batch holds at least one event")
    bodies = [event.datum for event in events]
    if all(body.type == "string" for body in bodies):
        datum = Datum([body.value for body in bodies], "collection_string")
    else:
        datum = Datum([_body_bytes(body) for body in bodies], "collection_bytes")
    keys: dict[str, None] = {}
    for event in events:
        keys.update(dict.fromkeys(event.metadata))
    metadata: dict[str, Datum] = {}
    for key in keys:
        if key in shared:
            first = next(e.metadata[key] for e in events if key in e.metadata)
            metadata[key] = first
            continue
        values = [event.metadata.get(key) for event in events]
        kinds = {None if value is None else value.type for value in values}
        collection = _COLLECTIONS.get(str(kinds.pop())) if len(kinds) == 1 else None
        if collection is not None:
            items = [value.value for value in values if value is not None]
            metadata[f"{key}Array"] = Datum(items, collection)
        else:
            metadata[f"{key}Array"] = json_datum(
                [None if value is None else value.python_value for value in values]
            )
    return TriggerPayload(datum, metadata)


def _body_bytes(datum: Datum) -> bytes:
    value = datum.value
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    return dumps(value).encode("utf-8")


def _moment(value: datetime.datetime | None, default: datetime.datetime) -> Datum:
    return json_datum(format_moment(value or default))


# --- Service Bus ------------------------------------------------------------------


def service_bus_payload(
    body: str | bytes | object,
    *,
    message_id: str | None = None,
    content_type: str | None = None,
    correlation_id: str | None = None,
    subject: str | None = None,
    session_id: str | None = None,
    reply_to: str | None = None,
    to: str | None = None,
    partition_key: str | None = None,
    delivery_count: int = 1,
    sequence_number: int = 1,
    enqueued_time: datetime.datetime | None = None,
    time_to_live: datetime.timedelta = datetime.timedelta(days=14),
    lock_token: str | None = None,
    application_properties: Mapping[str, object] | None = None,
    state: int = 0,
) -> TriggerPayload:
    """One Service Bus message and the metadata the host sends with it.

    Strings are sent as strings (``MessageId``, ``ContentType``, ``LockToken``
    ...), counts as integers, times and property bags as JSON;
    ``ApplicationProperties`` goes out under ``UserProperties`` too, as the
    host still sends both. ``Subject`` is also sent as the old ``Label``.
    ``ExpiresAtUtc`` is the enqueued time (default now) plus *time_to_live*;
    ``LockedUntil`` 30 seconds after now.
    """
    datum, _text = message_content(body)
    enqueued = enqueued_time or utc_now()
    properties = dict(application_properties or {})
    metadata: dict[str, Datum] = {
        "MessageId": Datum(message_id or uuid.uuid4().hex, "string"),
        "DeliveryCount": Datum(delivery_count, "int"),
        "SequenceNumber": Datum(sequence_number, "int"),
        "EnqueuedTimeUtc": _moment(enqueued, enqueued),
        "ExpiresAtUtc": _moment(enqueued + time_to_live, enqueued),
        "LockedUntil": _moment(utc_now() + datetime.timedelta(seconds=30), enqueued),
        "LockToken": Datum(lock_token or str(uuid.uuid4()), "string"),
        "TimeToLive": Datum(_timespan(time_to_live), "string"),
        "State": Datum(state, "int"),
        "ApplicationProperties": json_datum(properties),
        "UserProperties": json_datum(properties),
    }
    text_fields = {
        "ContentType": content_type,
        "CorrelationId": correlation_id,
        "Subject": subject,
        "Label": subject,
        "SessionId": session_id,
        "ReplyTo": reply_to,
        "To": to,
        "PartitionKey": partition_key,
    }
    for key, value in text_fields.items():
        if value is not None:
            metadata[key] = Datum(value, "string")
    return TriggerPayload(datum, metadata)


def service_bus_batch_payload(messages: Sequence[TriggerPayload]) -> TriggerPayload:
    """Messages of :func:`service_bus_payload` as one batch (``cardinality: many``).

    ``MessageIdArray`` and the other string keys are ``collection_string``,
    ``SequenceNumberArray`` ... ``collection_sint64``, times and property bags
    JSON arrays; a key some messages lack is a JSON array with ``null`` there.
    """
    return batch_payload(messages)


def _timespan(delta: datetime.timedelta) -> str:
    """A .NET ``TimeSpan`` text: ``[d.]hh:mm:ss``."""
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{days}.{text}" if days else text


# --- Event Hubs -------------------------------------------------------------------


def event_hub_payload(
    body: str | bytes | object,
    *,
    sequence_number: int = 0,
    offset: str | int = 0,
    partition_key: str | None = None,
    enqueued_time: datetime.datetime | None = None,
    properties: Mapping[str, object] | None = None,
    iothub_metadata: Mapping[str, str] | None = None,
    event_hub: str = "events",
    partition_id: str = "0",
    consumer_group: str = "$Default",
) -> TriggerPayload:
    """One Event Hubs event and the metadata the host sends with it.

    ``SequenceNumber``, ``Offset``, ``PartitionKey`` and ``EnqueuedTimeUtc``
    at the top level and in ``SystemProperties`` (with the AMQP
    ``x-opt-*`` names, and ``iothub-*`` entries for *iothub_metadata*, as
    IoT Hub's built-in endpoint sends them); ``Properties`` holds the
    application properties; ``PartitionContext`` names the hub and partition.
    """
    datum, _text = message_content(body)
    moment = format_moment(enqueued_time or utc_now())
    system: dict[str, object] = {
        "x-opt-sequence-number": sequence_number,
        "x-opt-offset": str(offset),
        "x-opt-enqueued-time": moment,
        "SequenceNumber": sequence_number,
        "Offset": str(offset),
        "PartitionKey": partition_key,
        "EnqueuedTimeUtc": moment,
    }
    if partition_key is not None:
        system["x-opt-partition-key"] = partition_key
    for key, value in (iothub_metadata or {}).items():
        system[f"iothub-{key}"] = value
    metadata: dict[str, Datum] = {
        "PartitionContext": json_datum(
            {
                "EventHubName": event_hub,
                "ConsumerGroup": consumer_group,
                "FullyQualifiedNamespace": "localhost",
                "PartitionId": partition_id,
            }
        ),
        "SequenceNumber": Datum(sequence_number, "int"),
        "Offset": Datum(str(offset), "string"),
        "EnqueuedTimeUtc": json_datum(moment),
        "Properties": json_datum(dict(properties or {})),
        "SystemProperties": json_datum(system),
    }
    if partition_key is not None:
        metadata["PartitionKey"] = Datum(partition_key, "string")
    return TriggerPayload(datum, metadata)


def event_hub_batch_payload(events: Sequence[TriggerPayload]) -> TriggerPayload:
    """Events of :func:`event_hub_payload` as one batch (``cardinality: many``).

    Each event's ``SystemProperties`` becomes an entry of
    ``SystemPropertiesArray`` (where the trigger reads each event's
    properties); ``PropertiesArray``, ``SequenceNumberArray``, ``OffsetArray``
    ... follow; ``PartitionContext`` is sent once.
    """
    return batch_payload(events, shared=("PartitionContext",))


# --- Kafka ------------------------------------------------------------------------


def kafka_payload(
    value: str | bytes | object,
    *,
    key: str | None = None,
    topic: str = "topic",
    partition: int = 0,
    offset: int = 0,
    timestamp: datetime.datetime | None = None,
    headers: Mapping[str, str | bytes] | None = None,
) -> TriggerPayload:
    """One Kafka event and the metadata the host sends with it.

    ``Key``, ``Topic`` and ``Timestamp`` (ISO 8601) as strings, ``Partition``
    and ``Offset`` as integers, ``Headers`` as a JSON array of
    ``{"Key": ..., "Value": ...}`` whose values are base64, as the extension
    serialises their bytes.
    """
    datum, _text = message_content(value)
    encoded = [
        {
            "Key": name,
            "Value": base64.b64encode(
                raw.encode("utf-8") if isinstance(raw, str) else raw
            ).decode("ascii"),
        }
        for name, raw in (headers or {}).items()
    ]
    metadata: dict[str, Datum] = {
        "Topic": Datum(topic, "string"),
        "Partition": Datum(partition, "int"),
        "Offset": Datum(offset, "int"),
        "Timestamp": Datum(format_moment(timestamp or utc_now()), "string"),
        "Headers": json_datum(encoded),
    }
    if key is not None:
        metadata["Key"] = Datum(key, "string")
    return TriggerPayload(datum, metadata)


def kafka_batch_payload(events: Sequence[TriggerPayload]) -> TriggerPayload:
    """Events of :func:`kafka_payload` as one batch (``cardinality: many``).

    ``KeyArray``, ``TopicArray``, ``TimestampArray`` as ``collection_string``,
    ``PartitionArray`` and ``OffsetArray`` as ``collection_sint64``,
    ``HeadersArray`` a JSON array of each event's headers.
    """
    return batch_payload(events)


# --- by trigger type ------------------------------------------------------------

_Single = Callable[[object], TriggerPayload]
_Batch = Callable[[Sequence[TriggerPayload]], TriggerPayload]
_SINGLE: dict[str, tuple[_Single, _Batch]] = {
    "servicebustrigger": (service_bus_payload, service_bus_batch_payload),
    "eventhubtrigger": (event_hub_payload, event_hub_batch_payload),
    "kafkatrigger": (kafka_payload, kafka_batch_payload),
}


def trigger_payload(kind: str, value: object, *, many: bool = False) -> TriggerPayload:
    """The payload a trigger of type *kind* gets for a plain *value*.

    Service Bus, Event Hubs and Kafka: a message of *value* (with *many*, a
    list is a batch of one message per item); a blob: its content (text, or
    JSON text); Event Grid: the event object as it is; Cosmos DB: a document
    or a list of them; warm-up: its empty payload; anything else (and
    ``None``): the datum for the value.
    """
    lowered = kind.lower()
    factories = _SINGLE.get(lowered)
    if factories is not None and value is not None:
        single, batch = factories
        if many and isinstance(value, list):
            return batch([single(item) for item in value])
        return single(value)
    if lowered == "blobtrigger" and value is not None:
        content = value if isinstance(value, (str, bytes)) else dumps(value)
        return blob_payload(content)
    if lowered == "eventgridtrigger" and isinstance(value, dict):
        return TriggerPayload(json_datum(value))
    if lowered == "cosmosdbtrigger" and isinstance(value, (dict, list)):
        documents = value if isinstance(value, list) else [value]
        if all(isinstance(document, dict) for document in documents):
            return cosmos_db_payload(documents, system_properties=False)
    if lowered == "warmuptrigger":
        return warmup_payload()
    return generic_payload(value)
