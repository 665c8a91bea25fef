"""MySQL decorators: accepted calls and kept signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func

app = func.FunctionApp()


@app.mysql_trigger(
    arg_name="changes",
    table_name="ToDo",
    connection_string_setting="MySqlConn",
    leases_table_name="Leases",
)
@app.mysql_input(
    arg_name="rows",
    command_text="GetItems",
    connection_string_setting="MySqlConn",
    command_type="StoredProcedure",
    parameters="@Id={id}",
    data_type=func.DataType.STRING,
)
@app.mysql_output(
    arg_name="out", command_text="Copy", connection_string_setting="MySqlConn"
)
def copy(
    changes: func.MySqlRowList,
    rows: func.MySqlRowList,
    out: func.Out[func.MySqlRowList],
) -> None:
    out.set(rows)


@app.mysql_trigger("changes", "ToDo", "MySqlConn", data_type="string")
@app.mysql_input("rows", "SELECT 1", "MySqlConn", command_type=None)
@app.mysql_output("$return", "Copy", "MySqlConn")
def passthrough(
    changes: func.MySqlRowList, rows: func.MySqlRowList
) -> func.MySqlRowList:
    return rows


def test_copy(rows: func.MySqlRowList, out: func.Out[func.MySqlRowList]) -> None:
    assert_type(copy(rows, rows, out), None)
    assert_type(passthrough(rows, rows=rows), func.MySqlRowList)
