"""Benchmark workloads that run unchanged against either ``azure.functions``.

The same code times this checkout and the reference ``azure-functions==1.26.0``,
so it uses only the worker contract both packages share: ``meta.Datum``,
``get_binding_registry()``, ``HttpRequest`` and ``HttpResponse``.

Each workload is a factory: ``WORKLOADS[name](func)`` does the one-off setup
(build the wire datum, fetch the registry) and answers a zero-argument callable
performing ONE operation and returning its result. ``benchmarks/run.py`` times
that callable; ``tests/test_benchmark_workloads.py`` calls it once and checks
the result.

Run as a script (``python workloads.py serve``) it is the child process of
``run.py``: it imports ``azure.functions`` from whatever environment runs it and
answers timing requests, one JSON object per line on stdin/stdout, so the parent
can interleave the repeats of several environments.
"""

from __future__ import annotations

import importlib
import json
import sys
import timeit
import types
from collections.abc import Callable
from typing import Any

__all__ = [
    "BODY",
    "BODY_TEXT",
    "HEADERS",
    "MOMENT",
    "QUERY",
    "QUEUE_BODY",
    "RESPONSE_HEADERS",
    "ROUTE",
    "TRIGGERS",
    "URL",
    "WORKLOADS",
    "load_package",
    "make_http_datum",
    "summarize",
]

# A zero-argument callable doing one operation. Its result is Any: it is a
# request, response datum or JSON value of whichever package is loaded, and the
# reference package has no type information.
Operation = Callable[[], Any]


def _body_text() -> str:
    """A ~1 KB compact JSON document: an order with a few line items."""
    items = [
        {
            "sku": f"SKU-{1000 + i}",
            "name": f"Widget model {chr(65 + i)}",
            "quantity": i + 1,
            "unit_price": round(9.99 + i * 3.25, 2),
            "tags": ["hardware", "blue"] if i % 2 else ["tools"],
        }
        for i in range(8)
    ]
    order = {
        "order_id": 8412,
        "customer": {"id": "c-19f2", "email": "ana.lopez@example.com", "vip": True},
        "currency": "EUR",
        "items": items,
        "shipping": {
            "method": "express",
            "address": "Calle Mayor 1, 28013 Madrid, ES",
            "eta_days": 2,
        },
        "note": "Leave at the front desk",
    }
    return json.dumps(order, separators=(",", ":"))


BODY_TEXT: str = _body_text()
BODY: bytes = BODY_TEXT.encode()

URL = "https://contoso-orders.azurewebsites.net/api/orders/8412?a=1&b=two"
QUERY: dict[str, str] = {"a": "1", "b": "two"}
ROUTE: dict[str, str] = {"id": "8412"}

#: Fifteen headers as a browser or API client sends them through the host.
HEADERS: dict[str, str] = {
    "Host": "contoso-orders.azurewebsites.net",
    "User-Agent": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
    ),
    "Accept": "application/json, text/plain, */*",
    "Accept-Encoding": "gzip, deflate, br",
    "Accept-Language": "en-US,en;q=0.9,es;q=0.8",
    "Content-Type": "application/json",
    "Content-Length": str(len(BODY)),
    "Authorization": (
        "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjLTE5ZjIiLCJhdWQi"
        "OiJhcGk6Ly9jb250b3NvIn0.c2lnbmF0dXJlLW5vdC1yZWFs"
    ),
    "Cookie": "session=4f9c2a7e1b; theme=dark",
    "Origin": "https://shop.contoso.com",
    "Referer": "https://shop.contoso.com/checkout",
    "X-Forwarded-For": "203.0.113.42:51234",
    "X-Forwarded-Proto": "https",
    "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    "X-Request-ID": "5d1f3c2e-8a4b-4c1d-9e7f-2a6b8c0d1e3f",
}

#: The three headers of the encoded response (besides its mimetype).
RESPONSE_HEADERS: dict[str, str] = {
    "Location": "/api/orders/8412",
    "Cache-Control": "no-store",
    "X-Request-ID": HEADERS["X-Request-ID"],
}


