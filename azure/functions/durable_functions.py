"""Durable Functions converters, at the module path the reference used.

``EnitityTriggerConverter`` keeps the reference's spelling;
``EntityTriggerConverter`` is the same class.
"""

from ._bindings.durable import (
    ActivityTriggerConverter,
    DurableClientConverter,
    EnitityTriggerConverter,
    EntityTriggerConverter,
    OrchestrationTriggerConverter,
)

__all__ = [
    "ActivityTriggerConverter",
    "DurableClientConverter",
    "EnitityTriggerConverter",
    "EntityTriggerConverter",
    "OrchestrationTriggerConverter",
]
