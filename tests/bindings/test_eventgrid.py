"""Event Grid: events in both schemas, the trigger decoder and the output encoder."""

from __future__ import annotations

import datetime
import json
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
import azure.functions.eventgrid as public_eventgrid
from azure.functions._bindings.eventgrid import (
    CloudEvent,
    EventGridEvent,
    EventGridEventInConverter,
    EventGridEventOutConverter,
    EventGridOutputEvent,
)
from azure.functions.meta import Datum, get_binding_registry
from tests._wire import WorkerDatum

UTC = datetime.timezone.utc

# A blob-created event as Event Grid delivers it (Event Grid schema).
BLOB_CREATED = {
    "topic": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct",
    "subject": "/blobServices/default/containers/samples/blobs/data.csv",
    "eventType": "Microsoft.Storage.BlobCreated",
    "eventTime": "2024-05-01T09:26:47.7689666Z",
    "id": "831e1650-001e-001b-66ab-eeb76e069631",
    "data": {
        "api": "PutBlockList",
        "contentType": "text/csv",
        "contentLength": 524288,
        "blobType": "BlockBlob",
        "url": "https://acct.blob.core.windows.net/samples/data.csv",
    },
    "dataVersion": "",
    "metadataVersion": "1",
}

# The same kind of event in the CloudEvents 1.0 schema.
CLOUD_EVENT = {
    "specversion": "1.0",
    "type": "Microsoft.Storage.BlobCreated",
    "source": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct",
    "id": "9aeb0fdf-c01e-0131-0922-9eb54906e209",
    "time": "2024-05-01T09:26:47.1234567Z",
    "subject": "blobServices/default/containers/samples/blobs/data.csv",
    "dataschema": "#",
    "datacontenttype": "application/json",
    "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    "data": {"api": "PutBlockList", "contentLength": 524288},
}


def decode(datum: object) -> EventGridEvent | CloudEvent:
    return EventGridEventInConverter.decode(datum, trigger_metadata={})  # type: ignore[arg-type]


def decode_event(body: object, kind: str = "json") -> EventGridEvent:
    event = decode(Datum(json.dumps(body), kind))
    assert isinstance(event, EventGridEvent)
    return event


def decode_cloud(body: object) -> CloudEvent:
    event = decode(Datum(json.dumps(body), "json"))
    assert isinstance(event, CloudEvent)
    return event


def encode(obj: object) -> Datum:
    return EventGridEventOutConverter.encode(obj, expected_type=None)


def sent(obj: object) -> object:
    datum = encode(obj)
    assert datum.type == "json"
    assert isinstance(datum.value, str)
    return json.loads(datum.value)


def output_event(**overrides: typing.Any) -> EventGridOutputEvent:
    fields: dict[str, typing.Any] = {
        "id": "id-1",
        "subject": "orders/7",
        "event_type": "Shop.OrderPlaced",
        "event_time": datetime.datetime(2024, 5, 1, 9, 0, tzinfo=UTC),
        "data": {"order": 7, "items": ["a", "b"]},
        "data_version": "1.0",
    }
    fields.update(overrides)
    return EventGridOutputEvent(**fields)


# --------------------------------------------------------------------------- #
# Registration and public names
# --------------------------------------------------------------------------- #


def test_converters_serve_their_bindings() -> None:
    registry = get_binding_registry()
    assert registry.get("eventGridTrigger") is EventGridEventInConverter
    assert registry.get("eventGrid") is EventGridEventOutConverter
    assert EventGridEventInConverter.has_trigger_support()
    assert not EventGridEventOutConverter.has_trigger_support()
    assert public_eventgrid.__all__ == [
        "EventGridEventInConverter",
        "EventGridEventOutConverter",
    ]


# --------------------------------------------------------------------------- #
# Event classes
# --------------------------------------------------------------------------- #


def test_event_grid_event_fields_and_defaults() -> None:
    event = EventGridEvent(id="1", event_type="T")
    assert (event.id, event.event_type) == ("1", "T")
    assert (event.topic, event.subject, event.data_version) == ("", "", "")
    assert event.event_time is None
    assert event.get_json() is None
    assert repr(event) == "<EventGridEvent id='1' event_type='T' subject=''>"
    with pytest.raises(AttributeError):
        event.id = "2"  # type: ignore[assignment]  # read-only


