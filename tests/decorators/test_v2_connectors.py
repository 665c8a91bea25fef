"""``@app.connector_trigger``: its JSON."""

from __future__ import annotations

import pytest

import azure.functions as func
from azure.functions.decorators.connectors import ConnectorTrigger
from tests.decorators._support import raw_bindings


def test_connector_trigger_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.connector_trigger(arg_name="event")
    def connector_min(event: str) -> None:
        pass

    @app.connector_trigger(
        arg_name="event",
        data_type="string",
        connection_name="office365",
        operationId="OnNewEmail",
        folder={"path": "Inbox", "recursive": True},
    )
    def connector_full(event: str) -> None:
        pass

    assert raw_bindings(app) == {
        "connector_min": [
            '{"direction": "IN", "type": "connectorTrigger", "name": "event"}',
        ],
        "connector_full": [
            '{"direction": "IN", "dataType": "STRING", "type": "connectorTrigger", "name": "event", "connectionName": "office365", "operationId": "OnNewEmail", "folder": {"path": "Inbox", "recursive": true}}',
        ],
    }


def test_connector_trigger_takes_any_property_like_a_generic_trigger() -> None:
    trigger = ConnectorTrigger("event", "string", connection_name="c", someKey=1)
    assert trigger.get_binding_name() == trigger.type == "connectorTrigger"
    assert (trigger.direction, trigger.data_type) == (0, 1)
    assert trigger.get_dict_repr() == {
        "direction": trigger._direction,
        "dataType": trigger._data_type,
        "type": "connectorTrigger",
        "name": "event",
        "connectionName": "c",
        "someKey": 1,
    }


def test_connector_trigger_refuses_what_json_cannot_carry() -> None:
    app = func.FunctionApp()
    decorator = app.connector_trigger(arg_name="event", payload=object())

    def handle(event: str) -> None:
        pass

    with pytest.raises(
        func.FunctionDefinitionError, match="cannot be written"
    ) as caught:
        decorator(handle)
    assert (caught.value.decorator, caught.value.argument) == (
        "connector_trigger",
        "payload",
    )
