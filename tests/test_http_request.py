"""HttpRequest: construction, headers, parameters, bodies, JSON and the wire path."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from types import MappingProxyType

import pytest
from multidict import CIMultiDict, CIMultiDictProxy, MultiDict, MultiDictProxy
from yarl import URL

import azure.functions as func
from azure.functions import _form, _json
from azure.functions._datum import Datum

# --------------------------------------------------------------------------- #
# Method, URL, repr
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("given_method", "expected"),
    [("get", "GET"), ("Post", "POST"), ("DELETE", "DELETE"), ("pAtCh", "PATCH")],
)
def test_method_is_reported_upper_case(given_method: str, expected: str) -> None:
    req = func.HttpRequest(given_method, "http://example.com/")
    assert req.method == expected


def test_url_is_kept_exactly_as_given() -> None:
    url = "HTTP://Example.COM:8080/a%20b/../c?x=1&x=2#frag"
    req = func.HttpRequest("GET", url)
    assert req.url == url


def test_parsed_url_is_a_yarl_url() -> None:
    req = func.HttpRequest("GET", "https://example.com:8443/api/items/7?q=a%20b&q=c")
    parsed = req.parsed_url
    assert isinstance(parsed, URL)
    assert parsed.scheme == "https"
    assert parsed.host == "example.com"
    assert parsed.port == 8443
    assert parsed.path == "/api/items/7"
    assert parsed.query.getall("q") == ["a b", "c"]


def test_repr_names_method_and_url() -> None:
    req = func.HttpRequest("post", "http://example.com/x?y=1")
    assert repr(req) == "<HttpRequest POST http://example.com/x?y=1>"


# --------------------------------------------------------------------------- #
# Argument types
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("method", [None, b"GET", 1])
def test_method_must_be_str(method: object) -> None:
    with pytest.raises(TypeError, match=r"method must be str"):
        func.HttpRequest(method, "http://example.com/")  # type: ignore[arg-type]


@pytest.mark.parametrize("url", [None, b"http://example.com/", URL("http://e.com/")])
def test_url_must_be_str(url: object) -> None:
    with pytest.raises(TypeError, match=r"url must be str"):
        func.HttpRequest("GET", url)  # type: ignore[arg-type]


@pytest.mark.parametrize("body", [None, 1, ["a"], {"a": 1}])
def test_body_must_be_bytes_or_str(body: object) -> None:
    with pytest.raises(TypeError, match=r"body must be bytes or str"):
        func.HttpRequest("GET", "http://example.com/", body=body)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- #
# Headers
# --------------------------------------------------------------------------- #


def test_headers_are_a_read_only_case_insensitive_multidict() -> None:
    req = func.HttpRequest(
        "GET", "http://example.com/", headers={"Content-Type": "text/plain"}
    )
    headers = req.headers
    assert isinstance(headers, CIMultiDictProxy)
    assert headers["content-type"] == "text/plain"
    assert headers["CONTENT-TYPE"] == "text/plain"
    assert headers.get("Content-type") == "text/plain"
    assert "cOnTeNt-TyPe" in headers
    with pytest.raises(TypeError):
        headers["X-New"] = "1"  # type: ignore[index]
    with pytest.raises(AttributeError):
        headers.add("X-New", "1")  # type: ignore[attr-defined]


def test_header_names_are_stored_lower_case() -> None:
    req = func.HttpRequest(
        "GET",
        "http://example.com/",
        headers={"Content-Type": "application/json", "X-Request-ID": "abc"},
    )
    assert list(req.headers) == ["content-type", "x-request-id"]
    assert dict(req.headers) == {
        "content-type": "application/json",
        "x-request-id": "abc",
    }


def test_repeated_headers_keep_every_value_in_order() -> None:
    req = func.HttpRequest(
        "GET",
        "http://example.com/",
        headers=[
            ("Accept", "text/html"),
            ("X-Tag", "a"),
            ("x-tag", "b"),
            ("X-TAG", ""),
        ],
    )
    assert req.headers.getall("x-tag") == ["a", "b", ""]
    assert req.headers["X-Tag"] == "a"
    assert req.headers.get("x-tag") == "a"
    assert list(req.headers.items()) == [
        ("accept", "text/html"),
        ("x-tag", "a"),
        ("x-tag", "b"),
        ("x-tag", ""),
    ]
    assert len(req.headers) == 4


@pytest.mark.parametrize(
    "source",
    [
        CIMultiDict([("A", "1"), ("a", "2")]),
        CIMultiDictProxy(CIMultiDict([("A", "1"), ("a", "2")])),
        MultiDict([("A", "1"), ("a", "2")]),
        (pair for pair in [("A", "1"), ("a", "2")]),
    ],
    ids=["cimultidict", "proxy", "multidict", "generator"],
)
def test_headers_accept_multidicts_and_pair_iterables(source: object) -> None:
    req = func.HttpRequest("GET", "http://e.com/", headers=source)  # type: ignore[arg-type]
    assert req.headers.getall("a") == ["1", "2"]


def test_missing_header_lookups() -> None:
    req = func.HttpRequest("GET", "http://example.com/")
    assert len(req.headers) == 0
    assert req.headers.get("x-missing") is None
    assert req.headers.get("x-missing", "dflt") == "dflt"
    with pytest.raises(KeyError):
        req.headers["x-missing"]


@pytest.mark.parametrize(
    ("headers", "part"),
    [
        ({"X-Count": 1}, "value"),
        ({"X-Raw": b"bytes"}, "value"),
        ({"X-None": None}, "value"),
        ({1: "one"}, "name"),
        ([(b"X-Bytes", "v")], "name"),
    ],
)
def test_non_str_header_names_and_values_are_refused(
    headers: object, part: str
) -> None:
    with pytest.raises(func.HeaderTypeError, match=rf"the {part} must be str") as info:
        func.HttpRequest("GET", "http://example.com/", headers=headers)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, func.FunctionsError)
    assert info.value.part == part


def test_headers_are_copied_at_construction() -> None:
    source = {"X-A": "1"}
    req = func.HttpRequest("GET", "http://example.com/", headers=source)
    source["X-B"] = "2"
    source["X-A"] = "changed"
    assert dict(req.headers) == {"x-a": "1"}


# --------------------------------------------------------------------------- #
# Query parameters and route parameters
# --------------------------------------------------------------------------- #


def test_params_are_a_read_only_multidict() -> None:
    req = func.HttpRequest(
        "GET", "http://example.com/", params=[("k", "1"), ("k", "2"), ("e", "")]
    )
    params = req.params
    assert isinstance(params, MultiDictProxy)
    assert params["k"] == "1"
    assert params.getall("k") == ["1", "2"]
    assert params["e"] == ""
    assert list(params.items()) == [("k", "1"), ("k", "2"), ("e", "")]
    with pytest.raises(TypeError):
        params["k"] = "3"  # type: ignore[index]


def test_params_from_a_mapping() -> None:
    req = func.HttpRequest("GET", "http://example.com/", params={"a": "1", "b": ""})
    assert dict(req.params) == {"a": "1", "b": ""}


def test_params_are_case_sensitive() -> None:
    req = func.HttpRequest("GET", "http://example.com/", params={"Key": "v"})
    assert "key" not in req.params
    assert req.params["Key"] == "v"


def test_params_omitted_are_read_from_the_url_query() -> None:
    req = func.HttpRequest(
        "GET", "http://example.com/p?name=J%C3%BCrgen&tag=a+b&tag=c&flag=&x=%26y"
    )
    assert req.params.getall("tag") == ["a b", "c"]
    assert req.params["name"] == "Jürgen"
    assert req.params["flag"] == ""
    assert req.params["x"] == "&y"


def test_params_given_win_over_the_url_query() -> None:
    req = func.HttpRequest("GET", "http://example.com/?a=from-url", params={})
    assert len(req.params) == 0
    req = func.HttpRequest("GET", "http://example.com/?a=url", params={"b": "given"})
    assert dict(req.params) == {"b": "given"}


def test_url_without_query_gives_no_params() -> None:
    assert len(func.HttpRequest("GET", "http://example.com/path").params) == 0


@pytest.mark.parametrize("params", [{"a": 1}, [("a", None)], [(1, "a")]])
def test_non_str_params_are_refused(params: object) -> None:
    with pytest.raises(TypeError, match=r"query parameters must be str"):
        func.HttpRequest("GET", "http://example.com/", params=params)  # type: ignore[arg-type]


def test_params_are_copied_at_construction() -> None:
    source = {"a": "1"}
    req = func.HttpRequest("GET", "http://example.com/", params=source)
    source["b"] = "2"
    assert dict(req.params) == {"a": "1"}


def test_route_params_are_a_read_only_mapping() -> None:
    source = {"id": "42", "slug": "hello"}
    req = func.HttpRequest("GET", "http://example.com/", route_params=source)
    route = req.route_params
    assert dict(route) == {"id": "42", "slug": "hello"}
    assert route["id"] == "42"
    with pytest.raises(TypeError):
        route["id"] = "7"  # type: ignore[index]
    source["id"] = "changed"
    assert req.route_params["id"] == "42"


def test_route_params_default_to_empty() -> None:
    req = func.HttpRequest("GET", "http://example.com/")
    assert dict(req.route_params) == {}
    assert isinstance(req.route_params, MappingProxyType)


@pytest.mark.parametrize("route", [{"id": 42}, {1: "x"}])
def test_non_str_route_params_are_refused(route: object) -> None:
    with pytest.raises(TypeError, match=r"route_params must map str to str"):
        func.HttpRequest("GET", "http://example.com/", route_params=route)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- #
# Body
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "body",
    [b"\x00\xffdata", bytearray(b"\x00\xffdata"), memoryview(b"\x00\xffdata")],
    ids=["bytes", "bytearray", "memoryview"],
)
def test_binary_bodies_come_back_as_bytes(body: bytes | bytearray | memoryview) -> None:
    req = func.HttpRequest("POST", "http://example.com/", body=body)
    got = req.get_body()
    assert type(got) is bytes
    assert got == b"\x00\xffdata"


def test_bytearray_body_is_copied() -> None:
    source = bytearray(b"abc")
    req = func.HttpRequest("POST", "http://example.com/", body=source)
    source[0:1] = b"X"
    assert req.get_body() == b"abc"


def test_str_body_is_stored_utf8() -> None:
    req = func.HttpRequest("POST", "http://example.com/", body="héllo €")
    assert req.get_body() == "héllo €".encode()


def test_str_body_with_a_lone_surrogate_still_has_bytes() -> None:
    req = func.HttpRequest("POST", "http://example.com/", body="a\ud800b")
    assert req.get_body() == b"a\xed\xa0\x80b"


def test_body_defaults_to_empty() -> None:
    assert func.HttpRequest("GET", "http://example.com/").get_body() == b""


# --------------------------------------------------------------------------- #
# JSON, with orjson and with the standard library
# --------------------------------------------------------------------------- #


@pytest.fixture(params=["orjson", "stdlib"])
def json_backend(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Run a test once with orjson (installed here) and once without it."""
    backend: str = request.param
    if backend == "stdlib":
        monkeypatch.setattr(_json, "_fast_loads", None)
    else:
        assert _json._fast_loads is not None, "orjson should be installed for tests"
    return backend


