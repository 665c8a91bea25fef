"""Service Bus message type and converters, at the module path the reference used."""

from ._bindings.servicebus import (
    ServiceBusMessage,
    ServiceBusMessageInConverter,
    ServiceBusMessageOutConverter,
)

__all__ = [
    "ServiceBusMessage",
    "ServiceBusMessageInConverter",
    "ServiceBusMessageOutConverter",
]
