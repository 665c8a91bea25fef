"""Event Hubs converters, at the module path the reference used."""

from ._bindings.eventhub import EventHubConverter, EventHubTriggerConverter

__all__ = ["EventHubConverter", "EventHubTriggerConverter"]
