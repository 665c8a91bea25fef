"""What the event and message bindings share (Event Hubs, Service Bus, Kafka).

:class:`EventMessage` is the base of their event types, whose properties are
declared once as :class:`MessageField` descriptors naming their metadata key
and kind; the helpers here read one event or a batch (``cardinality: many``)
through that single declaration.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Generic, TypeVar, cast, overload

from .._datum import Datum, DatumLike, datum_to_python, to_datum
from .._errors import DatumTypeError
from .._metadata import BatchMetadata, Field, duration, timestamp
from ._base import BindingConverter, body_bytes, payload_items, utf8_bytes
from ._serialize import BODY, Getter, Serializable, serialized

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

T = TypeVar("T")
M = TypeVar("M", bound="EventMessage")

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


class MessageField(Generic[T]):
    """A read-only property of an event, declared with its metadata field.

    ``content_type = MessageField("ContentType", text, "...")`` declares both the
    property and where the converters read it: key ``ContentType`` for a single
    event, ``ContentTypeArray`` (or a record's ``ContentType``) in a batch.
    """

    def __init__(self, key: str, kind: Callable[[object], T], doc: str) -> None:
        self.field: Field[T] = Field(key, kind)
        self.name = ""
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> MessageField[T]: ...
    @overload
    def __get__(self, obj: EventMessage, owner: type | None = None) -> T | None: ...
    def __get__(
        self, obj: EventMessage | None, owner: type | None = None
    ) -> MessageField[T] | T | None:
        if obj is None:
            return self
        return cast("T | None", obj._values.get(self.name))

    def __repr__(self) -> str:
        return f"<MessageField {self.name} {self.field!r}>"


class DefaultedField(MessageField[T]):
    """A :class:`MessageField` that answers ``default()`` instead of ``None``."""

    def __init__(
        self,
        key: str,
        kind: Callable[[object], T],
        doc: str,
        *,
        default: Callable[[], T],
    ) -> None:
        super().__init__(key, kind, doc)
        self.default = default

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> DefaultedField[T]: ...
    @overload
    def __get__(self, obj: EventMessage, owner: type | None = None) -> T: ...
    def __get__(
        self, obj: EventMessage | None, owner: type | None = None
    ) -> DefaultedField[T] | T:
        if obj is None:
            return self
        value = obj._values.get(self.name)
        return self.default() if value is None else cast("T", value)


def message_fields(cls: type) -> tuple[MessageField[object], ...]:
    """The :class:`MessageField` properties of *cls*, bases first."""
    return tuple(
        attr
        for klass in reversed(cls.__mro__)
        for attr in vars(klass).values()
        if isinstance(attr, MessageField)
    )


def read_fields(
    fields: Iterable[MessageField[object]],
    read: Callable[[Field[object]], object],
) -> dict[str, object]:
    """``{property name: value}`` for the *fields* that *read* finds (not ``None``)."""
    values: dict[str, object] = {}
    for prop in fields:
        value = read(prop.field)
        if value is not None:
            values[prop.name] = value
    return values


def batch_values(
    fields: Iterable[MessageField[object]], batch: BatchMetadata, index: int
) -> dict[str, object]:
    """``{property name: value}`` of event *index* of a batch."""

    def read(field: Field[object]) -> object:
        return batch.get(field, index)

    return read_fields(fields, read)


def plain_value(datum: DatumLike) -> object:
    """A metadata datum as plain Python (JSON decoded, collections as lists).

    A wire type with no plain form keeps its raw value, so one odd entry does
    not hide the rest of the metadata.
    """
    try:
        return datum_to_python(datum, binding="trigger", what="trigger metadata")
    except DatumTypeError:
        return datum.value


class SharedMetadata:
    """Trigger metadata as plain Python, converted on first use.

    The events of a batch share one instance (and so one dictionary): the
    metadata describes the whole batch, and is converted once.
    """

    __slots__ = ("_convert", "_datums", "_plain")

    def __init__(
        self,
        datums: Mapping[str, DatumLike],
        convert: Callable[[DatumLike], object] = plain_value,
    ) -> None:
        self._datums = datums
        self._convert = convert
        self._plain: dict[str, object] | None = None

    def get(self) -> dict[str, object]:
        """The ``{key: plain value}`` dictionary."""
        if self._plain is None:
            self._plain = {k: self._convert(v) for k, v in self._datums.items()}
        return self._plain


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
    """What ``to_dict()`` shows of *cls*: its body, then its fields in order."""
    names = (f.name for f in message_fields(cls) if f.name not in exclude)
    return serialized(BODY, *names)


class EventMessage(Serializable):
    """Base of the event and message types: a body, properties and raw metadata.

    ``to_dict()`` shows the body and the properties each type declares in
    ``_serialized``, not the raw trigger metadata.
    """

    __slots__ = ("_body", "_metadata", "_values")

    _body: bytes
    _metadata: SharedMetadata | None
    _values: dict[str, object]

    def _init(
        self,
        body: object,
        trigger_metadata: Mapping[str, DatumLike] | None,
        values: Mapping[str, object],
    ) -> None:
        self._body = as_body(body, type(self).__name__)
        self._metadata = (
            None if trigger_metadata is None else SharedMetadata(trigger_metadata)
        )
        self._values = {k: v for k, v in values.items() if v is not None}

    @classmethod
    def _from_wire(
        cls: type[M],
        body: bytes,
        values: dict[str, object],
        metadata: SharedMetadata | None,
    ) -> M:
        """Wrap values already converted by a converter."""
        self = cls.__new__(cls)
        self._body = body
        self._values = values
        self._metadata = metadata
        return self

    def get_body(self) -> bytes:
        """The body, as bytes."""
        return self._body

    def get_json(self) -> Any:
        """The body decoded as JSON; raises ``InvalidJSONError`` if it is not."""
        from .._json import loads

        return loads(self._body, source=f"the {type(self).__name__} body")

    @property
    def metadata(self) -> dict[str, Any] | None:
        """The trigger metadata as plain Python values (``None`` when not triggered).

        The events of a batch share this dictionary: it describes the whole
        batch (``SystemPropertiesArray``, ``MessageIdArray`` ...).
        """
        return None if self._metadata is None else self._metadata.get()

    def _repr_value(self, name: str) -> str:
        value = self._values.get(name)
        return "None" if value is None else repr(value)


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
    if any(key in metadata for key in single_keys):
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
        from .._json import dumps

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
        return [
            event._from_wire(body, {}, None) for body in batch_bodies(data, binding)
        ]
    return event._from_wire(body_bytes(data, binding=binding), {}, None)


def check_batch_size(binding: str, key: str, entries: int, events: int) -> None:
    """Raise unless the metadata array under *key* has one entry per event."""
    if entries != events:
        raise DatumTypeError(
            binding,
            f"trigger metadata {key!r}",
            f"{entries} entries for {events} events",
            "one entry per event",
        )


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
