"""Trigger payloads as the Functions host sends them: a datum and its metadata.

The host turns each event into a wire value for the trigger binding plus
trigger metadata (``Id``, ``DequeueCount`` ...); values that are not strings
in .NET arrive as JSON. These factories build the same, so the converters see
what they would see in Azure: timers, storage queues and blobs, Event Grid
(both schemas), Cosmos DB, warm-up here; Service Bus, Event Hubs and Kafka
(single events and batches) in :mod:`.batched`.
"""

from __future__ import annotations

import datetime
import secrets
import uuid
from collections.abc import Mapping, Sequence
from typing import final

from ..._bindings._base import json_datum
from ..._datum import Datum, to_datum
from ..._json import dumps

__all__ = [
    "MIN_DATETIME",
    "TriggerPayload",
    "blob_payload",
    "cloud_event_payload",
    "cosmos_db_payload",
    "event_grid_payload",
    "format_moment",
    "generic_payload",
    "json_datum",
    "message_content",
    "queue_payload",
    "timer_payload",
    "utc_now",
    "warmup_payload",
]

#: How .NET writes ``DateTime.MinValue``: a schedule's ``Last`` before any run.
MIN_DATETIME = "0001-01-01T00:00:00"


@final
class TriggerPayload:
    """The trigger's wire value and the trigger metadata that comes with it.

    ``datum`` is the wire value (a :class:`~azure.functions.meta.Datum`);
    ``metadata`` the trigger metadata, by key, as the host sends it.
    """

    __slots__ = ("datum", "metadata")

    def __init__(
        self, datum: Datum, metadata: Mapping[str, Datum] | None = None
    ) -> None:
        self.datum = datum
        self.metadata: dict[str, Datum] = dict(metadata or {})

    def __repr__(self) -> str:
        return f"<TriggerPayload {self.datum!r} metadata={sorted(self.metadata)}>"


