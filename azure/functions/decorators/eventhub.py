"""Event Hubs: the ``eventHubTrigger`` and ``eventHub`` bindings, their decorators."""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import EVENT_HUB, EVENT_HUB_TRIGGER
from .core import BindingField, Cardinality, DataType, OutputBinding, Trigger

__all__ = ["EventHubOutput", "EventHubTrigger"]


class EventHubTrigger(Trigger):
    """Runs the function for events sent to an event hub (``eventHubTrigger``)."""

    binding_type = EVENT_HUB_TRIGGER
    fields = (
        BindingField("connection"),
        BindingField("event_hub_name"),
        BindingField("cardinality", enum=Cardinality),
        BindingField("consumer_group"),
    )


class EventHubOutput(OutputBinding):
    """Sends events to an event hub (``eventHub``)."""

    binding_type = EVENT_HUB
    fields = (BindingField("connection"), BindingField("event_hub_name"))


class _EventHubTriggerApi(DecoratorApi):
    def event_hub_message_trigger(
        self,
        arg_name: str,
        connection: str,
        event_hub_name: str,
        data_type: DataType | str | None = None,
        cardinality: Cardinality | str | None = None,
        consumer_group: str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function for events sent to an event hub.

        :param arg_name: The :class:`~azure.functions.EventHubEvent` parameter
            (a list of them with ``cardinality=MANY``).
        :param connection: The app setting (or setting prefix) that says how
            to connect to the Event Hubs namespace.
        :param event_hub_name: The event hub to read.
        :param data_type: How the host hands the value over.
        :param cardinality: ``MANY`` (``"many"``) for batches, ``ONE`` for
            one event per invocation.
        :param consumer_group: The consumer group to read as (the host's
            default is ``$Default``).
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(EventHubTrigger, locals())


class _EventHubBindingApi(DecoratorApi):
    def event_hub_output(
        self,
        arg_name: str,
        connection: str,
        event_hub_name: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Sends events to an event hub through an ``Out`` parameter.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param connection: The app setting (or setting prefix) that says how
            to connect to the Event Hubs namespace.
        :param event_hub_name: The event hub to send to.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(EventHubOutput, locals())
