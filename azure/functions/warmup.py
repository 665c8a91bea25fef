"""Warm-up types and converters, at the module path the reference used."""

from ._bindings.warmup import WarmUpContext, WarmUpTriggerConverter

__all__ = ["WarmUpContext", "WarmUpTriggerConverter"]
