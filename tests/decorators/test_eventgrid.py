"""Event Grid decorators: ``event_grid_trigger`` and ``event_grid_output``."""

from __future__ import annotations

import pytest

import azure.functions as func
from azure.functions.decorators.core import BindingDirection
from azure.functions.decorators.eventgrid import EventGridOutput, EventGridTrigger
from tests.decorators._support import raw_bindings


def event_grid_app() -> func.FunctionApp:
    app = func.FunctionApp()

    @app.event_grid_trigger(arg_name="event")
    def trigger_min(event: func.EventGridEvent) -> None:
        pass

    @app.event_grid_trigger(arg_name="event", data_type="STRING", someHostProperty="a")
    def trigger_full(event: func.EventGridEvent) -> None:
        pass

    @app.event_grid_trigger(arg_name="event")
    @app.event_grid_output(arg_name="out", connection="MyTopic")
    def output_connection(
        event: func.EventGridEvent, out: func.Out[func.EventGridOutputEvent]
    ) -> None:
        pass

    @app.event_grid_trigger(arg_name="event", data_type=func.DataType.BINARY)
    @app.event_grid_output(
        arg_name="$return",
        topic_endpoint_uri="TopicUri",
        topic_key_setting="TopicKey",
        data_type=func.DataType.STRING,
        someHostProperty=[1, 2],
    )
    def output_full(event: func.EventGridEvent) -> func.EventGridOutputEvent:
        raise NotImplementedError

    return app


EXPECTED: dict[str, list[str]] = {
    "trigger_min": [
        '{"direction": "IN", "type": "eventGridTrigger", "name": "event"}',
    ],
    "trigger_full": [
        '{"direction": "IN", "dataType": "STRING", "type": "eventGridTrigger", "name": "event", "someHostProperty": "a"}',
    ],
    "output_connection": [
        '{"direction": "OUT", "type": "eventGrid", "name": "out", "connection": "MyTopic"}',
        '{"direction": "IN", "type": "eventGridTrigger", "name": "event"}',
    ],
    "output_full": [
        '{"direction": "OUT", "dataType": "STRING", "type": "eventGrid", "name": "$return", "topicEndpointUri": "TopicUri", "topicKeySetting": "TopicKey", "someHostProperty": [1, 2]}',
        '{"direction": "IN", "dataType": "BINARY", "type": "eventGridTrigger", "name": "event"}',
    ],
}


def test_event_grid_decorators_write_the_references_json() -> None:
    assert raw_bindings(event_grid_app()) == EXPECTED


@pytest.mark.parametrize(
    ("arguments", "argument", "message"),
    [
        ({}, "connection", "none of them is given"),
        ({"topic_endpoint_uri": "U"}, "topic_key_setting", "topic_key_setting is"),
        ({"topic_key_setting": "K"}, "topic_endpoint_uri", "topic_endpoint_uri is"),
        ({"connection": "C", "topic_key_setting": "K"}, "connection", "not both"),
        (
            {"connection": "C", "topic_endpoint_uri": "U", "topic_key_setting": "K"},
            "connection",
            "not both",
        ),
    ],
)
def test_event_grid_output_takes_a_connection_or_uri_and_key(
    arguments: dict[str, str], argument: str, message: str
) -> None:
    app = func.FunctionApp()
    decorator = app.event_grid_output("out", **arguments)

    def publish(out: func.Out[str]) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match=message) as caught:
        decorator(publish)
    error = caught.value
    assert (error.function, error.decorator, error.argument) == (
        "publish",
        "event_grid_output",
        argument,
    )
    assert isinstance(error, ValueError)
    with pytest.raises(ValueError, match=message):
        EventGridOutput("out", **arguments)


def test_event_grid_binding_classes_on_their_own() -> None:
    assert EventGridTrigger("event").get_dict_repr() == {
        "direction": BindingDirection.IN,
        "type": "eventGridTrigger",
        "name": "event",
    }
    output = EventGridOutput("out", connection="C")
    assert (output.type, output.direction, output.connection) == ("eventGrid", 1, "C")
