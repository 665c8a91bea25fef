"""``to_dict()`` and ``to_json()`` of the binding types, from one declaration.

A binding type lists what it shows, in order, as ``(key, getter)`` pairs::

    class QueueMessage(Serializable):
        _serialized = serialized("id", BODY, "pop_receipt", ...)

``to_dict()`` reads each value when called (nothing is computed before) and
makes it JSON-safe with :func:`json_safe`; ``to_json()`` writes that as JSON
text. A getter answering :data:`OMIT` leaves its key out.
"""

from __future__ import annotations

import base64
import datetime
from collections.abc import Callable, Mapping
from operator import attrgetter, methodcaller
from typing import Any, ClassVar, Final

from .._json import dumps

__all__ = [
    "BODY",
    "OMIT",
    "Getter",
    "Serializable",
    "json_safe",
    "omitted_when_none",
    "serialized",
]

#: Reads one value of an object for ``to_dict()``.
Getter = Callable[[Any], object]


class _Omit:
    __slots__ = ()

    def __repr__(self) -> str:
        return "OMIT"


#: Returned by a getter to leave its key out of ``to_dict()``.
OMIT: Final = _Omit()


#: The ``body`` entry of a message: ``get_body()``.
BODY: Final[tuple[str, Getter]] = ("body", methodcaller("get_body"))


def json_safe(value: object) -> Any:
    """*value* with bytes, dates and durations made JSON-safe, recursively.

    Bytes become their UTF-8 text, or ``{"__encoding": "base64", "value":
    "..."}`` when they are not UTF-8; datetimes and dates their ISO 8601 text;
    timedeltas their ``str()`` (``"0:05:00"``). Mappings and lists (tuples
    too) are converted item by item, into a ``dict`` and a ``list``; any other
    value is returned as it is.
    """
    if isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return {"__encoding": "base64", "value": base64.b64encode(raw).decode()}
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, Mapping):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    return value


def serialized(*fields: str | tuple[str, Getter]) -> tuple[tuple[str, Getter], ...]:
    """``(key, getter)`` pairs: a bare name reads the attribute of that name."""
    return tuple(
        (field, attrgetter(field)) if isinstance(field, str) else field
        for field in fields
    )


def omitted_when_none(
    name: str, *, unless: Callable[[Any], bool] | None = None
) -> Getter:
    """A getter of attribute *name* that leaves its key out when it is ``None``.

    With *unless*, the key stays (``None``) for the objects it answers true for.
    """

    def get(obj: object) -> object:
        value: object = getattr(obj, name)
        if value is None and (unless is None or not unless(obj)):
            return OMIT
        return value

    return get


class Serializable:
    """Gives a binding type ``to_dict()`` and ``to_json()`` from ``_serialized``."""

    __slots__ = ()

    #: What ``to_dict()`` shows, in order: ``(key, getter)`` pairs.
    _serialized: ClassVar[tuple[tuple[str, Getter], ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        """The object's fields as a JSON-safe ``dict``.

        Bytes are UTF-8 text (or ``{"__encoding": "base64", "value": ...}``),
        datetimes ISO 8601 text, durations ``str(timedelta)``.
        """
        if not self._serialized:
            raise NotImplementedError(
                f"{type(self).__name__} does not implement to_dict(): "
                "declare its fields in _serialized, or override to_dict()"
            )
        result: dict[str, Any] = {}
        for key, get in self._serialized:
            value = get(self)
            if value is not OMIT:
                result[key] = json_safe(value)
        return result

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text."""
        return dumps(self.to_dict())
