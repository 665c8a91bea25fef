"""Calls the worker and the runtime make as the reference package allowed them.

``azure.functions.http.HttpRequest(method, url, *, headers, params,
route_params, body_type, body)`` constructs a request, and the MCP and
connector converters take ``encode(obj)`` without ``expected_type``.
"""

from __future__ import annotations

import inspect

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
from azure.functions import http
from azure.functions.meta import Datum

# --- azure.functions.http.HttpRequest ---------------------------------------------


def worker_request(body_type: str, body: str | bytes) -> func.HttpRequest:
    """A request built the way the worker and runtime build one."""
    return http.HttpRequest(
        method="post",
        url="https://example.net/api/orders/7?verbose=1",
        headers={"Content-Type": "application/json", "X-Trace": "t"},
        params={"verbose": "1"},
        route_params={"id": "7"},
        body_type=body_type,
        body=body,
    )


def test_it_is_the_package_request() -> None:
    assert http.HttpRequest is func.HttpRequest
    assert isinstance(worker_request("bytes", b""), func.HttpRequest)


@pytest.mark.parametrize(
    ("body_type", "body"),
    [
        ("json", '{"n": [1, 2]}'),
        ("string", '{"n": [1, 2]}'),
        ("bytes", b'{"n": [1, 2]}'),
        ("bytes", '{"n": [1, 2]}'),  # the type named is not checked against the body
        ("json", b'{"n": [1, 2]}'),
    ],
)
def test_every_body_type(body_type: str, body: str | bytes) -> None:
    request = worker_request(body_type, body)
    assert request.method == "POST"
    assert request.url == "https://example.net/api/orders/7?verbose=1"
    assert request.headers["content-type"] == "application/json"
    assert request.params["verbose"] == "1"
    assert request.route_params["id"] == "7"
    assert request.get_body() == b'{"n": [1, 2]}'
    assert request.get_json() == {"n": [1, 2]}


@given(st.text())
def test_text_bodies_round_trip(text: str) -> None:
    request = worker_request("string", text)
    assert request.get_body() == text.encode("utf-8", "surrogatepass")


@pytest.mark.parametrize(("body_type", "body"), [("string", ""), ("bytes", b"{x")])
def test_bodies_that_are_not_json(body_type: str, body: str | bytes) -> None:
    with pytest.raises(ValueError, match="not valid JSON"):
        worker_request(body_type, body).get_json()


def test_bad_arguments() -> None:
    with pytest.raises(TypeError, match="body must be bytes or str"):
        worker_request("bytes", 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="body_type must be str"):
        worker_request(b"json", b"")  # type: ignore[arg-type]


def test_body_type_is_keyword_only_as_in_the_reference() -> None:
    parameters = inspect.signature(http.HttpRequest).parameters
    assert parameters["body_type"].kind is inspect.Parameter.KEYWORD_ONLY
    assert list(parameters)[:2] == ["method", "url"]


# --- encode(obj) without expected_type -------------------------------------------

# The reference's converters whose encode() gives expected_type a default.
ENCODE_WITHOUT_EXPECTED_TYPE = [
    "mcpToolTrigger",
    "mcpResourceTrigger",
    "mcpPromptTrigger",
    "connectorTrigger",
]


@pytest.mark.parametrize("binding", ENCODE_WITHOUT_EXPECTED_TYPE)
@pytest.mark.parametrize("value", ["text", b"\x00", {"a": [1]}, None])
def test_encode_without_expected_type(binding: str, value: object) -> None:
    converter = func.get_binding_registry()[binding]
    datum = converter.encode(value)  # type: ignore[call-arg]
    assert isinstance(datum, Datum)
    assert datum == converter.encode(value, expected_type=None)
    assert datum == converter.encode(value, expected_type=type(value))


@pytest.mark.parametrize("binding", sorted(func.get_binding_registry()))
def test_every_encode_takes_expected_type_by_keyword(binding: str) -> None:
    converter = func.get_binding_registry()[binding]
    parameter = inspect.signature(converter.encode).parameters["expected_type"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert (parameter.default is None) == (binding in ENCODE_WITHOUT_EXPECTED_TYPE)
