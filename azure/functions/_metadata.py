"""Trigger metadata: typed fields, read on first access, alike for one event or a batch.

A binding type declares each metadata-backed property once, naming the wire key
and the Python kind of its value::

    class QueueMessage(LazyMetadata, ...):
        dequeue_count = MetadataProperty("DequeueCount", integer, "...")
        insertion_time = MetadataProperty("InsertionTime", timestamp, "...")

A decoded object (a :class:`LazyMetadata`) keeps the host's datums: a single
event's mapping, or the :class:`BatchMetadata` of its batch and its index *i*,
where the host sends each key as an array named ``<Key>Array`` (or inside a
JSON array of property objects). A property converts its value the
first time it is read and keeps it, so a value nobody reads costs nothing, and
malformed metadata raises :class:`~azure.functions.DatumTypeError` (or
``InvalidJSONError``) naming the binding and the key when it is read, not when
the object is decoded.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import ClassVar, Final, Generic, NoReturn, TypeVar, overload

from ._datum import DatumLike, datum_to_python
from ._errors import DatumTypeError
from ._json import loads

__all__ = [
    "BatchMetadata",
    "DefaultedProperty",
    "Field",
    "LazyMetadata",
    "MetadataProperty",
    "MetadataView",
    "boolean",
    "duration",
    "integer",
    "json_object",
    "json_value",
    "metadata_properties",
    "number",
    "parse_datetime",
    "parse_timedelta",
    "text",
    "timestamp",
]

T = TypeVar("T")
V = TypeVar("V")

#: Converts a plain metadata value; raises ``ValueError`` or ``TypeError``.
Kind = Callable[[object], T]


# --- time ------------------------------------------------------------------

_DATETIME = re.compile(
    r"""\s*
    (?: (?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})       # 2024-05-01
      | (?P<us_month>\d{1,2})/(?P<us_day>\d{1,2})/(?P<us_year>\d{4})  # 05/01/2024
    )
    (?: [T\s]+
        (?P<hour>\d{1,2}):(?P<minute>\d{2})
        (?: :(?P<second>\d{2}) (?: [.,](?P<fraction>\d+) )? )?
    )?
    \s* (?P<zone> Z | [+-]\d{2}(?::?\d{2})? )? \s*\Z""",
    re.VERBOSE | re.IGNORECASE,
)

_TIMESPAN = re.compile(
    r"""\s*(?P<sign>-)?
    (?: (?P<days>\d+)[.:](?=\d{1,2}:\d{1,2}:) )?  # days, before h:m:s
    (?: (?P<hours>\d{1,2}):(?=\d{1,2}:) )?
    (?P<minutes>\d{1,2}):(?P<seconds>\d{1,2})
    (?: \.(?P<fraction>\d+) )?\s*\Z""",
    re.VERBOSE,
)


def parse_datetime(value: str) -> datetime.datetime:
    """Parse the timestamps Azure sends, in one pass.

    ISO 8601 (``T`` or space), or ``MM/DD/YYYY hh:mm:ss``, with any number of
    fractional digits (.NET sends seven; beyond microseconds is dropped) and
    an optional ``Z`` or ``±hh:mm`` zone. With a zone the result is aware (UTC
    offsets give ``timezone.utc``); without one it is naive, as sent.
    """
    match = _DATETIME.match(value)
    if match is None:
        raise ValueError(f"not a timestamp: {value!r}")
    if match["year"]:
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    else:
        year, month = int(match["us_year"]), int(match["us_month"])
        day = int(match["us_day"])
    fraction = match["fraction"] or ""
    zone = match["zone"]
    tzinfo: datetime.tzinfo | None = None
    if zone is not None:
        if zone in ("Z", "z"):
            tzinfo = datetime.timezone.utc
        else:
            digits = zone[1:].replace(":", "")
            offset = datetime.timedelta(
                hours=int(digits[:2]), minutes=int(digits[2:4] or 0)
            )
            if zone[0] == "-":
                offset = -offset
            tzinfo = datetime.timezone(offset) if offset else datetime.timezone.utc
    return datetime.datetime(
        year,
        month,
        day,
        int(match["hour"] or 0),
        int(match["minute"] or 0),
        int(match["second"] or 0),
        int(fraction[:6].ljust(6, "0")),
        tzinfo=tzinfo,
    )


def parse_timedelta(value: str) -> datetime.timedelta:
    """Parse a duration: .NET ``[-][d.]hh:mm:ss[.fffffff]``, ``mm:ss`` or seconds."""
    stripped = value.strip()
    if stripped.lstrip("-").isdigit():
        return datetime.timedelta(seconds=int(stripped))
    match = _TIMESPAN.match(value)
    if match is None:
        raise ValueError(f"not a duration: {value!r}")
    fraction = match["fraction"] or ""
    delta = datetime.timedelta(
        days=int(match["days"] or 0),
        hours=int(match["hours"] or 0),
        minutes=int(match["minutes"]),
        seconds=int(match["seconds"]),
        microseconds=int(fraction[:6].ljust(6, "0")),
    )
    return -delta if match["sign"] else delta


# --- kinds: plain metadata value -> Python value ---------------------------


def text(value: object) -> str:
    """A string; numbers are written out, as the reference coerced them."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"expected text, got {type(value).__name__}")


