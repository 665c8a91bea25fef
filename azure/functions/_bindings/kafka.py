"""Kafka: the ``kafkaTrigger`` input and ``kafka`` output converters.

A single event reads ``Key``, ``Offset``, ``Partition``, ``Topic``,
``Timestamp`` and ``Headers``; a batch (``cardinality: many``) reads entry *i*
of ``KeyArray``, ``OffsetArray`` ... for event *i*, through the same fields.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from typing import cast

from .._converter import InConverter, OutConverter
from .._datum import Datum, DatumLike, datum_to_python
from .._json import dumps, loads
from .._metadata import BatchMetadata, MetadataProperty, integer, text
from ._messages import (
    BATCH_TYPES,
    EventMessage,
    MessageOutputConverter,
    batch_bodies,
    bodies_only,
    encode_message,
    received,
    serialized_fields,
)
from ._serialize import Serializable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .._types import JSONValue

__all__ = [
    "AbstractKafkaEvent",
    "KafkaConverter",
    "KafkaEvent",
    "KafkaTriggerConverter",
]

_TRIGGER = "kafkaTrigger"
_COLLECTIONS = frozenset({*BATCH_TYPES, "collection_double", "collection_sint64"})


def key_text(value: object) -> str:
    """A message key as text: numbers written out, other JSON values serialised."""
    if isinstance(value, str):
        return value
    return dumps(value)


def json_list(value: object) -> list[JSONValue]:
    """A JSON array, already decoded or as text."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        value = loads(value)
    if isinstance(value, list):
        return cast("list[JSONValue]", value)
    raise TypeError(f"expected a JSON array, got {type(value).__name__}")


def raw_value(datum: DatumLike) -> object:
    """A metadata datum as the host sent it: JSON stays text, collections are lists.

    Kafka events have always exposed their metadata this way (``metadata["sys"]``
    is JSON text to decode), unlike the other bindings.
    """
    if datum.type in _COLLECTIONS:
        return datum_to_python(datum, binding=_TRIGGER, what="trigger metadata")
    return datum.value


class AbstractKafkaEvent(Serializable, abc.ABC):
    """The interface of a Kafka event (:class:`KafkaEvent` implements it).

    ``to_json()`` writes ``to_dict()``, which a subclass declares (see
    :class:`KafkaEvent`); undeclared, it raises ``NotImplementedError``.
    """

    __slots__ = ()

    @abc.abstractmethod
    def get_body(self) -> bytes:
        """The message value, as bytes."""

    @property
    @abc.abstractmethod
    def key(self) -> str | None:
        """The message key."""

    @property
    @abc.abstractmethod
    def offset(self) -> int | None:
        """The message's offset in its partition."""

    @property
    @abc.abstractmethod
    def partition(self) -> int | None:
        """The partition the message was read from."""

    @property
    @abc.abstractmethod
    def topic(self) -> str | None:
        """The topic the message was read from."""

    @property
    @abc.abstractmethod
    def timestamp(self) -> str | None:
        """The message timestamp, as the host sent it (ISO 8601 text)."""


class KafkaEvent(EventMessage, AbstractKafkaEvent):
    """An event read from a Kafka topic.

    ``KafkaEvent(body=b"...", key="k", topic="t")`` builds one, for tests; the
    trigger fills the properties below and :attr:`metadata` (as the host sent
    it: JSON entries stay text). ``to_dict()`` shows the body and the
    properties.
    """

    __slots__ = ()
    _binding = _TRIGGER

    @staticmethod
    def _plain(datum: DatumLike) -> object:
        """JSON entries stay text: see :func:`raw_value`."""
        return raw_value(datum)

    key = MetadataProperty("Key", key_text, "The message key.", native=str)
    offset = MetadataProperty(
        "Offset", integer, "The message's offset in its partition."
    )
    partition = MetadataProperty(
        "Partition", integer, "The partition the message was read from."
    )
    topic = MetadataProperty("Topic", text, "The topic the message was read from.")
    timestamp = MetadataProperty(
        "Timestamp", text, "The message timestamp, as the host sent it (ISO 8601)."
    )
    headers = MetadataProperty(
        "Headers",
        json_list,
        'The message headers, as sent: ``[{"Key": "...", "Value": "..."}, ...]``.',
    )

    def __init__(
        self,
        *,
        body: bytes | str | None = b"",
        trigger_metadata: Mapping[str, DatumLike] | None = None,
        key: str | None = None,
        offset: int | None = None,
        partition: int | None = None,
        topic: str | None = None,
        timestamp: str | None = None,
        headers: list[JSONValue] | None = None,
    ) -> None:
        self._init(
            body,
            trigger_metadata,
            {
                "key": key,
                "offset": offset,
                "partition": partition,
                "topic": topic,
                "timestamp": timestamp,
                "headers": None if headers is None else list(headers),
            },
        )

    def __repr__(self) -> str:
        return (
            f"<KafkaEvent topic={self._repr_value('topic')} "
            f"partition={self._repr_value('partition')} "
            f"offset={self._repr_value('offset')} "
            f"key={self._repr_value('key')} body={len(self._body)} bytes>"
        )


KafkaEvent._serialized = serialized_fields(KafkaEvent)


class KafkaConverter(
    MessageOutputConverter, InConverter, OutConverter, binding="kafka"
):
    """The ``kafka`` binding: events out (and bodies in, without metadata)."""

    input_types = input_item_types = (KafkaEvent,)  # an event, or a batch

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> KafkaEvent | list[KafkaEvent]:
        """One event from a text, bytes or JSON payload; a list from a collection."""
        return bodies_only(KafkaEvent, data, cls.binding_names()[0])

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """``str``, ``bytes``, numbers and JSON (a list sends one event per item).

        A JSON object with ``Key``, ``Value`` and ``Headers`` entries is how the
        Kafka extension takes a key and headers along with the value.
        """
        return encode_message(obj, "kafka")


class KafkaTriggerConverter(KafkaConverter, binding=_TRIGGER, trigger=True):
    """The ``kafkaTrigger`` binding: one :class:`KafkaEvent` or a batch."""

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> KafkaEvent | list[KafkaEvent]:
        """An event with its key, offset, ...; a list for a collection payload.

        Properties are converted when first read. Each ``*Array`` of a batch
        must have one entry per event (checked when a property first reads it).
        """
        if data.type not in BATCH_TYPES:
            return received(KafkaEvent, data, trigger_metadata)
        bodies = batch_bodies(data, _TRIGGER)
        batch = BatchMetadata(trigger_metadata, _TRIGGER, events=len(bodies))
        return [
            received(KafkaEvent, body, None, batch, index)
            for index, body in enumerate(bodies)
        ]