@pytest.mark.usefixtures("json_backend")
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"a": [1, 2.5, true, null, "x"]}', {"a": [1, 2.5, True, None, "x"]}),
        ('{"name": "Jürgen ☃"}', {"name": "Jürgen ☃"}),
        ('{"name": "Jürgen ☃"}'.encode(), {"name": "Jürgen ☃"}),
        (b"[]", []),
        (b'  "text"  \n', "text"),
        (b"0", 0),
        (b"-0.0", -0.0),
        (b"false", False),
        (b"null", None),
        (b'{"k": 1, "k": 2}', {"k": 2}),
        (b'"\\ud83d\\ude00"', "\U0001f600"),
    ],
)
def test_get_json_parses_the_body(body: bytes | str, expected: object) -> None:
    req = func.HttpRequest("POST", "http://example.com/", body=body)
    result = req.get_json()
    assert result == expected
    assert type(result) is type(expected)


def test_get_json_integers_beyond_64_bits(json_backend: str) -> None:
    big = 2**64 + 1
    doc = f'{{"big": {big}, "neg": {-(2**70)}, "edge": {2**63}}}'
    result = func.HttpRequest("POST", "http://e.com/", body=doc).get_json()
    assert isinstance(result, dict)
    if json_backend == "stdlib":
        assert result == {"big": big, "neg": -(2**70), "edge": 2**63}
        assert all(type(value) is int for value in result.values())
    else:  # orjson, as with the reference: floats beyond 64 bits
        assert result == {"big": float(big), "neg": float(-(2**70)), "edge": 2**63}
        assert type(result["big"]) is float
        assert type(result["edge"]) is int


