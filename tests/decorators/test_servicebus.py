"""Service Bus decorators: queue and topic triggers and outputs."""

from __future__ import annotations

import pytest

import azure.functions as func
from azure.functions.decorators.servicebus import (
    ServiceBusQueueOutput,
    ServiceBusQueueTrigger,
    ServiceBusTopicOutput,
    ServiceBusTopicTrigger,
)
from tests.decorators._support import raw_bindings


def service_bus_app() -> func.FunctionApp:
    app = func.FunctionApp()

    @app.service_bus_queue_trigger(arg_name="msg", connection="Bus", queue_name="q")
    @app.service_bus_queue_output(arg_name="out", connection="Bus", queue_name="o")
    def queue_min(msg: func.ServiceBusMessage, out: func.Out[str]) -> None:
        pass

    @app.service_bus_queue_trigger(
        arg_name="msgs",
        connection="Bus",
        queue_name="q",
        data_type="STRING",
        access_rights="listen",
        is_sessions_enabled=True,
        cardinality=func.Cardinality.MANY,
        auto_complete_messages=False,
        someHostProperty=1,
    )
    @app.service_bus_queue_output(
        arg_name="$return",
        connection="Bus",
        queue_name="o",
        data_type=func.DataType.STRING,
        access_rights=func.AccessRights.MANAGE,
        someHostProperty=1,
    )
    def queue_full(msgs: list[func.ServiceBusMessage]) -> str:
        return ""

    @app.service_bus_topic_trigger(
        arg_name="msg", connection="Bus", topic_name="t", subscription_name="s"
    )
    @app.service_bus_topic_output(arg_name="out", connection="Bus", topic_name="o")
    def topic_min(msg: func.ServiceBusMessage, out: func.Out[str]) -> None:
        pass

    @app.service_bus_topic_trigger(
        arg_name="msg",
        connection="Bus",
        topic_name="t",
        subscription_name="s",
        data_type="binary",
        access_rights=func.AccessRights.LISTEN,
        is_sessions_enabled=False,
        cardinality="one",
        auto_complete_messages=True,
        someHostProperty=1,
    )
    @app.service_bus_topic_output(
        arg_name="out",
        connection="Bus",
        topic_name="o",
        subscription_name="s",
        data_type="string",
        access_rights="MANAGE",
        someHostProperty=1,
    )
    def topic_full(msg: func.ServiceBusMessage, out: func.Out[str]) -> None:
        pass

    return app


EXPECTED: dict[str, list[str]] = {
    "queue_min": [
        '{"direction": "OUT", "type": "serviceBus", "name": "out", "connection": "Bus", "queueName": "o"}',
        '{"direction": "IN", "type": "serviceBusTrigger", "name": "msg", "connection": "Bus", "queueName": "q"}',
    ],
    "queue_full": [
        '{"direction": "OUT", "dataType": "STRING", "type": "serviceBus", "name": "$return", "connection": "Bus", "queueName": "o", "accessRights": "MANAGE", "someHostProperty": 1}',
        '{"direction": "IN", "dataType": "STRING", "type": "serviceBusTrigger", "name": "msgs", "connection": "Bus", "queueName": "q", "accessRights": "LISTEN", "isSessionsEnabled": true, "cardinality": "MANY", "autoCompleteMessages": false, "someHostProperty": 1}',
    ],
    "topic_min": [
        '{"direction": "OUT", "type": "serviceBus", "name": "out", "connection": "Bus", "topicName": "o"}',
        '{"direction": "IN", "type": "serviceBusTrigger", "name": "msg", "connection": "Bus", "topicName": "t", "subscriptionName": "s"}',
    ],
    "topic_full": [
        '{"direction": "OUT", "dataType": "STRING", "type": "serviceBus", "name": "out", "connection": "Bus", "topicName": "o", "subscriptionName": "s", "accessRights": "MANAGE", "someHostProperty": 1}',
        '{"direction": "IN", "dataType": "BINARY", "type": "serviceBusTrigger", "name": "msg", "connection": "Bus", "topicName": "t", "subscriptionName": "s", "accessRights": "LISTEN", "isSessionsEnabled": false, "cardinality": "ONE", "autoCompleteMessages": true, "someHostProperty": 1}',
    ],
}


def test_service_bus_decorators_write_the_references_json() -> None:
    assert raw_bindings(service_bus_app()) == EXPECTED


def test_unknown_access_rights_are_refused_naming_the_argument() -> None:
    app = func.FunctionApp()
    decorator = app.service_bus_queue_output(
        arg_name="out", connection="C", queue_name="q", access_rights="send"
    )

    def send(out: func.Out[str]) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match="MANAGE, LISTEN") as caught:
        decorator(send)
    assert (caught.value.decorator, caught.value.argument) == (
        "service_bus_queue_output",
        "access_rights",
    )


def test_service_bus_binding_classes_on_their_own() -> None:
    queue = ServiceBusQueueTrigger("msg", connection="C", queue_name="q")
    topic = ServiceBusTopicTrigger(
        "msg", connection="C", topic_name="t", subscription_name="s"
    )
    assert queue.type == topic.type == "serviceBusTrigger"
    outputs = [
        ServiceBusQueueOutput("out", connection="C", queue_name="q"),
        ServiceBusTopicOutput("out", connection="C", topic_name="t"),
    ]
    assert [(o.type, o.direction) for o in outputs] == [("serviceBus", 1)] * 2
    assert topic.get_dict_repr()["subscriptionName"] == "s"
