"""Storage queue types and converters, at the module path the reference used."""

from ._bindings.queue import (
    QueueMessage,
    QueueMessageInConverter,
    QueueMessageOutConverter,
)

__all__ = ["QueueMessage", "QueueMessageInConverter", "QueueMessageOutConverter"]
