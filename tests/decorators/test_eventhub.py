"""Event Hubs decorators: ``event_hub_message_trigger`` and ``event_hub_output``."""

from __future__ import annotations

import pytest

import azure.functions as func
from azure.functions.decorators.eventhub import EventHubOutput, EventHubTrigger
from tests.decorators._support import raw_bindings


def event_hub_app() -> func.FunctionApp:
    app = func.FunctionApp()

    @app.event_hub_message_trigger(
        arg_name="event", connection="EventHubs", event_hub_name="hub"
    )
    def trigger_min(event: func.EventHubEvent) -> None:
        pass

    @app.event_hub_message_trigger(
        arg_name="events",
        connection="EventHubs",
        event_hub_name="hub",
        data_type="binary",
        cardinality="many",
        consumer_group="$Default",
        someHostProperty=2,
    )
    def trigger_full(events: list[func.EventHubEvent]) -> None:
        pass

    @app.event_hub_message_trigger(
        arg_name="event",
        connection="EventHubs",
        event_hub_name="hub",
        cardinality=func.Cardinality.ONE,
    )
    @app.event_hub_output(arg_name="out", connection="EventHubs", event_hub_name="o")
    def output_min(event: func.EventHubEvent, out: func.Out[str]) -> None:
        pass

    @app.event_hub_message_trigger(
        arg_name="event",
        connection="EventHubs",
        event_hub_name="hub",
        cardinality=func.Cardinality.MANY,
    )
    @app.event_hub_output(
        arg_name="$return",
        connection="EventHubs",
        event_hub_name="o",
        data_type=func.DataType.STRING,
        someHostProperty="z",
    )
    def output_full(event: func.EventHubEvent) -> str:
        return ""

    return app


EXPECTED: dict[str, list[str]] = {
    "trigger_min": [
        '{"direction": "IN", "type": "eventHubTrigger", "name": "event", "connection": "EventHubs", "eventHubName": "hub"}',
    ],
    "trigger_full": [
        '{"direction": "IN", "dataType": "BINARY", "type": "eventHubTrigger", "name": "events", "connection": "EventHubs", "eventHubName": "hub", "cardinality": "MANY", "consumerGroup": "$Default", "someHostProperty": 2}',
    ],
    "output_min": [
        '{"direction": "OUT", "type": "eventHub", "name": "out", "connection": "EventHubs", "eventHubName": "o"}',
        '{"direction": "IN", "type": "eventHubTrigger", "name": "event", "connection": "EventHubs", "eventHubName": "hub", "cardinality": "ONE"}',
    ],
    "output_full": [
        '{"direction": "OUT", "dataType": "STRING", "type": "eventHub", "name": "$return", "connection": "EventHubs", "eventHubName": "o", "someHostProperty": "z"}',
        '{"direction": "IN", "type": "eventHubTrigger", "name": "event", "connection": "EventHubs", "eventHubName": "hub", "cardinality": "MANY"}',
    ],
}


def test_event_hub_decorators_write_the_references_json() -> None:
    assert raw_bindings(event_hub_app()) == EXPECTED


def test_unknown_cardinality_is_refused_naming_the_argument() -> None:
    app = func.FunctionApp()
    decorator = app.event_hub_message_trigger(
        arg_name="event", connection="C", event_hub_name="h", cardinality="several"
    )

    def read(event: func.EventHubEvent) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match="ONE, MANY") as caught:
        decorator(read)
    assert (caught.value.decorator, caught.value.argument) == (
        "event_hub_message_trigger",
        "cardinality",
    )


def test_event_hub_binding_classes_on_their_own() -> None:
    trigger = EventHubTrigger(
        "event", connection="C", event_hub_name="h", cardinality="many"
    )
    assert trigger.get_dict_repr()["cardinality"] is func.Cardinality.MANY
    assert trigger.get_binding_name() == "eventHubTrigger"
    output = EventHubOutput("out", connection="C", event_hub_name="h")
    assert (output.type, output.direction) == ("eventHub", 1)
