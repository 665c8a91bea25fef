"""``to_dict()`` and ``to_json()`` of the binding types (the azure-functions 2.x API).

The rules, as azure-functions 2.3.0 renders values: bytes are their UTF-8 text,
or ``{"__encoding": "base64", "value": ...}`` when they are not UTF-8;
datetimes and dates ISO 8601 text; timedeltas ``str()``; mappings and lists
(tuples too) item by item; anything else as it is.
"""

from __future__ import annotations

import base64
import datetime
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
from azure.functions._bindings._serialize import Serializable, json_safe
from azure.functions._bindings.eventhub import EventHubTriggerConverter
from azure.functions._bindings.timer import TimerRequestConverter
from azure.functions._metadata import MetadataView
from azure.functions.blob import BlobConverter
from azure.functions.meta import Datum

UTC = datetime.timezone.utc
WHEN = datetime.datetime(2024, 5, 1, 10, 15, 30, 250000, tzinfo=UTC)
NOT_UTF8 = b"\xff\xfe\x00binary"


# --- json_safe: the rendering rules -------------------------------------------


@given(st.binary())
def test_bytes_come_back_from_their_rendering(raw: bytes) -> None:
    rendered = json_safe(raw)
    if isinstance(rendered, str):
        assert rendered.encode("utf-8") == raw
    else:
        assert set(rendered) == {"__encoding", "value"}
        assert rendered["__encoding"] == "base64"
        assert base64.b64decode(rendered["value"]) == raw
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")


@given(st.text())
def test_utf8_bytes_are_their_text(text: str) -> None:
    assert json_safe(text.encode("utf-8")) == text
    assert json_safe(bytearray(text.encode("utf-8"))) == text


@given(st.datetimes(timezones=st.none() | st.just(UTC)), st.dates())
def test_dates_are_iso_text(moment: datetime.datetime, day: datetime.date) -> None:
    assert json_safe(moment) == moment.isoformat()
    assert datetime.datetime.fromisoformat(json_safe(moment)) == moment
    assert json_safe(day) == day.isoformat()


def test_durations_are_their_str() -> None:
    assert json_safe(datetime.timedelta(minutes=5)) == "0:05:00"
    assert json_safe(datetime.timedelta(days=1, microseconds=5)) == (
        "1 day, 0:00:00.000005"
    )


def test_containers_are_converted_item_by_item() -> None:
    value = {"a": [b"x", (WHEN, {"b": NOT_UTF8})], "n": None, 1: 2.5}
    assert json_safe(value) == {
        "a": ["x", [WHEN.isoformat(), {"b": json_safe(NOT_UTF8)}]],
        "n": None,
        1: 2.5,
    }


@pytest.mark.parametrize("value", [None, True, 3, 2.5, "text", {1, 2}])
def test_other_values_are_left_as_they_are(value: object) -> None:
    assert json_safe(value) is value


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(
    st.binary(max_size=40),
    st.none() | st.datetimes(timezones=st.just(UTC)),
    st.dictionaries(st.text(max_size=5), json_values, max_size=3),
)
def test_to_json_is_the_json_of_to_dict(
    body: bytes, when: datetime.datetime | None, properties: dict[str, object]
) -> None:
    message = func.ServiceBusMessage(
        body=body, enqueued_time_utc=when, user_properties=properties
    )
    assert json.loads(message.to_json()) == message.to_dict()
    assert message.to_dict()["user_properties"] == properties


# --- the mechanism -------------------------------------------------------------


def test_a_type_without_declared_fields_does_not_implement_to_dict() -> None:
    class Bare(Serializable):
        __slots__ = ()

    with pytest.raises(NotImplementedError, match="Bare"):
        Bare().to_dict()
    with pytest.raises(NotImplementedError):
        Bare().to_json()


def test_a_kafka_event_subclass_of_the_abstract_interface_must_declare_them() -> None:
    class MyEvent(func.kafka.AbstractKafkaEvent):
        def get_body(self) -> bytes:
            return b""

        key = offset = partition = topic = timestamp = None

    with pytest.raises(NotImplementedError, match="MyEvent"):
        MyEvent().to_json()


@pytest.mark.parametrize(
    "value",
    [
        func.TimerRequest(),
        func.QueueMessage(body="x"),
        func.ServiceBusMessage(body="x"),
        func.EventHubEvent(body="x"),
        func.KafkaEvent(body="x"),
        func.EventGridEvent(id="1", event_type="t"),
        func.EventGridOutputEvent(id="1", subject="s", event_type="t"),
        func.CloudEvent(id="1", source="s", type="t"),
    ],
    ids=lambda value: type(value).__name__,
)
def test_rich_types_stay_slotted(value: object) -> None:
    assert not hasattr(value, "__dict__")