@pytest.mark.usefixtures("json_backend")
def test_get_json_accepts_nan_and_infinity_like_the_standard_library() -> None:
    result = func.HttpRequest(
        "POST", "http://e.com/", body=b"[NaN, Infinity, -Infinity, 1e400]"
    ).get_json()
    assert isinstance(result, list)
    first = result[0]
    assert isinstance(first, float)
    assert math.isnan(first)
    assert result[1:] == [math.inf, -math.inf, math.inf]


@pytest.mark.usefixtures("json_backend")
def test_get_json_accepts_lone_surrogates_like_the_standard_library() -> None:
    result = func.HttpRequest("POST", "http://e.com/", body=b'"\\ud800x"').get_json()
    assert result == "\ud800x"


@pytest.mark.usefixtures("json_backend")
def test_get_json_reads_utf16_bytes_like_the_standard_library() -> None:
    body = '{"a": "ü"}'.encode("utf-16")
    result = func.HttpRequest("POST", "http://e.com/", body=body).get_json()
    assert result == {"a": "ü"}


@pytest.mark.usefixtures("json_backend")
@pytest.mark.parametrize(
    "body", [b"{", b"{'a': 1}", b"[1, 2,]", b"nul", b"\xff\xfe\xfa", b"1 2", b"   "]
)
def test_get_json_on_malformed_body_raises_invalid_json_error(body: bytes) -> None:
    req = func.HttpRequest(
        "POST", "http://e.com/", headers={"Content-Type": "application/json"}, body=body
    )
    with pytest.raises(func.InvalidJSONError) as info:
        req.get_json()
    error = info.value
    assert isinstance(error, ValueError)
    assert isinstance(error, json.JSONDecodeError)
    assert isinstance(error, func.FunctionsError)
    message = str(error)
    assert "HTTP request body" in message
    assert "application/json" in message
    assert f"{len(body)} bytes" in message


