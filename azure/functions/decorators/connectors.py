"""Connectors: the ``connectorTrigger`` binding and its decorator."""

from __future__ import annotations

from .._errors import FunctionDefinitionError
from ._builder import DecoratorApi, FunctionDecorator
from .constants import CONNECTOR_TRIGGER
from .core import BindingField, Cardinality, DataType, DeliveryMode, Trigger

__all__ = ["Cardinality", "ConnectorTrigger", "DeliveryMode"]

#: What ``DeliveryMode.POLL`` needs.
_POLL_NEEDS = ("connection", "trigger_config_name")


class ConnectorTrigger(Trigger):
    """Runs on events a connector delivers to the host (``connectorTrigger``).

    The properties below are those of azure-functions 2.4.0b1; any other a
    connector needs is given as a keyword argument (snake_case names become
    camelCase JSON keys). ``delivery_mode`` is written as its value
    (``"Poll"``); ``POLL`` needs ``connection`` and ``trigger_config_name``.
    """

    binding_type = CONNECTOR_TRIGGER
    open_properties = True
    fields = (
        BindingField("delivery_mode", enum=DeliveryMode),
        BindingField("connection"),
        BindingField("trigger_config_name"),
        BindingField("cardinality", enum=Cardinality),
        BindingField("max_batch_size"),
        BindingField("max_concurrent_calls"),
        BindingField("target_pending_event_threshold"),
    )

    delivery_mode: DeliveryMode | None
    connection: str | None
    trigger_config_name: str | None

    def _check(self) -> None:
        """Refuses ``POLL`` delivery without a connection and a trigger config."""
        if self.delivery_mode is not DeliveryMode.POLL:
            return
        missing = [name for name in _POLL_NEEDS if getattr(self, name) is None]
        if missing:
            raise FunctionDefinitionError(
                None,
                f"Poll delivery needs {' and '.join(missing)}",
                argument=missing[0],
            )


class _ConnectorTriggerApi(DecoratorApi):
    def connector_trigger(
        self,
        arg_name: str,
        data_type: DataType | str | None = None,
        delivery_mode: DeliveryMode | str | None = None,
        connection: str | None = None,
        trigger_config_name: str | None = None,
        cardinality: Cardinality | str | None = None,
        max_batch_size: int | None = None,
        max_concurrent_calls: int | None = None,
        target_pending_event_threshold: int | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function on the events a connector trigger hands the host.

        :param arg_name: The parameter receiving the event (``str``, ``bytes``
            or ``dict``; ``list[...]`` of them with ``cardinality=MANY``).
        :param data_type: How the host hands the value over.
        :param delivery_mode: ``POLL`` or ``WEBHOOK`` (the host's default).
        :param connection: The connector's connection setting (needed to poll).
        :param trigger_config_name: The connector's trigger configuration
            (needed to poll; app setting expressions work).
        :param cardinality: ``MANY`` hands the function a batch of events.
        :param max_batch_size: The most events in a batch (the host.json
            default otherwise).
        :param max_concurrent_calls: The most invocations at once (the
            host.json default otherwise).
        :param target_pending_event_threshold: Pending events per instance the
            scale controller aims for.
        :param kwargs: Further trigger properties; snake_case names become
            camelCase JSON keys (``connector_id`` → ``connectorId``).
        """
        return self._add(ConnectorTrigger, locals())