# --- timer ---------------------------------------------------------------------


def test_a_timer_request_built_in_a_test_shows_past_due_only() -> None:
    assert func.TimerRequest(past_due=True).to_dict() == {"past_due": True}
    assert json.loads(func.TimerRequest().to_json()) == {"past_due": False}


def test_a_timer_request_from_the_trigger_shows_its_schedule() -> None:
    payload = (
        '{"Schedule":{"AdjustForDST":true},"IsPastDue":true,'
        '"ScheduleStatus":{"Next":"2024-05-01T10:20:00+00:00"}}'
    )
    request = TimerRequestConverter.decode(Datum(payload, "json"), trigger_metadata={})
    assert request.to_dict() == {
        "past_due": True,
        "schedule_status": {"Next": "2024-05-01T10:20:00+00:00"},
        "schedule": {"AdjustForDST": True},
    }
    bare = TimerRequestConverter.decode(Datum("{}", "json"), trigger_metadata={})
    assert bare.to_dict() == {"past_due": False, "schedule_status": {}, "schedule": {}}


def test_schedule_fields_given_to_the_constructor_are_shown() -> None:
    request = func.TimerRequest(schedule={"AdjustForDST": False})
    assert request.to_dict() == {"past_due": False, "schedule": {"AdjustForDST": False}}


# --- blobs ---------------------------------------------------------------------


def test_an_input_stream_without_data_shows_name_uri_and_length() -> None:
    stream = func.InputStream(name="c/a.txt", uri="https://a/c/a.txt", length=3)
    assert stream.to_dict() == {
        "name": "c/a.txt",
        "uri": "https://a/c/a.txt",
        "length": 3,
    }
    assert json.loads(stream.to_json()) == stream.to_dict()


def test_an_input_stream_from_the_trigger_shows_properties_not_content() -> None:
    stream = BlobConverter.decode(
        Datum(NOT_UTF8, "bytes"),
        trigger_metadata={
            "BlobTrigger": Datum("c/b.bin", "string"),
            "Uri": Datum("https://a/c/b.bin", "string"),
            "Properties": Datum('{"ContentLength": 9, "ContentType": "x/y"}', "json"),
        },
    )
    assert stream is not None
    assert stream.to_dict() == {
        "name": "c/b.bin",
        "uri": "https://a/c/b.bin",
        "length": 9,
        "blob_properties": {"ContentLength": 9, "ContentType": "x/y"},
        "metadata": None,
    }
    assert stream.read() == NOT_UTF8  # to_dict() read nothing


def test_input_stream_metadata_given_without_data_is_shown() -> None:
    stream = func.InputStream(name="c/a", metadata={"owner": "ana"})
    assert stream.to_dict() == {
        "name": "c/a",
        "uri": None,
        "length": None,
        "metadata": {"owner": "ana"},
    }


# --- queues, Service Bus, Event Hubs, Kafka --------------------------------------


def test_queue_message() -> None:
    message = func.QueueMessage(
        id="42",
        body=NOT_UTF8,
        pop_receipt="r",
        dequeue_count=2,
        insertion_time=WHEN,
    )
    assert message.to_dict() == {
        "id": "42",
        "body": {
            "__encoding": "base64",
            "value": base64.b64encode(NOT_UTF8).decode(),
        },
        "pop_receipt": "r",
        "dequeue_count": 2,
        "expiration_time": None,
        "insertion_time": "2024-05-01T10:15:30.250000+00:00",
        "time_next_visible": None,
    }
    assert list(message.to_dict()) == list(json.loads(message.to_json()))


def test_service_bus_message_shows_every_property_but_force_persistence() -> None:
    message = func.ServiceBusMessage(
        body="hello",
        message_id="m-1",
        time_to_live=datetime.timedelta(hours=1),
        locked_until=WHEN,
        force_persistence=True,
        application_properties={"at": "x"},
    )
    shown = message.to_dict()
    assert "force_persistence" not in shown
    assert shown["body"] == "hello"
    assert shown["message_id"] == "m-1"
    assert shown["time_to_live"] == "1:00:00"
    assert shown["locked_until"] == WHEN.isoformat()
    assert shown["application_properties"] == {"at": "x"}
    assert shown["user_properties"] == {}
    assert shown["state"] is None
    assert list(shown)[:2] == ["body", "application_properties"]
    assert list(shown)[-1] == "user_properties"
    assert len(shown) == 27


def test_event_hub_event() -> None:
    event = func.EventHubEvent(
        body=b'{"t": 21}',
        partition_key="p",
        sequence_number=7,
        offset="100",
        enqueued_time=WHEN,
        iothub_metadata={"connection-device-id": "d1"},
    )
    assert event.to_dict() == {
        "body": '{"t": 21}',
        "partition_key": "p",
        "sequence_number": 7,
        "offset": "100",
        "enqueued_time": WHEN.isoformat(),
        "iothub_metadata": {"connection-device-id": "d1"},
    }


