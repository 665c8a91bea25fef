from __future__ import annotations

import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import azure.functions as func
from azure.functions.http import HttpRequestConverter, HttpResponseConverter
from azure.functions.meta import Datum
from tests._wire import WorkerDatum, http_datum, read_http_output, strings

TOKEN = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def decode(datum: WorkerDatum) -> func.HttpRequest:
    req = HttpRequestConverter.decode(datum, trigger_metadata={})
    assert isinstance(req, func.HttpRequest)
    return req


def encode(obj: object) -> Datum:
    datum = HttpResponseConverter.encode(obj, expected_type=None)
    assert isinstance(datum, Datum)
    return datum


# -- decode -----------------------------------------------------------------------


def test_decode_reads_every_part_of_the_worker_value() -> None:
    req = decode(
        http_datum(
            "post",
            "https://example.net/api/items/7?q=1",
            headers={"content-type": "application/json", "x-trace": "t1"},
            query={"q": "1"},
            params={"id": "7"},
            body=WorkerDatum(b'{"a": 1}', "bytes"),
        )
    )
    assert req.method == "POST"
    assert req.url == "https://example.net/api/items/7?q=1"
    assert req.headers["Content-Type"] == "application/json"
    assert req.headers["X-TRACE"] == "t1"
    assert dict(req.params) == {"q": "1"}
    assert dict(req.route_params) == {"id": "7"}
    assert req.get_body() == b'{"a": 1}'
    assert req.get_json() == {"a": 1}


def test_decode_accepts_metadata_none() -> None:
    req = HttpRequestConverter.decode(http_datum(), trigger_metadata=None)
    assert isinstance(req, func.HttpRequest)


def test_string_body_is_utf8_bytes() -> None:
    req = decode(http_datum(body=WorkerDatum("héllo", "string")))
    assert req.get_body() == "héllo".encode()


def test_json_body_is_its_text() -> None:
    req = decode(http_datum(body=WorkerDatum('{"k": [1, 2]}', "json")))
    assert req.get_json() == {"k": [1, 2]}
    assert req.get_body() == b'{"k": [1, 2]}'


@pytest.mark.parametrize(
    "body",
    [WorkerDatum(b"", "bytes"), WorkerDatum(None, None), WorkerDatum(None, "bytes")],
)
def test_empty_bodies(body: WorkerDatum) -> None:
    assert decode(http_datum(body=body)).get_body() == b""


def test_missing_body_and_maps_are_empty() -> None:
    datum = WorkerDatum(
        {"method": WorkerDatum("GET", "string"), "url": WorkerDatum("/x", "string")},
        "http",
    )
    req = decode(datum)
    assert req.get_body() == b""
    assert len(req.headers) == 0
    assert len(req.params) == 0
    assert dict(req.route_params) == {}


def test_our_own_datums_decode_too() -> None:
    datum = Datum(
        {
            "method": Datum("GET", "string"),
            "url": Datum("https://h/x", "string"),
            "headers": {"accept": Datum("*/*", "string")},
            "body": Datum(b"hi", "bytes"),
        },
        "http",
    )
    req = HttpRequestConverter.decode(datum, trigger_metadata=None)
    assert isinstance(req, func.HttpRequest)
    assert req.headers["Accept"] == "*/*"
    assert req.get_body() == b"hi"


@pytest.mark.parametrize("kind", ["string", "bytes", "json", None])
def test_a_datum_that_is_not_http_is_refused(kind: str | None) -> None:
    with pytest.raises(func.DatumTypeError, match="'httpTrigger'") as info:
        decode(WorkerDatum("GET /", kind))
    assert isinstance(info.value, NotImplementedError)
    assert isinstance(info.value, TypeError)
    assert info.value.binding == "httpTrigger"


@pytest.mark.parametrize("value", ["GET /", None, [("method", "GET")], 42])
def test_an_http_datum_not_holding_a_dict_is_refused(value: object) -> None:
    with pytest.raises(func.DatumTypeError, match="dict of datums"):
        decode(WorkerDatum(value, "http"))


def _without(field: str) -> WorkerDatum:
    datum = http_datum()
    assert isinstance(datum.value, dict)
    del datum.value[field]
    return datum


def _replaced(field: str, value: object) -> WorkerDatum:
    datum = http_datum()
    assert isinstance(datum.value, dict)
    datum.value[field] = value
    return datum


@pytest.mark.parametrize(
    ("datum", "field"),
    [
        (_without("method"), "method"),
        (_without("url"), "url"),
        (_replaced("url", WorkerDatum(b"/x", "bytes")), "url"),
        (_replaced("url", WorkerDatum(None, None)), "url"),
        (_replaced("method", "GET"), "method"),
        (_replaced("headers", [("a", "b")]), "headers"),
        (_replaced("query", "q=1"), "query"),
        (_replaced("params", 7), "params"),
    ],
)
def test_malformed_fields_are_refused_naming_them(
    datum: WorkerDatum, field: str
) -> None:
    with pytest.raises(func.DatumTypeError, match=f"field '{field}'") as info:
        decode(datum)
    assert info.value.binding == "httpTrigger"