@pytest.mark.usefixtures("json_backend")
def test_get_json_on_empty_body_raises_invalid_json_error() -> None:
    req = func.HttpRequest("POST", "http://e.com/")
    with pytest.raises(func.InvalidJSONError) as info:
        req.get_json()
    assert isinstance(info.value, json.JSONDecodeError)
    assert "HTTP request body" in str(info.value)
    assert "no Content-Type" in str(info.value)
    assert "0 bytes" in str(info.value)
    assert "empty" in str(info.value)


def test_get_json_error_from_a_str_body_counts_utf8_bytes() -> None:
    req = func.HttpRequest(
        "POST", "http://e.com/", headers={"content-type": "text/plain"}, body="€{"
    )
    with pytest.raises(func.InvalidJSONError, match=r"text/plain, 4 bytes"):
        req.get_json()


def test_get_json_error_catchable_as_stdlib_decode_error() -> None:
    req = func.HttpRequest("POST", "http://e.com/", body=b'{"a": }')
    with pytest.raises(json.JSONDecodeError) as info:
        req.get_json()
    assert info.value.pos == 6
    assert info.value.doc == '{"a": }'


# --------------------------------------------------------------------------- #
# Forms through the request: lazy, parsed once, with the request's limits
# --------------------------------------------------------------------------- #


