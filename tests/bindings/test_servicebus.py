"""The Service Bus binding: ServiceBusMessage and the serviceBus converters."""

from __future__ import annotations

import datetime
import json
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
from azure.functions import DatumTypeError, InvalidJSONError
from azure.functions._bindings.eventhub import EventHubEvent
from azure.functions._bindings.servicebus import (
    ServiceBusMessage,
    ServiceBusMessageInConverter,
    ServiceBusMessageOutConverter,
)
from azure.functions.meta import Datum, build_metadata
from tests._wire import collection_message

UTC = datetime.timezone.utc
FOREVER = "10675199.02:48:05.4775807"  # TimeSpan.MaxValue: no time-to-live limit


def decode(data: object, metadata: dict[str, object] | None) -> object:
    return ServiceBusMessageInConverter.decode(
        data,  # type: ignore[arg-type]
        trigger_metadata=None if metadata is None else build_metadata(metadata),
    )


def decode_one(data: object, metadata: dict[str, object] | None) -> ServiceBusMessage:
    message = decode(data, metadata)
    assert isinstance(message, ServiceBusMessage)
    return message


def decode_many(data: object, metadata: dict[str, object]) -> list[ServiceBusMessage]:
    messages = decode(data, metadata)
    assert isinstance(messages, list)
    return messages


# What the Service Bus extension sends for one message (cardinality: one).
SINGLE: dict[str, object] = {
    "ApplicationProperties": {"tenant": "contoso", "priority": 2},
    "ContentType": "application/json",
    "CorrelationId": "order-7",
    "DeadLetterErrorDescription": "too many retries",
    "DeadLetterReason": "MaxDeliveryCountExceeded",
    "DeadLetterSource": "orders",
    "DeliveryCount": 3,
    "EnqueuedSequenceNumber": 15,
    "EnqueuedTimeUtc": "2024-05-01T10:00:00.1234567Z",
    "ExpiresAtUtc": "2024-05-01T10:05:00.1234567Z",
    "Label": "order-created",
    "LockedUntil": "2024-05-01T10:00:30Z",
    "LockToken": "87931fd2-39f4-415a-9fdc-adfdcbed3148",
    "MessageId": "abcee18397398d93891830a0aac89eed",
    "PartitionKey": "contoso",
    "ReplyTo": "replies",
    "ReplyToSessionId": "reply-session",
    "ScheduledEnqueueTimeUtc": "0001-01-01T00:00:00",
    "SequenceNumber": 38291,
    "SessionId": "session-1",
    "State": 0,
    "Subject": "order-created",
    "TimeToLive": "00:05:00",
    "To": "warehouse",
    "TransactionPartitionKey": "tx-pk",
    "UserProperties": {"$AzureWebJobsParentId": "6ceef68b", "retries": 0},
    "MessageReceiver": {"Path": "orders", "PrefetchCount": 0},
    "sys": {"MethodName": "on_message", "UtcNow": "2024-05-01T10:00:01Z"},
}

EXPECTED: dict[str, object] = {
    "application_properties": {"tenant": "contoso", "priority": 2},
    "content_type": "application/json",
    "correlation_id": "order-7",
    "dead_letter_error_description": "too many retries",
    "dead_letter_reason": "MaxDeliveryCountExceeded",
    "dead_letter_source": "orders",
    "delivery_count": 3,
    "enqueued_sequence_number": 15,
    "enqueued_time_utc": datetime.datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=UTC),
    "expires_at_utc": datetime.datetime(2024, 5, 1, 10, 5, 0, 123456, tzinfo=UTC),
    "expiration_time": datetime.datetime(2024, 5, 1, 10, 5, 0, 123456, tzinfo=UTC),
    "force_persistence": None,
    "label": "order-created",
    "locked_until": datetime.datetime(2024, 5, 1, 10, 0, 30, tzinfo=UTC),
    "lock_token": "87931fd2-39f4-415a-9fdc-adfdcbed3148",
    "message_id": "abcee18397398d93891830a0aac89eed",
    "partition_key": "contoso",
    "reply_to": "replies",
    "reply_to_session_id": "reply-session",
    "scheduled_enqueue_time": datetime.datetime(1, 1, 1),
    "scheduled_enqueue_time_utc": datetime.datetime(1, 1, 1),
    "sequence_number": 38291,
    "session_id": "session-1",
    "state": 0,
    "subject": "order-created",
    "time_to_live": datetime.timedelta(minutes=5),
    "to": "warehouse",
    "transaction_partition_key": "tx-pk",
    "user_properties": {"$AzureWebJobsParentId": "6ceef68b", "retries": 0},
}

