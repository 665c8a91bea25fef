from __future__ import annotations

import datetime
import http
import json

import pytest
from multidict import CIMultiDict

import azure.functions as func
from azure.functions import _json
from azure.functions.http import HttpResponseConverter
from tests._wire import WireResponse, read_http_output


def send(response: func.HttpResponse) -> WireResponse:
    """What the worker would send to the host for *response*."""
    datum = HttpResponseConverter.encode(response, expected_type=func.HttpResponse)
    assert datum is not None
    return read_http_output(datum)


# -- body -------------------------------------------------------------------


def test_str_body_is_utf8_by_default() -> None:
    resp = func.HttpResponse("naïve ✓")
    assert resp.get_body() == "naïve ✓".encode()
    assert resp.charset == "utf-8"


def test_bytes_body_is_kept_as_is() -> None:
    data = b"\x00\xff\x10binary"
    assert func.HttpResponse(data).get_body() == data


@pytest.mark.parametrize(
    "body", [bytearray(b"abc"), memoryview(b"abc"), memoryview(b"xabcx")[1:4]]
)
def test_bytes_like_bodies_become_bytes(body: bytearray | memoryview) -> None:
    got = func.HttpResponse(body).get_body()
    assert type(got) is bytes
    assert got == b"abc"


def test_bytearray_body_is_copied() -> None:
    data = bytearray(b"abc")
    resp = func.HttpResponse(data)
    data[0] = ord("z")
    assert resp.get_body() == b"abc"


@pytest.mark.parametrize("body", [None, "", b""])
def test_no_body_is_empty(body: str | bytes | None) -> None:
    assert func.HttpResponse(body).get_body() == b""
    assert func.HttpResponse().get_body() == b""


@pytest.mark.parametrize(
    ("charset", "text"),
    [
        ("latin-1", "café"),
        ("utf-16", "héllo"),
        ("utf-16-le", "日本"),
        ("cp1252", "€uro"),
        ("ascii", "plain"),
    ],
)
def test_str_body_is_encoded_with_the_charset(charset: str, text: str) -> None:
    resp = func.HttpResponse(text, charset=charset)
    assert resp.get_body() == text.encode(charset)
    assert resp.charset == charset
    assert send(resp).headers["content-type"] == f"text/plain; charset={charset}"


def test_charset_does_not_touch_bytes_bodies() -> None:
    assert func.HttpResponse(b"\xe9", charset="utf-16").get_body() == b"\xe9"


@pytest.mark.parametrize("charset", ["no-such-charset", "", "rot13"])
def test_unknown_charset_is_a_body_error(charset: str) -> None:
    with pytest.raises(func.ResponseBodyError, match="charset") as info:
        func.HttpResponse("text", charset=charset)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, func.FunctionsError)


def test_unencodable_text_is_a_body_error() -> None:
    with pytest.raises(func.ResponseBodyError, match=r"latin-1.*position 4"):
        func.HttpResponse("cost€", charset="latin-1")


def test_lone_surrogate_is_a_body_error() -> None:
    with pytest.raises(func.ResponseBodyError, match="utf-8"):
        func.HttpResponse("bad \ud800 text")


@pytest.mark.parametrize("body", [42, 1.5, ["a"], {"a": 1}, object()])
def test_other_body_types_are_a_type_error(body: object) -> None:
    with pytest.raises(TypeError, match=rf"body must be .*got {type(body).__name__}"):
        func.HttpResponse(body)  # type: ignore[arg-type]


def test_body_type_error_is_not_a_body_error() -> None:
    with pytest.raises(TypeError) as info:
        func.HttpResponse(7)  # type: ignore[arg-type]
    assert not isinstance(info.value, func.ResponseBodyError)


# -- status code --------------------------------------------------------------


def test_status_code_defaults_to_200() -> None:
    assert func.HttpResponse().status_code == 200
    assert func.HttpResponse(status_code=None).status_code == 200


@pytest.mark.parametrize("code", [100, 201, 204, 418, 599, 999])
def test_int_status_codes(code: int) -> None:
    assert func.HttpResponse(status_code=code).status_code == code


def test_http_status_is_accepted_and_sent_as_its_number() -> None:
    resp = func.HttpResponse(status_code=http.HTTPStatus.NOT_FOUND)
    assert resp.status_code == 404
    assert type(resp.status_code) is int
    assert send(resp).status_code == "404"