def _form_request(**kwargs: object) -> func.HttpRequest:
    return func.HttpRequest(
        "POST",
        "http://example.com/",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        body=b"a=1&a=2&b=",
        **kwargs,  # type: ignore[arg-type]
    )


def test_form_is_parsed_once_and_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    real_parse = _form.parse_form

    def counting_parse(
        body: bytes, content_type: str, limits: func.FormLimits = _form.DEFAULT_LIMITS
    ) -> tuple[_form.Form, _form.Files]:
        calls.append(body)
        return real_parse(body, content_type, limits)

    monkeypatch.setattr(_form, "parse_form", counting_parse)
    req = _form_request()
    assert calls == []
    form = req.form
    files = req.files
    assert req.form is form
    assert req.files is files
    assert calls == [b"a=1&a=2&b="]
    assert form.getall("a") == ["1", "2"]
    assert len(files) == 0


def test_files_first_then_form_also_parses_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    real_parse = _form.parse_form

    def counting_parse(
        body: bytes, content_type: str, limits: func.FormLimits = _form.DEFAULT_LIMITS
    ) -> tuple[_form.Form, _form.Files]:
        calls.append(content_type)
        return real_parse(body, content_type, limits)

    monkeypatch.setattr(_form, "parse_form", counting_parse)
    req = _form_request()
    assert len(req.files) == 0
    assert req.form["b"] == ""
    assert calls == ["application/x-www-form-urlencoded"]


def test_form_uses_the_request_limits() -> None:
    req = _form_request(form_limits=func.FormLimits(max_size=4))
    with pytest.raises(func.PayloadTooLargeError):
        _ = req.form
    req = _form_request(form_limits=func.FormLimits(max_fields=2))
    with pytest.raises(func.PayloadTooLargeError):
        _ = req.files


def test_request_without_content_type_has_an_empty_form() -> None:
    req = func.HttpRequest("POST", "http://example.com/", body=b"a=1")
    assert len(req.form) == 0
    assert len(req.files) == 0


# --------------------------------------------------------------------------- #
# The worker path: _from_wire and the httpTrigger converter
# --------------------------------------------------------------------------- #


class _CountingDatum:
    """A datum that counts how often its value is read."""

    def __init__(self, value: object, reads: list[str], label: str) -> None:
        self._value = value
        self._reads = reads
        self._label = label
        self.type: str | None = "string"

    @property
    def value(self) -> object:
        self._reads.append(self._label)
        return self._value


def _wire_request(
    headers: dict[str, Datum] | None = None,
    query: dict[str, Datum] | None = None,
    route: dict[str, Datum] | None = None,
    body: bytes | str = b"",
) -> func.HttpRequest:
    return func.HttpRequest._from_wire(
        "post",
        "http://example.com/api/x?ignored=1",
        headers or {},
        query or {},
        route or {},
        body,
    )


def test_from_wire_reads_string_datums() -> None:
    req = _wire_request(
        headers={"Content-Type": Datum("application/json", "string")},
        query={"q": Datum("1", "string")},
        route={"id": Datum("7", "string")},
        body='{"a": 1}',
    )
    assert req.method == "POST"
    assert req.url == "http://example.com/api/x?ignored=1"
    assert isinstance(req.headers, CIMultiDictProxy)
    assert list(req.headers.items()) == [("content-type", "application/json")]
    assert dict(req.params) == {"q": "1"}
    assert dict(req.route_params) == {"id": "7"}
    assert req.get_json() == {"a": 1}
    assert req.get_body() == b'{"a": 1}'


