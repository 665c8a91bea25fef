"""``host.json`` ``extensions.queues``: how the queue triggers poll and retry.

As the Functions host's queue extension (5.x) reads them, with its defaults:
``maxPollingInterval`` 1 minute (at least 100 ms), ``visibilityTimeout`` 0,
``batchSize`` 16 (1 to 32), ``newBatchThreshold`` ``batchSize / 2`` per
processor, ``maxDequeueCount`` 5, ``messageEncoding`` ``base64`` (or
``none``). TimeSpans are ``hh:mm:ss[.fff]``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, final

from ..._errors import FunctionLoadError
from ..._types import JSONValue
from ..loading.config import read_json_object
from ..timers import _TIMESPAN, _timespan

__all__ = ["QueueOptions", "read_queue_options"]


@final
class QueueOptions:
    """The queue triggers' settings (``extensions.queues`` of ``host.json``)."""

    __slots__ = (
        "batch_size",
        "max_dequeue_count",
        "max_polling_interval",
        "message_encoding",
        "new_batch_threshold",
        "visibility_timeout",
    )

    def __init__(
        self,
        *,
        max_polling_interval: float = 60.0,
        visibility_timeout: float = 0.0,
        batch_size: int = 16,
        new_batch_threshold: int | None = None,
        max_dequeue_count: int = 5,
        message_encoding: Literal["base64", "none"] = "base64",
    ) -> None:
        self.max_polling_interval = max_polling_interval
        self.visibility_timeout = visibility_timeout
        self.batch_size = batch_size
        self.new_batch_threshold = (
            new_batch_threshold
            if new_batch_threshold is not None
            else (os.cpu_count() or 1) * batch_size // 2
        )
        self.max_dequeue_count = max_dequeue_count
        self.message_encoding: Literal["base64", "none"] = message_encoding

    def __repr__(self) -> str:
        return (
            f"<QueueOptions batch_size={self.batch_size} "
            f"max_dequeue_count={self.max_dequeue_count} "
            f"encoding={self.message_encoding}>"
        )


def _error(key: str, value: JSONValue, expected: str) -> FunctionLoadError:
    return FunctionLoadError(
        f"'extensions.queues.{key}' is {value!r}; expected {expected}", file="host.json"
    )


def _seconds(key: str, value: JSONValue) -> float:
    found = _TIMESPAN.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None:
        raise _error(key, value, 'a TimeSpan such as "00:00:02"')
    try:
        return _timespan(found).total_seconds()
    except ValueError:
        raise _error(key, value, 'a TimeSpan such as "00:00:02"') from None


def _count(key: str, value: JSONValue, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(key, value, f"a whole number from {low} to {high}")
    if not low <= value <= high:
        raise _error(key, value, f"a whole number from {low} to {high}")
    return value


def _get(section: dict[str, JSONValue], key: str) -> JSONValue:
    for name, value in section.items():
        if name.lower() == key.lower():
            return value
    return None


def read_queue_options(root: Path) -> QueueOptions:
    """The queue settings of the app at *root* (defaults without ``host.json``)."""
    path = root / "host.json"
    if not path.is_file():
        return QueueOptions()
    extensions = read_json_object(path, root=root).get("extensions")
    section = _get(extensions, "queues") if isinstance(extensions, dict) else None
    if not isinstance(section, dict):
        return QueueOptions()
    polling = _get(section, "maxPollingInterval")
    visibility = _get(section, "visibilityTimeout")
    batch = _get(section, "batchSize")
    threshold = _get(section, "newBatchThreshold")
    dequeue = _get(section, "maxDequeueCount")
    encoding = _get(section, "messageEncoding")
    if encoding is not None and (
        not isinstance(encoding, str) or encoding.lower() not in ("base64", "none")
    ):
        raise _error("messageEncoding", encoding, '"base64" or "none"')
    batch_size = 16 if batch is None else _count("batchSize", batch, 1, 32)
    return QueueOptions(
        max_polling_interval=60.0
        if polling is None
        else max(0.1, _seconds("maxPollingInterval", polling)),
        visibility_timeout=0.0
        if visibility is None
        else _seconds("visibilityTimeout", visibility),
        batch_size=batch_size,
        new_batch_threshold=None
        if threshold is None
        else _count("newBatchThreshold", threshold, 0, 10_000),
        max_dequeue_count=5
        if dequeue is None
        else _count("maxDequeueCount", dequeue, 1, 10_000),
        message_encoding="none"
        if isinstance(encoding, str) and encoding.lower() == "none"
        else "base64",
    )
