"""What the event and message bindings share (Event Hubs, Service Bus, Kafka).

:class:`EventMessage` is the base of their event types, whose properties are
declared once as :class:`~azure.functions._metadata.MetadataProperty`
descriptors naming their metadata key and kind: a decoded event reads each one
from its metadata (one event's, or entry *i* of a batch's arrays) when first
used.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from .._datum import Datum, DatumLike, datum_to_python, to_datum
from .._errors import DatumTypeError
from .._json import dumps, loads
from .._metadata import (
    BatchMetadata,
    LazyMetadata,
    MetadataView,
    duration,
    metadata_properties,
    timestamp,
)
from ._base import BindingConverter, body_bytes, payload_items, utf8_bytes
from ._serialize import BODY, Getter, Serializable, serialized

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    M = TypeVar("M", bound="EventMessage")

_new = object.__new__
_TEXT_TYPES = frozenset({"string", "json"})

#: Wire types of a batch payload (``cardinality: many``).
BATCH_TYPES = frozenset({"collection_bytes", "collection_string"})


def optional_timestamp(value: object) -> datetime.datetime | None:
    """A timestamp kind for which blank text means "not set"."""
    if isinstance(value, str) and not value.strip():
        return None
    return timestamp(value)


def optional_duration(value: object) -> datetime.timedelta | None:
    """A duration kind (.NET ``TimeSpan`` text) for which blank text means "not set"."""
    if isinstance(value, str) and not value.strip():
        return None
    return duration(value)


def plain_value(datum: DatumLike) -> object:
    """A metadata datum as plain Python (JSON decoded, collections as lists).

    A wire type with no plain form keeps its raw value, so one odd entry does
    not hide the rest of the metadata.
    """
    try:
        return datum_to_python(datum, binding="trigger", what="trigger metadata")
    except DatumTypeError:
        return datum.value


def as_body(body: object, owner: str) -> bytes:
    """A constructor's *body* as bytes: text is UTF-8 encoded, ``None`` is empty."""
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    raise TypeError(f"{owner} body must be str or bytes, got {type(body).__name__}")


def serialized_fields(
    cls: type, *, exclude: frozenset[str] = frozenset()
) -> tuple[tuple[str, Getter], ...]:
    """What ``to_dict()`` shows of *cls*: its body, then its properties in order."""
    names = (f.name for f in metadata_properties(cls) if f.name not in exclude)
    return serialized(BODY, *names)


class EventMessage(LazyMetadata, Serializable):
    """Base of the event and message types: a body, properties and raw metadata.

    ``to_dict()`` shows the body and the properties each type declares in
    ``_serialized``, not the raw trigger metadata.
    """

    __slots__ = ("_batch", "_body", "_datums", "_index", "_metadata", "_values")

    _body: bytes
    #: The whole trigger metadata, for :attr:`metadata`: the datums of a
    #: single event until first read, a view (shared by a batch) after.
    _metadata: Mapping[str, DatumLike] | MetadataView | None

    def _init(
        self,
        body: object,
        trigger_metadata: Mapping[str, DatumLike] | None,
        values: Mapping[str, object],
    ) -> None:
        self._body = as_body(body, type(self).__name__)
        self._metadata = (
            None
            if trigger_metadata is None
            else MetadataView(trigger_metadata, type(self).__name__)
        )
        self._set_values(values)

    def get_body(self) -> bytes:
        """The body, as bytes."""
        return self._body

    def get_json(self) -> Any:
        """The body decoded as JSON; raises ``InvalidJSONError`` if it is not."""
        return loads(self._body, source=f"the {type(self).__name__} body")

    @property
    def metadata(self) -> dict[str, Any] | None:
        """The trigger metadata as plain Python values (``None`` when not triggered).

        The events of a batch share this dictionary: it describes the whole
        batch (``SystemPropertiesArray``, ``MessageIdArray`` ...).
        """
        view = self._metadata
        if view is None:
            return None
        if not isinstance(view, MetadataView):
            self._metadata = view = MetadataView(view, self._binding)
        return view.plain(self._plain)

    @staticmethod
    def _plain(datum: DatumLike) -> object:
        """How :attr:`metadata` shows one datum."""
        return plain_value(datum)

    def _repr_value(self, name: str) -> str:
        return repr(self._peek(name))