def test_from_wire_converts_each_part_only_when_used() -> None:
    reads: list[str] = []
    req = func.HttpRequest._from_wire(
        "GET",
        "http://example.com/",
        {"x-h": _CountingDatum("h", reads, "header")},
        {"q": _CountingDatum("q", reads, "query")},
        {"id": _CountingDatum("r", reads, "route")},
        b"",
    )
    assert reads == []
    assert req.params["q"] == "q"
    assert reads == ["query"]
    assert req.headers["X-H"] == "h"
    assert req.headers["x-h"] == "h"
    assert reads == ["query", "header"]
    assert req.route_params["id"] == "r"
    assert reads == ["query", "header", "route"]


@pytest.mark.parametrize(
    ("part", "wire_key", "attribute"),
    [
        ("headers", "headers", "headers"),
        ("query", "query", "params"),
        ("params", "route", "route_params"),
    ],
)
def test_from_wire_non_str_values_raise_datum_type_error(
    part: str, wire_key: str, attribute: str
) -> None:
    bad = {"bad": Datum(b"bytes", "bytes")}
    req = _wire_request(**{wire_key: bad})  # type: ignore[arg-type]
    with pytest.raises(func.DatumTypeError) as info:
        getattr(req, attribute)
    error = info.value
    assert isinstance(error, TypeError)
    assert error.binding == "httpTrigger"
    assert f"{part} entry 'bad'" in str(error)
    assert "bytes" in str(error)


def test_from_wire_bytes_body_is_kept() -> None:
    req = _wire_request(body=b"\x00\x01")
    assert req.get_body() == b"\x00\x01"


def test_http_trigger_converter_builds_a_request() -> None:
    from azure.functions.http import HttpRequestConverter

    wire = Datum(
        {
            "method": Datum("put", "string"),
            "url": Datum("http://example.com/items/3", "string"),
            "headers": {"Cookie": Datum("sid=abc", "string")},
            "query": {"v": Datum("2", "string")},
            "params": {"id": Datum("3", "string")},
            "body": Datum(b"payload", "bytes"),
        },
        "http",
    )
    req = HttpRequestConverter.decode(wire, trigger_metadata=None)
    assert isinstance(req, func.HttpRequest)
    assert req.method == "PUT"
    assert req.params["v"] == "2"
    assert req.route_params["id"] == "3"
    assert req.cookies == {"sid": "abc"}
    assert req.get_body() == b"payload"


def _iter_pairs() -> Iterator[tuple[str, str]]:
    yield ("X-One", "1")
    yield ("X-One", "2")


def test_headers_from_a_one_shot_iterator_are_read_once() -> None:
    req = func.HttpRequest("GET", "http://example.com/", headers=_iter_pairs())
    assert req.headers.getall("x-one") == ["1", "2"]
    assert req.headers.getall("x-one") == ["1", "2"]


def test_wire_entries_may_be_plain_strings_but_nothing_else() -> None:
    raw = {"x-a": "plain"}
    req = func.HttpRequest._from_wire("GET", "http://h/", raw, {}, {}, b"")  # type: ignore[arg-type]
    assert req.headers["x-a"] == "plain"
    bad = func.HttpRequest._from_wire("GET", "http://h/", {}, {"q": 5}, {}, b"")  # type: ignore[dict-item]
    with pytest.raises(
        func.DatumTypeError, match=r"query entry 'q' is not a datum but int"
    ):
        _ = bad.params


def test_deeply_nested_json_is_an_invalid_json_error() -> None:
    req = func.HttpRequest("POST", "http://h/", body=b"[" * 100_000)
    with pytest.raises(func.InvalidJSONError, match="nested too deeply"):
        req.get_json()
