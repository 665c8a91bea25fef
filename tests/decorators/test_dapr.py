"""Dapr decorators: their JSON."""

from __future__ import annotations

import pytest

import azure.functions as func
from azure.functions.decorators.core import InputBinding, OutputBinding, Trigger
from azure.functions.decorators.dapr import (
    DaprBindingOutput,
    DaprBindingTrigger,
    DaprInvokeOutput,
    DaprPublishOutput,
    DaprSecretInput,
    DaprServiceInvocationTrigger,
    DaprStateInput,
    DaprStateOutput,
    DaprTopicTrigger,
)
from azure.functions.decorators.utils import to_camel_case
from tests.decorators._support import raw_bindings


def test_dapr_triggers_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.dapr_service_invocation_trigger(arg_name="payload", method_name="create")
    def invoked_min(payload: str) -> None:
        pass

    @app.dapr_service_invocation_trigger(
        arg_name="payload", method_name="create", data_type="string"
    )
    def invoked_full(payload: str) -> None:
        pass

    @app.dapr_binding_trigger(arg_name="event", binding_name="cron")
    def bound_min(event: str) -> None:
        pass

    @app.dapr_binding_trigger(
        arg_name="event", binding_name="cron", data_type=func.DataType.BINARY
    )
    def bound_full(event: bytes) -> None:
        pass

    @app.dapr_topic_trigger(arg_name="event", pub_sub_name="pubsub", topic="orders")
    def topic_min(event: str) -> None:
        pass

    @app.dapr_topic_trigger(
        arg_name="event",
        pub_sub_name="pubsub",
        topic="orders",
        route="orders-route",
        data_type=func.DataType.STRING,
        someHostProperty="x",
    )
    def topic_full(event: str) -> None:
        pass

    @app.dapr_topic_trigger("event", "pubsub", "orders", "")
    def topic_empty_route(event: str) -> None:
        pass

    assert raw_bindings(app) == {
        "invoked_min": [
            '{"direction": "IN", "type": "daprServiceInvocationTrigger", "name": "payload", "methodName": "create"}',
        ],
        "invoked_full": [
            '{"direction": "IN", "dataType": "STRING", "type": "daprServiceInvocationTrigger", "name": "payload", "methodName": "create"}',
        ],
        "bound_min": [
            '{"direction": "IN", "type": "daprBindingTrigger", "name": "event", "bindingName": "cron"}',
        ],
        "bound_full": [
            '{"direction": "IN", "dataType": "BINARY", "type": "daprBindingTrigger", "name": "event", "bindingName": "cron"}',
        ],
        "topic_min": [
            '{"direction": "IN", "type": "daprTopicTrigger", "name": "event", "pubSubName": "pubsub", "topic": "orders", "route": "orders"}',
        ],
        "topic_full": [
            '{"direction": "IN", "dataType": "STRING", "type": "daprTopicTrigger", "name": "event", "pubSubName": "pubsub", "topic": "orders", "route": "orders-route", "someHostProperty": "x"}',
        ],
        "topic_empty_route": [
            '{"direction": "IN", "type": "daprTopicTrigger", "name": "event", "pubSubName": "pubsub", "topic": "orders", "route": "orders"}',
        ],
    }


def test_dapr_bindings_minimal() -> None:
    app = func.FunctionApp()

    @app.dapr_service_invocation_trigger(arg_name="payload", method_name="run")
    @app.dapr_state_input(arg_name="state", state_store="statestore", key="{key}")
    @app.dapr_secret_input(
        arg_name="secret",
        secret_store_name="localsecretstore",
        key="my-secret",
        metadata="metadata.namespace=default",
    )
    @app.dapr_state_output(arg_name="saved", state_store="statestore", key="k")
    @app.dapr_invoke_output(
        arg_name="call", app_id="other", method_name="echo", http_verb="post"
    )
    @app.dapr_publish_output(arg_name="pub", pub_sub_name="pubsub", topic="orders")
    @app.dapr_binding_output(arg_name="send", binding_name="queue", operation="create")
    def bindings_min(
        payload: str,
        state: str,
        secret: str,
        saved: func.Out[str],
        call: func.Out[str],
        pub: func.Out[str],
        send: func.Out[str],
    ) -> None:
        pass

    assert raw_bindings(app) == {
        "bindings_min": [
            '{"direction": "OUT", "type": "daprBinding", "name": "send", "bindingName": "queue", "operation": "create"}',
            '{"direction": "OUT", "type": "daprPublish", "name": "pub", "pubSubName": "pubsub", "topic": "orders"}',
            '{"direction": "OUT", "type": "daprInvoke", "name": "call", "appId": "other", "methodName": "echo", "httpVerb": "post"}',
            '{"direction": "OUT", "type": "daprState", "name": "saved", "stateStore": "statestore", "key": "k"}',
            '{"direction": "IN", "type": "daprSecret", "name": "secret", "secretStoreName": "localsecretstore", "key": "my-secret", "metadata": "metadata.namespace=default"}',
            '{"direction": "IN", "type": "daprState", "name": "state", "stateStore": "statestore", "key": "{key}"}',
            '{"direction": "IN", "type": "daprServiceInvocationTrigger", "name": "payload", "methodName": "run"}',
        ],
    }


