"""Dapr: the Dapr extension's triggers and bindings and their decorators.

The app runs beside a Dapr sidecar; *dapr_address* (outputs and inputs) is the
sidecar's address when it is not the extension's default
(``http://localhost:{DAPR_HTTP_PORT}``).
"""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import (
    DAPR_BINDING,
    DAPR_BINDING_TRIGGER,
    DAPR_INVOKE,
    DAPR_PUBLISH,
    DAPR_SECRET,
    DAPR_SERVICE_INVOCATION_TRIGGER,
    DAPR_STATE,
    DAPR_TOPIC_TRIGGER,
)
from .core import BindingField, DataType, InputBinding, OutputBinding, Trigger

__all__ = [
    "DaprBindingOutput",
    "DaprBindingTrigger",
    "DaprInvokeOutput",
    "DaprPublishOutput",
    "DaprSecretInput",
    "DaprServiceInvocationTrigger",
    "DaprStateInput",
    "DaprStateOutput",
    "DaprTopicTrigger",
]


# A state store entry: what the state input reads and the state output writes.
_STATE = (
    BindingField("state_store"),
    BindingField("key"),
    BindingField("dapr_address"),
)


class DaprServiceInvocationTrigger(Trigger):
    """Runs when a Dapr app invokes a method (``daprServiceInvocationTrigger``)."""

    binding_type = DAPR_SERVICE_INVOCATION_TRIGGER
    fields = (BindingField("method_name"),)


class DaprBindingTrigger(Trigger):
    """Runs on events of a Dapr input binding (``daprBindingTrigger``)."""

    binding_type = DAPR_BINDING_TRIGGER
    fields = (BindingField("binding_name"),)


class DaprTopicTrigger(Trigger):
    """Runs for messages published to a Dapr pub/sub topic (``daprTopicTrigger``)."""

    binding_type = DAPR_TOPIC_TRIGGER
    fields = (
        BindingField("pub_sub_name"),
        BindingField("topic"),
        BindingField("route"),
    )


class DaprStateInput(InputBinding):
    """Reads a value from a Dapr state store (``daprState``)."""

    binding_type = DAPR_STATE
    fields = _STATE


class DaprSecretInput(InputBinding):
    """Reads a secret from a Dapr secret store (``daprSecret``)."""

    binding_type = DAPR_SECRET
    fields = (
        BindingField("secret_store_name"),
        BindingField("key"),
        BindingField("metadata"),
        BindingField("dapr_address"),
    )


class DaprStateOutput(OutputBinding):
    """Saves a value to a Dapr state store (``daprState``)."""

    binding_type = DAPR_STATE
    fields = _STATE


class DaprInvokeOutput(OutputBinding):
    """Invokes a method of another Dapr app (``daprInvoke``)."""

    binding_type = DAPR_INVOKE
    fields = (
        BindingField("app_id"),
        BindingField("method_name"),
        BindingField("http_verb"),
        BindingField("dapr_address"),
    )


class DaprPublishOutput(OutputBinding):
    """Publishes a message to a Dapr pub/sub topic (``daprPublish``)."""

    binding_type = DAPR_PUBLISH
    fields = (
        BindingField("pub_sub_name"),
        BindingField("topic"),
        BindingField("dapr_address"),
    )


class DaprBindingOutput(OutputBinding):
    """Sends a value to a Dapr output binding (``daprBinding``)."""

    binding_type = DAPR_BINDING
    fields = (
        BindingField("binding_name"),
        BindingField("operation"),
        BindingField("dapr_address"),
    )


class _DaprTriggerApi(DecoratorApi):
    def dapr_service_invocation_trigger(
        self,
        arg_name: str,
        method_name: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function when another Dapr app invokes *method_name* on this one.

        :param arg_name: The parameter receiving the invocation's payload.
        :param method_name: The method other apps invoke.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(DaprServiceInvocationTrigger, locals())

    def dapr_binding_trigger(
        self,
        arg_name: str,
        binding_name: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function on each event of a Dapr input binding.

        :param arg_name: The parameter receiving the event.
        :param binding_name: The Dapr binding component's name.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(DaprBindingTrigger, locals())

    def dapr_topic_trigger(
        self,
        arg_name: str,
        pub_sub_name: str,
        topic: str,
        route: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function for each message published to a Dapr pub/sub topic.

        :param arg_name: The parameter receiving the message (a CloudEvent).
        :param pub_sub_name: The Dapr pub/sub component's name.
        :param topic: The topic subscribed to.
        :param route: The route Dapr delivers the topic's messages to (default
            and when empty: *topic*).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        # The Python worker reads a trigger's "route" as an HTTP route and
        # needs one: an unset route is the topic, as the reference writes it.
        if not route:
            route = topic
        return self._add(DaprTopicTrigger, locals())


class _DaprBindingApi(DecoratorApi):
    def dapr_state_input(
        self,
        arg_name: str,
        state_store: str,
        key: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Reads the value of *key* from a Dapr state store.

        :param arg_name: The parameter receiving the value.
        :param state_store: The state store component's name.
        :param key: The key read (binding expressions such as ``"{key}"``
            allowed).
        :param dapr_address: The Dapr sidecar's address, if not the default.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(DaprStateInput, locals())

    def dapr_secret_input(
        self,
        arg_name: str,
        secret_store_name: str,
        key: str,
        metadata: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Reads the secret *key* from a Dapr secret store.

        :param arg_name: The parameter receiving the secret.
        :param secret_store_name: The secret store component's name.
        :param key: The secret's name.
        :param metadata: The store's metadata query (``"metadata.namespace=default"``).
        :param dapr_address: The Dapr sidecar's address, if not the default.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(DaprSecretInput, locals())

    def dapr_state_output(
        self,
        arg_name: str,
        state_store: str,
        key: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Saves a value under *key* in a Dapr state store through an ``Out`` parameter.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param state_store: The state store component's name.
        :param key: The key written (binding expressions allowed).
        :param dapr_address: The Dapr sidecar's address, if not the default.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(DaprStateOutput, locals())

    def dapr_invoke_output(
        self,
        arg_name: str,
        app_id: str,
        method_name: str,
        http_verb: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Invokes a method of another Dapr app with the value set on an ``Out``.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param app_id: The Dapr id of the app invoked.
        :param method_name: The method invoked.
        :param http_verb: The HTTP verb of the call (``"post"``, ``"get"`` ...).
        :param dapr_address: The Dapr sidecar's address, if not the default.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(DaprInvokeOutput, locals())

    def dapr_publish_output(
        self,
        arg_name: str,
        pub_sub_name: str,
        topic: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Publishes the value set on an ``Out`` to a Dapr pub/sub topic.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param pub_sub_name: The Dapr pub/sub component's name.
        :param topic: The topic published to.
        :param dapr_address: The Dapr sidecar's address, if not the default.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(DaprPublishOutput, locals())

    def dapr_binding_output(
        self,
        arg_name: str,
        binding_name: str,
        operation: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Sends the value set on an ``Out`` to a Dapr output binding.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param binding_name: The Dapr binding component's name.
        :param operation: The binding operation (``"create"`` ...).
        :param dapr_address: The Dapr sidecar's address, if not the default.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(DaprBindingOutput, locals())