def load_package() -> Any:
    """Import ``azure.functions`` of the running environment.

    Typed ``Any`` on purpose: the same code must drive this checkout and the
    reference package, which ships no type information usable here.
    """
    return importlib.import_module("azure.functions")


def make_http_datum(func: Any) -> Any:
    """The ``http`` datum the worker hands to the ``httpTrigger`` converter."""
    datum = func.meta.Datum

    def strings(values: dict[str, str]) -> dict[str, Any]:
        return {name: datum(value, "string") for name, value in values.items()}

    return datum(
        {
            "method": datum("POST", "string"),
            "url": datum(URL, "string"),
            "headers": strings(HEADERS),
            "query": strings(QUERY),
            "params": strings(ROUTE),
            "body": datum(BODY, "bytes"),
        },
        "http",
    )


def http_decode(func: Any) -> Operation:
    """Decode the http datum into an ``HttpRequest``; nothing else is read."""
    registry = func.get_binding_registry()
    datum = make_http_datum(func)
    no_metadata: dict[str, Any] = {}

    def run() -> Any:
        return registry.get("httpTrigger").decode(datum, trigger_metadata=no_metadata)

    return run


def http_decode_headers(func: Any) -> Operation:
    """Decode, then read one header and one query parameter."""
    registry = func.get_binding_registry()
    datum = make_http_datum(func)
    no_metadata: dict[str, Any] = {}

    def run() -> Any:
        req = registry.get("httpTrigger").decode(datum, trigger_metadata=no_metadata)
        return req, req.headers["content-type"], req.params["a"]

    return run


def http_decode_json(func: Any) -> Operation:
    """Decode, then parse the 1 KB JSON body."""
    registry = func.get_binding_registry()
    datum = make_http_datum(func)
    no_metadata: dict[str, Any] = {}

    def run() -> Any:
        req = registry.get("httpTrigger").decode(datum, trigger_metadata=no_metadata)
        return req.get_json()

    return run


def http_response_encode(func: Any) -> Operation:
    """Build a 201 JSON ``HttpResponse`` with three headers and encode it."""
    registry = func.get_binding_registry()
    response_class = func.HttpResponse
    body = BODY_TEXT
    headers = RESPONSE_HEADERS

    def run() -> Any:
        response = response_class(
            body, status_code=201, headers=headers, mimetype="application/json"
        )
        return registry.get("http").encode(response, expected_type=None)

    return run


# --- triggers ---------------------------------------------------------------------
#
# Each trigger workload decodes the value the worker hands over (the wire datum
# and the trigger metadata the Functions host sends) and then does what a typical
# function reads first. Values come from fixed texts, so both packages see the
# very same input.

MOMENT = "2026-11-20T08:15:30.1234567+00:00"
QUEUE_BODY = '{"id": "order-8412", "customer": "c-19f2", "total": 129.5}'


def _strings(func: Any, values: dict[str, str]) -> dict[str, Any]:
    return {name: func.meta.Datum(value, "string") for name, value in values.items()}


def _json(func: Any, value: object) -> Any:
    return func.meta.Datum(json.dumps(value), "json")


def _trigger(
    func: Any, binding: str, datum: Any, metadata: dict[str, Any]
) -> Operation:
    """Decode *datum* with *binding*'s converter: the worker's call, timed whole."""
    converter = func.get_binding_registry().get(binding)

    def run() -> Any:
        return converter.decode(datum, trigger_metadata=metadata)

    return run


def queue_metadata(func: Any) -> dict[str, Any]:
    """The seven metadata entries of a storage queue message."""
    return {
        **_strings(
            func,
            {
                "Id": "5b1f3c2e-8a4b-4c1d-9e7f-2a6b8c0d1e3f",
                "PopReceipt": "AgAAAAMAAAAAAAAA7pBpWlwd2QE=",
                "QueueTrigger": QUEUE_BODY,
            },
        ),
        "DequeueCount": _json(func, 1),
        "InsertionTime": _json(func, MOMENT),
        "ExpirationTime": _json(func, "2026-11-27T08:15:30+00:00"),
        "NextVisibleTime": _json(func, "2026-11-20T08:25:30+00:00"),
    }


