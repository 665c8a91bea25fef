"""Service Bus: the ``serviceBusTrigger`` and ``serviceBus`` bindings, their decorators.

Queues and topics share the host types; the binding classes differ in the
entity they name (``queueName``, or ``topicName`` and ``subscriptionName``).
"""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import SERVICE_BUS, SERVICE_BUS_TRIGGER
from .core import (
    AccessRights,
    BindingField,
    Cardinality,
    DataType,
    OutputBinding,
    Trigger,
)

__all__ = [
    "ServiceBusQueueOutput",
    "ServiceBusQueueTrigger",
    "ServiceBusTopicOutput",
    "ServiceBusTopicTrigger",
]

# The entity (connection, queue or topic and subscription, access rights), the
# whole of an output binding's properties; a trigger adds how it receives.
_QUEUE = (
    BindingField("connection"),
    BindingField("queue_name"),
    BindingField("access_rights", enum=AccessRights),
)
_TOPIC = (
    BindingField("connection"),
    BindingField("topic_name"),
    BindingField("subscription_name"),
    BindingField("access_rights", enum=AccessRights),
)
_RECEIVE = (
    BindingField("is_sessions_enabled"),
    BindingField("cardinality", enum=Cardinality),
    BindingField("auto_complete_messages"),
)


class ServiceBusQueueTrigger(Trigger):
    """Runs the function for messages of a Service Bus queue (``serviceBusTrigger``)."""

    binding_type = SERVICE_BUS_TRIGGER
    fields = (*_QUEUE, *_RECEIVE)


class ServiceBusQueueOutput(OutputBinding):
    """Sends messages to a Service Bus queue (``serviceBus``)."""

    binding_type = SERVICE_BUS
    fields = _QUEUE


class ServiceBusTopicTrigger(Trigger):
    """Runs the function for messages of a subscription (``serviceBusTrigger``)."""

    binding_type = SERVICE_BUS_TRIGGER
    fields = (*_TOPIC, *_RECEIVE)


class ServiceBusTopicOutput(OutputBinding):
    """Sends messages to a Service Bus topic (``serviceBus``)."""

    binding_type = SERVICE_BUS
    fields = _TOPIC


class _ServiceBusTriggerApi(DecoratorApi):
    def service_bus_queue_trigger(
        self,
        arg_name: str,
        connection: str,
        queue_name: str,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        is_sessions_enabled: bool | None = None,
        cardinality: Cardinality | str | None = None,
        auto_complete_messages: bool | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function for messages sent to a Service Bus queue.

        :param arg_name: The :class:`~azure.functions.ServiceBusMessage`
            parameter (a list of them with ``cardinality=MANY``).
        :param connection: The app setting (or setting prefix) that says how
            to connect to the Service Bus namespace.
        :param queue_name: The queue to read.
        :param data_type: How the host hands the value over.
        :param access_rights: The connection's rights: ``MANAGE`` (the host's
            default) or ``LISTEN``.
        :param is_sessions_enabled: Whether the queue is session-aware.
        :param cardinality: ``MANY`` (``"many"``) for batches, ``ONE`` for
            one message per invocation.
        :param auto_complete_messages: Whether the host completes a message
            once the function succeeds (its default) or leaves it to the code.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(ServiceBusQueueTrigger, locals())

    def service_bus_topic_trigger(
        self,
        arg_name: str,
        connection: str,
        topic_name: str,
        subscription_name: str,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        is_sessions_enabled: bool | None = None,
        cardinality: Cardinality | str | None = None,
        auto_complete_messages: bool | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function for messages of a Service Bus topic subscription.

        :param arg_name: The :class:`~azure.functions.ServiceBusMessage`
            parameter (a list of them with ``cardinality=MANY``).
        :param connection: The app setting (or setting prefix) that says how
            to connect to the Service Bus namespace.
        :param topic_name: The topic.
        :param subscription_name: The subscription of the topic to read.
        :param data_type: How the host hands the value over.
        :param access_rights: The connection's rights: ``MANAGE`` (the host's
            default) or ``LISTEN``.
        :param is_sessions_enabled: Whether the subscription is session-aware.
        :param cardinality: ``MANY`` (``"many"``) for batches, ``ONE`` for
            one message per invocation.
        :param auto_complete_messages: Whether the host completes a message
            once the function succeeds (its default) or leaves it to the code.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(ServiceBusTopicTrigger, locals())


class _ServiceBusBindingApi(DecoratorApi):
    def service_bus_queue_output(
        self,
        arg_name: str,
        connection: str,
        queue_name: str,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Sends messages to a Service Bus queue through an ``Out`` parameter.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param connection: The app setting (or setting prefix) that says how
            to connect to the Service Bus namespace.
        :param queue_name: The queue to send to.
        :param data_type: How the host hands the value over.
        :param access_rights: The connection's rights: ``MANAGE`` or ``LISTEN``.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(ServiceBusQueueOutput, locals())

    def service_bus_topic_output(
        self,
        arg_name: str,
        connection: str,
        topic_name: str,
        subscription_name: str | None = None,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Sends messages to a Service Bus topic through an ``Out`` parameter.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param connection: The app setting (or setting prefix) that says how
            to connect to the Service Bus namespace.
        :param topic_name: The topic to send to.
        :param subscription_name: A subscription of the topic (not needed to send).
        :param data_type: How the host hands the value over.
        :param access_rights: The connection's rights: ``MANAGE`` or ``LISTEN``.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(ServiceBusTopicOutput, locals())
