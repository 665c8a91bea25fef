"""Timer types and converters, at the module path the reference used."""

from ._bindings.timer import TimerRequest, TimerRequestConverter

__all__ = ["TimerRequest", "TimerRequestConverter"]
