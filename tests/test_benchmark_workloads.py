"""The benchmark workloads do the work they claim, against this package.

Each workload runs once, in-process; nothing is timed here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import azure.functions as func

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `pytest` alone does not put the root on the path
    sys.path.insert(0, str(ROOT))

from benchmarks.run import MICRO  # noqa: E402
from benchmarks.workloads import (  # noqa: E402
    BODY,
    BODY_TEXT,
    HEADERS,
    QUERY,
    RESPONSE_HEADERS,
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
