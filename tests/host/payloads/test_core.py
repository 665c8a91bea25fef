"""The payloads of :mod:`.payloads.core`'s triggers, decoded as the worker would.

Blob, Event Grid (both schemas), Cosmos DB, warm-up, queue and timer: each
factory's datum and metadata go through ``registry.resolve(trigger)`` and the
rich type's fields are checked.
"""

from __future__ import annotations

import datetime

import azure.functions as func
from azure.functions import get_binding_registry
from azure.functions._datum import Datum
from azure.functions.testing import (
    TriggerPayload,
    blob_payload,
    cloud_event_payload,
    cosmos_db_payload,
    event_grid_payload,
    queue_payload,
    timer_payload,
    warmup_payload,
)

UTC = datetime.timezone.utc


WHEN = datetime.datetime(2024, 5, 1, 12, 30, 15, tzinfo=UTC)


def decode(trigger: str, payload: TriggerPayload) -> object:
    converter = get_binding_registry().resolve(trigger)
    return converter.decode(payload.datum, trigger_metadata=payload.metadata)


def test_blob() -> None:
    payload = blob_payload(
        b"\x00\x01data",
        name="uploads/report.bin",
        metadata={"owner": "ada"},
        properties={"ContentType": "application/x-report"},
        last_modified=WHEN,
    )
    assert payload.metadata["BlobTrigger"] == Datum("uploads/report.bin", "string")
    blob = decode("blobTrigger", payload)
    assert isinstance(blob, func.InputStream)
    assert blob.read() == b"\x00\x01data"
    assert blob.name == "uploads/report.bin"
    assert blob.uri == "http://127.0.0.1:10000/devstoreaccount1/uploads/report.bin"
    assert blob.length == 6
    assert blob.metadata == {"owner": "ada"}
    properties = blob.blob_properties
    assert properties is not None
    assert properties["ContentType"] == "application/x-report"
    assert properties["ContentLength"] == 6
    assert properties["BlobType"] == "BlockBlob"
    assert properties["LastModified"] == "2024-05-01T12:30:15+00:00"
    text = decode("blobTrigger", blob_payload("héllo", uri="https://a/b/c"))
    assert isinstance(text, func.InputStream)
    assert text.read().decode() == "héllo"
    assert text.length == len("héllo".encode())
    assert text.uri == "https://a/b/c"
    assert text.blob_properties is not None
    assert text.blob_properties["ContentType"] == "text/plain"


def test_event_grid_event() -> None:
    payload = event_grid_payload(
        event_type="Microsoft.Storage.BlobCreated",
        subject="/blobServices/default/containers/c/blobs/b.txt",
        data={"url": "https://a/c/b.txt"},
        id="e-1",
        event_time=WHEN,
    )
    event = decode("eventGridTrigger", payload)
    assert isinstance(event, func.EventGridEvent)
    assert event.id == "e-1"
    assert event.event_type == "Microsoft.Storage.BlobCreated"
    assert event.subject == "/blobServices/default/containers/c/blobs/b.txt"
    assert event.get_json() == {"url": "https://a/c/b.txt"}
    assert event.event_time == WHEN
    assert event.data_version == "1.0"
    assert event.topic.endswith("/topics/local")


def test_cloud_event() -> None:
    payload = cloud_event_payload(
        type="com.example.order.placed",
        source="/shop",
        data={"order": 1},
        id="ce-1",
        subject="orders/1",
        time=WHEN,
        traceparent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    )
    event = decode("eventGridTrigger", payload)
    assert isinstance(event, func.CloudEvent)
    assert event.id == "ce-1"
    assert event.type == "com.example.order.placed"
    assert event.source == "/shop"
    assert event.specversion == "1.0"
    assert event.subject == "orders/1"
    assert event.time == WHEN
    assert event.datacontenttype == "application/json"
    assert event.get_json() == {"order": 1}
    assert event.extension_attrs == {
        "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    }


def test_cosmos_db_documents() -> None:
    payload = cosmos_db_payload([{"id": "1", "name": "tea"}, {"name": "coffee"}])
    documents = decode("cosmosDBTrigger", payload)
    assert isinstance(documents, func.DocumentList)
    first, second = documents
    assert isinstance(first, func.Document)
    assert first["id"] == "1"
    assert first["name"] == "tea"
    assert isinstance(first["_ts"], int)
    assert isinstance(first["_etag"], str)
    assert second["name"] == "coffee"
    assert isinstance(second["id"], str)
    assert second["id"] != first["id"]
    plain = decode(
        "cosmosDBTrigger", cosmos_db_payload([{"a": 1}], system_properties=False)
    )
    assert plain == [{"a": 1}]


def test_warm_up_queue_and_timer() -> None:
    assert isinstance(decode("warmupTrigger", warmup_payload()), func.WarmUpContext)
    message = decode("queueTrigger", queue_payload({"a": 1}, id="q", dequeue_count=4))
    assert isinstance(message, func.QueueMessage)
    assert (message.id, message.dequeue_count, message.get_json()) == ("q", 4, {"a": 1})
    timer = decode("timerTrigger", timer_payload(past_due=True))
    assert isinstance(timer, func.TimerRequest)
    assert timer.past_due is True
