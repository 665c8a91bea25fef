"""Connectors: the ``connectorTrigger`` binding and its decorator."""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import CONNECTOR_TRIGGER
from .core import DataType, Trigger

__all__ = ["ConnectorTrigger"]


class ConnectorTrigger(Trigger):
    """Runs on events a connector delivers to the host (``connectorTrigger``).

    It declares no properties of its own: whatever the connector needs is
    given as keyword arguments (snake_case names become camelCase JSON keys).
    """

    binding_type = CONNECTOR_TRIGGER
    open_properties = True


class _ConnectorTriggerApi(DecoratorApi):
    def connector_trigger(
        self,
        arg_name: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function on the events a connector trigger hands the host.

        :param arg_name: The parameter receiving the event.
        :param data_type: How the host hands the value over.
        :param kwargs: The trigger's properties; snake_case names become
            camelCase JSON keys (``connector_id`` → ``connectorId``).
        """
        return self._add(ConnectorTrigger, locals())
