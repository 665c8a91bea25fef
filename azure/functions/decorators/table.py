"""Tables (Azure Storage or Cosmos DB for Table): the ``table`` bindings.

The reference's table decorators take no extra keyword arguments, and
neither do these.
"""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import TABLE
from .core import BindingField, DataType, InputBinding, OutputBinding

__all__ = ["TableInput", "TableOutput"]


# The table and the entity's keys: what both bindings address.
_ENTITY = (
    BindingField("connection"),
    BindingField("table_name"),
    BindingField("row_key"),
    BindingField("partition_key"),
)


class TableInput(InputBinding):
    """Reads one entity or a query's entities from a table (``table``, ``in``)."""

    binding_type = TABLE
    fields = (*_ENTITY, BindingField("take"), BindingField("filter"))


class TableOutput(OutputBinding):
    """Writes entities to a table (``table``, ``out``)."""

    binding_type = TABLE
    fields = _ENTITY


class _TableBindingApi(DecoratorApi):
    def table_input(
        self,
        arg_name: str,
        connection: str,
        table_name: str,
        row_key: str | None = None,
        partition_key: str | None = None,
        take: int | None = None,
        filter: str | None = None,
        data_type: DataType | str | None = None,
    ) -> FunctionDecorator:
        """Reads a table entity, or the entities a query selects, as JSON.

        :param arg_name: The parameter (``str``: the entity or a JSON array).
        :param connection: The app setting (or setting prefix) that says how
            to connect to the table service.
        :param table_name: The table.
        :param row_key: The row key of the one entity to read.
        :param partition_key: The partition key of the entities to read.
        :param take: The most entities to read.
        :param filter: An OData filter the entities must match.
        :param data_type: How the host hands the value over.
        """
        return self._add(TableInput, locals())

    def table_output(
        self,
        arg_name: str,
        connection: str,
        table_name: str,
        row_key: str | None = None,
        partition_key: str | None = None,
        data_type: DataType | str | None = None,
    ) -> FunctionDecorator:
        """Writes entities to a table through an ``Out`` parameter.

        :param arg_name: The ``func.Out[str]`` parameter (or ``"$return"``):
            an entity or a JSON array of them.
        :param connection: The app setting (or setting prefix) that says how
            to connect to the table service.
        :param table_name: The table.
        :param row_key: The row key of the entity written (if not in it).
        :param partition_key: The partition key of the entity written.
        :param data_type: How the host hands the value over.
        """
        return self._add(TableOutput, locals())
