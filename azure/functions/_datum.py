"""``Datum``: a wire value (a type name and a value) as the worker exchanges it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from ._errors import DatumTypeError
from ._json import dumps, loads

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._types import JSONValue

__all__ = [
    "WIRE_TYPES",
    "Datum",
    "DatumLike",
    "build_metadata",
    "datum_to_python",
    "iterable_items",
    "json_value",
    "to_datum",
]

#: Wire type names a ``Datum`` may carry (``None`` is the absent value).
WIRE_TYPES = frozenset(
    {
        "string",
        "bytes",
        "json",
        "int",
        "double",
        "http",
        "collection_string",
        "collection_bytes",
        "collection_double",
        "collection_sint64",
        "model_binding_data",
    }
)

_SCALAR_TYPES = frozenset({"string", "bytes", "int", "double"})
_COLLECTION_FIELDS = {
    "collection_string": "string",
    "collection_bytes": "bytes",
    "collection_double": "double",
    "collection_sint64": "sint64",
}


class DatumLike(Protocol):
    """Anything with a wire ``type`` and a ``value``: ours, or the worker's own."""

    @property
    def type(self) -> str | None:
        """Wire type name, e.g. ``"string"``, ``"json"``, ``"http"``."""

    @property
    def value(self) -> object:
        """The value, shaped by :attr:`type`."""


class Datum:
    """A wire value: a wire ``type`` name and a ``value`` shaped by it.

    ``Datum("hi", "string")``, ``Datum(b"...", "bytes")``, ``Datum('{"a": 1}',
    "json")`` (JSON stays text until decoded), ``Datum(3, "int")``, ``Datum(None,
    None)`` for "no value"; an ``http`` datum's value is a dict of datums.

    >>> from azure.functions.meta import Datum
    >>> datum = Datum('{"a": [1, 2]}', "json")
    >>> datum
    <Datum json '{"a": [1, 2]}'>
    >>> datum.python_value
    {'a': [1, 2]}
    >>> Datum("hi", "string") == Datum("hi", "string")
    True
    """

    __slots__ = ("type", "value")

    def __init__(self, value: object, type: str | None) -> None:
        self.value = value
        self.type = type

    @property
    def python_value(self) -> object:
        """The value as Python sees it: JSON decoded, collections as lists."""
        if self.value is None or self.type is None:
            return None
        if self.type == "json" and isinstance(self.value, (str, bytes)):
            return loads(self.value, source="json datum")
        field = _COLLECTION_FIELDS.get(self.type)
        if field is not None:
            return _items(
                self.value, self.type, field, binding="datum", what="the value"
            )
        return self.value

    @property
    def python_type(self) -> type:
        """``type(self.python_value)``."""
        return type(self.python_value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Datum):
            return NotImplemented
        return self.type == other.type and self.value == other.value

    def __hash__(self) -> int:
        return hash((Datum, self.type, self.value))

    def __repr__(self) -> str:
        text = repr(self.value)
        if len(text) > 40:
            text = text[:37] + "..."
        return f"<Datum {self.type} {text}>"


def to_datum(value: object, *, binding: str = "metadata") -> Datum:
    """Build the datum the worker would send for a plain Python *value*.

    ``str`` → ``string``, ``bytes`` → ``bytes``, ``int`` → ``int``, ``float`` →
    ``double``, ``dict``/``list``/``bool`` → ``json`` (serialised), ``None`` → no
    value. Handy for trigger metadata in tests and the local host.
    """
    if value is None:
        return Datum(None, None)
    if isinstance(value, str):
        return Datum(value, "string")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return Datum(bytes(value), "bytes")
    if isinstance(value, (bool, dict, list, tuple)):
        try:
            return Datum(dumps(value), "json")
        except (TypeError, ValueError) as exc:  # unserialisable item, a cycle
            raise DatumTypeError(
                binding,
                "the value",
                f"a {type(value).__name__} that is not JSON serialisable ({exc})",
                "JSON-serialisable items",
            ) from None
    if isinstance(value, int):
        return Datum(value, "int")
    if isinstance(value, float):
        return Datum(value, "double")
    raise DatumTypeError(
        binding,
        "the value",
        f"of type {type(value).__name__}",
        "str, bytes, int, float, bool, dict, list or None",
    )


def build_metadata(fields: Mapping[str, object]) -> dict[str, Datum]:
    """Turn plain trigger-metadata *fields* into the datums the worker would pass."""
    return {name: to_datum(value) for name, value in fields.items()}


def datum_to_python(datum: DatumLike | None, *, binding: str, what: str) -> object:
    """Decode a wire value into plain Python: text, bytes, numbers, JSON, lists.

    *binding* and *what* name the value in the error raised for a wire type that
    carries no plain value (``http``, unknown names).
    """
    if datum is None:
        return None
    kind = datum.type
    if kind in _SCALAR_TYPES:
        return datum.value
    if kind == "json":
        return json_value(datum, binding=binding, what=what)
    if kind is None:
        return None
    field = _COLLECTION_FIELDS.get(kind)
    if field is not None:
        return _items(datum.value, kind, field, binding=binding, what=what)
    raise DatumTypeError(
        binding,
        what,
        f"of wire type {kind!r}",
        "string, bytes, json, int, double or a collection",
    )


def iterable_items(value: object) -> list[object] | None:
    """*value*'s items as a list, or ``None`` if it is not a collection of items.

    Text, bytes and mappings are single values, not collections. Anything else
    that ``iter()`` accepts is: lists and tuples, and protobuf repeated fields,
    which in protobuf 5 and later iterate without an ``__iter__`` attribute.
    """
    if isinstance(value, (str, bytes, bytearray, memoryview, Mapping)):
        return None
    try:
        iterator = iter(value)  # type: ignore[call-overload]
    except TypeError:
        return None
    return list(iterator)


def _items(
    value: object, kind: str, field: str, *, binding: str, what: str
) -> list[object]:
    """The items of a collection.

    The worker sends its protobuf message (``CollectionString`` ...), whose
    repeated *field* holds them; a bare repeated field or a list is taken too.
    """
    items = iterable_items(getattr(value, field, value))
    if items is None:
        raise DatumTypeError(
            binding,
            what,
            f"a {kind} holding {type(value).__name__}",
            "an iterable of items",
        )
    return items


def json_value(datum: DatumLike, *, binding: str, what: str) -> JSONValue:
    """Decode a ``json`` datum's text, naming the binding on malformed JSON."""
    value = datum.value
    if not isinstance(value, (str, bytes)):
        raise DatumTypeError(
            binding, what, f"a json datum holding {type(value).__name__}", "JSON text"
        )
    return loads(value, source=f"{what} of binding {binding!r}")
