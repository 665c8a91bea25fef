"""Azure Database for MySQL: the ``mysqlTrigger`` and ``mysql`` bindings."""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import MYSQL, MYSQL_TRIGGER
from .core import DataType, InputBinding, OutputBinding, Trigger
from .sql import SQL_INPUT_FIELDS, SQL_OUTPUT_FIELDS, SQL_TRIGGER_FIELDS

__all__ = ["MySqlInput", "MySqlOutput", "MySqlTrigger"]


class MySqlInput(InputBinding):
    """Reads rows with a query or stored procedure (``mysql``)."""

    binding_type = MYSQL
    fields = SQL_INPUT_FIELDS


class MySqlOutput(OutputBinding):
    """Upserts rows into a table (``mysql``)."""

    binding_type = MYSQL
    fields = SQL_OUTPUT_FIELDS


class MySqlTrigger(Trigger):
    """Runs on changes to a table (``mysqlTrigger``)."""

    binding_type = MYSQL_TRIGGER
    fields = SQL_TRIGGER_FIELDS


class _MySqlTriggerApi(DecoratorApi):
    def mysql_trigger(
        self,
        arg_name: str,
        table_name: str,
        connection_string_setting: str,
        leases_table_name: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function on changes to a MySQL table (extension bundle 4.x).

        :param arg_name: The :class:`~azure.functions.MySqlRowList` parameter.
        :param table_name: The watched table.
        :param connection_string_setting: The app setting holding the
            database's connection string.
        :param leases_table_name: The table keeping the leases (the host's
            default: ``Leases_{FunctionId}_{TableId}``).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(MySqlTrigger, locals())


class _MySqlBindingApi(DecoratorApi):
    def mysql_input(
        self,
        arg_name: str,
        command_text: str,
        connection_string_setting: str,
        command_type: str | None = "Text",
        parameters: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Reads rows from MySQL with a query or a stored procedure.

        :param arg_name: The :class:`~azure.functions.MySqlRowList` parameter.
        :param command_text: The query, or the stored procedure's name.
        :param connection_string_setting: The app setting holding the
            database's connection string.
        :param command_type: ``"Text"`` (a query) or ``"StoredProcedure"``.
        :param parameters: The command's parameters, as
            ``"@Name={name},@Id={id}"`` (binding expressions allowed).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(MySqlInput, locals())

    def mysql_output(
        self,
        arg_name: str,
        command_text: str,
        connection_string_setting: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Upserts rows into a MySQL table through an ``Out`` parameter.

        :param arg_name: The ``func.Out[func.MySqlRow | func.MySqlRowList]``
            parameter (or ``"$return"``).
        :param command_text: The table written to.
        :param connection_string_setting: The app setting holding the
            database's connection string.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(MySqlOutput, locals())
