"""Trigger payloads: the datum and metadata the Functions host sends each trigger.

``core``: :class:`~.core.TriggerPayload` and the triggers that take one
event per invocation (timer, storage queue and blob, Event Grid, Cosmos DB,
warm-up). ``batched``: the message brokers whose triggers may take a batch
(``cardinality: many``): Service Bus, Event Hubs and Kafka, and
:func:`~.batched.trigger_payload`, the payload for any trigger kind.
"""
