"""``@app.connector_trigger``: accepted calls and kept signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func

app = func.FunctionApp()


@app.connector_trigger(arg_name="event")
def minimal(event: str) -> None:
    pass


@app.connector_trigger(
    arg_name="event", data_type="string", connection_name="office365", depth=2
)
def configured(event: str) -> str:
    return event


def test_connectors() -> None:
    assert_type(minimal("e"), None)
    assert_type(configured(event="e"), str)
