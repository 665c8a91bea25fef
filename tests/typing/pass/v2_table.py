"""Table decorators: each one's arguments, and functions keeping their signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func

app = func.FunctionApp()


@app.route(route="items/{id}")
@app.table_input(
    arg_name="rows",
    connection="Storage",
    table_name="items",
    row_key="{id}",
    partition_key="p",
    take=10,
    filter="Status eq 'open'",
    data_type="string",
)
@app.table_output(
    arg_name="out",
    connection="Storage",
    table_name="items",
    row_key="r",
    partition_key="p",
    data_type=func.DataType.STRING,
)
def items(req: func.HttpRequest, rows: str, out: func.Out[str]) -> func.HttpResponse:
    out.set(rows)
    return func.HttpResponse(rows)


def test_items(req: func.HttpRequest, out: func.Out[str]) -> None:
    assert_type(items(req, "[]", out), func.HttpResponse)
