"""The ``retry_policy`` setting: how the host retries a failed invocation."""

from __future__ import annotations

import re

from .._errors import FunctionDefinitionError
from .core import Setting

__all__ = ["RETRY_POLICY", "RetryPolicy"]

#: The setting name of :class:`RetryPolicy` (``@app.retry``).
RETRY_POLICY = "retry_policy"
_STRATEGIES = ("fixed_delay", "exponential_backoff")
# The worker reads intervals with time.strptime(value, "%H:%M:%S").
_INTERVAL = re.compile(r"^(\d{1,2}):(\d{1,2}):(\d{1,2})$")


def _seconds(value: object, argument: str) -> int:
    match = _INTERVAL.match(value) if isinstance(value, str) else None
    if match is None:
        raise FunctionDefinitionError(
            None, f"{value!r} is not an interval as HH:MM:SS", argument=argument
        )
    hours, minutes, seconds = (int(part) for part in match.groups())
    if hours > 23 or minutes > 59 or seconds > 61:
        raise FunctionDefinitionError(
            None,
            f"{value!r} is out of range (hours 0-23, minutes and seconds 0-59)",
            argument=argument,
        )
    return hours * 3600 + minutes * 60 + seconds


class RetryPolicy(Setting):
    """Retries of a failed invocation (``@app.retry``).

    ``fixed_delay`` waits ``delay_interval`` between tries;
    ``exponential_backoff`` waits from ``minimum_interval`` doubling up to
    ``maximum_interval``. Intervals are ``"HH:MM:SS"``; ``max_retry_count`` is
    a whole number (``-1``: retry forever), as int or str.
    """

    fields = (
        "strategy",
        "max_retry_count",
        "delay_interval",
        "minimum_interval",
        "maximum_interval",
    )

    def __init__(
        self,
        strategy: str,
        max_retry_count: str | int,
        delay_interval: str | None = None,
        minimum_interval: str | None = None,
        maximum_interval: str | None = None,
        **kwargs: object,
    ) -> None:
        if strategy not in _STRATEGIES:
            raise FunctionDefinitionError(
                None,
                f"{strategy!r} is not a retry strategy; choose fixed_delay or "
                "exponential_backoff",
                argument="strategy",
            )
        try:
            count = int(max_retry_count)
        except (TypeError, ValueError):
            count = None
        if count is None or isinstance(max_retry_count, bool) or count < -1:
            raise FunctionDefinitionError(
                None,
                f"{max_retry_count!r} is not a retry count (a whole number, -1 "
                "for no limit)",
                argument="max_retry_count",
            )
        if strategy == "fixed_delay":
            if delay_interval is None:
                raise FunctionDefinitionError(
                    None,
                    "fixed_delay needs a delay_interval",
                    argument="delay_interval",
                )
            _seconds(delay_interval, "delay_interval")
        else:
            for argument, value in (
                ("minimum_interval", minimum_interval),
                ("maximum_interval", maximum_interval),
            ):
                if value is None:
                    raise FunctionDefinitionError(
                        None,
                        f"exponential_backoff needs a {argument}",
                        argument=argument,
                    )
            low = _seconds(minimum_interval, "minimum_interval")
            if _seconds(maximum_interval, "maximum_interval") < low:
                raise FunctionDefinitionError(
                    None,
                    "maximum_interval is shorter than minimum_interval",
                    argument="maximum_interval",
                )
        self.strategy = strategy
        self.max_retry_count = max_retry_count
        self.delay_interval = delay_interval
        self.minimum_interval = minimum_interval
        self.maximum_interval = maximum_interval
        super().__init__(RETRY_POLICY, **kwargs)