NOT_SET: dict[str, object] = {
    name: {} if name.endswith("_properties") else "" if name == "message_id" else None
    for name in EXPECTED
}


def properties(message: ServiceBusMessage) -> dict[str, object]:
    return {name: getattr(message, name) for name in EXPECTED}


# --- ServiceBusMessage ---------------------------------------------------------


def test_message_without_arguments() -> None:
    message = ServiceBusMessage()
    assert message.get_body() == b""
    assert properties(message) == NOT_SET
    assert message.metadata is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [("héllo", "héllo".encode()), (b"\x00raw", b"\x00raw"), (bytearray(b"ba"), b"ba")],
)
def test_message_body(body: str | bytes, expected: bytes) -> None:
    assert ServiceBusMessage(body=body).get_body() == expected


def test_message_rejects_other_bodies() -> None:
    with pytest.raises(TypeError, match="ServiceBusMessage body must be str or bytes"):
        ServiceBusMessage(body=[1])  # type: ignore[arg-type]


def test_message_constructor_takes_every_property() -> None:
    arguments = {
        name: value
        for name, value in EXPECTED.items()
        if name not in ("expiration_time", "scheduled_enqueue_time")
    }
    arguments["force_persistence"] = True
    message = ServiceBusMessage(body=b"x", **arguments)  # type: ignore[arg-type]
    assert properties(message) == {**EXPECTED, "force_persistence": True}


def test_message_copies_property_bags() -> None:
    bag = {"a": 1}
    message = ServiceBusMessage(user_properties=bag, application_properties=bag)
    bag["a"] = 2
    assert message.user_properties == {"a": 1}
    assert message.application_properties == {"a": 1}


def test_message_is_read_only_and_has_no_dict() -> None:
    message = ServiceBusMessage(message_id="m")
    with pytest.raises(AttributeError):
        message.message_id = "other"  # type: ignore[assignment]  # read-only
    assert not hasattr(message, "__dict__")


def test_message_get_json_and_repr() -> None:
    message = ServiceBusMessage(body='{"n": 1}', message_id="m-1", sequence_number=4)
    assert message.get_json() == {"n": 1}
    assert repr(message) == (
        "<ServiceBusMessage message_id='m-1' sequence_number=4 body=8 bytes>"
    )
    with pytest.raises(InvalidJSONError):
        ServiceBusMessage(body="nope").get_json()


def test_public_module_exports() -> None:
    import azure.functions.servicebus as module

    assert module.ServiceBusMessage is ServiceBusMessage
    assert module.ServiceBusMessageInConverter is ServiceBusMessageInConverter
    assert module.ServiceBusMessageOutConverter is ServiceBusMessageOutConverter
    assert sorted(module.__all__) == sorted(
        [
            "ServiceBusMessage",
            "ServiceBusMessageInConverter",
            "ServiceBusMessageOutConverter",
        ]
    )


# --- annotations ---------------------------------------------------------------


class MyMessage(ServiceBusMessage):
    __slots__ = ()


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (ServiceBusMessage, True),
        (MyMessage, True),
        (list[ServiceBusMessage], True),
        (typing.List[ServiceBusMessage], True),  # noqa: UP006
        (list, False),
        (str, False),
        (list[str], False),
        (list[int], False),
        (EventHubEvent, False),
        (typing.Optional[ServiceBusMessage], False),  # noqa: UP045
        (type(None), False),
        ("ServiceBusMessage", False),
    ],
)
def test_input_annotations(annotation: object, expected: bool) -> None:
    assert (
        ServiceBusMessageInConverter.check_input_type_annotation(annotation) is expected
    )


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (str, True),
        (bytes, True),
        (list[str], True),
        (typing.List[str], True),  # noqa: UP006
        (ServiceBusMessage, False),
        (list[bytes], False),
        (type(None), False),
        (typing.Optional[str], False),  # noqa: UP045
        (list[int], False),
    ],
)
def test_output_annotations(annotation: object, expected: bool) -> None:
    assert (
        ServiceBusMessageOutConverter.check_output_type_annotation(annotation)
        is expected
    )


