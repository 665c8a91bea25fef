"""Storage queues: the ``queueTrigger`` and ``queue`` bindings and their decorators."""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import QUEUE, QUEUE_TRIGGER
from .core import BindingField, DataType, OutputBinding, Trigger

__all__ = ["QueueOutput", "QueueTrigger"]


# The queue watched or written to, and how to reach its storage account.
_QUEUE = (BindingField("queue_name"), BindingField("connection"))


class QueueTrigger(Trigger):
    """Runs the function for each message of a Storage queue (``queueTrigger``)."""

    binding_type = QUEUE_TRIGGER
    fields = _QUEUE


class QueueOutput(OutputBinding):
    """Writes messages to a Storage queue (``queue``)."""

    binding_type = QUEUE
    fields = _QUEUE


class _QueueTriggerApi(DecoratorApi):
    def queue_trigger(
        self,
        arg_name: str,
        queue_name: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function for each message added to a Storage queue.

        :param arg_name: The :class:`~azure.functions.QueueMessage` parameter.
        :param queue_name: The queue to watch.
        :param connection: The app setting (or setting prefix) that says how
            to connect to the storage account.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(QueueTrigger, locals())


class _QueueBindingApi(DecoratorApi):
    def queue_output(
        self,
        arg_name: str,
        queue_name: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Writes messages to a Storage queue through an ``Out`` parameter.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param queue_name: The queue to write to.
        :param connection: The app setting (or setting prefix) that says how
            to connect to the storage account.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(QueueOutput, locals())