def test_dapr_bindings_full() -> None:
    app = func.FunctionApp()
    sidecar = "http://localhost:3501"

    @app.dapr_service_invocation_trigger(arg_name="payload", method_name="run")
    @app.dapr_state_input(
        arg_name="state",
        state_store="statestore",
        key="{key}",
        dapr_address=sidecar,
        data_type=func.DataType.STRING,
    )
    @app.dapr_secret_input(
        arg_name="secret",
        secret_store_name="localsecretstore",
        key="my-secret",
        metadata="metadata.namespace=default",
        dapr_address=sidecar,
        data_type="string",
    )
    @app.dapr_state_output(
        arg_name="saved",
        state_store="statestore",
        key="k",
        dapr_address=sidecar,
        data_type="STRING",
    )
    @app.dapr_invoke_output(
        arg_name="call",
        app_id="other",
        method_name="echo",
        http_verb="post",
        dapr_address=sidecar,
        data_type=func.DataType.STRING,
    )
    @app.dapr_publish_output(
        arg_name="pub",
        pub_sub_name="pubsub",
        topic="orders",
        dapr_address=sidecar,
        data_type=func.DataType.BINARY,
    )
    @app.dapr_binding_output(
        arg_name="send",
        binding_name="queue",
        operation="create",
        dapr_address=sidecar,
        data_type="binary",
        someHostProperty={"a": [1, 2]},
    )
    def bindings_full(
        payload: str,
        state: str,
        secret: str,
        saved: func.Out[str],
        call: func.Out[str],
        pub: func.Out[bytes],
        send: func.Out[bytes],
    ) -> None:
        pass

    assert raw_bindings(app) == {
        "bindings_full": [
            '{"direction": "OUT", "dataType": "BINARY", "type": "daprBinding", "name": "send", "bindingName": "queue", "operation": "create", "daprAddress": "http://localhost:3501", "someHostProperty": {"a": [1, 2]}}',
            '{"direction": "OUT", "dataType": "BINARY", "type": "daprPublish", "name": "pub", "pubSubName": "pubsub", "topic": "orders", "daprAddress": "http://localhost:3501"}',
            '{"direction": "OUT", "dataType": "STRING", "type": "daprInvoke", "name": "call", "appId": "other", "methodName": "echo", "httpVerb": "post", "daprAddress": "http://localhost:3501"}',
            '{"direction": "OUT", "dataType": "STRING", "type": "daprState", "name": "saved", "stateStore": "statestore", "key": "k", "daprAddress": "http://localhost:3501"}',
            '{"direction": "IN", "dataType": "STRING", "type": "daprSecret", "name": "secret", "secretStoreName": "localsecretstore", "key": "my-secret", "metadata": "metadata.namespace=default", "daprAddress": "http://localhost:3501"}',
            '{"direction": "IN", "dataType": "STRING", "type": "daprState", "name": "state", "stateStore": "statestore", "key": "{key}", "daprAddress": "http://localhost:3501"}',
            '{"direction": "IN", "type": "daprServiceInvocationTrigger", "name": "payload", "methodName": "run"}',
        ],
    }


@pytest.mark.parametrize(
    ("cls", "values", "binding_type", "direction"),
    [
        (
            DaprServiceInvocationTrigger,
            {"method_name": "m"},
            "daprServiceInvocationTrigger",
            0,
        ),
        (DaprBindingTrigger, {"binding_name": "b"}, "daprBindingTrigger", 0),
        (DaprTopicTrigger, {"pub_sub_name": "p", "topic": "t"}, "daprTopicTrigger", 0),
        (DaprStateInput, {"state_store": "s", "key": "k"}, "daprState", 0),
        (
            DaprSecretInput,
            {"secret_store_name": "s", "key": "k", "metadata": "m"},
            "daprSecret",
            0,
        ),
        (DaprStateOutput, {"state_store": "s", "key": "k"}, "daprState", 1),
        (
            DaprInvokeOutput,
            {"app_id": "a", "method_name": "m", "http_verb": "get"},
            "daprInvoke",
            1,
        ),
        (DaprPublishOutput, {"pub_sub_name": "p", "topic": "t"}, "daprPublish", 1),
        (DaprBindingOutput, {"binding_name": "b", "operation": "o"}, "daprBinding", 1),
    ],
)
def test_dapr_binding_classes_used_directly(
    cls: type[Trigger] | type[InputBinding] | type[OutputBinding],
    values: dict[str, str],
    binding_type: str,
    direction: int,
) -> None:
    binding = cls("x", **values)
    assert cls.get_binding_name() == binding.type == binding_type
    assert binding.direction == direction
    # As in the reference, only the decorator fills in a topic trigger's route.
    assert binding.get_dict_repr() == {
        "direction": binding._direction,
        "type": binding_type,
        "name": "x",
        **{to_camel_case(key): value for key, value in values.items()},
    }