def test_converter_flags_and_registry() -> None:
    assert ServiceBusMessageInConverter.has_trigger_support()
    assert not ServiceBusMessageOutConverter.has_trigger_support()
    registry = func.get_binding_registry()
    assert registry.get("serviceBusTrigger") is ServiceBusMessageInConverter
    assert registry.get("serviceBus") is ServiceBusMessageOutConverter


# --- trigger: one message --------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        Datum('{"lucky_number": 23}', "json"),
        Datum('{"lucky_number": 23}', "string"),
        Datum(b'{"lucky_number": 23}', "bytes"),
    ],
)
def test_single_message(data: Datum) -> None:
    message = decode_one(data, SINGLE)
    assert message.get_body() == b'{"lucky_number": 23}'
    assert properties(message) == EXPECTED


def test_single_message_metadata() -> None:
    message = decode_one(Datum("x", "string"), SINGLE)
    assert message.metadata == SINGLE
    # Changing the dictionary does not change the message's properties.
    assert message.metadata is not None
    message.metadata["ContentType"] = "text/plain"
    assert message.content_type == "application/json"


def test_message_with_few_properties() -> None:
    message = decode_one(
        Datum("x", "string"), {"MessageId": "m", "UserProperties": {"UserId": 1}}
    )
    assert message.message_id == "m"
    assert message.user_properties == {"UserId": 1}
    assert message.application_properties == {}
    assert message.content_type is None


@pytest.mark.parametrize("data", [None, Datum(None, None)])
def test_message_without_payload(data: Datum | None) -> None:
    assert decode_one(data, {"UserProperties": {}}).get_body() == b""


def test_message_without_metadata() -> None:
    message = decode_one(Datum("x", "string"), None)
    assert message.metadata is None
    assert properties(message) == NOT_SET


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00:05:00", datetime.timedelta(minutes=5)),
        ("1.00:00:00", datetime.timedelta(days=1)),
        ("14.00:00:00", datetime.timedelta(days=14)),
        ("00:00:00.5000000", datetime.timedelta(milliseconds=500)),
        (
            FOREVER,
            datetime.timedelta(
                days=10675199, hours=2, minutes=48, seconds=5, microseconds=477580
            ),
        ),
        ("", None),
    ],
)
def test_time_to_live(text: str, expected: datetime.timedelta | None) -> None:
    message = decode_one(Datum("x", "string"), {"TimeToLive": text, "MessageId": "m"})
    assert message.time_to_live == expected


@pytest.mark.parametrize(
    ("state", "expected"), [(0, 0), (2, 2), ("1", 1), ("Deferred", 1), ("scheduled", 2)]
)
def test_state(state: object, expected: int) -> None:
    assert decode_one(Datum("x", "string"), {"State": state}).state == expected


@pytest.mark.parametrize(
    ("metadata", "field", "prop"),
    [
        ({"DeliveryCount": "many"}, "'DeliveryCount'", "delivery_count"),
        ({"EnqueuedTimeUtc": "yesterday"}, "'EnqueuedTimeUtc'", "enqueued_time_utc"),
        ({"TimeToLive": "forever"}, "'TimeToLive'", "time_to_live"),
        ({"UserProperties": [1, 2]}, "'UserProperties'", "user_properties"),
        ({"State": "Gone"}, "'State'", "state"),
        ({"ForcePersistence": "maybe"}, "'ForcePersistence'", "force_persistence"),
    ],
)
def test_malformed_metadata_raises_when_read(
    metadata: dict[str, object], field: str, prop: str
) -> None:
    message = decode_one(Datum("x", "string"), {**metadata, "MessageId": "m-1"})
    assert message.message_id == "m-1"  # decoding and the other properties work
    with pytest.raises(DatumTypeError, match=field) as info:
        getattr(message, prop)
    assert info.value.binding == "serviceBusTrigger"


def test_malformed_json_metadata_raises_when_read() -> None:
    message = ServiceBusMessageInConverter.decode(
        Datum("x", "string"),
        trigger_metadata={"UserProperties": Datum("{oops", "json")},
    )
    assert isinstance(message, ServiceBusMessage)
    with pytest.raises(InvalidJSONError, match="UserProperties"):
        _ = message.user_properties


