"""Event Hubs decorators: each one's arguments, and functions keeping their signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func

app = func.FunctionApp()


@app.event_hub_message_trigger(
    arg_name="events",
    connection="EventHubs",
    event_hub_name="in",
    data_type=func.DataType.STRING,
    cardinality=func.Cardinality.MANY,
    consumer_group="$Default",
)
@app.event_hub_output(
    arg_name="$return", connection="EventHubs", event_hub_name="out", data_type="string"
)
def relay(events: list[func.EventHubEvent]) -> str:
    return str(len(events))


@app.event_hub_message_trigger("event", "EventHubs", "in", cardinality="one")
def one(event: func.EventHubEvent) -> None:
    pass


def test_relay(event: func.EventHubEvent) -> None:
    assert_type(relay([event]), str)
    assert_type(one(event), None)