def format_moment(moment: datetime.datetime) -> str:
    """A time as .NET writes a ``DateTimeOffset``: ISO 8601 with its offset."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.isoformat()


def utc_now() -> datetime.datetime:
    """Now, in UTC, to the second (as the factories' default times)."""
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def message_content(body: object) -> tuple[Datum, str | None]:
    """A message body as the host sends it, and its text when it has one.

    ``str`` → ``string``; bytes → ``bytes``; anything else → its JSON text.
    """
    if isinstance(body, str):
        return Datum(body, "string"), body
    if isinstance(body, (bytes, bytearray, memoryview)):
        raw = bytes(body)
        try:
            return Datum(raw, "bytes"), raw.decode("utf-8")
        except UnicodeDecodeError:
            return Datum(raw, "bytes"), None
    text = dumps(body)
    return Datum(text, "string"), text


def timer_payload(
    *,
    past_due: bool = False,
    last: datetime.datetime | str | None = None,
    next: datetime.datetime | None = None,
    last_updated: datetime.datetime | None = None,
    adjust_for_dst: bool = True,
) -> TriggerPayload:
    """A timer tick: ``{"Schedule": ..., "ScheduleStatus": ..., "IsPastDue": ...}``.

    ``ScheduleStatus`` (``Last``, ``Next``, ``LastUpdated``) is sent when *next*
    is given, as when the host monitors the schedule; ``null`` otherwise.
    *last* defaults to .NET's ``DateTime.MinValue`` (no run yet).
    """
    status: dict[str, str] | None = None
    if next is not None:
        if last is None:
            last_text = MIN_DATETIME
        elif isinstance(last, str):
            last_text = last
        else:
            last_text = format_moment(last)
        updated = last_updated or datetime.datetime.now(datetime.timezone.utc)
        status = {
            "Last": last_text,
            "Next": format_moment(next),
            "LastUpdated": format_moment(updated),
        }
    body = {
        "Schedule": {"AdjustForDST": adjust_for_dst},
        "ScheduleStatus": status,
        "IsPastDue": past_due,
    }
    return TriggerPayload(json_datum(body))


def queue_payload(
    body: str | bytes | object,
    *,
    id: str | None = None,
    dequeue_count: int = 1,
    insertion_time: datetime.datetime | None = None,
    expiration_time: datetime.datetime | None = None,
    next_visible_time: datetime.datetime | None = None,
    pop_receipt: str | None = None,
) -> TriggerPayload:
    """A storage queue message and the metadata the host sends with it.

    ``Id`` and ``PopReceipt`` are strings; ``DequeueCount`` and the times
    (``InsertionTime``, ``ExpirationTime``, ``NextVisibleTime``) JSON, as .NET
    serialises them; ``QueueTrigger`` repeats the message text. A ``dict`` or
    ``list`` body is sent as JSON text. Unset times are now, now + 7 days (the
    default time to live) and now + 10 minutes (the trigger's visibility
    timeout).
    """
    datum, text = message_content(body)
    now = utc_now()
    inserted = insertion_time or now
    metadata: dict[str, Datum] = {
        "Id": Datum(id or str(uuid.uuid4()), "string"),
        "DequeueCount": json_datum(dequeue_count),
        "InsertionTime": json_datum(format_moment(inserted)),
        "ExpirationTime": json_datum(
            format_moment(expiration_time or inserted + datetime.timedelta(days=7))
        ),
        "NextVisibleTime": json_datum(
            format_moment(next_visible_time or now + datetime.timedelta(minutes=10))
        ),
        "PopReceipt": Datum(pop_receipt or secrets.token_urlsafe(12), "string"),
    }
    if text is not None:
        metadata["QueueTrigger"] = Datum(text, "string")
    return TriggerPayload(datum, metadata)


def blob_payload(
    content: str | bytes,
    *,
    name: str = "samples-workitems/blob.txt",
    uri: str | None = None,
    content_type: str | None = None,
    properties: Mapping[str, object] | None = None,
    metadata: Mapping[str, str] | None = None,
    last_modified: datetime.datetime | None = None,
) -> TriggerPayload:
    """A blob as a ``blobTrigger`` receives it, with the metadata the host sends.

    ``BlobTrigger`` is the blob's path (``container/name``), ``Uri`` its URL
    (on the storage emulator's account unless given), ``Properties`` its
    system properties (``ContentLength``, ``ContentType``, ``ETag``,
    ``LastModified``, ``BlobType`` ...; *properties* adds or replaces some)
    and ``Metadata`` its user-defined metadata, both JSON.
    """
    raw = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    moment = last_modified or utc_now()
    system: dict[str, object] = {
        "ContentLength": len(raw),
        "ContentType": content_type
        or ("text/plain" if isinstance(content, str) else "application/octet-stream"),
        "ETag": f'"0x{secrets.token_hex(8).upper()}"',
        "LastModified": format_moment(moment),
        "CreatedOn": format_moment(moment),
        "BlobType": "BlockBlob",
        "LeaseState": "Available",
        "LeaseStatus": "Unlocked",
    }
    system.update(properties or {})
    meta: dict[str, Datum] = {
        "BlobTrigger": Datum(name, "string"),
        "Uri": Datum(
            uri or f"http://127.0.0.1:10000/devstoreaccount1/{name.lstrip('/')}",
            "string",
        ),
        "Properties": json_datum(system),
        "Metadata": json_datum(dict(metadata or {})),
    }
    return TriggerPayload(Datum(raw, "bytes"), meta)


def event_grid_payload(
    *,
    event_type: str,
    data: object = None,
    subject: str = "",
    id: str | None = None,
    topic: str = (
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local"
        "/providers/Microsoft.EventGrid/topics/local"
    ),
    event_time: datetime.datetime | None = None,
    data_version: str = "1.0",
) -> TriggerPayload:
    """One event of the Event Grid schema, as an ``eventGridTrigger`` receives it."""
    event = {
        "id": id or str(uuid.uuid4()),
        "topic": topic,
        "subject": subject,
        "eventType": event_type,
        "eventTime": format_moment(event_time or utc_now()),
        "data": data,
        "dataVersion": data_version,
        "metadataVersion": "1",
    }
    return TriggerPayload(json_datum(event))


def cloud_event_payload(
    *,
    type: str,
    source: str,
    data: object = None,
    id: str | None = None,
    subject: str | None = None,
    time: datetime.datetime | None = None,
    datacontenttype: str | None = "application/json",
    dataschema: str | None = None,
    **extensions: object,
) -> TriggerPayload:
    """One event of the CloudEvents 1.0 schema (``specversion`` tells it apart).

    Keyword arguments beyond the standard attributes are extension attributes
    (``traceparent="00-..."``).
    """
    event: dict[str, object] = {
        "specversion": "1.0",
        "id": id or str(uuid.uuid4()),
        "source": source,
        "type": type,
        "time": format_moment(time or utc_now()),
    }
    optional = {
        "subject": subject,
        "datacontenttype": datacontenttype,
        "dataschema": dataschema,
    }
    event.update((key, value) for key, value in optional.items() if value is not None)
    event.update(extensions)
    if data is not None:
        event["data"] = data
    return TriggerPayload(json_datum(event))


def cosmos_db_payload(
    documents: Sequence[Mapping[str, object]], *, system_properties: bool = True
) -> TriggerPayload:
    """Changed documents as a ``cosmosDBTrigger`` receives them: one JSON array.

    Each document keeps its fields; with *system_properties* the ones Cosmos
    DB adds are filled in where absent (``id``, ``_rid``, ``_self``, ``_etag``,
    ``_attachments``, ``_ts``, ``_lsn``).
    """
    changed: list[dict[str, object]] = []
    for index, document in enumerate(documents):
        item = dict(document)
        if system_properties:
            rid = secrets.token_urlsafe(6)
            defaults: dict[str, object] = {
                "id": str(uuid.uuid4()),
                "_rid": rid,
                "_self": f"dbs/local/colls/items/docs/{rid}/",
                "_etag": f'"{uuid.uuid4()}"',
                "_attachments": "attachments/",
                "_ts": int(utc_now().timestamp()),
                "_lsn": index + 1,
            }
            for key, value in defaults.items():
                item.setdefault(key, value)
        changed.append(item)
    return TriggerPayload(json_datum(changed))


def warmup_payload() -> TriggerPayload:
    """What a ``warmupTrigger`` receives when an instance is added: an empty object."""
    return TriggerPayload(json_datum({}))


def generic_payload(value: object) -> TriggerPayload:
    """Any other trigger: the value as the host passes it (text, bytes, JSON ...)."""
    if isinstance(value, Datum):
        return TriggerPayload(value)
    return TriggerPayload(to_datum(value, binding="trigger"))