@pytest.mark.parametrize("data", [Datum(1, "int"), Datum(0.5, "double")])
def test_unsupported_payload(data: Datum) -> None:
    with pytest.raises(DatumTypeError, match="serviceBusTrigger"):
        decode(data, {"UserProperties": {}})


# --- trigger: batches -------------------------------------------------------------


def batch_metadata() -> dict[str, Datum]:
    """Two messages, with the wire types the extension uses for each array."""
    strings = {
        key: Datum(
            collection_message("collection_string", [str(SINGLE[key])] * 2),
            "collection_string",
        )
        for key in (
            "ContentType",
            "CorrelationId",
            "DeadLetterErrorDescription",
            "DeadLetterReason",
            "DeadLetterSource",
            "Label",
            "LockToken",
            "PartitionKey",
            "ReplyTo",
            "ReplyToSessionId",
            "SessionId",
            "Subject",
            "To",
            "TransactionPartitionKey",
        )
    }
    numbers = {
        key: Datum(
            collection_message(
                "collection_sint64", [typing.cast("int", SINGLE[key])] * 2
            ),
            "collection_sint64",
        )
        for key in ("DeliveryCount", "EnqueuedSequenceNumber", "SequenceNumber")
    }
    json_arrays = build_metadata(
        {
            key: [SINGLE[key]] * 2
            for key in (
                "EnqueuedTimeUtc",
                "ExpiresAtUtc",
                "LockedUntil",
                "ScheduledEnqueueTimeUtc",
                "State",
                "TimeToLive",
                "ApplicationProperties",
            )
        }
    )
    metadata = {
        f"{key}Array": datum
        for key, datum in {**strings, **numbers, **json_arrays}.items()
    }
    metadata["MessageIdArray"] = Datum(
        collection_message("collection_string", ["a", "b"]), "collection_string"
    )
    metadata["UserPropertiesArray"] = Datum('[{"n": 1}, {"n": 2}]', "json")
    metadata["sys"] = Datum('{"MethodName": "on_batch"}', "json")
    return metadata


@pytest.mark.parametrize(
    "data",
    [
        Datum(
            collection_message("collection_string", ['{"n":1}', '{"n":2}']),
            "collection_string",
        ),
        Datum(
            collection_message("collection_bytes", [b'{"n":1}', b'{"n":2}']),
            "collection_bytes",
        ),
        Datum('[{"n": 1}, {"n": 2}]', "json"),
    ],
)
def test_batch(data: Datum) -> None:
    messages = ServiceBusMessageInConverter.decode(
        data, trigger_metadata=batch_metadata()
    )
    assert isinstance(messages, list)
    first, second = messages
    assert first.get_json() == {"n": 1}
    assert second.get_json() == {"n": 2}
    assert [first.message_id, second.message_id] == ["a", "b"]
    assert first.user_properties == {"n": 1}
    assert second.user_properties == {"n": 2}
    for message in messages:
        assert {
            name: value
            for name, value in properties(message).items()
            if name not in ("message_id", "user_properties")
        } == {
            name: value
            for name, value in EXPECTED.items()
            if name not in ("message_id", "user_properties")
        }
    assert first.metadata is second.metadata
    assert first.metadata is not None
    assert first.metadata["MessageIdArray"] == ["a", "b"]
    assert first.metadata["sys"] == {"MethodName": "on_batch"}


def test_short_and_missing_arrays_leave_properties_unset() -> None:
    messages = decode_many(
        Datum(
            collection_message("collection_bytes", [b"x", b"y", b"z"]),
            "collection_bytes",
        ),
        {
            "UserPropertiesArray": [{}, {}, {}],
            "CorrelationIdArray": [],
            "MessageIdArray": ["a", "b"],
            "DeliveryCountArray": [1, None, 3],
        },
    )
    assert [m.get_body() for m in messages] == [b"x", b"y", b"z"]
    assert [m.correlation_id for m in messages] == [None, None, None]
    assert [m.message_id for m in messages] == ["a", "b", ""]
    assert [m.delivery_count for m in messages] == [1, None, 3]
    assert [m.content_type for m in messages] == [None, None, None]