@pytest.mark.parametrize("code", [True, False, "200", 200.0, b"200"])
def test_status_code_of_another_type_is_a_type_error(code: object) -> None:
    with pytest.raises(TypeError, match="status_code must be an int"):
        func.HttpResponse(status_code=code)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", [0, 99, 1000, -200])
def test_status_code_out_of_range_is_a_value_error(code: int) -> None:
    with pytest.raises(ValueError, match=f"100-999, got {code}"):
        func.HttpResponse(status_code=code)


# -- mimetype and charset ----------------------------------------------------------


def test_mimetype_and_charset_defaults() -> None:
    resp = func.HttpResponse("x")
    assert resp.mimetype == "text/plain"
    assert resp.charset == "utf-8"
    assert send(resp).headers == {"content-type": "text/plain; charset=utf-8"}


def test_given_mimetype_and_charset_are_kept() -> None:
    resp = func.HttpResponse("x", mimetype="text/html", charset="latin-1")
    assert (resp.mimetype, resp.charset) == ("text/html", "latin-1")


@pytest.mark.parametrize("part", ["mimetype", "charset"])
@pytest.mark.parametrize("bad", ["text/html\r\nX-Evil: 1", "a\nb", "a\0b"])
def test_mimetype_or_charset_cannot_inject_headers(part: str, bad: str) -> None:
    with pytest.raises(func.InvalidHeaderError, match=part) as info:
        func.HttpResponse(b"x", **{part: bad})  # type: ignore[arg-type]
    assert info.value.name == "Content-Type"
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("part", ["mimetype", "charset"])
def test_mimetype_or_charset_must_be_text(part: str) -> None:
    with pytest.raises(TypeError, match=f"{part} must be str, got int"):
        func.HttpResponse(b"x", **{part: 5})  # type: ignore[arg-type]


# -- headers ------------------------------------------------------------------------


def test_headers_from_a_mapping() -> None:
    resp = func.HttpResponse(headers={"X-One": "1", "Cache-Control": "no-store"})
    assert resp.headers["x-one"] == "1"
    assert resp.headers["CACHE-CONTROL"] == "no-store"
    assert isinstance(resp.headers, CIMultiDict)


def test_headers_from_pairs_keep_repeated_names_in_order() -> None:
    resp = func.HttpResponse(
        headers=[("Vary", "Accept"), ("X-A", "1"), ("vary", "Origin")]
    )
    assert resp.headers.getall("VARY") == ["Accept", "Origin"]
    assert list(resp.headers.items()) == [
        ("Vary", "Accept"),
        ("X-A", "1"),
        ("vary", "Origin"),
    ]


def test_headers_from_a_multidict_keep_every_value() -> None:
    source: CIMultiDict[str] = CIMultiDict([("Link", "<a>"), ("Link", "<b>")])
    resp = func.HttpResponse(headers=source)
    assert resp.headers.getall("link") == ["<a>", "<b>"]
    source.add("Link", "<c>")
    assert resp.headers.getall("link") == ["<a>", "<b>"], "the input was copied"


def test_headers_without_input_are_empty_and_mutable() -> None:
    resp = func.HttpResponse()
    assert len(resp.headers) == 0
    resp.headers["X-Late"] = "yes"
    resp.headers.add("X-Late", "again")
    assert send(resp).headers["X-Late"] == "yes, again"


@pytest.mark.parametrize("headers", ["X-A: 1", b"X-A: 1", [("X-A",)], ["ab"]])
def test_headers_that_are_not_pairs_are_a_type_error(headers: object) -> None:
    with pytest.raises(TypeError, match="pairs"):
        func.HttpResponse(headers=headers)  # type: ignore[arg-type]


def test_int_header_values_are_sent_as_text() -> None:
    resp = func.HttpResponse(headers={"Retry-After": 30})  # type: ignore[arg-type]
    assert resp.headers["Retry-After"] == "30"


@pytest.mark.parametrize("value", ["a\r\nX-Evil: 1", "a\nb", "a\rb", "a\0b"])
def test_header_values_with_cr_lf_or_nul_are_refused(value: str) -> None:
    with pytest.raises(func.InvalidHeaderError, match="'X-Test'") as info:
        func.HttpResponse(headers={"X-Test": value})
    assert info.value.name == "X-Test"
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("name", ["Bad Name", "X:Y", "", "X\r\nY", "Ünï", "a(b)"])
def test_header_names_that_are_not_tokens_are_refused(name: str) -> None:
    with pytest.raises(func.InvalidHeaderError) as info:
        func.HttpResponse(headers={name: "v"})
    assert info.value.name == name


