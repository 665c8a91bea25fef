"""Warm-up: the ``warmupTrigger`` binding and ``@app.warm_up_trigger``."""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import WARMUP_TRIGGER
from .core import DataType, Trigger

__all__ = ["WarmUpTrigger"]


class WarmUpTrigger(Trigger):
    """Runs the function when an instance is added to the app (``warmupTrigger``)."""

    binding_type = WARMUP_TRIGGER


class _WarmUpTriggerApi(DecoratorApi):
    def warm_up_trigger(
        self,
        arg_name: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function when a new instance warms up (Premium and Dedicated plans).

        :param arg_name: The :class:`~azure.functions.WarmUpContext` parameter.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(WarmUpTrigger, locals())
