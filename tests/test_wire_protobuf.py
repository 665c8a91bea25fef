"""The worker's wire values, built from real protobuf messages, through the converters.

The worker turns the host's ``TypedData`` into datums (see ``tests/_wire.py``):
collections arrive as protobuf messages whose repeated field has no
``__iter__`` attribute (protobuf 5 and later), or, from other runtimes, as the
bare repeated field or a list. Every converter that takes a batch must take
all three.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
from azure.functions import meta
from azure.functions.meta import Datum, DatumLike, get_binding_registry
from tests._wire import (
    COLLECTIONS,
    RpcHttp,
    TypedData,
    WorkerDatum,
    collection_message,
    from_typed_data,
    repeated_field,
    worker_datum,
)

# Text protobuf accepts: no lone surrogates.
TEXT = st.text(st.characters(codec="utf-8"), max_size=20)

#: How a runtime may shape a collection datum of *kind* holding *items*.
SHAPES: dict[str, Callable[[str, list[object]], DatumLike]] = {
    "worker message": worker_datum,
    "bare repeated field": lambda kind, items: WorkerDatum(
        repeated_field(kind, items), kind
    ),
    "list": lambda kind, items: Datum(list(items), kind),
}


def sint64s(items: list[int]) -> DatumLike:
    return worker_datum("collection_sint64", items)


def strings(items: list[str]) -> DatumLike:
    return worker_datum("collection_string", items)


def jsons(items: list[object]) -> DatumLike:
    return meta.to_datum(items)


# Binding -> batch metadata for two events, with the wire types the host uses,
# and what each event then reads from it.
BATCH_METADATA: dict[str, dict[str, DatumLike]] = {
    "serviceBusTrigger": {
        "MessageIdArray": strings(["m1", "m2"]),
        "SequenceNumberArray": sint64s([7, 8]),
        "DeliveryCountArray": sint64s([1, 2]),
        "ContentTypeArray": strings(["text/plain", "application/json"]),
    },
    "kafkaTrigger": {
        "OffsetArray": sint64s([62, 63]),
        "TopicArray": strings(["orders", "orders"]),
        "KeyArray": jsons(["k1", "k2"]),
    },
    "eventHubTrigger": {
        "SystemPropertiesArray": jsons(
            [{"SequenceNumber": 7, "Offset": "1"}, {"SequenceNumber": 8}]
        ),
    },
    "eventHub": {},
    "kafka": {},
}

EXPECTED_PROPERTIES: dict[str, list[dict[str, object]]] = {
    "serviceBusTrigger": [
        {"message_id": "m1", "sequence_number": 7, "delivery_count": 1},
        {"message_id": "m2", "sequence_number": 8, "delivery_count": 2},
    ],
    "kafkaTrigger": [
        {"offset": 62, "topic": "orders", "key": "k1"},
        {"offset": 63, "topic": "orders", "key": "k2"},
    ],
    "eventHubTrigger": [{"sequence_number": 7}, {"sequence_number": 8}],
    "eventHub": [{}, {}],
    "kafka": [{}, {}],
}

BODIES: dict[str, list[object]] = {
    "collection_string": ["first", "second ☃"],
    "collection_bytes": [b"\x00first", b"second"],
}


def as_bytes(item: object) -> bytes:
    return item.encode() if isinstance(item, str) else item  # type: ignore[return-value]


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("kind", list(BODIES))
@pytest.mark.parametrize("binding", list(BATCH_METADATA))
def test_batches_in_every_shape(binding: str, kind: str, shape: str) -> None:
    converter = get_binding_registry()[binding]
    items: list[object] = list(BODIES[kind])
    events = converter.decode(
        SHAPES[shape](kind, items), trigger_metadata=BATCH_METADATA[binding]
    )
    assert isinstance(events, list)
    assert [event.get_body() for event in events] == [as_bytes(i) for i in items]
    for event, expected in zip(events, EXPECTED_PROPERTIES[binding], strict=True):
        assert {name: getattr(event, name) for name in expected} == expected


@pytest.mark.parametrize("binding", ["eventHubTrigger", "serviceBusTrigger"])
def test_batch_metadata_reaches_event_metadata_as_lists(binding: str) -> None:
    converter = get_binding_registry()[binding]
    events = converter.decode(
        worker_datum("collection_string", ["a", "b"]),
        trigger_metadata={"SequenceNumberArray": sint64s([5, 6])},
    )
    assert isinstance(events, list)
    assert events[0].metadata["SequenceNumberArray"] == [5, 6]


@given(st.lists(TEXT, max_size=6), st.sampled_from(list(SHAPES)))
def test_text_batches_keep_every_body(texts: list[str], shape: str) -> None:
    for binding in ("eventHubTrigger", "serviceBusTrigger", "kafkaTrigger"):
        events = get_binding_registry()[binding].decode(
            SHAPES[shape]("collection_string", list(texts)), trigger_metadata={}
        )
        assert isinstance(events, list)
        assert [event.get_body().decode() for event in events] == texts


@given(st.lists(st.binary(max_size=20), max_size=6), st.sampled_from(list(SHAPES)))
def test_byte_batches_keep_every_body(bodies: list[bytes], shape: str) -> None:
    for binding in ("eventHubTrigger", "serviceBusTrigger", "kafkaTrigger"):
        events = get_binding_registry()[binding].decode(
            SHAPES[shape]("collection_bytes", list(bodies)), trigger_metadata={}
        )
        assert isinstance(events, list)
        assert [event.get_body() for event in events] == bodies


COLLECTION_ITEMS: dict[str, list[object]] = {
    "collection_string": ["a", "", "☃"],
    "collection_bytes": [b"", b"\xff"],
    "collection_double": [1.5, -0.0, 2e300],
    "collection_sint64": [-(2**63), 0, 2**63 - 1],
}


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("kind", list(COLLECTIONS))
def test_every_collection_as_python(kind: str, shape: str) -> None:
    items = COLLECTION_ITEMS[kind]
    datum = SHAPES[shape](kind, items)
    assert meta.datum_to_python(datum, binding="b", what="w") == items
    assert Datum(datum.value, kind).python_value == items
    assert meta.metadata_value({"K": datum}, "K", binding="b") == items
    generic = get_binding_registry().resolve("noSuchBinding")
    assert generic.decode(datum, trigger_metadata={}) == items


@pytest.mark.parametrize("binding", ["mcpToolTrigger", "connectorTrigger"])
def test_collections_reach_raw_value_triggers_as_lists(binding: str) -> None:
    converter = get_binding_registry()[binding]
    datum = worker_datum("collection_sint64", [1, 2])
    assert converter.decode(datum, trigger_metadata={}) == [1, 2]


def test_a_message_of_the_wrong_collection_is_refused() -> None:
    # A CollectionBytes message sent as collection_string has no `string` field.
    datum = WorkerDatum(
        collection_message("collection_bytes", [b"x"]), "collection_string"
    )
    with pytest.raises(func.DatumTypeError, match="CollectionBytes"):
        meta.datum_to_python(datum, binding="b", what="the batch")


# --- http ---------------------------------------------------------------------


def http_request(**body: object) -> func.HttpRequest:
    message = TypedData(
        http=RpcHttp(
            method="post",
            url="https://example.net/api/items/7?tag=a",
            headers={"Content-Type": "application/json", "X-Id": "1"},
            query={"tag": "a"},
            params={"id": "7"},
            **({"body": TypedData(**body)} if body else {}),
        )
    )
    datum = from_typed_data(message)
    assert datum is not None
    request = get_binding_registry()["httpTrigger"].decode(datum, trigger_metadata={})
    assert isinstance(request, func.HttpRequest)
    return request


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"json": '{"n": 1}'}, b'{"n": 1}'),
        ({"string": '{"n": 1}'}, b'{"n": 1}'),
        ({"bytes": b'{"n": 1}'}, b'{"n": 1}'),
        ({"stream": b'{"n": 1}'}, b'{"n": 1}'),
        ({}, b""),
    ],
    ids=["json", "string", "bytes", "stream", "none"],
)
def test_http_requests_from_the_worker(
    body: dict[str, object], expected: bytes
) -> None:
    request = http_request(**body)
    assert request.method == "POST"
    assert request.url == "https://example.net/api/items/7?tag=a"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-id"] == "1"
    assert request.params["tag"] == "a"
    assert request.route_params == {"id": "7"}
    assert request.get_body() == expected
    if expected:
        assert request.get_json() == {"n": 1}
    else:
        with pytest.raises(func.InvalidJSONError):
            request.get_json()