@pytest.mark.parametrize("name", [1, b"X-Bytes", None, ("X",)])
def test_non_str_header_names_are_a_type_error(name: object) -> None:
    with pytest.raises(func.HeaderTypeError, match="the name must be str") as info:
        func.HttpResponse(headers=[(name, "v")])  # type: ignore[list-item]
    assert isinstance(info.value, TypeError)
    assert info.value.name == name


@pytest.mark.parametrize("value", [b"bytes", None, True, 1.5, ["a"]])
def test_non_text_header_values_are_a_type_error(value: object) -> None:
    with pytest.raises(func.HeaderTypeError, match="'X-V': the value must be str"):
        func.HttpResponse(headers={"X-V": value})  # type: ignore[arg-type]


def test_header_values_set_later_are_checked_when_sent() -> None:
    resp = func.HttpResponse("ok")
    resp.headers["X-Injected"] = "a\r\nSet-Cookie: evil=1"
    with pytest.raises(func.InvalidHeaderError) as info:
        send(resp)
    assert info.value.name == "X-Injected"


def test_header_value_types_set_later_are_checked_when_sent() -> None:
    resp = func.HttpResponse("ok")
    resp.headers["X-Bytes"] = b"raw"  # type: ignore[assignment]
    with pytest.raises(func.HeaderTypeError, match="X-Bytes"):
        send(resp)


def test_header_names_set_later_are_checked() -> None:
    resp = func.HttpResponse("ok")
    with pytest.raises(TypeError):
        resp.headers[1] = "x"  # type: ignore[index]
    resp.headers["Bad Name"] = "x"
    with pytest.raises(func.InvalidHeaderError) as info:
        send(resp)
    assert info.value.name == "Bad Name"


# -- json ------------------------------------------------------------------------------


