"""Table decorators: ``table_input`` and ``table_output`` (no extra keywords)."""

from __future__ import annotations

import inspect

import azure.functions as func
from azure.functions.decorators.table import TableInput, TableOutput
from tests.decorators._support import raw_bindings


def table_app() -> func.FunctionApp:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="q", connection="Storage")
    @app.table_input(arg_name="rows", connection="Storage", table_name="items")
    @app.table_output(arg_name="out", connection="Storage", table_name="items")
    def table_min(msg: func.QueueMessage, rows: str, out: func.Out[str]) -> None:
        pass

    @app.queue_trigger(arg_name="msg", queue_name="q", connection="Storage")
    @app.table_input(
        arg_name="rows",
        connection="Storage",
        table_name="items",
        row_key="{id}",
        partition_key="p",
        take=5,
        filter="Status eq 'open'",
        data_type="string",
    )
    @app.table_output(
        arg_name="$return",
        connection="Storage",
        table_name="items",
        row_key="r",
        partition_key="p",
        data_type=func.DataType.STRING,
    )
    def table_full(msg: func.QueueMessage, rows: str) -> str:
        return rows

    return app


EXPECTED: dict[str, list[str]] = {
    "table_min": [
        '{"direction": "OUT", "type": "table", "name": "out", "connection": "Storage", "tableName": "items"}',
        '{"direction": "IN", "type": "table", "name": "rows", "connection": "Storage", "tableName": "items"}',
        '{"direction": "IN", "type": "queueTrigger", "name": "msg", "queueName": "q", "connection": "Storage"}',
    ],
    "table_full": [
        '{"direction": "OUT", "dataType": "STRING", "type": "table", "name": "$return", "connection": "Storage", "tableName": "items", "rowKey": "r", "partitionKey": "p"}',
        '{"direction": "IN", "dataType": "STRING", "type": "table", "name": "rows", "connection": "Storage", "tableName": "items", "rowKey": "{id}", "partitionKey": "p", "take": 5, "filter": "Status eq \'open\'"}',
        '{"direction": "IN", "type": "queueTrigger", "name": "msg", "queueName": "q", "connection": "Storage"}',
    ],
}


def test_table_decorators_write_the_references_json() -> None:
    assert raw_bindings(table_app()) == EXPECTED


def test_table_decorators_take_no_extra_keywords() -> None:
    for method in (func.FunctionApp.table_input, func.FunctionApp.table_output):
        kinds = {p.kind for p in inspect.signature(method).parameters.values()}
        assert inspect.Parameter.VAR_KEYWORD not in kinds


def test_table_binding_classes_on_their_own() -> None:
    rows = TableInput("rows", connection="C", table_name="t", take=3)
    assert rows.get_dict_repr()["take"] == 3
    assert (rows.type, rows.direction) == ("table", 0)
    assert TableOutput("out", connection="C", table_name="t").direction == 1