def test_json_payload_with_array_metadata_is_a_batch() -> None:
    messages = decode_many(
        Datum('["text", 2, null]', "json"), {"MessageIdArray": ["a", "b", "c"]}
    )
    assert [m.get_body() for m in messages] == [b'"text"', b"2", b"null"]


def test_single_keys_win_over_array_keys() -> None:
    message = decode_one(
        Datum("[1, 2]", "json"), {"MessageId": "m", "MessageIdArray": ["a", "b"]}
    )
    assert message.get_body() == b"[1, 2]"
    assert message.message_id == "m"


def test_array_metadata_with_a_text_payload_is_an_error() -> None:
    with pytest.raises(DatumTypeError, match="the batch payload"):
        decode(Datum("x", "string"), {"UserPropertiesArray": [{}]})


def test_malformed_batch_entry_raises_when_read() -> None:
    (message,) = decode_many(
        Datum(["x"], "collection_string"), {"SequenceNumberArray": ["first"]}
    )
    with pytest.raises(DatumTypeError, match="'SequenceNumber'"):
        _ = message.sequence_number


def test_metadata_array_that_is_not_an_array_raises_when_read() -> None:
    (message,) = decode_many(Datum(["x"], "collection_string"), {"MessageIdArray": "a"})
    assert message.get_body() == b"x"
    with pytest.raises(DatumTypeError, match="'MessageIdArray'"):
        _ = message.message_id


# --- output ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "wire_type", "wire_value"),
    [
        ("text", "string", "text"),
        (b"bytes", "bytes", b"bytes"),
        (["one", "two"], "json", ["one", "two"]),
        ({"order": 7}, "json", {"order": 7}),
        (5, "int", 5),
        (None, None, None),
    ],
)
def test_encode(value: object, wire_type: str | None, wire_value: object) -> None:
    datum = ServiceBusMessageOutConverter.encode(value, expected_type=str)
    assert datum.type == wire_type
    if wire_type == "json":
        assert isinstance(datum.value, str)
        assert json.loads(datum.value) == wire_value
    else:
        assert datum.value == wire_value


def test_encode_rejects_a_message_object() -> None:
    with pytest.raises(DatumTypeError, match="'serviceBus'"):
        ServiceBusMessageOutConverter.encode(ServiceBusMessage(), expected_type=None)


# --- properties ----------------------------------------------------------------------

spans = st.timedeltas(
    min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=10675199)
)


def dotnet_timespan(span: datetime.timedelta) -> str:
    """``TimeSpan.ToString()``: ``[d.]hh:mm:ss[.fffffff]``."""
    hours, rest = divmod(span.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{hours:02}:{minutes:02}:{seconds:02}"
    if span.days:
        text = f"{span.days}.{text}"
    if span.microseconds:
        text += f".{span.microseconds:06}0"
    return text


@given(st.lists(spans, min_size=1, max_size=4))
def test_time_to_live_round_trip(values: list[datetime.timedelta]) -> None:
    """Single messages and batches parse the host's TimeSpan text alike."""
    texts = [dotnet_timespan(v) for v in values]
    single = decode_one(Datum("x", "string"), {"TimeToLive": texts[0]})
    assert single.time_to_live == values[0]
    batch = decode_many(
        Datum(["x"] * len(values), "collection_string"), {"TimeToLiveArray": texts}
    )
    assert [m.time_to_live for m in batch] == values


@given(st.lists(st.text(), max_size=4), st.lists(st.text(min_size=1), max_size=4))
def test_batch_bodies_and_ids(bodies: list[str], ids: list[str]) -> None:
    messages = decode_many(
        Datum(collection_message("collection_string", bodies), "collection_string"),
        {"MessageIdArray": ids},
    )
    assert [m.get_body().decode() for m in messages] == bodies
    expected = [ids[i] if i < len(ids) else "" for i in range(len(bodies))]
    assert [m.message_id for m in messages] == expected


def test_defaulted_properties_are_described_on_the_class() -> None:
    assert ServiceBusMessage.message_id.field.key == "MessageId"
    assert ServiceBusMessage.user_properties.field.key == "UserProperties"
    assert ServiceBusMessage.time_to_live.field.key == "TimeToLive"