def queue_decode(func: Any) -> Operation:
    """A queue message: its id, dequeue count and JSON body."""
    decode = _trigger(
        func,
        "queueTrigger",
        func.meta.Datum(QUEUE_BODY, "string"),
        queue_metadata(func),
    )

    def run() -> Any:
        msg = decode()
        return msg.id, msg.dequeue_count, msg.get_json()

    return run


def timer_decode(func: Any) -> Operation:
    """A timer tick: is it past due?"""
    tick = {
        "Schedule": {"AdjustForDST": True},
        "ScheduleStatus": {
            "Last": "2026-11-20T08:10:00+00:00",
            "Next": "2026-11-20T08:15:00+00:00",
            "LastUpdated": "2026-11-20T08:10:00+00:00",
        },
        "IsPastDue": False,
    }
    decode = _trigger(func, "timerTrigger", _json(func, tick), {})

    def run() -> Any:
        return decode().past_due

    return run


def service_bus_metadata(func: Any) -> dict[str, Any]:
    """What the host sends with one Service Bus message."""
    datum = func.meta.Datum
    properties = {"region": "eu", "priority": 2}
    return {
        **_strings(
            func,
            {
                "MessageId": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
                "ContentType": "application/json",
                "CorrelationId": "c-19f2",
                "LockToken": "87931fd2-39f4-415a-9fdc-adfdcbed3148",
                "TimeToLive": "00:05:00",
                "SessionId": "session-1",
            },
        ),
        "DeliveryCount": datum(1, "int"),
        "SequenceNumber": datum(42, "int"),
        "EnqueuedTimeUtc": _json(func, MOMENT),
        "ExpiresAtUtc": _json(func, "2026-12-04T08:15:30+00:00"),
        "LockedUntil": _json(func, "2026-11-20T08:16:00+00:00"),
        "ApplicationProperties": _json(func, properties),
        "UserProperties": _json(func, properties),
    }


def service_bus_decode(func: Any) -> Operation:
    """A Service Bus message: its id and body."""
    decode = _trigger(
        func,
        "serviceBusTrigger",
        func.meta.Datum(QUEUE_BODY, "string"),
        service_bus_metadata(func),
    )

    def run() -> Any:
        msg = decode()
        return msg.message_id, msg.get_body()

    return run


def event_grid_decode(func: Any) -> Operation:
    """An Event Grid event: its id, type and data."""
    event = {
        "id": "d2f8a1c0-8b7e-4e0f-9a3c-6f1e2b3c4d5e",
        "topic": "/subscriptions/0000/resourceGroups/rg/providers/"
        "Microsoft.Storage/storageAccounts/contoso",
        "subject": "/blobServices/default/containers/orders/blobs/8412.json",
        "eventType": "Microsoft.Storage.BlobCreated",
        "eventTime": MOMENT,
        "data": {"api": "PutBlob", "contentLength": 1024, "url": "https://x/8412"},
        "dataVersion": "1.0",
        "metadataVersion": "1",
    }
    decode = _trigger(func, "eventGridTrigger", _json(func, event), {})

    def run() -> Any:
        event = decode()
        return event.id, event.event_type, event.get_json()

    return run


def cosmos_db_decode(func: Any) -> Operation:
    """Three changed documents: each one's id and a field."""
    documents = [
        {
            "id": f"order-{n}",
            "status": "shipped",
            "total": 10.5 * n,
            "_rid": "Q1pHAJ5Z1ZsBAAAAAAAAAA==",
            "_etag": '"0000d986-0000-0700-0000-6734a1f20000"',
            "_ts": 1731400000 + n,
            "_lsn": n,
        }
        for n in range(3)
    ]
    decode = _trigger(func, "cosmosDBTrigger", _json(func, documents), {})

    def run() -> Any:
        return [(doc["id"], doc["status"]) for doc in decode()]

    return run


