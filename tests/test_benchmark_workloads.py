"""The benchmark workloads do the work they claim, against this package.

Each workload runs once, in-process; nothing is timed here.
"""

from __future__ import annotations

import json

import pytest

import azure.functions as func
from benchmarks.run import MICRO
from benchmarks.workloads import (
    BODY,
    BODY_TEXT,
    HEADERS,
    QUERY,
    QUEUE_BODY,
    RESPONSE_HEADERS,
    TRIGGERS,
    URL,
    WORKLOADS,
    load_package,
    summarize,
)


def test_the_runner_and_the_workloads_agree_on_names() -> None:
    assert tuple(WORKLOADS) == MICRO


def test_load_package_is_this_package() -> None:
    assert load_package() is func


def test_the_request_is_as_described() -> None:
    assert len(HEADERS) == 15
    assert len(QUERY) == 2
    assert 900 <= len(BODY) <= 1100
    assert HEADERS["Content-Length"] == str(len(BODY))
    assert BODY_TEXT.encode() == BODY
    assert len(RESPONSE_HEADERS) == 3


def test_http_decode() -> None:
    req = WORKLOADS["http_decode"](func)()
    assert isinstance(req, func.HttpRequest)
    assert req.method == "POST"
    assert req.url == URL
    assert req.get_body() == BODY
    assert req.route_params == {"id": "8412"}
    assert summarize("http_decode", req) == {"method": "POST", "url": URL}


def test_http_decode_headers() -> None:
    req, content_type, a = WORKLOADS["http_decode_headers"](func)()
    assert isinstance(req, func.HttpRequest)
    assert content_type == "application/json"
    assert a == "1"
    assert len(req.headers) == 15
    assert req.headers["x-forwarded-proto"] == "https"
    assert req.headers["USER-AGENT"] == HEADERS["User-Agent"]
    assert dict(req.params) == QUERY


def test_http_decode_json() -> None:
    value = WORKLOADS["http_decode_json"](func)()
    assert value == json.loads(BODY)
    assert value["order_id"] == 8412
    assert len(value["items"]) == 8


def test_http_response_encode() -> None:
    datum = WORKLOADS["http_response_encode"](func)()
    assert isinstance(datum, func.meta.Datum)
    assert datum.type == "http"
    value = datum.value
    assert isinstance(value, dict)
    assert value["status_code"] == func.meta.Datum("201", "string")
    assert value["body"] == func.meta.Datum(BODY, "bytes")
    assert value["cookies"] is None
    headers = {name.lower(): item.value for name, item in value["headers"].items()}
    assert headers == {
        "location": "/api/orders/8412",
        "cache-control": "no-store",
        "x-request-id": HEADERS["X-Request-ID"],
        "content-type": "application/json",
    }


@pytest.mark.parametrize("name", MICRO)
def test_each_summary_is_plain_json(name: str) -> None:
    """``run.py`` compares summaries across packages as JSON."""
    summary = summarize(name, WORKLOADS[name](func)())
    assert json.loads(json.dumps(summary)) == summary


def test_summarize_rejects_unknown_names() -> None:
    with pytest.raises(KeyError):
        summarize("nope", None)


def test_trigger_workloads_are_listed_in_the_runner() -> None:
    assert set(TRIGGERS) <= set(MICRO)
    assert set(TRIGGERS) == {name for name in WORKLOADS if not name.startswith("http")}


def test_queue_decode_reads_the_message() -> None:
    assert WORKLOADS["queue_decode"](func)() == (
        "5b1f3c2e-8a4b-4c1d-9e7f-2a6b8c0d1e3f",
        1,
        json.loads(QUEUE_BODY),
    )


def test_timer_decode_reads_past_due() -> None:
    assert WORKLOADS["timer_decode"](func)() is False


def test_service_bus_decode_reads_id_and_body() -> None:
    message_id, body = WORKLOADS["service_bus_decode"](func)()
    assert message_id == "a1b2c3d4e5f60718293a4b5c6d7e8f90"
    assert body == QUEUE_BODY.encode()


def test_event_grid_decode_reads_the_event() -> None:
    event_id, event_type, data = WORKLOADS["event_grid_decode"](func)()
    assert event_id == "d2f8a1c0-8b7e-4e0f-9a3c-6f1e2b3c4d5e"
    assert event_type == "Microsoft.Storage.BlobCreated"
    assert data["api"] == "PutBlob"


def test_cosmos_db_decode_reads_each_document() -> None:
    assert WORKLOADS["cosmos_db_decode"](func)() == [
        (f"order-{n}", "shipped") for n in range(3)
    ]


def test_blob_decode_reads_name_and_content() -> None:
    assert WORKLOADS["blob_decode"](func)() == ("orders/8412.json", BODY)


def test_kafka_decode_reads_key_offset_and_value() -> None:
    assert WORKLOADS["kafka_decode"](func)() == (
        "order-8412",
        1842,
        QUEUE_BODY.encode(),
    )


def test_sql_decode_reads_every_row() -> None:
    assert WORKLOADS["sql_decode"](func)() == [f"c-{n:04d}" for n in range(10)]


def test_event_hub_batch_decode_reads_every_event() -> None:
    events = WORKLOADS["event_hub_batch_decode"](func)()
    assert [number for number, _body in events] == list(range(100, 110))
    assert json.loads(events[3][1]) == {"reading": 3, "device": "d-0"}


def test_trigger_summaries_turn_bytes_into_text() -> None:
    summary = summarize("blob_decode", WORKLOADS["blob_decode"](func)())
    assert summary == {"result": ["orders/8412.json", BODY_TEXT]}
