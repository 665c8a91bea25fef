"""The Azure SQL ``sql`` binding, and the JSON-object rows it shares.

SQL rows, MySQL rows and Cosmos DB documents have one shape on the wire: a
JSON array of objects (or a single object). :class:`JsonRecord` is that object
as a mutable ``dict``; :func:`decode_records` and :func:`encode_records` turn
the wire text into records and records back into wire text, for every family.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from .._converter import InConverter, OutConverter
from .._datum import Datum
from .._errors import DatumTypeError
from .._json import dumps, loads
from ._base import BindingConverter, json_kind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from typing_extensions import Self

    from .._datum import DatumLike
    from .._types import JSONValue

__all__ = [
    "BaseSqlRow",
    "BaseSqlRowList",
    "JsonRecord",
    "JsonSafeRecord",
    "RecordList",
    "SqlConverter",
    "SqlRow",
    "SqlRowList",
    "decode_records",
    "encode_records",
]

_TEXT_TYPES = frozenset({"string", "json", "bytes"})


class JsonRecord(dict[str, "Any"]):
    """A JSON object as a mutable ``dict``: a SQL row or a Cosmos DB document."""

    __slots__ = ()

    @classmethod
    def from_json(cls, json_data: str | bytes) -> Self:
        """Parse JSON text holding one object; ``ValueError`` for anything else."""
        value = loads(json_data, source=f"{cls.__name__}.from_json() input")
        if not isinstance(value, dict):
            raise ValueError(
                f"{cls.__name__}.from_json() needs a JSON object, "
                f"got a JSON {json_kind(value)}"
            )
        return cls(value)

    @classmethod
    def from_dict(cls, dct: Mapping[str, JSONValue]) -> Self:
        """A record holding a shallow copy of *dct*."""
        return cls(dct)

    def to_json(self) -> str:
        """The record as JSON text."""
        return dumps(dict(self))

    def to_dict(self) -> dict[str, Any]:
        """A plain ``dict`` shallow copy of the record."""
        return dict(self)

    def copy(self) -> Self:
        """A shallow copy of the same class (``dict.copy`` would lose it)."""
        return type(self)(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"


class JsonSafeRecord(JsonRecord):
    """A record whose ``to_dict()`` is JSON-safe (SQL and MySQL rows).

    Bytes become UTF-8 text (or a base64 object), dates ISO 8601 text (see
    :func:`~azure.functions._bindings._serialize.json_safe`); ``to_json()``
    writes that dict.
    """

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-safe ``dict`` copy of the row."""
        from ._serialize import json_safe

        result: dict[str, Any] = json_safe(dict(self))
        return result

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text."""
        return dumps(self.to_dict())


R = TypeVar("R", bound=JsonRecord)
L = TypeVar("L")


class RecordList(list[R]):
    """A ``list`` of records (rows or documents): ``to_dict()`` is theirs, in order."""

    __slots__ = ()

    def to_dict(self) -> list[dict[str, Any]]:
        """Each record's ``to_dict()``."""
        return [record.to_dict() for record in self]

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text."""
        return dumps(self.to_dict())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list.__repr__(self)})"


def decode_records(
    data: DatumLike | None,
    *,
    binding: str,
    record: type[R],
    into: Callable[[Iterable[R]], L],
) -> L | None:
    """Records from a wire value, *into* a list class: a JSON array of objects, or one.

    No value gives ``None``; JSON ``null`` gives no records, and ``null`` items
    of an array are skipped. Any other item raises ``DatumTypeError``.
    """
    if data is None:
        return None
    kind = data.type
    if kind not in _TEXT_TYPES:
        if kind is None:
            return None
        raise DatumTypeError(
            binding, "the value", f"of wire type {kind!r}", "string, json or bytes"
        )
    text = data.value
    if not isinstance(text, (str, bytes)):
        raise DatumTypeError(
            binding,
            "the value",
            f"a {kind} datum holding {type(text).__name__}",
            "JSON text",
        )
    described = _DESCRIBED.get(binding)
    if described is None:  # one text per binding name, made once
        described = _DESCRIBED[binding] = f"the value of binding {binding!r}"
    parsed = loads(text, source=described)
    if type(parsed) is list:
        if _OBJECTS_ONLY.issuperset(map(type, parsed)):
            # Every item an object, the common case: built in C, in one pass.
            return into(map(record, parsed))
    elif isinstance(parsed, dict):
        return into((record(parsed),))
    elif parsed is None:
        return into(())
    else:
        raise DatumTypeError(
            binding,
            "the value",
            f"a JSON {json_kind(parsed)}",
            "a JSON object or an array of objects",
        )
    records: list[R] = []
    for index, item in enumerate(parsed):
        if isinstance(item, dict):
            records.append(record(item))
        elif item is not None:
            raise DatumTypeError(
                binding,
                f"item {index} of the value",
                f"a JSON {json_kind(item)}",
                "a JSON object",
            )
    return into(records)


_OBJECTS_ONLY = frozenset({dict})
_DESCRIBED: dict[str, str] = {}


def encode_records(obj: object, *, binding: str, record_name: str) -> Datum:
    """A ``json`` datum holding an array of objects.

    *obj* is one record (any mapping) or an iterable of them.
    """
    expected = f"{record_name} or dict, or an iterable of them"
    rows: list[object]
    if isinstance(obj, Mapping):
        rows = [obj]
    elif isinstance(obj, Iterable) and not isinstance(obj, (str, bytes, bytearray)):
        rows = list(obj)
    else:
        raise DatumTypeError(
            binding, "the output value", f"of type {type(obj).__name__}", expected
        )
    payload: list[dict[object, object]] = []
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise DatumTypeError(
                binding,
                f"item {index} of the output",
                f"of type {type(row).__name__}",
                expected,
            )
        payload.append(dict(row))
    try:
        text = dumps(payload)
    except (TypeError, ValueError) as exc:  # unserialisable values, cycles
        raise DatumTypeError(
            binding, "the output value", f"not JSON serialisable ({exc})", "JSON values"
        ) from None
    return Datum(text, "json")


class BaseSqlRow(abc.ABC):
    """Abstract base of SQL rows: a JSON object read and written as a ``dict``."""

    __slots__ = ()

    @classmethod
    @abc.abstractmethod
    def from_json(cls, json_data: str) -> BaseSqlRow:
        """Parse a row from JSON text."""

    @classmethod
    @abc.abstractmethod
    def from_dict(cls, dct: Mapping[str, JSONValue]) -> BaseSqlRow:
        """A row from a dict."""

    @abc.abstractmethod
    def to_json(self) -> str:
        """The row as JSON text."""


class BaseSqlRowList:
    """Base of lists of SQL rows."""

    __slots__ = ()


class SqlRow(JsonSafeRecord, BaseSqlRow):
    """A row of an Azure SQL table: a ``dict`` of column name to JSON value."""

    __slots__ = ()


class SqlRowList(RecordList[SqlRow], BaseSqlRowList):
    """A ``list`` of :class:`SqlRow`; ``to_dict()`` lists their dicts."""

    __slots__ = ()


class SqlConverter(BindingConverter, InConverter, OutConverter, binding="sql"):
    """Azure SQL input and output: rows as JSON on the wire."""

    input_types = (BaseSqlRowList,)
    output_types = (BaseSqlRowList, BaseSqlRow)
    input_item_types = output_item_types = (BaseSqlRow,)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> SqlRowList | None:
        """The rows sent (one object is one row); ``None`` when there is no value."""
        return decode_records(data, binding="sql", record=SqlRow, into=SqlRowList)

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """One row, a list of rows (``SqlRow`` or dict) → a JSON array."""
        return encode_records(obj, binding="sql", record_name="SqlRow")
