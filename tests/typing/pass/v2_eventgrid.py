"""Event Grid decorators: each one's arguments, and functions keeping their signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func
from azure.functions.decorators.eventgrid import EventGridOutput

app = func.FunctionApp()


@app.event_grid_trigger(arg_name="event", data_type="string")
@app.event_grid_output(arg_name="out", connection="Topic")
def forward(
    event: func.EventGridEvent, out: func.Out[func.EventGridOutputEvent]
) -> None:
    pass


@app.event_grid_trigger("event")
@app.event_grid_output(
    "$return", topic_endpoint_uri="Uri", topic_key_setting="Key", someHostProperty=1
)
def reply(event: func.EventGridEvent) -> func.EventGridOutputEvent:
    raise NotImplementedError


def test_forward(
    event: func.EventGridEvent, out: func.Out[func.EventGridOutputEvent]
) -> None:
    assert_type(forward(event, out), None)
    assert_type(reply(event), func.EventGridOutputEvent)
    assert_type(EventGridOutput("o", connection="c").connection, str | None)
