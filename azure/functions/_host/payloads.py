"""Trigger payloads as the Functions host sends them: a datum and its metadata.

The host turns each event into a wire value for the trigger binding plus
trigger metadata (``Id``, ``DequeueCount`` ...); values that are not strings
in .NET arrive as JSON. These factories build the same, so the converters see
what they would see in Azure.
"""

from __future__ import annotations

import datetime
import secrets
import uuid
from collections.abc import Mapping
from typing import final

from .._datum import Datum, to_datum
from .._json import dumps

__all__ = [
    "MIN_DATETIME",
    "TriggerPayload",
    "format_moment",
    "generic_payload",
    "queue_payload",
    "timer_payload",
]

#: How .NET writes ``DateTime.MinValue``: a schedule's ``Last`` before any run.
MIN_DATETIME = "0001-01-01T00:00:00"


@final
class TriggerPayload:
    """The trigger's wire value and the trigger metadata that comes with it."""

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


def _json(value: object) -> Datum:
    return Datum(dumps(value), "json")


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
    return TriggerPayload(_json(body))


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
    if isinstance(body, str):
        datum = Datum(body, "string")
        text: str | None = body
    elif isinstance(body, (bytes, bytearray)):
        datum = Datum(bytes(body), "bytes")
        try:
            text = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            text = None
    else:
        text = dumps(body)
        datum = Datum(text, "string")
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    inserted = insertion_time or now
    metadata: dict[str, Datum] = {
        "Id": Datum(id or str(uuid.uuid4()), "string"),
        "DequeueCount": _json(dequeue_count),
        "InsertionTime": _json(format_moment(inserted)),
        "ExpirationTime": _json(
            format_moment(expiration_time or inserted + datetime.timedelta(days=7))
        ),
        "NextVisibleTime": _json(
            format_moment(next_visible_time or now + datetime.timedelta(minutes=10))
        ),
        "PopReceipt": Datum(pop_receipt or secrets.token_urlsafe(12), "string"),
    }
    if text is not None:
        metadata["QueueTrigger"] = Datum(text, "string")
    return TriggerPayload(datum, metadata)


def generic_payload(value: object) -> TriggerPayload:
    """Any other trigger: the value as the host passes it (text, bytes, JSON ...)."""
    if isinstance(value, Datum):
        return TriggerPayload(value)
    return TriggerPayload(to_datum(value, binding="trigger"))
