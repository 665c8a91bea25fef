"""``@app.connector_trigger``: its JSON."""

from __future__ import annotations

import pytest

import azure.functions as func
from azure.functions.decorators.connectors import ConnectorTrigger
from tests.decorators._support import binding_dicts, raw_bindings


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


# -- the properties of azure-functions 2.4.0b1 -----------------------------------


def test_connector_trigger_polling_with_a_batch() -> None:
    app = func.FunctionApp()

    @app.connector_trigger(
        arg_name="events",
        delivery_mode=func.DeliveryMode.POLL,
        connection="office365",
        trigger_config_name="%INBOX_TRIGGER%",
        cardinality=func.Cardinality.MANY,
        max_batch_size=50,
        max_concurrent_calls=4,
        target_pending_event_threshold=100,
        operation_id="OnNewEmail",
    )
    def poll(events: list[str]) -> None:
        pass

    assert raw_bindings(app) == {
        "poll": [
            '{"direction": "IN", "type": "connectorTrigger", "name": "events", "deliveryMode": "Poll", "connection": "office365", "triggerConfigName": "%INBOX_TRIGGER%", "cardinality": "MANY", "maxBatchSize": 50, "maxConcurrentCalls": 4, "targetPendingEventThreshold": 100, "operationId": "OnNewEmail"}',
        ],
    }


@pytest.mark.parametrize("mode", ["webhook", "Webhook", "WEBHOOK"])
def test_delivery_mode_is_written_as_its_value(mode: str) -> None:
    app = func.FunctionApp()

    @app.connector_trigger(arg_name="event", delivery_mode=mode, cardinality="one")
    def hook(event: str) -> None:
        pass

    (binding,) = binding_dicts(app, "hook")
    assert binding["deliveryMode"] == "Webhook"
    assert binding["cardinality"] == "ONE"
    assert str(func.DeliveryMode.POLL) == "Poll"
    assert str(func.Cardinality.MANY) == "MANY"


@pytest.mark.parametrize(
    ("connection", "config", "missing"),
    [
        (None, None, "connection and trigger_config_name"),
        ("c", None, "trigger_config_name"),
        (None, "t", "connection"),
    ],
)
def test_poll_delivery_needs_a_connection_and_a_trigger_config(
    connection: str | None, config: str | None, missing: str
) -> None:
    app = func.FunctionApp()
    decorator = app.connector_trigger(
        arg_name="event",
        delivery_mode="poll",
        connection=connection,
        trigger_config_name=config,
    )

    def poll(event: str) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError) as info:
        decorator(poll)
    assert isinstance(info.value, ValueError)
    assert f"Poll delivery needs {missing}" in str(info.value)
    assert info.value.function == "poll"
    assert info.value.argument == missing.split()[0]


def test_webhook_delivery_needs_nothing_more() -> None:
    trigger = ConnectorTrigger("event", delivery_mode=func.DeliveryMode.WEBHOOK)
    assert trigger.get_dict_repr()["deliveryMode"] is func.DeliveryMode.WEBHOOK


def test_an_unknown_delivery_mode_names_the_choices() -> None:
    with pytest.raises(func.FunctionDefinitionError, match="POLL, WEBHOOK"):
        ConnectorTrigger("event", delivery_mode="push")


def test_the_enums_are_at_the_2x_module_paths() -> None:
    from azure.functions.decorators import DeliveryMode, connectors, core

    assert DeliveryMode is core.DeliveryMode is connectors.DeliveryMode
    assert connectors.Cardinality is func.Cardinality
    assert [m.value for m in DeliveryMode] == ["Poll", "Webhook"]
