"""Azure SQL decorators: their JSON."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import azure.functions as func
from azure.functions.decorators._builder import FunctionDecorator
from azure.functions.decorators.sql import SqlInput, SqlOutput, SqlTrigger
from tests.decorators._support import raw_bindings


def test_sql_minimal() -> None:
    app = func.FunctionApp()

    @app.sql_trigger(
        arg_name="changes", table_name="dbo.ToDo", connection_string_setting="SqlConn"
    )
    @app.sql_input(
        arg_name="rows",
        command_text="SELECT * FROM dbo.ToDo",
        connection_string_setting="SqlConn",
    )
    @app.sql_output(
        arg_name="out", command_text="dbo.Copy", connection_string_setting="SqlConn"
    )
    def sql_min(
        changes: func.SqlRowList, rows: func.SqlRowList, out: func.Out[func.SqlRow]
    ) -> None:
        pass

    assert raw_bindings(app) == {
        "sql_min": [
            '{"direction": "OUT", "type": "sql", "name": "out", "commandText": "dbo.Copy", "connectionStringSetting": "SqlConn"}',
            '{"direction": "IN", "type": "sql", "name": "rows", "commandText": "SELECT * FROM dbo.ToDo", "connectionStringSetting": "SqlConn", "commandType": "Text"}',
            '{"direction": "IN", "type": "sqlTrigger", "name": "changes", "tableName": "dbo.ToDo", "connectionStringSetting": "SqlConn"}',
        ],
    }


def test_sql_full() -> None:
    app = func.FunctionApp()

    @app.sql_trigger(
        arg_name="changes",
        table_name="dbo.ToDo",
        connection_string_setting="SqlConn",
        leases_table_name="Leases_ToDo",
        data_type="string",
    )
    @app.sql_input(
        arg_name="rows",
        command_text="dbo.GetItems",
        connection_string_setting="SqlConn",
        command_type="StoredProcedure",
        parameters="@Id={id},@Name={name}",
        data_type=func.DataType.STRING,
    )
    @app.sql_output(
        arg_name="out",
        command_text="dbo.Copy",
        connection_string_setting="SqlConn",
        data_type=func.DataType.STRING,
        someHostProperty=True,
    )
    def sql_full(
        changes: func.SqlRowList, rows: func.SqlRowList, out: func.Out[func.SqlRow]
    ) -> None:
        pass

    @app.sql_trigger("changes", "dbo.ToDo", "SqlConn")
    @app.sql_input(
        arg_name="rows",
        command_text="SELECT 1",
        connection_string_setting="SqlConn",
        command_type=None,
    )
    def sql_no_command_type(changes: func.SqlRowList, rows: func.SqlRowList) -> None:
        pass

    assert raw_bindings(app) == {
        "sql_full": [
            '{"direction": "OUT", "dataType": "STRING", "type": "sql", "name": "out", "commandText": "dbo.Copy", "connectionStringSetting": "SqlConn", "someHostProperty": true}',
            '{"direction": "IN", "dataType": "STRING", "type": "sql", "name": "rows", "commandText": "dbo.GetItems", "connectionStringSetting": "SqlConn", "commandType": "StoredProcedure", "parameters": "@Id={id},@Name={name}"}',
            '{"direction": "IN", "dataType": "STRING", "type": "sqlTrigger", "name": "changes", "tableName": "dbo.ToDo", "connectionStringSetting": "SqlConn", "leasesTableName": "Leases_ToDo"}',
        ],
        "sql_no_command_type": [
            '{"direction": "IN", "type": "sql", "name": "rows", "commandText": "SELECT 1", "connectionStringSetting": "SqlConn"}',
            '{"direction": "IN", "type": "sqlTrigger", "name": "changes", "tableName": "dbo.ToDo", "connectionStringSetting": "SqlConn"}',
        ],
    }


def test_sql_binding_classes_used_directly() -> None:
    trigger = SqlTrigger(
        "changes", table_name="dbo.ToDo", connection_string_setting="c"
    )
    query = SqlInput("rows", command_text="SELECT 1", connection_string_setting="c")
    upsert = SqlOutput(
        "out", "string", command_text="dbo.T", connection_string_setting="c"
    )
    assert [b.get_binding_name() for b in (trigger, query, upsert)] == [
        "sqlTrigger",
        "sql",
        "sql",
    ]
    assert [b.direction for b in (trigger, query, upsert)] == [0, 0, 1]
    assert query.get_dict_repr()["commandType"] == "Text"
    assert upsert.data_type == 1
    assert list(upsert.get_dict_repr()) == [
        "direction",
        "dataType",
        "type",
        "name",
        "commandText",
        "connectionStringSetting",
    ]


def test_sql_input_refuses_a_misspelt_argument() -> None:
    app = func.FunctionApp()
    # Called untyped, as a plain-Python caller would.
    sql_input: Callable[..., FunctionDecorator] = app.sql_input
    decorator = sql_input("rows", "SELECT 1", "SqlConn", command_typ="Text")

    def read(rows: func.SqlRowList) -> None:
        pass

    with pytest.raises(
        func.FunctionDefinitionError, match="did you mean 'command_type'"
    ):
        decorator(read)
