"""Event Grid: the ``eventGridTrigger`` and ``eventGrid`` bindings, their decorators."""

from __future__ import annotations

from .._errors import FunctionDefinitionError
from ._builder import DecoratorApi, FunctionDecorator
from .constants import EVENT_GRID, EVENT_GRID_TRIGGER
from .core import BindingField, DataType, OutputBinding, Trigger

__all__ = ["EventGridOutput", "EventGridTrigger"]


class EventGridTrigger(Trigger):
    """Runs the function for each Event Grid event (``eventGridTrigger``)."""

    binding_type = EVENT_GRID_TRIGGER


class EventGridOutput(OutputBinding):
    """Publishes events to an Event Grid topic (``eventGrid``).

    The topic is given either by ``connection`` or by both
    ``topic_endpoint_uri`` and ``topic_key_setting``.
    """

    binding_type = EVENT_GRID
    fields = (
        BindingField("topic_endpoint_uri"),
        BindingField("topic_key_setting"),
        BindingField("connection"),
    )

    topic_endpoint_uri: str | None
    topic_key_setting: str | None
    connection: str | None

    def _check(self) -> None:
        """Refuses anything but ``connection`` alone or the URI and key together."""
        by_key = (self.topic_endpoint_uri, self.topic_key_setting)
        if self.connection is not None:
            if by_key != (None, None):
                raise FunctionDefinitionError(
                    None,
                    "give either connection or both topic_endpoint_uri and "
                    "topic_key_setting, not both",
                    argument="connection",
                )
        elif None in by_key:
            if by_key == (None, None):
                missing, argument = "none of them is given", "connection"
            else:
                argument = (
                    "topic_endpoint_uri" if by_key[0] is None else "topic_key_setting"
                )
                missing = f"{argument} is missing"
            raise FunctionDefinitionError(
                None,
                "give either connection or both topic_endpoint_uri and "
                f"topic_key_setting ({missing})",
                argument=argument,
            )


class _EventGridTriggerApi(DecoratorApi):
    def event_grid_trigger(
        self,
        arg_name: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function for each event an Event Grid subscription delivers.

        :param arg_name: The :class:`~azure.functions.EventGridEvent` parameter.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(EventGridTrigger, locals())


class _EventGridBindingApi(DecoratorApi):
    def event_grid_output(
        self,
        arg_name: str,
        topic_endpoint_uri: str | None = None,
        topic_key_setting: str | None = None,
        connection: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Publishes events to a custom Event Grid topic through an ``Out`` parameter.

        Give either *connection* or both *topic_endpoint_uri* and
        *topic_key_setting*.

        :param arg_name: The ``func.Out[func.EventGridOutputEvent]`` parameter
            (or ``"$return"``).
        :param topic_endpoint_uri: The app setting holding the topic's URI.
        :param topic_key_setting: The app setting holding the topic's access key.
        :param connection: The prefix of the app settings that say how to
            connect to the topic (an identity-based connection).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(EventGridOutput, locals())