def test_output_event_is_stamped_with_the_current_time() -> None:
    before = datetime.datetime.now(UTC)
    event = EventGridOutputEvent(id="1", subject="s", event_type="T")
    assert before <= event.event_time <= datetime.datetime.now(UTC)
    assert event.data_version == ""
    assert event.get_json() is None
    assert "id='1'" in repr(event)


def test_cloud_event_fields_and_extensions() -> None:
    event = CloudEvent(id="1", source="/s", type="T", traceparent="00-ab", seq=3)
    assert (event.id, event.source, event.type, event.specversion) == (
        "1",
        "/s",
        "T",
        "1.0",
    )
    assert (event.time, event.subject, event.datacontenttype, event.dataschema) == (
        None,
        None,
        None,
        None,
    )
    assert event.extension_attrs == {"traceparent": "00-ab", "seq": 3}
    event.extension_attrs["seq"] = 4
    assert event.extension_attrs["seq"] == 3
    assert repr(event) == "<CloudEvent id='1' source='/s' type='T'>"


# --------------------------------------------------------------------------- #
# eventGridTrigger decode
# --------------------------------------------------------------------------- #


def test_decode_of_an_event_grid_schema_event() -> None:
    event = decode_event(BLOB_CREATED)
    assert event.id == "831e1650-001e-001b-66ab-eeb76e069631"
    assert event.topic == BLOB_CREATED["topic"]
    assert event.subject == "/blobServices/default/containers/samples/blobs/data.csv"
    assert event.event_type == "Microsoft.Storage.BlobCreated"
    assert event.event_time == datetime.datetime(
        2024, 5, 1, 9, 26, 47, 768966, tzinfo=UTC
    )
    assert event.data_version == ""
    assert event.get_json() == BLOB_CREATED["data"]


def test_decode_of_a_cloud_event() -> None:
    event = decode_cloud(CLOUD_EVENT)
    assert event.id == "9aeb0fdf-c01e-0131-0922-9eb54906e209"
    assert event.source == CLOUD_EVENT["source"]
    assert event.type == "Microsoft.Storage.BlobCreated"
    assert event.specversion == "1.0"
    assert event.time == datetime.datetime(2024, 5, 1, 9, 26, 47, 123456, tzinfo=UTC)
    assert event.subject == "blobServices/default/containers/samples/blobs/data.csv"
    assert event.datacontenttype == "application/json"
    assert event.dataschema == "#"
    assert event.get_json() == {"api": "PutBlockList", "contentLength": 524288}
    assert event.extension_attrs == {"traceparent": CLOUD_EVENT["traceparent"]}


def test_minimal_cloud_event_leaves_optional_attributes_unset() -> None:
    event = decode_cloud({"specversion": "1.0", "id": "1", "source": "/s", "type": "T"})
    assert (event.time, event.subject, event.get_json()) == (None, None, None)
    assert event.extension_attrs == {}


@pytest.mark.parametrize("kind", ["json", "string", "bytes"])
def test_decode_accepts_json_text_in_any_form(kind: str) -> None:
    text = json.dumps(BLOB_CREATED)
    value: str | bytes = text.encode() if kind == "bytes" else text
    event = decode(WorkerDatum(value, kind))
    assert isinstance(event, EventGridEvent)
    assert event.id == BLOB_CREATED["id"]


def test_optional_members_may_be_missing_or_null() -> None:
    event = decode_event({"id": "1", "eventType": "T", "subject": None, "data": None})
    assert (event.topic, event.subject, event.data_version) == ("", "", "")
    assert event.event_time is None
    assert event.get_json() is None


def test_event_times_keep_their_offset() -> None:
    event = decode_event({**BLOB_CREATED, "eventTime": "2024-05-01T11:26:47+02:00"})
    assert event.event_time == datetime.datetime(2024, 5, 1, 9, 26, 47, tzinfo=UTC)
    assert event.event_time is not None
    assert event.event_time.utcoffset() == datetime.timedelta(hours=2)


