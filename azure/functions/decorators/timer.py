"""Timers: ``timerTrigger``, ``@app.timer_trigger`` and ``@app.schedule``."""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import TIMER_TRIGGER
from .core import BindingField, DataType, Trigger

__all__ = ["TimerTrigger"]


class TimerTrigger(Trigger):
    """Runs the function on a schedule (``timerTrigger``)."""

    binding_type = TIMER_TRIGGER
    fields = (
        BindingField("schedule"),
        BindingField("run_on_startup"),
        BindingField("use_monitor"),
    )


class _TimerTriggerApi(DecoratorApi):
    def timer_trigger(
        self,
        arg_name: str,
        schedule: str,
        run_on_startup: bool | None = None,
        use_monitor: bool | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function on a schedule (a timer trigger).

        :param arg_name: The :class:`~azure.functions.TimerRequest` parameter.
        :param schedule: An NCRONTAB expression with seconds
            (``"0 */5 * * * *"``: every five minutes), or a TimeSpan
            (``"00:05:00"``, App Service plans only).
        :param run_on_startup: Also run when the host starts (not for
            production: every scale-out and restart triggers it).
        :param use_monitor: Keep schedule status in storage so that a missed
            occurrence is caught up (the default is on for intervals of a
            minute or more).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(TimerTrigger, locals())

    schedule = timer_trigger