def blob_decode(func: Any) -> Operation:
    """A 1 KB blob: its name and content."""
    properties = {
        "ContentLength": len(BODY),
        "ContentType": "application/json",
        "ETag": '"0x8DD0A1B2C3D4E5F"',
        "LastModified": MOMENT,
        "BlobType": "BlockBlob",
    }
    metadata = {
        "BlobTrigger": func.meta.Datum("orders/8412.json", "string"),
        "Uri": func.meta.Datum(
            "https://contoso.blob.core.windows.net/orders/8412.json", "string"
        ),
        "Properties": _json(func, properties),
        "Metadata": _json(func, {"source": "checkout"}),
    }
    decode = _trigger(func, "blobTrigger", func.meta.Datum(BODY, "bytes"), metadata)

    def run() -> Any:
        blob = decode()
        return blob.name, blob.read()

    return run


def kafka_decode(func: Any) -> Operation:
    """A Kafka event: its key, offset and value."""
    datum = func.meta.Datum
    metadata = {
        **_strings(
            func,
            {"Key": "order-8412", "Topic": "orders", "Timestamp": MOMENT},
        ),
        "Partition": datum(3, "int"),
        "Offset": datum(1842, "int"),
        "Headers": _json(func, [{"Key": "source", "Value": "Y2hlY2tvdXQ="}]),
    }
    decode = _trigger(func, "kafkaTrigger", datum(QUEUE_BODY, "string"), metadata)

    def run() -> Any:
        event = decode()
        return event.key, event.offset, event.get_body()

    return run


def sql_decode(func: Any) -> Operation:
    """Ten rows of an ``sql`` input binding: one field of each."""
    rows = [
        {"OrderId": n, "Customer": f"c-{n:04d}", "Total": 9.99 * n, "Shipped": n % 2}
        for n in range(10)
    ]
    decode = _trigger(func, "sql", _json(func, rows), {})

    def run() -> Any:
        return [row["Customer"] for row in decode()]

    return run


def _collection(field: str, items: list[Any]) -> Any:
    """A collection value as the worker hands it: a message with one list field.

    The worker passes the ``CollectionString`` (...) protobuf message itself,
    whose ``string`` (``bytes``, ``sint64``, ``double``) field holds the items.
    """
    return types.SimpleNamespace(**{field: items})


def event_hub_batch_decode(func: Any) -> Operation:
    """A batch of ten Event Hubs events: each body and sequence number."""
    datum = func.meta.Datum
    bodies = [f'{{"reading": {n}, "device": "d-{n % 3}"}}' for n in range(10)]
    system = [
        {
            "x-opt-sequence-number": 100 + n,
            "x-opt-offset": str(4096 * n),
            "x-opt-enqueued-time": MOMENT,
            "SequenceNumber": 100 + n,
            "Offset": str(4096 * n),
            "PartitionKey": None,
            "EnqueuedTimeUtc": MOMENT,
        }
        for n in range(10)
    ]
    metadata = {
        "PartitionContext": _json(
            func,
            {
                "EventHubName": "telemetry",
                "ConsumerGroup": "$Default",
                "FullyQualifiedNamespace": "contoso.servicebus.windows.net",
                "PartitionId": "0",
            },
        ),
        "SequenceNumberArray": datum(
            _collection("sint64", [100 + n for n in range(10)]), "collection_sint64"
        ),
        "OffsetArray": datum(
            _collection("string", [str(4096 * n) for n in range(10)]),
            "collection_string",
        ),
        "EnqueuedTimeUtcArray": _json(func, [MOMENT] * 10),
        "PropertiesArray": _json(func, [{}] * 10),
        "SystemPropertiesArray": _json(func, system),
    }
    decode = _trigger(
        func,
        "eventHubTrigger",
        datum(_collection("string", bodies), "collection_string"),
        metadata,
    )

    def run() -> Any:
        return [(event.sequence_number, event.get_body()) for event in decode()]

    return run


