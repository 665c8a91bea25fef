"""Service Bus: the ``serviceBusTrigger`` input and ``serviceBus`` output converters.

Every message property is declared once, on :class:`ServiceBusMessage`, as a
field naming its metadata key: a single message reads ``MessageId``, a batch
(``cardinality: many``) reads entry *i* of ``MessageIdArray``, through the same
code.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from .._converter import InConverter, OutConverter
from .._datum import Datum, DatumLike
from .._metadata import (
    BatchMetadata,
    DefaultedProperty,
    MetadataProperty,
    boolean,
    integer,
    json_object,
    text,
)
from ._base import BindingConverter
from ._messages import (
    EventMessage,
    MessageOutputConverter,
    batch_bodies,
    encode_message,
    is_batch,
    optional_duration,
    optional_timestamp,
    received,
    serialized_fields,
)

__all__ = [
    "ServiceBusMessage",
    "ServiceBusMessageInConverter",
    "ServiceBusMessageOutConverter",
]

_TRIGGER = "serviceBusTrigger"

#: ``ServiceBusReceivedMessage.State`` names, should the host send them as text.
_STATES = {"active": 0, "deferred": 1, "scheduled": 2}


def message_state(value: object) -> int:
    """The message state: 0 active, 1 deferred, 2 scheduled (number or name)."""
    if isinstance(value, str) and value.strip().lower() in _STATES:
        return _STATES[value.strip().lower()]
    return integer(value)


def _no_properties() -> dict[str, Any]:
    return {}


def _properties(value: object) -> dict[str, Any]:
    """A property bag: the sender's values, typed as ``json.loads`` types them."""
    return json_object(value)


class ServiceBusMessage(EventMessage):
    """A message from an Azure Service Bus queue or subscription.

    ``ServiceBusMessage(body="...", content_type="text/plain")`` builds one,
    for tests; the trigger fills every property below and :attr:`metadata`.
    Properties the host did not send are ``None`` (``{}`` for the property
    bags, ``""`` for :attr:`message_id`). ``to_dict()`` shows the body and
    every property but ``force_persistence``, as azure-functions 2.3.0 does.
    """

    __slots__ = ()
    _binding = _TRIGGER

    application_properties = DefaultedProperty(
        "ApplicationProperties",
        _properties,
        "Application-defined properties of the message.",
        default=_no_properties,
    )
    content_type = MetadataProperty(
        "ContentType", text, "The body's content type (an RFC 2045 descriptor)."
    )
    correlation_id = MetadataProperty(
        "CorrelationId", text, "The application's correlation identifier."
    )
    dead_letter_error_description = MetadataProperty(
        "DeadLetterErrorDescription",
        text,
        "Why the message was dead-lettered, in detail.",
    )
    dead_letter_reason = MetadataProperty(
        "DeadLetterReason", text, "Why the message was dead-lettered."
    )
    dead_letter_source = MetadataProperty(
        "DeadLetterSource",
        text,
        "The entity that dead-lettered the message, once auto-forwarded.",
    )
    delivery_count = MetadataProperty(
        "DeliveryCount", integer, "How many deliveries have been attempted."
    )
    enqueued_sequence_number = MetadataProperty(
        "EnqueuedSequenceNumber",
        integer,
        "The sequence number first given to an auto-forwarded message.",
    )
    enqueued_time_utc = MetadataProperty(
        "EnqueuedTimeUtc", optional_timestamp, "When the message was enqueued (UTC)."
    )
    expires_at_utc = MetadataProperty(
        "ExpiresAtUtc",
        optional_timestamp,
        "When the message expires: enqueued time plus time to live (UTC).",
    )
    force_persistence = MetadataProperty(
        "ForcePersistence",
        boolean,
        "Whether the message is persisted before it is acknowledged, when sent.",
    )
    label = MetadataProperty(
        "Label", text, "The application-specific label (the subject, formerly)."
    )
    locked_until = MetadataProperty(
        "LockedUntil", optional_timestamp, "When the message lock expires (UTC)."
    )
    lock_token = MetadataProperty(
        "LockToken", text, "The token of the lock held on the message."
    )
    message_id = DefaultedProperty(
        "MessageId",
        text,
        "The message identifier (``''`` when none was sent).",
        default=str,
    )
    partition_key = MetadataProperty(
        "PartitionKey", text, "The partition key of a partitioned entity."
    )
    reply_to = MetadataProperty("ReplyTo", text, "The address to reply to.")
    reply_to_session_id = MetadataProperty(
        "ReplyToSessionId", text, "The session to reply to."
    )
    scheduled_enqueue_time_utc = MetadataProperty(
        "ScheduledEnqueueTimeUtc",
        optional_timestamp,
        "When a scheduled message is (or was) enqueued (UTC).",
    )
    sequence_number = MetadataProperty(
        "SequenceNumber", integer, "The unique number the broker gave the message."
    )
    session_id = MetadataProperty("SessionId", text, "The session identifier.")
    state = MetadataProperty(
        "State", message_state, "The state: 0 active, 1 deferred, 2 scheduled."
    )
    subject = MetadataProperty("Subject", text, "The application-specific subject.")
    time_to_live = MetadataProperty(
        "TimeToLive",
        optional_duration,
        "How long the message lives; ``TimeSpan.MaxValue`` (about 29,000 years)"
        " when the entity sets no limit.",
    )
    to = MetadataProperty("To", text, "The destination address (for routing).")
    transaction_partition_key = MetadataProperty(
        "TransactionPartitionKey",
        text,
        "The partition key of the transaction that sent the message.",
    )
    user_properties = DefaultedProperty(
        "UserProperties",
        _properties,
        "User-defined properties of the message.",
        default=_no_properties,
    )

    def __init__(
        self,
        *,
        body: str | bytes | None = None,
        trigger_metadata: Mapping[str, DatumLike] | None = None,
        application_properties: Mapping[str, object] | None = None,
        content_type: str | None = None,
        correlation_id: str | None = None,
        dead_letter_error_description: str | None = None,
        dead_letter_reason: str | None = None,
        dead_letter_source: str | None = None,
        delivery_count: int | None = None,
        enqueued_sequence_number: int | None = None,
        enqueued_time_utc: datetime.datetime | None = None,
        expires_at_utc: datetime.datetime | None = None,
        force_persistence: bool | None = None,
        label: str | None = None,
        locked_until: datetime.datetime | None = None,
        lock_token: str | None = None,
        message_id: str | None = None,
        partition_key: str | None = None,
        reply_to: str | None = None,
        reply_to_session_id: str | None = None,
        scheduled_enqueue_time_utc: datetime.datetime | None = None,
        sequence_number: int | None = None,
        session_id: str | None = None,
        state: int | None = None,
        subject: str | None = None,
        time_to_live: datetime.timedelta | None = None,
        to: str | None = None,
        transaction_partition_key: str | None = None,
        user_properties: Mapping[str, object] | None = None,
    ) -> None:
        self._init(
            body,
            trigger_metadata,
            {
                "application_properties": _copy(application_properties),
                "content_type": content_type,
                "correlation_id": correlation_id,
                "dead_letter_error_description": dead_letter_error_description,
                "dead_letter_reason": dead_letter_reason,
                "dead_letter_source": dead_letter_source,
                "delivery_count": delivery_count,
                "enqueued_sequence_number": enqueued_sequence_number,
                "enqueued_time_utc": enqueued_time_utc,
                "expires_at_utc": expires_at_utc,
                "force_persistence": force_persistence,
                "label": label,
                "locked_until": locked_until,
                "lock_token": lock_token,
                "message_id": message_id,
                "partition_key": partition_key,
                "reply_to": reply_to,
                "reply_to_session_id": reply_to_session_id,
                "scheduled_enqueue_time_utc": scheduled_enqueue_time_utc,
                "sequence_number": sequence_number,
                "session_id": session_id,
                "state": state,
                "subject": subject,
                "time_to_live": time_to_live,
                "to": to,
                "transaction_partition_key": transaction_partition_key,
                "user_properties": _copy(user_properties),
            },
        )

    @property
    def expiration_time(self) -> datetime.datetime | None:
        """Deprecated alias of :attr:`expires_at_utc`."""
        return self.expires_at_utc

    @property
    def scheduled_enqueue_time(self) -> datetime.datetime | None:
        """Deprecated alias of :attr:`scheduled_enqueue_time_utc`."""
        return self.scheduled_enqueue_time_utc

    def __repr__(self) -> str:
        return (
            f"<ServiceBusMessage message_id={self._repr_value('message_id')} "
            f"sequence_number={self._repr_value('sequence_number')} "
            f"body={len(self._body)} bytes>"
        )


