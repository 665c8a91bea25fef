"""Azure SQL: the ``sqlTrigger`` and ``sql`` bindings and their decorators."""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import SQL, SQL_TRIGGER
from .core import BindingField, DataType, InputBinding, OutputBinding, Trigger

__all__ = ["SqlInput", "SqlOutput", "SqlTrigger"]

# The properties of the SQL bindings, shared with their MySQL twins (mysql.py),
# which differ only in the host type.
SQL_INPUT_FIELDS = (
    BindingField("command_text"),
    BindingField("connection_string_setting"),
    BindingField("command_type", default="Text"),
    BindingField("parameters"),
)
SQL_OUTPUT_FIELDS = (
    BindingField("command_text"),
    BindingField("connection_string_setting"),
)
SQL_TRIGGER_FIELDS = (
    BindingField("table_name"),
    BindingField("connection_string_setting"),
    BindingField("leases_table_name"),
)


class SqlInput(InputBinding):
    """Reads rows with a query or stored procedure (``sql``)."""

    binding_type = SQL
    fields = SQL_INPUT_FIELDS


class SqlOutput(OutputBinding):
    """Upserts rows into a table (``sql``)."""

    binding_type = SQL
    fields = SQL_OUTPUT_FIELDS


class SqlTrigger(Trigger):
    """Runs on changes to a table with change tracking on (``sqlTrigger``)."""

    binding_type = SQL_TRIGGER
    fields = SQL_TRIGGER_FIELDS


class _SqlTriggerApi(DecoratorApi):
    def sql_trigger(
        self,
        arg_name: str,
        table_name: str,
        connection_string_setting: str,
        leases_table_name: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function on changes to an Azure SQL table (extension bundle 4.x).

        The table needs change tracking on.

        :param arg_name: The :class:`~azure.functions.SqlRowList` parameter
            (each change: ``{"Item": row, "Operation": 0|1|2}``).
        :param table_name: The watched table (``"dbo.ToDo"``).
        :param connection_string_setting: The app setting holding the
            database's connection string.
        :param leases_table_name: The table keeping the leases (the host's
            default: ``Leases_{FunctionId}_{TableId}``).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(SqlTrigger, locals())


class _SqlBindingApi(DecoratorApi):
    def sql_input(
        self,
        arg_name: str,
        command_text: str,
        connection_string_setting: str,
        command_type: str | None = "Text",
        parameters: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Reads rows from Azure SQL with a query or a stored procedure.

        :param arg_name: The :class:`~azure.functions.SqlRowList` parameter.
        :param command_text: The query, or the stored procedure's name.
        :param connection_string_setting: The app setting holding the
            database's connection string.
        :param command_type: ``"Text"`` (a query) or ``"StoredProcedure"``.
        :param parameters: The command's parameters, as
            ``"@Name={name},@Id={id}"`` (binding expressions allowed).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(SqlInput, locals())

    def sql_output(
        self,
        arg_name: str,
        command_text: str,
        connection_string_setting: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Upserts rows into an Azure SQL table through an ``Out`` parameter.

        :param arg_name: The ``func.Out[func.SqlRow | func.SqlRowList]``
            parameter (or ``"$return"``).
        :param command_text: The table written to (``"dbo.ToDo"``).
        :param connection_string_setting: The app setting holding the
            database's connection string.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(SqlOutput, locals())
