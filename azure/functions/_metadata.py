"""Trigger metadata: typed fields, read alike for one event or a batch.

A binding declares its metadata once, as :class:`Field` objects naming the
wire key and the Python kind of each value::

    DEQUEUE_COUNT = Field("DequeueCount", integer)
    INSERTION_TIME = Field("InsertionTime", timestamp)

and reads them through a view: :class:`MetadataView` for a single event, or
``BatchMetadata(...).at(i)`` for event *i* of a batch, where the host sends
each key as an array named ``<Key>Array`` (or inside a JSON array of property
objects, see :class:`BatchMetadata`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

from ._datum import DatumLike, datum_to_python
from ._errors import DatumTypeError

__all__ = [
    "BatchMetadata",
    "Field",
    "MetadataView",
    "boolean",
    "duration",
    "integer",
    "json_object",
    "json_value",
    "number",
    "parse_datetime",
    "parse_timedelta",
    "text",
    "timestamp",
]

T = TypeVar("T")

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
        from ._json import loads

        return loads(value)
    return value


def json_object(value: object) -> dict[str, object]:
    """A JSON object, already decoded or as text."""
    decoded = json_value(value)
    if isinstance(decoded, dict):
        return decoded
    raise TypeError(f"expected a JSON object, got {type(decoded).__name__}")


# --- fields and views -------------------------------------------------------


class Field(Generic[T]):
    """One metadata entry: its wire *key* and the *kind* of its value."""

    __slots__ = ("key", "kind")

    def __init__(self, key: str, kind: Kind[T]) -> None:
        self.key = key
        self.kind = kind

    def convert(self, value: object, binding: str) -> T | None:
        """*value* (plain, as read) as this field's kind; ``None`` stays ``None``.

        Raises :class:`~azure.functions.DatumTypeError` naming *binding* and
        the key when the value does not fit the kind.
        """
        if value is None:
            return None
        try:
            return self.kind(value)
        except (TypeError, ValueError, OverflowError) as exc:  # overflow: durations
            got = repr(value)
            raise DatumTypeError(
                binding,
                f"trigger metadata {self.key!r}",
                got if len(got) <= 60 else f"a {type(value).__name__}",
                f"{getattr(self.kind, '__name__', 'a value')} ({exc})",
            ) from None

    def __repr__(self) -> str:
        return f"Field({self.key!r}, {getattr(self.kind, '__name__', self.kind)})"


class MetadataView:
    """The metadata of one event; :meth:`get` reads a field, ``None`` if absent."""

    __slots__ = ("binding", "metadata")

    def __init__(self, metadata: Mapping[str, DatumLike] | None, binding: str) -> None:
        self.metadata: Mapping[str, DatumLike] = metadata or {}
        self.binding = binding

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

    def __contains__(self, key: object) -> bool:
        return key in self.metadata


class BatchMetadata:
    """The metadata of a batch (``cardinality: many``), read per event.

    The host sends one array per key, named ``<Key>Array`` (Service Bus), or
    one JSON array of property objects (Event Hubs' ``SystemPropertiesArray``):
    pass its key as *records_key* to read fields from the objects instead.
    Arrays are decoded once, whatever the number of events.
    """

    __slots__ = ("_arrays", "_records", "view")

    def __init__(
        self,
        metadata: Mapping[str, DatumLike] | None,
        binding: str,
        *,
        records_key: str | None = None,
    ) -> None:
        self.view = MetadataView(metadata, binding)
        self._arrays: dict[str, list[object] | None] = {}
        self._records: list[object] | None = None
        if records_key is not None:
            self._records = self.array(records_key)

    def array(self, key: str) -> list[object] | None:
        """The decoded array under *key*, or ``None`` when absent."""
        if key not in self._arrays:
            value = self.view.raw(key)
            if value is not None and not isinstance(value, list):
                raise DatumTypeError(
                    self.view.binding,
                    f"trigger metadata {key!r}",
                    f"a {type(value).__name__}",
                    "an array",
                )
            self._arrays[key] = value
        return self._arrays[key]

    def count(self, key: str) -> int:
        """How many events the array under *key* (or the records) describe."""
        array = self._records if self._records is not None else self.array(key)
        return 0 if array is None else len(array)

    def get(self, field: Field[T], index: int) -> T | None:
        """Field *field* of event *index*; ``None`` when absent or out of range."""
        if self._records is not None:
            record = self._records[index] if index < len(self._records) else None
            value = record.get(field.key) if isinstance(record, dict) else None
        else:
            array = self.array(field.key + "Array")
            value = array[index] if array is not None and index < len(array) else None
        return field.convert(value, self.view.binding)