def integer(value: object) -> int:
    """An integer, from a number or its text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return int(value.strip())
    raise TypeError(f"expected an integer, got {type(value).__name__}")


def number(value: object) -> float:
    """A float, from a number or its text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        return float(value)
    raise TypeError(f"expected a number, got {type(value).__name__}")


def boolean(value: object) -> bool:
    """A bool, from JSON ``true``/``false`` or their text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise TypeError(f"expected true or false, got {value!r}")


def timestamp(value: object) -> datetime.datetime:
    """A datetime, from its text (see :func:`parse_datetime`)."""
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        return parse_datetime(value)
    raise TypeError(f"expected a timestamp, got {type(value).__name__}")


def duration(value: object) -> datetime.timedelta:
    """A timedelta, from its text or a number of seconds."""
    if isinstance(value, datetime.timedelta):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.timedelta(seconds=value)
    if isinstance(value, str):
        return parse_timedelta(value)
    raise TypeError(f"expected a duration, got {type(value).__name__}")


def json_value(value: object) -> object:
    """Any JSON value; text holding a JSON object or array is decoded."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        return loads(value)
    return value


def json_object(value: object) -> dict[str, object]:
    """A JSON object, already decoded or as text."""
    decoded = json_value(value)
    if isinstance(decoded, dict):
        return decoded
    raise TypeError(f"expected a JSON object, got {type(decoded).__name__}")


# --- fields and views -------------------------------------------------------

# The type each kind returns unchanged: a value of exactly that type is used
# as it is, without a call to the kind (text is sent as str, counts as int).
_NATIVE: dict[Callable[[object], object], type] = {
    text: str,
    integer: int,
    number: float,
    boolean: bool,
}


class Field(Generic[T]):
    """One metadata entry: its wire *key* and the *kind* of its value.

    *native* is the type a value of that kind already has, which needs no
    conversion (``str`` for :func:`text`, ``int`` for :func:`integer` ...);
    the kinds of this module know theirs.
    """

    __slots__ = ("key", "kind", "native")

    def __init__(self, key: str, kind: Kind[T], *, native: type | None = None) -> None:
        self.key = key
        self.kind = kind
        self.native: type | None = native or _NATIVE.get(kind)

    def convert(self, value: object, binding: str, what: str | None = None) -> T | None:
        """*value* (plain, as read) as this field's kind; ``None`` stays ``None``.

        Raises :class:`~azure.functions.DatumTypeError` naming *binding* and
        *what* (by default ``trigger metadata 'Key'``) when the value does not
        fit the kind.
        """
        if value is None:
            return None
        try:
            return self.kind(value)
        except (TypeError, ValueError, OverflowError) as exc:  # overflow: durations
            raise self.error(value, binding, exc, what) from None

    def error(
        self, value: object, binding: str, exc: Exception, what: str | None = None
    ) -> DatumTypeError:
        """The error for *value*, which the kind refused with *exc*."""
        got = repr(value)
        return DatumTypeError(
            binding,
            f"trigger metadata {self.key!r}" if what is None else what,
            got if len(got) <= 60 else f"a {type(value).__name__}",
            f"{getattr(self.kind, '__name__', 'a value')} ({exc})",
        )

    def __repr__(self) -> str:
        return f"Field({self.key!r}, {getattr(self.kind, '__name__', self.kind)})"


_PLAIN_TYPES = frozenset({"string", "bytes", "int", "double"})