@pytest.fixture(params=["orjson", "stdlib"])
def json_backend(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> str:
    if request.param == "stdlib":
        monkeypatch.setattr(_json, "_fast_loads", None)
        monkeypatch.setattr(_json, "_fast_dumps", None)
    elif _json._fast_dumps is None:
        pytest.skip("orjson is not installed")
    return str(request.param)


@pytest.mark.usefixtures("json_backend")
def test_json_response_is_compact_utf8_json() -> None:
    resp = func.HttpResponse.json({"name": "Zoë", "tags": ["a", "b"], "n": 1})
    assert resp.get_body() == '{"name":"Zoë","tags":["a","b"],"n":1}'.encode()
    assert resp.mimetype == "application/json"
    assert resp.status_code == 200
    assert send(resp).headers["content-type"] == "application/json"


@pytest.mark.usefixtures("json_backend")
@pytest.mark.parametrize("value", [None, 0, "text", [], {"big": 2**80}, [1.5, True]])
def test_json_response_round_trips(value: object) -> None:
    assert json.loads(func.HttpResponse.json(value).get_body()) == value


def test_json_response_takes_status_and_headers() -> None:
    resp = func.HttpResponse.json(
        {"error": "missing"},
        status_code=http.HTTPStatus.BAD_REQUEST,
        headers={"X-Request-Id": "r1"},
    )
    wire = send(resp)
    assert wire.status_code == "400"
    assert wire.headers == {"X-Request-Id": "r1", "content-type": "application/json"}


def test_json_response_content_type_header_wins() -> None:
    resp = func.HttpResponse.json([], headers={"Content-Type": "application/ld+json"})
    assert send(resp).headers == {"Content-Type": "application/ld+json"}


@pytest.mark.usefixtures("json_backend")
@pytest.mark.parametrize("value", [{1, 2}, object(), {"key": 1j}, b"bytes"])
def test_json_response_of_unserialisable_value_is_a_body_error(value: object) -> None:
    with pytest.raises(func.ResponseBodyError, match="cannot serialise") as info:
        func.HttpResponse.json(value)
    assert isinstance(info.value, ValueError)


@pytest.mark.usefixtures("json_backend")
def test_json_response_of_a_cycle_is_a_body_error() -> None:
    cycle: list[object] = []
    cycle.append(cycle)
    with pytest.raises(func.ResponseBodyError):
        func.HttpResponse.json(cycle)


def test_json_is_a_classmethod_of_subclasses() -> None:
    class Mine(func.HttpResponse):
        __slots__ = ()

    assert type(Mine.json({})) is Mine


# -- cookies ---------------------------------------------------------------------------


def test_each_cookie_arrives_as_its_own_simplecookie() -> None:
    resp = func.HttpResponse("ok")
    resp.set_cookie("session", "abc123", httponly=True, secure=True, samesite="Lax")
    resp.set_cookie("theme", "dark", max_age=3600, path="/app", domain="example.net")
    wire = send(resp)
    assert "Set-Cookie" not in wire.headers
    assert "set-cookie" not in wire.headers
    assert [c.name for c in wire.cookies] == ["session", "theme"]
    session, theme = wire.cookies
    assert session.value == "abc123"
    assert (session.secure, session.httponly, session.samesite) == (True, True, "Lax")
    assert session.path == "/"
    assert session.domain == ""
    assert session.max_age == ""
    assert theme.value == "dark"
    assert (theme.path, theme.domain, theme.max_age) == ("/app", "example.net", "3600")
    assert (theme.secure, theme.httponly, theme.samesite) == (False, False, "")


def test_cookie_expiry_from_a_datetime() -> None:
    resp = func.HttpResponse()
    when = datetime.datetime(2030, 5, 17, 8, 30, tzinfo=datetime.timezone.utc)
    resp.set_cookie("c", "v", expires=when)
    (cookie,) = send(resp).cookies
    assert cookie.expires == "Fri, 17 May 2030 08:30:00 GMT"


def test_cookie_value_needing_quotes_survives_the_wire() -> None:
    resp = func.HttpResponse()
    resp.set_cookie("c", "a b;c")
    (cookie,) = send(resp).cookies
    assert cookie.value == "a b;c"


def test_delete_cookie_expires_it_at_once() -> None:
    resp = func.HttpResponse()
    resp.delete_cookie("session", path="/app", domain="example.net", secure=True)
    (cookie,) = send(resp).cookies
    assert (cookie.name, cookie.value) == ("session", "")
    assert cookie.max_age == "0"
    assert cookie.expires == "Thu, 01 Jan 1970 00:00:00 GMT"
    assert (cookie.path, cookie.domain, cookie.secure) == ("/app", "example.net", True)


def test_set_cookie_headers_given_up_front_become_cookies() -> None:
    resp = func.HttpResponse(
        headers=[
            ("Set-Cookie", "a=1; Path=/"),
            ("X-Other", "x"),
            ("set-cookie", "b=2; HttpOnly"),
        ]
    )
    wire = send(resp)
    assert [(c.name, c.value) for c in wire.cookies] == [("a", "1"), ("b", "2")]
    assert wire.cookies[1].httponly
    assert wire.headers == {"X-Other": "x", "content-type": "text/plain; charset=utf-8"}


def test_cookies_are_none_on_the_wire_without_set_cookie() -> None:
    datum = HttpResponseConverter.encode(func.HttpResponse("x"), expected_type=None)
    assert datum is not None
    assert isinstance(datum.value, dict)
    assert datum.value["cookies"] is None


def test_set_cookie_keeps_other_headers() -> None:
    resp = func.HttpResponse(headers={"X-A": "1"})
    resp.set_cookie("c", "v")
    assert resp.headers["X-A"] == "1"
    assert resp.headers.getall("set-cookie") == ["c=v; Path=/"]


# -- repr -----------------------------------------------------------------------------


def test_repr_shows_status_type_and_size() -> None:
    resp = func.HttpResponse("hello", status_code=201, mimetype="text/html")
    assert repr(resp) == "<HttpResponse 201 text/html 5 bytes>"


def test_headers_changed_after_a_first_encode_are_checked_again() -> None:
    response = func.HttpResponse("x", headers={"X-A": "1"})
    assert send(response).headers["X-A"] == "1"
    response.headers["X-B"] = 7  # type: ignore[assignment]
    for _ in range(2):  # every send has text, not the raw int
        assert send(response).headers["X-B"] == "7"
    response.headers["X-C"] = "bad\r\nvalue"
    with pytest.raises(func.InvalidHeaderError, match="X-C"):
        send(response)


def test_wire_headers_before_and_after_headers_are_read() -> None:
    response = func.HttpResponse(headers={"X-A": "1"})
    assert list(response._wire_headers()) == [("X-A", "1")]
    assert list(func.HttpResponse()._wire_headers()) == []
    response.headers["X-B"] = "2"  # the multidict now; checked again
    assert list(response._wire_headers()) == [("X-A", "1"), ("X-B", "2")]
