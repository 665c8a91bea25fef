"""Azure Database for MySQL decorators: their JSON."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import azure.functions as func
from azure.functions.decorators._builder import FunctionDecorator
from azure.functions.decorators.mysql import MySqlInput, MySqlOutput, MySqlTrigger
from tests.decorators._support import raw_bindings


def test_mysql_minimal() -> None:
    app = func.FunctionApp()

    @app.mysql_trigger(
        arg_name="changes", table_name="ToDo", connection_string_setting="MySqlConn"
    )
    @app.mysql_input(
        arg_name="rows",
        command_text="SELECT * FROM ToDo",
        connection_string_setting="MySqlConn",
    )
    @app.mysql_output(
        arg_name="out", command_text="Copy", connection_string_setting="MySqlConn"
    )
    def mysql_min(
        changes: func.MySqlRowList,
        rows: func.MySqlRowList,
        out: func.Out[func.MySqlRow],
    ) -> None:
        pass

    assert raw_bindings(app) == {
        "mysql_min": [
            '{"direction": "OUT", "type": "mysql", "name": "out", "commandText": "Copy", "connectionStringSetting": "MySqlConn"}',
            '{"direction": "IN", "type": "mysql", "name": "rows", "commandText": "SELECT * FROM ToDo", "connectionStringSetting": "MySqlConn", "commandType": "Text"}',
            '{"direction": "IN", "type": "mysqlTrigger", "name": "changes", "tableName": "ToDo", "connectionStringSetting": "MySqlConn"}',
        ],
    }


def test_mysql_full() -> None:
    app = func.FunctionApp()

    @app.mysql_trigger(
        arg_name="changes",
        table_name="ToDo",
        connection_string_setting="MySqlConn",
        leases_table_name="Leases_ToDo",
        data_type="string",
    )
    @app.mysql_input(
        arg_name="rows",
        command_text="GetItems",
        connection_string_setting="MySqlConn",
        command_type="StoredProcedure",
        parameters="@Id={id},@Name={name}",
        data_type=func.DataType.STRING,
    )
    @app.mysql_output(
        arg_name="out",
        command_text="Copy",
        connection_string_setting="MySqlConn",
        data_type=func.DataType.STRING,
        someHostProperty=True,
    )
    def mysql_full(
        changes: func.MySqlRowList,
        rows: func.MySqlRowList,
        out: func.Out[func.MySqlRow],
    ) -> None:
        pass

    @app.mysql_trigger("changes", "ToDo", "MySqlConn")
    @app.mysql_input(
        arg_name="rows",
        command_text="SELECT 1",
        connection_string_setting="MySqlConn",
        command_type=None,
    )
    def mysql_no_command_type(
        changes: func.MySqlRowList, rows: func.MySqlRowList
    ) -> None:
        pass

    assert raw_bindings(app) == {
        "mysql_full": [
            '{"direction": "OUT", "dataType": "STRING", "type": "mysql", "name": "out", "commandText": "Copy", "connectionStringSetting": "MySqlConn", "someHostProperty": true}',
            '{"direction": "IN", "dataType": "STRING", "type": "mysql", "name": "rows", "commandText": "GetItems", "connectionStringSetting": "MySqlConn", "commandType": "StoredProcedure", "parameters": "@Id={id},@Name={name}"}',
            '{"direction": "IN", "dataType": "STRING", "type": "mysqlTrigger", "name": "changes", "tableName": "ToDo", "connectionStringSetting": "MySqlConn", "leasesTableName": "Leases_ToDo"}',
        ],
        "mysql_no_command_type": [
            '{"direction": "IN", "type": "mysql", "name": "rows", "commandText": "SELECT 1", "connectionStringSetting": "MySqlConn"}',
            '{"direction": "IN", "type": "mysqlTrigger", "name": "changes", "tableName": "ToDo", "connectionStringSetting": "MySqlConn"}',
        ],
    }


def test_mysql_binding_classes_used_directly() -> None:
    trigger = MySqlTrigger("changes", table_name="ToDo", connection_string_setting="c")
    query = MySqlInput("rows", command_text="SELECT 1", connection_string_setting="c")
    upsert = MySqlOutput(
        "out", "string", command_text="T", connection_string_setting="c"
    )
    assert [b.get_binding_name() for b in (trigger, query, upsert)] == [
        "mysqlTrigger",
        "mysql",
        "mysql",
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


def test_mysql_input_refuses_a_misspelt_argument() -> None:
    app = func.FunctionApp()
    # Called untyped, as a plain-Python caller would.
    mysql_input: Callable[..., FunctionDecorator] = app.mysql_input
    decorator = mysql_input("rows", "SELECT 1", "MySqlConn", command_typ="Text")

    def read(rows: func.MySqlRowList) -> None:
        pass

    with pytest.raises(
        func.FunctionDefinitionError, match="did you mean 'command_type'"
    ):
        decorator(read)