@pytest.mark.parametrize(
    ("body", "named", "prop"),
    [
        ({"eventType": "T", "data": 1}, "'id'", "id"),
        ({"id": "1"}, "'eventType'", "event_type"),
        ({"specversion": "1.0", "source": "/s", "type": "T"}, "'id'", "id"),
        ({"specversion": "1.0", "id": "1", "type": "T"}, "'source'", "source"),
        ({"specversion": "1.0", "id": "1", "source": "/s"}, "'type'", "type"),
    ],
)
def test_missing_required_members_are_named_when_read(
    body: dict[str, object], named: str, prop: str
) -> None:
    event = decode(Datum(json.dumps(body), "json"))  # decoding does not read them
    assert event.get_json() == body.get("data")
    with pytest.raises(func.DatumTypeError, match=named) as info:
        getattr(event, prop)
    assert isinstance(info.value, NotImplementedError)
    assert "?" in repr(event)  # repr never fails


@pytest.mark.parametrize(
    ("body", "named", "prop"),
    [
        ({**BLOB_CREATED, "eventTime": "last tuesday"}, "eventTime", "event_time"),
        ({**BLOB_CREATED, "subject": ["a"]}, "subject", "subject"),
        ({**CLOUD_EVENT, "time": 12}, "time", "time"),
        ({**CLOUD_EVENT, "id": {"a": 1}}, "'id'", "id"),
    ],
)
def test_malformed_members_are_named_when_read(
    body: dict[str, object], named: str, prop: str
) -> None:
    event = decode(Datum(json.dumps(body), "json"))
    with pytest.raises(func.DatumTypeError, match=named):
        getattr(event, prop)
    with pytest.raises(func.DatumTypeError, match=named):
        event.to_dict()


def test_members_are_converted_on_first_access_and_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from azure.functions import _metadata

    parsed: list[str] = []
    real = _metadata.parse_datetime

    def counting(value: str) -> datetime.datetime:
        parsed.append(value)
        return real(value)

    monkeypatch.setattr(_metadata, "parse_datetime", counting)
    event = decode_event(BLOB_CREATED)
    assert event.id == BLOB_CREATED["id"]
    assert parsed == []  # reading the id parses no time
    assert event.event_time is event.event_time
    assert parsed == [BLOB_CREATED["eventTime"]]


@pytest.mark.parametrize("payload", [json.dumps([BLOB_CREATED]), '"text"', "3"])
def test_decode_wants_one_event_object(payload: str) -> None:
    with pytest.raises(func.DatumTypeError, match="one event"):
        decode(Datum(payload, "json"))


def test_decode_of_invalid_json() -> None:
    with pytest.raises(func.InvalidJSONError, match="eventGridTrigger"):
        decode(Datum('{"id": ', "json"))


@pytest.mark.parametrize(
    "datum", [Datum(1, "int"), Datum(None, None), Datum({}, "http"), Datum(5, "json")]
)
def test_decode_refuses_other_wire_types(datum: Datum) -> None:
    with pytest.raises(func.DatumTypeError, match="'eventGridTrigger'"):
        decode(datum)


# --------------------------------------------------------------------------- #
# eventGrid encode
# --------------------------------------------------------------------------- #


def test_encode_of_text_and_bytes_sends_them_as_they_are() -> None:
    text = json.dumps({"id": "1", "subject": "s", "eventType": "T", "data": {}})
    assert encode(text) == Datum(text, "string")
    assert encode(text.encode()) == Datum(text.encode(), "bytes")
    assert encode(bytearray(b"{}")) == Datum(b"{}", "bytes")


def test_encode_of_an_output_event() -> None:
    assert sent(output_event()) == {
        "id": "id-1",
        "subject": "orders/7",
        "dataVersion": "1.0",
        "eventType": "Shop.OrderPlaced",
        "data": {"order": 7, "items": ["a", "b"]},
        "eventTime": "2024-05-01T09:00:00+00:00",
    }


