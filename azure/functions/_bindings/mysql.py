"""The MySQL ``mysql`` binding and ``mysqlTrigger``: rows as JSON, as for SQL."""

from __future__ import annotations

import abc

from .._converter import InConverter, OutConverter
from ._base import BindingConverter
from .sql import JsonSafeRecord, RecordList, decode_records, encode_records

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from .._datum import Datum, DatumLike
    from .._types import JSONValue

__all__ = [
    "BaseMySqlRow",
    "BaseMySqlRowList",
    "MySqlConverter",
    "MySqlRow",
    "MySqlRowList",
    "MySqlTriggerConverter",
]


class BaseMySqlRow(abc.ABC):
    """Abstract base of MySQL rows: a JSON object read and written as a ``dict``."""

    __slots__ = ()

    @classmethod
    @abc.abstractmethod
    def from_json(cls, json_data: str) -> BaseMySqlRow:
        """Parse a row from JSON text."""

    @classmethod
    @abc.abstractmethod
    def from_dict(cls, dct: Mapping[str, JSONValue]) -> BaseMySqlRow:
        """A row from a dict."""

    @abc.abstractmethod
    def to_json(self) -> str:
        """The row as JSON text."""


class BaseMySqlRowList:
    """Base of lists of MySQL rows."""

    __slots__ = ()


class MySqlRow(JsonSafeRecord, BaseMySqlRow):
    """A row of a MySQL table: a ``dict`` of column name to JSON value."""

    __slots__ = ()


class MySqlRowList(RecordList[MySqlRow], BaseMySqlRowList):
    """A ``list`` of :class:`MySqlRow`; ``to_dict()`` lists their dicts."""

    __slots__ = ()


class MySqlConverter(BindingConverter, InConverter, OutConverter, binding="mysql"):
    """MySQL input and output: rows as JSON on the wire."""

    input_types = (BaseMySqlRowList,)
    output_types = (BaseMySqlRowList, BaseMySqlRow)
    input_item_types = output_item_types = (BaseMySqlRow,)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> MySqlRowList | None:
        """The rows sent (one object is one row); ``None`` when there is no value."""
        return decode_records(
            data, binding=cls._binding or "mysql", record=MySqlRow, into=MySqlRowList
        )

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """One row, a list of rows (``MySqlRow`` or dict) → a JSON array."""
        return encode_records(
            obj, binding=cls._binding or "mysql", record_name="MySqlRow"
        )


class MySqlTriggerConverter(MySqlConverter, binding="mysqlTrigger", trigger=True):
    """The MySQL trigger: the changed rows, as :class:`MySqlRow` objects."""