@pytest.mark.parametrize(
    "body",
    [b"raw bytes, not a datum", WorkerDatum(["a"], "collection_string")],
)
def test_malformed_bodies_are_refused(body: object) -> None:
    with pytest.raises(func.DatumTypeError, match="the body") as info:
        decode(_replaced("body", body))
    assert info.value.binding == "httpTrigger"


def test_a_non_string_header_datum_is_refused_when_read() -> None:
    datum = _replaced("headers", {"x-n": WorkerDatum(5, "int")})
    req = decode(datum)
    with pytest.raises(func.DatumTypeError, match="'x-n'"):
        req.headers  # noqa: B018


# -- annotations and flags ----------------------------------------------------------


class MyRequest(func.HttpRequest):
    __slots__ = ()


class MyResponse(func.HttpResponse):
    __slots__ = ()


class Text(str):
    __slots__ = ()


class _LooksLikeAType:
    """What ``list[int]`` is on Python 3.10: ``isinstance(x, type)`` but no class."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return type


def test_looks_like_a_type_does() -> None:
    fake = _LooksLikeAType()
    assert isinstance(fake, type)
    with pytest.raises(TypeError):
        issubclass(fake, object)


@pytest.mark.parametrize("pytype", [func.HttpRequest, MyRequest])
def test_input_annotation_accepts_requests(pytype: object) -> None:
    assert HttpRequestConverter.check_input_type_annotation(pytype) is True


@pytest.mark.parametrize(
    "pytype",
    [
        str,
        bytes,
        object,
        func.HttpResponse,
        list[int],
        typing.List[int],  # noqa: UP006
        typing.Optional[func.HttpRequest],  # noqa: UP045
        func.HttpRequest | None,
        "HttpRequest",
        None,
        42,
        typing.Any,
        _LooksLikeAType(),
    ],
)
def test_input_annotation_refuses_anything_else_without_raising(
    pytype: object,
) -> None:
    assert HttpRequestConverter.check_input_type_annotation(pytype) is False


def test_http_trigger_is_a_trigger_and_http_output_is_not() -> None:
    assert HttpRequestConverter.has_trigger_support() is True
    assert HttpResponseConverter.has_trigger_support() is False
    assert HttpRequestConverter.has_implicit_output() is False


def test_binding_names() -> None:
    assert HttpRequestConverter.binding_names() == ("httpTrigger",)
    assert HttpResponseConverter.binding_names() == ("http",)


@pytest.mark.parametrize("pytype", [func.HttpResponse, MyResponse, str, Text])
def test_output_annotation_accepts_responses_and_text(pytype: object) -> None:
    assert HttpResponseConverter.check_output_type_annotation(pytype) is True


@pytest.mark.parametrize(
    "pytype",
    [bytes, dict, func.HttpRequest, list[str], None, "str", _LooksLikeAType()],
)
def test_output_annotation_refuses_anything_else(pytype: object) -> None:
    assert HttpResponseConverter.check_output_type_annotation(pytype) is False


# -- encode -------------------------------------------------------------------------


def test_encode_str_is_a_string_datum() -> None:
    assert encode("hello") == Datum("hello", "string")


@pytest.mark.parametrize("obj", [b"bytes", None, {"a": 1}, 200, func.HttpRequest])
def test_encode_of_anything_else_is_refused(obj: object) -> None:
    with pytest.raises(func.DatumTypeError, match="'http'") as info:
        encode(obj)
    assert isinstance(info.value, NotImplementedError)
    assert info.value.binding == "http"
    assert type(obj).__name__ in str(info.value)


def test_encode_response_shape() -> None:
    datum = encode(func.HttpResponse("hi", status_code=202, headers={"X-A": "1"}))
    assert datum.type == "http"
    assert isinstance(datum.value, dict)
    assert set(datum.value) == {"status_code", "headers", "cookies", "body"}
    assert datum.value["status_code"] == Datum("202", "string")
    assert datum.value["body"] == Datum(b"hi", "bytes")
    assert datum.value["headers"] == {
        "X-A": Datum("1", "string"),
        "content-type": Datum("text/plain; charset=utf-8", "string"),
    }


def test_responses_share_status_and_content_type_datums_that_cannot_change() -> None:
    first = encode(func.HttpResponse("a", status_code=201, mimetype="text/csv"))
    second = encode(func.HttpResponse("b", status_code=201, mimetype="text/csv"))
    assert isinstance(first.value, dict)
    assert isinstance(second.value, dict)
    status = first.value["status_code"]
    content_type = first.value["headers"]["content-type"]
    assert second.value["status_code"] is status  # made once, shared
    assert second.value["headers"]["content-type"] is content_type
    assert status == Datum("201", "string")
    assert isinstance(status, Datum)
    for shared in (status, content_type):
        with pytest.raises(AttributeError, match="shared"):
            shared.value = "changed"
    assert status.value == "201"
    assert encode(func.HttpResponse(status_code=404)).value["status_code"] == Datum(  # type: ignore[index]
        "404", "string"
    )
    assert first.value["headers"] is not second.value["headers"]  # the rest is new


@pytest.mark.parametrize(
    ("kwargs", "content_type"),
    [
        ({}, "text/plain; charset=utf-8"),
        ({"mimetype": "text/html"}, "text/html; charset=utf-8"),
        ({"mimetype": "text/csv", "charset": "latin-1"}, "text/csv; charset=latin-1"),
        ({"mimetype": "application/json"}, "application/json"),
        ({"mimetype": "application/octet-stream"}, "application/octet-stream"),
        ({"mimetype": "text/plain; charset=ascii"}, "text/plain; charset=ascii"),
        ({"mimetype": "Text/Plain"}, "Text/Plain; charset=utf-8"),
    ],
)
def test_default_content_type(kwargs: dict[str, str], content_type: str) -> None:
    wire = read_http_output(encode(func.HttpResponse(b"x", **kwargs)))  # type: ignore[arg-type]
    assert wire.headers == {"content-type": content_type}


@pytest.mark.parametrize("name", ["Content-Type", "content-type", "CONTENT-TYPE"])
def test_content_type_header_replaces_the_default(name: str) -> None:
    resp = func.HttpResponse("x", headers={name: "image/png"}, mimetype="text/html")
    assert read_http_output(encode(resp)).headers == {name: "image/png"}


def test_repeated_headers_are_joined_under_the_first_spelling() -> None:
    resp = func.HttpResponse(
        headers=[("Vary", "Accept"), ("X-B", "b"), ("VARY", "Origin"), ("vary", "*")]
    )
    wire = read_http_output(encode(resp))
    assert wire.headers == {
        "Vary": "Accept, Origin, *",
        "X-B": "b",
        "content-type": "text/plain; charset=utf-8",
    }


def test_encode_body_is_bytes_for_every_body() -> None:
    for body in ("text", b"raw", bytearray(b"ba"), None):
        wire = read_http_output(encode(func.HttpResponse(body)))
        assert wire.body_type == "bytes"
        assert isinstance(wire.body, bytes)


# -- properties ----------------------------------------------------------------------

token = st.text(alphabet=TOKEN, min_size=1, max_size=12)
header_name = token.filter(lambda n: n.lower() not in ("set-cookie", "content-type"))
header_value = st.text(
    st.characters(codec="utf-8", exclude_characters="\r\n\0"),
    max_size=20,
)


@settings(max_examples=150, deadline=None)
@given(pairs=st.lists(st.tuples(header_name, header_value), max_size=8))
def test_header_round_trip(pairs: list[tuple[str, str]]) -> None:
    expected: dict[str, str] = {}
    spelling: dict[str, str] = {}
    for name, value in pairs:
        first = spelling.setdefault(name.lower(), name)
        expected[first] = f"{expected[first]}, {value}" if first in expected else value
    expected["content-type"] = "text/plain; charset=utf-8"

    wire = read_http_output(encode(func.HttpResponse(headers=pairs)))
    assert wire.headers == expected
    assert wire.cookies == []


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(),
    charset=st.sampled_from(["utf-8", "utf-16", "utf-32", "latin-1", "ascii"]),
)
def test_body_round_trip(text: str, charset: str) -> None:
    try:
        expected = text.encode(charset)
    except UnicodeEncodeError:
        with pytest.raises(func.ResponseBodyError, match=charset):
            func.HttpResponse(text, charset=charset)
        return
    wire = read_http_output(encode(func.HttpResponse(text, charset=charset)))
    assert wire.body == expected
    assert wire.body.decode(charset) == text
    assert wire.headers["content-type"] == f"text/plain; charset={charset}"


@settings(max_examples=100, deadline=None)
@given(
    method=st.sampled_from(["GET", "post", "Put", "DELETE", "PATCH"]),
    headers=st.dictionaries(token.map(str.lower), header_value, max_size=6),
    query=st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=6),
    params=st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=4),
    body=st.one_of(
        st.binary(max_size=64).map(lambda b: WorkerDatum(b, "bytes")),
        st.text(max_size=64).map(lambda t: WorkerDatum(t, "string")),
    ),
)
def test_request_decode_round_trip(
    method: str,
    headers: dict[str, str],
    query: dict[str, str],
    params: dict[str, str],
    body: WorkerDatum,
) -> None:
    datum = WorkerDatum(
        {
            "method": WorkerDatum(method, "string"),
            "url": WorkerDatum("https://h/api/x", "string"),
            "headers": strings(headers),
            "query": strings(query),
            "params": strings(params),
            "body": body,
        },
        "http",
    )
    req = decode(datum)
    assert req.method == method.upper()
    assert dict(req.headers) == headers
    for name, value in headers.items():
        assert req.headers[name.upper()] == value
    assert dict(req.params) == query
    assert dict(req.route_params) == params
    raw = body.value
    assert req.get_body() == (raw.encode() if isinstance(raw, str) else raw)