def _copy(properties: Mapping[str, object] | None) -> dict[str, object] | None:
    return None if properties is None else dict(properties)


ServiceBusMessage._serialized = serialized_fields(
    ServiceBusMessage, exclude=frozenset({"force_persistence"})
)


class ServiceBusMessageInConverter(
    BindingConverter, InConverter, binding=_TRIGGER, trigger=True
):
    """The ``serviceBusTrigger`` binding: one :class:`ServiceBusMessage` or a batch."""

    input_types = input_item_types = (ServiceBusMessage,)  # a message, or a batch

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> ServiceBusMessage | list[ServiceBusMessage]:
        """A message with every property the host sent; a list for a batch.

        Properties are converted from the metadata when first read (a
        malformed value raises ``DatumTypeError`` then).

        A batch is a collection payload, or a JSON array with ``*Array``
        metadata (``UserPropertiesArray``, ``MessageIdArray`` ...); entry *i*
        of each array describes message *i*, and a short array leaves the
        property ``None`` for the messages it does not cover.
        """
        metadata = trigger_metadata or {}
        if is_batch(
            data,
            metadata,
            single_keys=("UserProperties", "MessageId"),
            batch_keys=("UserPropertiesArray", "MessageIdArray"),
        ):
            batch = BatchMetadata(trigger_metadata, _TRIGGER)
            return [
                received(ServiceBusMessage, body, None, batch, index)
                for index, body in enumerate(batch_bodies(data, _TRIGGER))
            ]
        return received(ServiceBusMessage, data, trigger_metadata)


class ServiceBusMessageOutConverter(
    MessageOutputConverter, OutConverter, binding="serviceBus"
):
    """The ``serviceBus`` output binding: messages out."""

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """``str``, ``bytes``, numbers and JSON (a list sends one message per item)."""
        return encode_message(obj, "serviceBus")
