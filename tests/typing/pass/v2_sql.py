"""Azure SQL decorators: accepted calls and kept signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func

app = func.FunctionApp()


@app.sql_trigger(
    arg_name="changes",
    table_name="dbo.ToDo",
    connection_string_setting="SqlConn",
    leases_table_name="Leases",
)
@app.sql_input(
    arg_name="rows",
    command_text="dbo.GetItems",
    connection_string_setting="SqlConn",
    command_type="StoredProcedure",
    parameters="@Id={id}",
    data_type=func.DataType.STRING,
)
@app.sql_output(
    arg_name="out", command_text="dbo.Copy", connection_string_setting="SqlConn"
)
def copy(
    changes: func.SqlRowList, rows: func.SqlRowList, out: func.Out[func.SqlRowList]
) -> None:
    out.set(rows)


@app.sql_trigger("changes", "dbo.ToDo", "SqlConn", data_type="string")
@app.sql_input("rows", "SELECT 1", "SqlConn", command_type=None)
@app.sql_output("$return", "dbo.Copy", "SqlConn")
def passthrough(changes: func.SqlRowList, rows: func.SqlRowList) -> func.SqlRowList:
    return rows


def test_copy(rows: func.SqlRowList, out: func.Out[func.SqlRowList]) -> None:
    assert_type(copy(rows, rows, out), None)
    assert_type(passthrough(rows, rows=rows), func.SqlRowList)
