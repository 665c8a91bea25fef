"""Event Grid converters, at the module path the reference used."""

from ._bindings.eventgrid import EventGridEventInConverter, EventGridEventOutConverter

__all__ = ["EventGridEventInConverter", "EventGridEventOutConverter"]
