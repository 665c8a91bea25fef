"""Kafka event types and converters, at the module path the reference used."""

from ._bindings.kafka import (
    AbstractKafkaEvent,
    KafkaConverter,
    KafkaEvent,
    KafkaTriggerConverter,
)

__all__ = [
    "AbstractKafkaEvent",
    "KafkaConverter",
    "KafkaEvent",
    "KafkaTriggerConverter",
]