class MetadataView:
    """The metadata of one event; :meth:`get` reads a field, ``None`` if absent.

    :meth:`plain` gives every entry as plain Python, converted once.
    """

    __slots__ = ("_plain", "binding", "metadata")

    def __init__(self, metadata: Mapping[str, DatumLike] | None, binding: str) -> None:
        self.metadata: Mapping[str, DatumLike] = metadata or {}
        self.binding = binding
        self._plain: dict[str, object] | None = None

    def raw(self, key: str) -> object:
        """The plain value under *key* (JSON decoded), ``None`` if absent."""
        return datum_to_python(
            self.metadata.get(key),
            binding=self.binding,
            what=f"trigger metadata {key!r}",
        )

    def get(self, field: Field[T]) -> T | None:
        """The value of *field*, converted to its kind; ``None`` when absent."""
        return field.convert(self.raw(field.key), self.binding)

    def plain(self, convert: Callable[[DatumLike], object]) -> dict[str, object]:
        """``{key: convert(datum)}`` for every entry, built on the first call."""
        if self._plain is None:
            self._plain = {k: convert(v) for k, v in self.metadata.items()}
        return self._plain

    def __contains__(self, key: object) -> bool:
        return key in self.metadata


class BatchMetadata:
    """The metadata of a batch (``cardinality: many``), read per event.

    The host sends one array per key, named ``<Key>Array`` (Service Bus), or
    one JSON array of property objects (Event Hubs' ``SystemPropertiesArray``):
    pass its key as *records_key* to read fields from the objects instead.
    Each array is decoded when a field first needs it, once for the whole
    batch. With *events*, an array must have one entry per event (checked
    then, raising :class:`~azure.functions.DatumTypeError`).
    """

    __slots__ = (
        "_arrays",
        "_events",
        "_records",
        "_records_key",
        "shared_view",
        "view",
    )

    def __init__(
        self,
        metadata: Mapping[str, DatumLike] | None,
        binding: str,
        *,
        records_key: str | None = None,
        events: int | None = None,
    ) -> None:
        self.view = MetadataView(metadata, binding)
        #: What the events' ``metadata`` shows: ``None`` when none was sent.
        self.shared_view = None if metadata is None else self.view
        self._arrays: dict[str, list[object] | None] = {}
        self._records_key = records_key
        self._records: list[object] | None = None
        self._events = events

    def array(self, key: str) -> list[object] | None:
        """The decoded array under *key*, or ``None`` when absent."""
        try:
            return self._arrays[key]
        except KeyError:
            pass
        value = self.view.raw(key)
        if value is not None:
            if not isinstance(value, list):
                raise DatumTypeError(
                    self.view.binding,
                    f"trigger metadata {key!r}",
                    f"a {type(value).__name__}",
                    "an array",
                )
            if self._events is not None and len(value) != self._events:
                raise DatumTypeError(
                    self.view.binding,
                    f"trigger metadata {key!r}",
                    f"{len(value)} entries for {self._events} events",
                    "one entry per event",
                )
        self._arrays[key] = value
        return value

    def records(self) -> list[object] | None:
        """The array of property objects under *records_key* (entries checked)."""
        key = self._records_key
        if key is None or self._records is not None:
            return self._records
        records = self.array(key)
        for record in records or ():
            if record is not None and not isinstance(record, dict):
                raise DatumTypeError(
                    self.view.binding,
                    f"an entry of trigger metadata {key!r}",
                    f"a {type(record).__name__}",
                    "a JSON object",
                )
        self._records = records
        return records

    def count(self, key: str) -> int:
        """How many events the array under *key* (or the records) describe."""
        array = self.records() if self._records_key is not None else self.array(key)
        return 0 if array is None else len(array)

    def get(self, field: Field[T], index: int) -> T | None:
        """Field *field* of event *index*; ``None`` when absent or out of range."""
        if self._records_key is not None:
            records = self.records()
            record = records[index] if records and index < len(records) else None
            value = record.get(field.key) if isinstance(record, dict) else None
        else:
            array = self.array(field.key + "Array")
            value = array[index] if array is not None and index < len(array) else None
        return field.convert(value, self.view.binding)


# --- properties read on first access ------------------------------------------

#: The cached value of a property not read yet.
_UNREAD: Final = object()


class MetadataProperty(Generic[T]):
    """A read-only property backed by one metadata field, converted on first access.

    ``dequeue_count = MetadataProperty("DequeueCount", integer, "...")`` on a
    :class:`LazyMetadata` class declares the property and where it comes from:
    key ``DequeueCount`` of a single event's metadata, entry *i* of
    ``DequeueCountArray`` (or a record's ``DequeueCount``) in a batch. A
    value is converted the first time it is read and kept; one nobody reads
    is never converted, and a bad one raises when it is read (every time).
    """

    def __init__(
        self, key: str, kind: Kind[T], doc: str, *, native: type | None = None
    ) -> None:
        self.field: Field[T] = Field(key, kind, native=native)
        self.name = ""
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> MetadataProperty[T]: ...
    @overload
    def __get__(self, obj: LazyMetadata, owner: type | None = None) -> T | None: ...
    def __get__(
        self, obj: LazyMetadata | None, owner: type | None = None
    ) -> MetadataProperty[T] | T | None:
        if obj is None:
            return self
        values = obj._values
        value = values.get(self.name, _UNREAD)
        if value is not _UNREAD:
            return value  # type: ignore[return-value]  # (no cast(): a call per read)
        read = obj._read(self.field)
        values[self.name] = read
        return read

    def __set__(self, obj: LazyMetadata, value: NoReturn) -> NoReturn:
        # Read-only, also on a class with a __dict__ (InputStream); for mypy
        # too (value: NoReturn), where a descriptor without __set__ could be
        # shadowed by an instance attribute.
        raise AttributeError(f"property {self.name!r} is read-only")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.field!r}>"