def test_encode_of_a_cloud_event_omits_unset_attributes() -> None:
    event = CloudEvent(
        id="1",
        source="/shop",
        type="Shop.OrderPlaced",
        time=datetime.datetime(2024, 5, 1, 9, 0, tzinfo=UTC),
        data={"order": 7},
        traceparent="00-ab",
    )
    assert sent(event) == {
        "specversion": "1.0",
        "id": "1",
        "source": "/shop",
        "type": "Shop.OrderPlaced",
        "time": "2024-05-01T09:00:00+00:00",
        "traceparent": "00-ab",
        "data": {"order": 7},
    }
    assert sent(CloudEvent(id="2", source="/s", type="T")) == {
        "specversion": "1.0",
        "id": "2",
        "source": "/s",
        "type": "T",
    }


def test_encode_of_a_list_sends_every_event() -> None:
    cloud = CloudEvent(id="c", source="/s", type="T")
    wire = sent([output_event(id="a"), "raw", cloud])
    assert isinstance(wire, list)
    assert [item["id"] if isinstance(item, dict) else item for item in wire] == [
        "a",
        "raw",
        "c",
    ]
    assert sent(output_event() for _ in range(2)) == [sent(output_event())] * 2
    assert sent([]) == []


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ({"id": "1"}, "dict"),
        (None, "NoneType"),
        (7, "int"),
        (EventGridEvent(id="1", event_type="T"), "EventGridEvent"),
        ([b"bytes"], "item 0"),
        (["ok", 3], "item 1"),
    ],
)
def test_encode_refuses_other_values(value: object, named: str) -> None:
    with pytest.raises(func.DatumTypeError, match=named) as info:
        encode(value)
    assert isinstance(info.value, NotImplementedError)


def test_encode_names_data_that_is_not_json() -> None:
    event = output_event(data={"when": {1, 2}})
    with pytest.raises(func.DatumTypeError, match="not JSON serialisable"):
        encode(event)


JSON_DATA = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(
    event_id=st.text(min_size=1),
    subject=st.text(),
    data=JSON_DATA,
    when=st.datetimes(timezones=st.just(UTC)),
)
def test_output_event_survives_the_trigger_decoder(
    event_id: str, subject: str, data: typing.Any, when: datetime.datetime
) -> None:
    # What we send, delivered back by Event Grid (which adds the topic).
    wire = sent(output_event(id=event_id, subject=subject, data=data, event_time=when))
    assert isinstance(wire, dict)
    event = decode_event({**wire, "topic": "/t"})
    assert (event.id, event.subject, event.topic) == (event_id, subject, "/t")
    assert event.get_json() == data
    assert event.event_time == when


@given(
    data=JSON_DATA,
    extension=st.text(),
    when=st.none() | st.datetimes(timezones=st.just(UTC)),
)
def test_cloud_event_round_trips(
    data: typing.Any, extension: str, when: datetime.datetime | None
) -> None:
    original = CloudEvent(
        id="1", source="/s", type="T", time=when, data=data, myext=extension
    )
    back = decode_cloud(sent(original))
    assert back.get_json() == data
    assert back.time == when
    assert back.extension_attrs == {"myext": extension}


# --------------------------------------------------------------------------- #
# Annotations
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("pytype", "expected"),
    [
        (EventGridEvent, True),
        (CloudEvent, True),
        (EventGridOutputEvent, False),
        (list[EventGridEvent], False),
        (str, False),
        (bytes, False),
        (typing.Optional[EventGridEvent], False),  # noqa: UP045 - the typing spelling
        (None, False),
    ],
)
def test_input_annotations(pytype: object, expected: bool) -> None:
    assert EventGridEventInConverter.check_input_type_annotation(pytype) is expected


@pytest.mark.parametrize(
    ("pytype", "expected"),
    [
        (EventGridOutputEvent, True),
        (CloudEvent, True),
        (str, True),
        (bytes, True),
        (list[EventGridOutputEvent], True),
        (typing.List[str], True),  # noqa: UP006 - the typing spelling
        (list[CloudEvent], True),
        (EventGridEvent, False),
        (list[bytes], False),
        (list[EventGridEvent], False),
        (dict, False),
        (3, False),
    ],
)
def test_output_annotations(pytype: object, expected: bool) -> None:
    assert EventGridEventOutConverter.check_output_type_annotation(pytype) is expected
