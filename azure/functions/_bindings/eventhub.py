"""Event Hubs: the ``eventHubTrigger`` input and ``eventHub`` output converters."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TypeVar, cast

from .._converter import InConverter, OutConverter
from .._datum import Datum, DatumLike
from .._errors import DatumTypeError
from .._metadata import (
    BatchMetadata,
    Field,
    MetadataProperty,
    MetadataView,
    integer,
    text,
)
from ._base import body_bytes
from ._events import (
    EventMessage,
    MessageOutputConverter,
    batch_bodies,
    bodies_only,
    encode_message,
    is_batch,
    optional_timestamp,
)
from ._serialize import BODY, serialized

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .._metadata import Source

T = TypeVar("T")

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

    enqueued_time = MetadataProperty(
        "EnqueuedTimeUtc", optional_timestamp, "When the event was enqueued (UTC)."
    )
    partition_key = MetadataProperty(
        "PartitionKey", text, "The partition key the event was sent with."
    )
    sequence_number = MetadataProperty(
        "SequenceNumber", integer, "The event's sequence number in its partition."
    )
    offset = MetadataProperty("Offset", text, "The event's offset in its partition.")

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
        values = self._values
        if "iothub_metadata" not in values:  # read on first access, as the others
            source = self._source
            values["iothub_metadata"] = (
                None if source is None else _iothub_of(source, self._index)
            )
        return cast("Mapping[str, str] | None", values["iothub_metadata"])

    def __repr__(self) -> str:
        return (
            f"<EventHubEvent partition_key={self._repr_value('partition_key')} "
            f"sequence_number={self._repr_value('sequence_number')} "
            f"enqueued_time={self._repr_value('enqueued_time')} "
            f"body={len(self._body)} bytes>"
        )


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
        its ``SystemProperties`` object. Each is converted when first read
        (malformed metadata raises ``DatumTypeError`` then).
        """
        if is_batch(
            data,
            trigger_metadata or {},
            single_keys=("SystemProperties",),
            batch_keys=("SystemPropertiesArray",),
        ):
            return _decode_batch(data, trigger_metadata)
        return _decode_single(data, trigger_metadata)


_TRIGGER = "eventHubTrigger"


class _SingleEvent(MetadataView):
    """One event's metadata: the top-level keys, then its ``SystemProperties``."""

    __slots__ = ("_system",)

    def __init__(self, metadata: Mapping[str, DatumLike]) -> None:
        super().__init__(metadata, _TRIGGER)
        self._system: dict[str, object] | None = None

    def system(self) -> dict[str, object]:
        """The ``SystemProperties`` object (``{}`` when absent), decoded once."""
        if self._system is None:
            system = self.raw("SystemProperties")
            if system is not None and not isinstance(system, dict):
                raise DatumTypeError(
                    _TRIGGER,
                    "trigger metadata 'SystemProperties'",
                    f"a {type(system).__name__}",
                    "a JSON object",
                )
            self._system = system or {}
        return self._system

    def read(self, field: Field[T], index: int = 0) -> T | None:
        """*field* from the top-level key, else from ``SystemProperties``."""
        value = MetadataView.read(self, field)
        if value is None:
            value = field.convert(self.system().get(field.key), _TRIGGER)
        return value

    def iothub(self) -> dict[str, str]:
        """The ``iothub-*`` entries: top-level ones, else those of the properties."""
        top_level = [
            (key, self.raw(key))
            for key in self.metadata
            if key.startswith(_IOTHUB_PREFIX)
        ]
        return _iothub(top_level) or _iothub(self.system().items())


def _iothub_of(source: Source, index: int) -> dict[str, str]:
    if isinstance(source, _SingleEvent):
        return source.iothub()
    if isinstance(source, BatchMetadata):
        records = source.records()
        record = records[index] if records and index < len(records) else None
        return _iothub(record.items()) if isinstance(record, dict) else {}
    return {}


def _decode_single(
    data: DatumLike, trigger_metadata: Mapping[str, DatumLike] | None
) -> EventHubEvent:
    body = body_bytes(data, binding=_TRIGGER)
    if trigger_metadata is None:
        return EventHubEvent._from_wire(body, None)
    view = _SingleEvent(trigger_metadata)
    return EventHubEvent._from_wire(body, view, 0, view)


def _decode_batch(
    data: DatumLike, trigger_metadata: Mapping[str, DatumLike] | None
) -> list[EventHubEvent]:
    bodies = batch_bodies(data, _TRIGGER)
    batch = BatchMetadata(
        trigger_metadata,
        _TRIGGER,
        records_key="SystemPropertiesArray",
        events=len(bodies),
    )
    shared = None if trigger_metadata is None else batch.view
    return [
        EventHubEvent._from_wire(body, batch, index, shared)
        for index, body in enumerate(bodies)
    ]