WORKLOADS: dict[str, Callable[[Any], Operation]] = {
    "http_decode": http_decode,
    "http_decode_headers": http_decode_headers,
    "http_decode_json": http_decode_json,
    "http_response_encode": http_response_encode,
    "queue_decode": queue_decode,
    "timer_decode": timer_decode,
    "service_bus_decode": service_bus_decode,
    "event_grid_decode": event_grid_decode,
    "cosmos_db_decode": cosmos_db_decode,
    "blob_decode": blob_decode,
    "kafka_decode": kafka_decode,
    "sql_decode": sql_decode,
    "event_hub_batch_decode": event_hub_batch_decode,
}


def summarize(name: str, result: Any) -> dict[str, Any]:
    """The observable content of one workload result, as plain JSON values.

    ``run.py`` compares these between the two packages, so a speed-up is never
    reported for work that gives a different answer.
    """
    if name == "http_decode":
        return {"method": result.method, "url": result.url}
    if name == "http_decode_headers":
        req, content_type, a = result
        return {"method": req.method, "content-type": content_type, "a": a}
    if name == "http_decode_json":
        return {"json": result}
    if name in TRIGGERS:
        return {"result": _plain(result)}
    if name == "http_response_encode":
        value = result.value
        return {
            "type": result.type,
            "status_code": value["status_code"].value,
            "headers": {
                name.lower(): datum.value for name, datum in value["headers"].items()
            },
            "body": value["body"].value.decode(),
        }
    raise KeyError(name)


#: The trigger workloads: decode plus what a typical function reads first.
TRIGGERS = (
    "queue_decode",
    "timer_decode",
    "service_bus_decode",
    "event_grid_decode",
    "cosmos_db_decode",
    "blob_decode",
    "kafka_decode",
    "sql_decode",
    "event_hub_batch_decode",
)


def _plain(value: Any) -> Any:
    """*value* as plain JSON values: bytes as text, tuples as lists."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


# --- child-process protocol -------------------------------------------------


def _calibrate(timer: timeit.Timer, target: float) -> int:
    """The smallest 1-2-5 loop count whose run takes at least *target* seconds.

    ``timeit.Timer.autorange`` with a configurable target (it fixes 0.2 s).
    """
    i = 1
    while True:
        for number in (i, 2 * i, 5 * i):
            if timer.timeit(number) >= target:
                return number
        i *= 10


def _describe(func: Any) -> dict[str, Any]:
    try:
        import orjson  # noqa: F401
    except ImportError:
        has_orjson = False
    else:
        has_orjson = True
    version = getattr(func, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("azure-functions")
    return {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "package_file": func.__file__,
        "version": version,
        "orjson": has_orjson,
    }


def serve() -> None:
    """Answer the parent's requests, one JSON object per line, until EOF.

    ``{"op": "calibrate", "name": N, "target": S}`` sets workload N up, checks
    it, and answers its loop count and the summary of its result;
    ``{"op": "time", "name": N, "number": K}`` answers the seconds K operations
    took (``timeit``: garbage collection off while timing).
    """
    func = load_package()
    timers: dict[str, timeit.Timer] = {}
    _reply(_describe(func))
    for line in sys.stdin:
        request = json.loads(line)
        name = request["name"]
        if request["op"] == "calibrate":
            operation = WORKLOADS[name](func)
            summary = summarize(name, operation())
            timer = timeit.Timer(operation)
            timer.timeit(100)  # warm caches: lazy imports, converter lookups
            timers[name] = timer
            _reply({"number": _calibrate(timer, request["target"]), "summary": summary})
        elif request["op"] == "time":
            _reply({"seconds": timers[name].timeit(request["number"])})
        else:
            raise ValueError(f"unknown op {request['op']!r}")


def _reply(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    if sys.argv[1:] != ["serve"]:
        sys.exit(f"usage: {sys.argv[0]} serve   (a child process of run.py)")
    serve()