class DefaultedProperty(MetadataProperty[T]):
    """A :class:`MetadataProperty` that answers ``default()`` instead of ``None``."""

    def __init__(
        self, key: str, kind: Kind[T], doc: str, *, default: Callable[[], T]
    ) -> None:
        super().__init__(key, kind, doc)
        self.default = default

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> DefaultedProperty[T]: ...
    @overload
    def __get__(self, obj: LazyMetadata, owner: type | None = None) -> T: ...
    def __get__(
        self, obj: LazyMetadata | None, owner: type | None = None
    ) -> DefaultedProperty[T] | T:
        if obj is None:
            return self
        values = obj._values
        value = values.get(self.name, _UNREAD)
        if value is _UNREAD:
            read = obj._read(self.field)
            values[self.name] = value = read
        return self.default() if value is None else value  # type: ignore[return-value]


class LazyMetadata:
    """Base of the binding types whose metadata properties convert on first access.

    A subclass declares :class:`MetadataProperty` attributes, the binding its
    errors name (``_binding``) and four slots (kept by the subclass, so that a
    class with another layout, such as a file object, can mix this in):

    * ``_values``: property name → value, the converted values and those given
      to the constructor;
    * ``_datums``: a single event's trigger metadata (the host's datums);
    * ``_batch`` and ``_index``: for an event of a batch, the batch's metadata
      and the event's position in it.

    An object built in code has neither: its unset properties are ``None``.
    :meth:`_read` is where a value comes from; a subclass may look further.
    """

    __slots__ = ()

    _values: dict[str, object]
    _datums: Mapping[str, DatumLike] | None
    _batch: BatchMetadata | None
    _index: int
    #: The binding named by the errors of malformed metadata.
    _binding: ClassVar[str] = "trigger"

    def _read(self, field: Field[V]) -> V | None:
        """*field*'s value for this object, converted; ``None`` when absent."""
        batch = self._batch
        if batch is not None:
            return batch.get(field, self._index)
        datums = self._datums
        if datums is None:
            return None
        datum = datums.get(field.key)
        if datum is None:
            return None
        # One frame for the common case (text, numbers): Field.convert inlined,
        # datum_to_python only for JSON and collections.
        value = (
            datum.value
            if datum.type in _PLAIN_TYPES
            else datum_to_python(
                datum, binding=self._binding, what=f"trigger metadata {field.key!r}"
            )
        )
        if value is None:
            return None
        if type(value) is field.native:
            return value  # type: ignore[return-value]  # already of the kind
        try:
            return field.kind(value)
        except (TypeError, ValueError, OverflowError) as exc:
            raise field.error(value, self._binding, exc) from None

    def _set_values(self, values: Mapping[str, object]) -> None:
        """Hold *values* (name → value) and nothing to read: an object built in code."""
        _init_lazy(self, dict(values), None, None, -1)

    def _peek(self, name: str) -> object:
        """Property *name* for a ``repr``: ``"?"`` if it cannot be converted."""
        try:
            value = getattr(self, name)
        except (DatumTypeError, ValueError):  # InvalidJSONError is a ValueError
            return "?"
        return value


def _init_lazy(
    obj: LazyMetadata,
    values: dict[str, object],
    datums: Mapping[str, DatumLike] | None,
    batch: BatchMetadata | None,
    index: int,
) -> None:
    # The slots are the subclass's (see LazyMetadata), which mypy cannot see here.
    obj._values = values  # type: ignore[misc]
    obj._datums = datums  # type: ignore[misc]
    obj._batch = batch  # type: ignore[misc]
    obj._index = index  # type: ignore[misc]


def metadata_properties(cls: type) -> tuple[MetadataProperty[object], ...]:
    """The :class:`MetadataProperty` attributes of *cls*, bases first."""
    return tuple(
        attr
        for klass in reversed(cls.__mro__)
        for attr in vars(klass).values()
        if isinstance(attr, MetadataProperty)
    )