def test_empty_iot_hub_metadata_is_none() -> None:
    assert func.EventHubEvent(iothub_metadata={}).to_dict()["iothub_metadata"] is None
    assert func.EventHubEvent().to_dict()["iothub_metadata"] is None


def test_to_dict_leaves_the_trigger_metadata_unconverted() -> None:
    event = EventHubTriggerConverter.decode(
        Datum(b"x", "bytes"),
        trigger_metadata={
            "SequenceNumber": Datum(3, "int"),
            "SystemProperties": Datum("{}", "json"),
        },
    )
    assert isinstance(event, func.EventHubEvent)
    assert event.to_dict()["sequence_number"] == 3
    # Still the host's datums: to_dict() does not convert the whole metadata.
    assert not isinstance(event._metadata, MetadataView)


def test_kafka_event() -> None:
    event = func.KafkaEvent(
        body=b"v",
        key="k",
        offset=5,
        partition=1,
        topic="t",
        timestamp="2024-05-01T10:15:30Z",
        headers=[{"Key": "h", "Value": "aGk="}],
    )
    assert event.to_dict() == {
        "body": "v",
        "key": "k",
        "offset": 5,
        "partition": 1,
        "topic": "t",
        "timestamp": "2024-05-01T10:15:30Z",
        "headers": [{"Key": "h", "Value": "aGk="}],
    }


# --- Event Grid -------------------------------------------------------------------


def test_event_grid_event() -> None:
    event = func.EventGridEvent(
        id="1",
        event_type="Microsoft.Storage.BlobCreated",
        data={"url": "https://a/c/b"},
        topic="/subscriptions/s",
        subject="/blobServices/default",
        event_time=WHEN,
        data_version="1.0",
    )
    assert event.to_dict() == {
        "id": "1",
        "topic": "/subscriptions/s",
        "subject": "/blobServices/default",
        "event_type": "Microsoft.Storage.BlobCreated",
        "event_time": WHEN.isoformat(),
        "data_version": "1.0",
        "data": {"url": "https://a/c/b"},
    }


def test_event_grid_output_event() -> None:
    event = func.EventGridOutputEvent(
        id="2", subject="s", event_type="t", data=[1, 2], event_time=WHEN
    )
    assert event.to_dict() == {
        "id": "2",
        "subject": "s",
        "event_type": "t",
        "event_time": WHEN.isoformat(),
        "data_version": "",
        "data": [1, 2],
    }


def test_cloud_event_shows_its_extensions() -> None:
    event = func.CloudEvent(
        id="3", source="/s", type="t", data="d", time=WHEN, traceparent="00-1"
    )
    assert event.to_dict() == {
        "id": "3",
        "source": "/s",
        "type": "t",
        "specversion": "1.0",
        "subject": None,
        "time": WHEN.isoformat(),
        "datacontenttype": None,
        "dataschema": None,
        "data": "d",
        "extension_attrs": {"traceparent": "00-1"},
    }


# --- rows and documents ------------------------------------------------------------


# Rows built by a function (an output) may hold any value; those from the host
# hold JSON values.
ROW: dict[str, Any] = {"id": 1, "blob": NOT_UTF8, "at": WHEN.date()}


def check_rows(
    one: func.SqlRow | func.MySqlRow, many: func.SqlRowList | func.MySqlRowList
) -> None:
    assert one.to_dict() == {"id": 1, "blob": json_safe(NOT_UTF8), "at": "2024-05-01"}
    assert json.loads(one.to_json()) == one.to_dict()
    assert one == ROW  # the row itself is unchanged
    assert many.to_dict() == [one.to_dict(), {"id": 2}]
    assert json.loads(many.to_json()) == many.to_dict()


def test_sql_rows_are_json_safe() -> None:
    row = func.SqlRow(ROW)
    check_rows(row, func.SqlRowList([row, func.SqlRow(id=2)]))


def test_mysql_rows_are_json_safe() -> None:
    row = func.MySqlRow(ROW)
    check_rows(row, func.MySqlRowList([row, func.MySqlRow(id=2)]))


def test_documents_are_plain_copies_as_before() -> None:
    document = func.Document({"id": "a", "n": [1]})
    copy = document.to_dict()
    assert copy == {"id": "a", "n": [1]}
    assert type(copy) is dict
    documents = func.DocumentList([document, func.Document(id="b")])
    assert documents.to_dict() == [{"id": "a", "n": [1]}, {"id": "b"}]
    assert json.loads(documents.to_json()) == documents.to_dict()
    assert func.DocumentList().to_dict() == []
