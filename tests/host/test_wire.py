"""The wire values: an ``http`` output datum into status, headers and body."""

from __future__ import annotations

import json

import pytest

from azure.functions._host.wire import HttpRequestData, http_datum, response_from_datum
from azure.functions.meta import Datum


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (None, 200),
        ("201", 201),
        ("599", 599),
        (" 404", 404),
        (418, 418),
        ("700", ValueError),
        (99, ValueError),
        ("100", ValueError),
        (101, ValueError),
        ("199", ValueError),
        ("200", 200),
        ("teapot", ValueError),
        (True, TypeError),
        (200.0, TypeError),
        ([200], TypeError),
    ],
)
def test_response_from_datum_status_table_and_checked_codes(
    status: object, expected: int | type[Exception]
) -> None:
    fields: dict[str, object] = {"body": Datum(b"x", "bytes")}
    if status is not None:
        fields["status_code"] = Datum(status, "string")
    datum = Datum(fields, "http")
    if isinstance(expected, int):
        assert response_from_datum(datum) == (expected, [], b"x")
    else:
        with pytest.raises(expected):
            response_from_datum(datum)


def test_http_datum_lazy_metadata_writes_query_and_headers_json_when_read() -> None:
    request = HttpRequestData(
        method="get",
        path="/api/items/7",
        query_string="page=2&tag=a&tag=b",
        headers=[("X-One", "1"), ("x-one", "2"), ("Accept", "*/*")],
        body=b"payload",
    )
    datum, metadata, headers = http_datum(request, {"id": "7"})
    fields = datum.value
    assert datum.type == "http"
    assert isinstance(fields, dict)
    assert fields["method"].value == "GET"
    assert fields["url"].value == "http://localhost/api/items/7?page=2&tag=a&tag=b"
    assert fields["body"] == Datum(b"payload", "bytes")
    assert headers["x-one"].value == "1, 2"  # repeated headers joined as the host does
    assert fields["query"]["tag"].value == "a,b"  # and query values as .NET does
    # The JSON is not written before the metadata is read ...
    assert metadata._built is None  # type: ignore[attr-defined]
    assert len(metadata) == 3
    assert metadata._built is None  # type: ignore[attr-defined]
    # ... and then holds what the host sends.
    assert sorted(metadata) == ["Headers", "Query", "id"]
    assert metadata["id"] == Datum("7", "string")
    assert json.loads(str(metadata["Query"].value)) == {"page": "2", "tag": "a,b"}
    assert json.loads(str(metadata["Headers"].value)) == {
        "x-one": "1, 2",
        "accept": "*/*",
    }


def test_http_datum_fields_are_plain_datums_equal_to_constructed_ones() -> None:
    request = HttpRequestData(method="POST", path="/api/x", body=b"{}")
    datum, _, _ = http_datum(request, {})
    fields = datum.value
    assert type(datum) is Datum
    assert isinstance(fields, dict)
    assert fields["method"] == Datum("POST", "string")
    assert fields["url"] == Datum("http://localhost/api/x", "string")
    assert fields["body"] == Datum(b"{}", "bytes")
    assert all(type(fields[name]) is Datum for name in ("method", "url", "body"))
    assert repr(fields["method"]) == repr(Datum("POST", "string"))
