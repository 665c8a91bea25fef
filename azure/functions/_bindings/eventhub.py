"""Event Hubs: the ``eventHubTrigger`` input and ``eventHub`` output converters."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import cast

from .._converter import InConverter, OutConverter
from .._datum import Datum, DatumLike
from .._errors import DatumTypeError
from .._metadata import (
    BatchMetadata,
    Field,
    MetadataView,
    integer,
    text,
)
from ._base import body_bytes
from ._events import (
    EventMessage,
    MessageField,
    MessageOutputConverter,
    SharedMetadata,
    batch_bodies,
    batch_values,
    bodies_only,
    check_batch_size,
    encode_message,
    is_batch,
    message_fields,
    optional_timestamp,
    read_fields,
)
from ._serialize import BODY, serialized

TYPE_CHECKING = False

__all__ = ["EventHubConverter", "EventHubEvent", "EventHubTriggerConverter"]


class EventHubEvent(EventMessage):
    """An event from Azure Event Hubs (or the built-in endpoint of IoT Hub).

    ``EventHubEvent(body=b"...")`` builds one, for tests; the trigger also fills
    the properties below and :attr:`metadata`. ``to_dict()`` shows the body
    and the properties (``iothub_metadata`` ``None`` when empty).
    """

    __slots__ = ()

    _serialized = serialized(
        BODY,
        "partition_key",
        "sequence_number",
        "offset",
        "enqueued_time",
        ("iothub_metadata", lambda event: dict(event.iothub_metadata or {}) or None),
    )

    enqueued_time = MessageField(
        "EnqueuedTimeUtc", optional_timestamp, "When the event was enqueued (UTC)."
    )
    partition_key = MessageField(
        "PartitionKey", text, "The partition key the event was sent with."
    )
    sequence_number = MessageField(
        "SequenceNumber", integer, "The event's sequence number in its partition."
    )
    offset = MessageField("Offset", text, "The event's offset in its partition.")

    def __init__(
        self,
        *,
        body: bytes | str | None = b"",
        trigger_metadata: Mapping[str, DatumLike] | None = None,
        enqueued_time: datetime.datetime | None = None,
        partition_key: str | None = None,
        sequence_number: int | None = None,
        offset: str | None = None,
        iothub_metadata: Mapping[str, str] | None = None,
    ) -> None:
        self._init(
            body,
            trigger_metadata,
            {
                "enqueued_time": enqueued_time,
                "partition_key": partition_key,
                "sequence_number": sequence_number,
                "offset": offset,
                "iothub_metadata": None
                if iothub_metadata is None
                else dict(iothub_metadata),
            },
        )

    @property
    def iothub_metadata(self) -> Mapping[str, str] | None:
        """IoT Hub system properties (``iothub-*``), without the ``iothub-`` prefix.

        For example ``{"connection-device-id": "thermostat-1"}``; empty for a
        plain Event Hubs event, ``None`` for an event not from the trigger.
        """
        return cast("Mapping[str, str] | None", self._values.get("iothub_metadata"))

    def __repr__(self) -> str:
        return (
            f"<EventHubEvent partition_key={self._repr_value('partition_key')} "
            f"sequence_number={self._repr_value('sequence_number')} "
            f"enqueued_time={self._repr_value('enqueued_time')} "
            f"body={len(self._body)} bytes>"
        )


_EVENT_FIELDS = message_fields(EventHubEvent)
_IOTHUB_PREFIX = "iothub-"


def _iothub(items: Iterable[tuple[str, object]]) -> dict[str, str]:
    """The ``iothub-*`` entries of *items*, prefix removed, values as text."""
    found: dict[str, str] = {}
    for key, value in items:
        if key.startswith(_IOTHUB_PREFIX) and value is not None:
            if not isinstance(value, str):
                from .._json import dumps

                try:
                    value = dumps(value)
                except TypeError:  # bytes: not text, and not JSON
                    raise DatumTypeError(
                        _TRIGGER,
                        f"trigger metadata {key!r}",
                        f"a {type(value).__name__}",
                        "text or JSON",
                    ) from None
            found[key[len(_IOTHUB_PREFIX) :]] = value
    return found


class EventHubConverter(
    MessageOutputConverter, InConverter, OutConverter, binding="eventHub"
):
    """The ``eventHub`` binding: events out (and bodies in, without metadata)."""

    input_types = input_item_types = (EventHubEvent,)  # an event, or a batch

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> EventHubEvent | list[EventHubEvent]:
        """One event from a text, bytes or JSON payload; a list from a collection."""
        return bodies_only(EventHubEvent, data, cls.binding_names()[0])

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """``str``, ``bytes``, numbers and JSON (a list sends one event per item)."""
        return encode_message(obj, "eventHub")


class EventHubTriggerConverter(
    EventHubConverter, binding="eventHubTrigger", trigger=True
):
    """The ``eventHubTrigger`` binding: one :class:`EventHubEvent` or a batch."""

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> EventHubEvent | list[EventHubEvent]:
        """An event, with properties from its metadata; a list for a batch.

        A batch's properties come from ``SystemPropertiesArray``, one JSON
        object per event; a single event's from the top-level keys, then from
        its ``SystemProperties`` object.
        """
        metadata = trigger_metadata or {}
        shared = None if trigger_metadata is None else SharedMetadata(metadata)
        if is_batch(
            data,
            metadata,
            single_keys=("SystemProperties",),
            batch_keys=("SystemPropertiesArray",),
        ):
            return _decode_batch(data, metadata, shared)
        return _decode_single(data, metadata, shared)


_TRIGGER = "eventHubTrigger"


def _decode_single(
    data: DatumLike, metadata: Mapping[str, DatumLike], shared: SharedMetadata | None
) -> EventHubEvent:
    view = MetadataView(metadata, _TRIGGER)
    system = view.raw("SystemProperties")
    if system is not None and not isinstance(system, dict):
        raise DatumTypeError(
            _TRIGGER,
            "trigger metadata 'SystemProperties'",
            f"a {type(system).__name__}",
            "a JSON object",
        )
    properties: dict[str, object] = system or {}

    def read(field: Field[object]) -> object:
        value = view.get(field)
        if value is None:
            value = field.convert(properties.get(field.key), _TRIGGER)
        return value

    values = read_fields(_EVENT_FIELDS, read)
    top_level = [
        (key, view.raw(key)) for key in metadata if key.startswith(_IOTHUB_PREFIX)
    ]
    values["iothub_metadata"] = _iothub(top_level) or _iothub(properties.items())
    return EventHubEvent._from_wire(body_bytes(data, binding=_TRIGGER), values, shared)


def _decode_batch(
    data: DatumLike, metadata: Mapping[str, DatumLike], shared: SharedMetadata | None
) -> list[EventHubEvent]:
    bodies = batch_bodies(data, _TRIGGER)
    key = "SystemPropertiesArray"
    batch = BatchMetadata(metadata, _TRIGGER, records_key=key)
    records = batch.array(key)
    if records is not None:
        check_batch_size(_TRIGGER, key, len(records), len(bodies))
        for record in records:
            if record is not None and not isinstance(record, dict):
                raise DatumTypeError(
                    _TRIGGER,
                    f"an entry of trigger metadata {key!r}",
                    f"a {type(record).__name__}",
                    "a JSON object",
                )
    events: list[EventHubEvent] = []
    for index, body in enumerate(bodies):
        values = batch_values(_EVENT_FIELDS, batch, index)
        record = records[index] if records is not None else None
        values["iothub_metadata"] = (
            _iothub(record.items()) if isinstance(record, dict) else {}
        )
        events.append(EventHubEvent._from_wire(body, values, shared))
    return events
