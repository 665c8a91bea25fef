"""Event Hubs: the ``eventHubTrigger`` input and ``eventHub`` output converters."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TypeVar, cast

from .._converter import InConverter, OutConverter
from .._datum import Datum, DatumLike, datum_to_python
from .._errors import DatumTypeError
from .._json import dumps
from .._metadata import (
    BatchMetadata,
    Field,
    MetadataProperty,
    integer,
    text,
)
from ._messages import (
    EventMessage,
    MessageOutputConverter,
    batch_bodies,
    bodies_only,
    encode_message,
    is_batch,
    optional_timestamp,
    received,
)
from ._serialize import BODY, serialized

TYPE_CHECKING = False

V = TypeVar("V")

__all__ = ["EventHubConverter", "EventHubEvent", "EventHubTriggerConverter"]


class EventHubEvent(EventMessage):
    """An event from Azure Event Hubs (or the built-in endpoint of IoT Hub).

    ``EventHubEvent(body=b"...")`` builds one, for tests; the trigger also fills
    the properties below and :attr:`metadata`. ``to_dict()`` shows the body
    and the properties (``iothub_metadata`` ``None`` when empty).
    """

    __slots__ = ()
    _binding = "eventHubTrigger"

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
            values["iothub_metadata"] = self._iothub()
        return cast("Mapping[str, str] | None", values["iothub_metadata"])

    def _read(self, field: Field[V]) -> V | None:
        """A single event's *field*: the top-level key, else ``SystemProperties``."""
        value = EventMessage._read(self, field)
        if value is None and self._datums is not None:
            value = field.convert(self._system().get(field.key), _TRIGGER)
        return value

    def _system(self) -> dict[str, object]:
        """A single event's ``SystemProperties`` (``{}`` when absent), decoded once."""
        values = self._values
        system = values.get(_SYSTEM)  # kept with the values, under the wire key
        if system is None:
            datums = self._datums
            system = datum_to_python(
                None if datums is None else datums.get(_SYSTEM),
                binding=_TRIGGER,
                what=f"trigger metadata {_SYSTEM!r}",
            )
            if system is not None and not isinstance(system, dict):
                raise DatumTypeError(
                    _TRIGGER,
                    f"trigger metadata {_SYSTEM!r}",
                    f"a {type(system).__name__}",
                    "a JSON object",
                )
            values[_SYSTEM] = system = system or {}
        return cast("dict[str, object]", system)

    def _iothub(self) -> dict[str, str] | None:
        """The ``iothub-*`` entries of the event's record, or of its metadata.

        For a single event: the top-level ones, else those of ``SystemProperties``.
        """
        batch = self._batch
        if batch is not None:
            records = batch.records()
            index = self._index
            record = records[index] if records and index < len(records) else None
            return _iothub(record.items()) if isinstance(record, dict) else {}
        datums = self._datums
        if datums is None:
            return None
        top_level = [
            (
                key,
                datum_to_python(
                    datum, binding=_TRIGGER, what=f"trigger metadata {key!r}"
                ),
            )
            for key, datum in datums.items()
            if key.startswith(_IOTHUB_PREFIX)
        ]
        return _iothub(top_level) or _iothub(self._system().items())

    def __repr__(self) -> str:
        return (
            f"<EventHubEvent partition_key={self._repr_value('partition_key')} "
            f"sequence_number={self._repr_value('sequence_number')} "
            f"enqueued_time={self._repr_value('enqueued_time')} "
            f"body={len(self._body)} bytes>"
        )


_IOTHUB_PREFIX = "iothub-"
_SYSTEM = "SystemProperties"


def _iothub(items: Iterable[tuple[str, object]]) -> dict[str, str]:
    """The ``iothub-*`` entries of *items*, prefix removed, values as text."""
    found: dict[str, str] = {}
    for key, value in items:
        if key.startswith(_IOTHUB_PREFIX) and value is not None:
            if not isinstance(value, str):
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


def _decode_single(
    data: DatumLike, trigger_metadata: Mapping[str, DatumLike] | None
) -> EventHubEvent:
    return received(EventHubEvent, data, trigger_metadata)


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
    return [
        received(EventHubEvent, body, None, batch, index)
        for index, body in enumerate(bodies)
    ]