def received(
    cls: type[M],
    body: bytes | DatumLike | None,
    datums: Mapping[str, DatumLike] | None,
    batch: BatchMetadata | None = None,
    index: int = -1,
) -> M:
    """A received event, whose properties are read when first used.

    *body* is the event's body, or the datum of a single event's payload
    (see :func:`~azure.functions._bindings._base.body_bytes`). The properties
    come from *datums*, a single event's trigger metadata; or from entry
    *index* of the arrays of *batch*. One function, not a classmethod nor
    body_bytes and a constructor: each call of the three costs ~1k
    instructions, a large share of decoding an event.
    """
    if not isinstance(body, bytes):
        value = None if body is None else body.value
        if type(value) is str and body is not None and body.type in _TEXT_TYPES:
            try:
                encoded = value.encode()
            except UnicodeEncodeError:
                encoded = body_bytes(body, binding=cls._binding)
        else:
            encoded = body_bytes(body, binding=cls._binding)
        body = encoded
    self = _new(cls)
    self._body = body
    self._values = {}
    self._datums = datums
    self._batch = batch
    self._index = index
    self._metadata = datums if batch is None else batch.shared_view
    return self


def is_batch(
    data: DatumLike | None,
    metadata: Mapping[str, DatumLike],
    *,
    single_keys: Iterable[str],
    batch_keys: Iterable[str],
) -> bool:
    """Whether the trigger delivered a batch (``cardinality: many``).

    A collection payload is always a batch; otherwise the metadata decides: the
    per-batch keys present and none of the single-event keys.
    """
    if data is not None and data.type in BATCH_TYPES:
        return True
    for key in single_keys:
        if key in metadata:
            return False
    return any(key in metadata for key in batch_keys)


def batch_bodies(data: DatumLike | None, binding: str) -> list[bytes]:
    """The bodies of a batch: a collection of bytes or text, or a JSON array.

    Items of a JSON array (IoT Hub sends those) are serialised back to JSON.
    """
    kind = None if data is None else data.type
    if data is None or kind not in (*BATCH_TYPES, "json"):
        raise DatumTypeError(
            binding,
            "the batch payload",
            f"of wire type {kind!r}",
            "collection_bytes, collection_string or a JSON array",
        )
    items = payload_items(data, binding=binding, what="the batch payload")
    if kind == "json":
        return [dumps(item).encode("utf-8") for item in items]
    bodies: list[bytes] = []
    for index, item in enumerate(items):
        if isinstance(item, (bytes, bytearray)):
            bodies.append(bytes(item))
        elif isinstance(item, str):
            what = f"item {index} of the batch payload"
            bodies.append(utf8_bytes(item, binding=binding, what=what))
        else:
            raise DatumTypeError(
                binding,
                "an item of the batch payload",
                f"a {type(item).__name__}",
                "bytes or text",
            )
    return bodies


def bodies_only(event: type[M], data: DatumLike, binding: str) -> M | list[M]:
    """Events with a body and no properties (an output binding read as input).

    One event from a text, bytes or JSON payload; a list from a collection.
    """
    if data.type in BATCH_TYPES:
        return [received(event, body, None) for body in batch_bodies(data, binding)]
    return received(event, body_bytes(data, binding=binding), None)


class MessageOutputConverter(BindingConverter):
    """The output side of an event or message binding.

    It takes ``str``, ``bytes`` and ``list[str]`` (one event or message per
    item); see :func:`encode_message`.
    """

    output_types = (str, bytes)
    output_item_types = (str,)


def encode_message(obj: object, binding: str) -> Datum:
    """An outgoing event or message: text, bytes, a number, or JSON.

    A list is sent as a JSON array, which the host turns into one message per
    item; ``None`` sends nothing.
    """
    return to_datum(obj, binding=binding)


# --- Event Hubs -----------------------------------------------------------------
