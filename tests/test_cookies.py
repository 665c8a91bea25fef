"""Cookies: the Cookie request header, Set-Cookie building and parsing."""

from __future__ import annotations

import datetime
from http.cookies import SimpleCookie

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import azure.functions as func
from azure.functions._cookies import (
    build_set_cookie,
    parse_cookie_header,
    parse_set_cookie,
)


def cookies_of(*headers: str) -> dict[str, str]:
    req = func.HttpRequest(
        "GET", "http://example.com/", headers=[("Cookie", value) for value in headers]
    )
    return dict(req.cookies)


# --------------------------------------------------------------------------- #
# req.cookies: the Cookie header
# --------------------------------------------------------------------------- #


def test_no_cookie_header_gives_no_cookies() -> None:
    assert cookies_of() == {}


def test_one_cookie_header_with_several_cookies() -> None:
    assert cookies_of("sid=abc123; theme=dark;lang=en") == {
        "sid": "abc123",
        "theme": "dark",
        "lang": "en",
    }


def test_several_cookie_headers_are_all_read() -> None:
    assert cookies_of("a=1; b=2", "c=3") == {"a": "1", "b": "2", "c": "3"}


def test_quoted_values_are_unquoted() -> None:
    assert cookies_of('q="hello world"; e=""; one="') == {
        "q": "hello world",
        "e": "",
        "one": '"',
    }


def test_simplecookie_escapes_in_quoted_values_are_undone() -> None:
    assert cookies_of(r'v="a\073b\054c\"d\\e"') == {"v": 'a;b,c"d\\e'}


def test_malformed_pairs_are_skipped_without_losing_the_others() -> None:
    header = 'a=1; garbage; =novalue; b=x"y; c=3; ;'
    assert cookies_of(header) == {"a": "1", "b": 'x"y', "c": "3"}
    # The standard library gives up on everything after the bad pair.
    stdlib = SimpleCookie()
    stdlib.load(header)
    assert "c" not in stdlib


def test_values_may_contain_equals_signs() -> None:
    assert cookies_of("token=abc==; q=a=b") == {"token": "abc==", "q": "a=b"}


def test_whitespace_around_names_and_values_is_dropped() -> None:
    assert cookies_of("  a =  1  ;\tb=2\t") == {"a": "1", "b": "2"}


def test_first_of_duplicate_cookies_wins() -> None:
    assert cookies_of("id=specific; id=general", "id=third") == {"id": "specific"}


def test_cookie_names_are_case_sensitive() -> None:
    assert cookies_of("ID=upper; id=lower") == {"ID": "upper", "id": "lower"}


def test_cookies_are_read_only_and_cached() -> None:
    req = func.HttpRequest("GET", "http://e.com/", headers={"Cookie": "a=1"})
    cookies = req.cookies
    with pytest.raises(TypeError):
        cookies["a"] = "2"  # type: ignore[index]
    assert req.cookies is cookies


def test_parse_cookie_header_takes_any_iterable() -> None:
    assert parse_cookie_header(iter(["a=1", "b=2"])) == {"a": "1", "b": "2"}


_cookie_names = st.text(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~",
    min_size=1,
    max_size=12,
)
# RFC 6265 cookie-octets: visible ASCII except '"', ',', ';' and '\'.
_cookie_values = st.text(
    "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '",;\\'),
    max_size=20,
)


@settings(max_examples=200, deadline=None)
@given(
    pairs=st.lists(st.tuples(_cookie_names, _cookie_values), max_size=8),
    quote=st.booleans(),
    separator=st.sampled_from(["; ", ";"]),
)
def test_cookie_header_round_trip(
    pairs: list[tuple[str, str]], quote: bool, separator: str
) -> None:
    expected: dict[str, str] = {}
    for name, value in pairs:
        expected.setdefault(name, value)
    written = [
        f'{name}="{value}"' if quote else f"{name}={value}" for name, value in pairs
    ]
    assert cookies_of(separator.join(written)) == expected


# --------------------------------------------------------------------------- #
# build_set_cookie
# --------------------------------------------------------------------------- #


def test_build_plain_cookie_has_root_path_by_default() -> None:
    assert build_set_cookie("sid", "abc") == "sid=abc; Path=/"


def test_build_without_path() -> None:
    assert build_set_cookie("sid", "abc", path=None) == "sid=abc"


def test_build_with_every_attribute() -> None:
    header = build_set_cookie(
        "sid",
        "abc",
        max_age=3600,
        expires="Wed, 21 Oct 2037 07:28:00 GMT",
        path="/app",
        domain="example.com",
        secure=True,
        httponly=True,
        samesite="Strict",
    )
    attributes = header.split("; ")
    assert attributes[0] == "sid=abc"
    assert sorted(attributes[1:]) == sorted(
        [
            "Max-Age=3600",
            "expires=Wed, 21 Oct 2037 07:28:00 GMT",
            "Path=/app",
            "Domain=example.com",
            "Secure",
            "HttpOnly",
            "SameSite=Strict",
        ]
    )


@pytest.mark.parametrize("samesite", ["Strict", "Lax", "None"])
def test_build_samesite_values(samesite: str) -> None:
    header = build_set_cookie("a", "1", samesite=samesite)  # type: ignore[arg-type]
    assert f"SameSite={samesite}" in header.split("; ")


@pytest.mark.parametrize("samesite", ["strict", "lax", "none", "Always", ""])
def test_build_invalid_samesite(samesite: str) -> None:
    with pytest.raises(func.InvalidHeaderError, match="samesite") as info:
        build_set_cookie("a", "1", samesite=samesite)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "has space",
        "semi;colon",
        'quo"te',
        "new\nline",
        "é",
        "expires",
        "Path",
        "$x",
    ],
)
def test_build_invalid_cookie_name(name: str) -> None:
    with pytest.raises(func.InvalidHeaderError, match="cookie name"):
        build_set_cookie(name, "v")


def test_build_expires_from_an_aware_datetime_is_converted_to_gmt() -> None:
    zone = datetime.timezone(datetime.timedelta(hours=2))
    when = datetime.datetime(2030, 1, 2, 5, 4, 5, tzinfo=zone)
    header = build_set_cookie("a", "1", expires=when)
    assert "expires=Wed, 02 Jan 2030 03:04:05 GMT" in header.split("; ")


def test_build_expires_from_a_naive_datetime_is_taken_as_utc() -> None:
    header = build_set_cookie("a", "1", expires=datetime.datetime(2030, 1, 2, 3, 4, 5))
    assert "expires=Wed, 02 Jan 2030 03:04:05 GMT" in header.split("; ")


def test_build_max_age_zero_is_kept() -> None:
    assert "Max-Age=0" in build_set_cookie("a", "", max_age=0).split("; ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "plain"),
        ("has space", '"has space"'),
        ("semi;colon", '"semi\\073colon"'),
        ("com,ma", '"com\\054ma"'),
        ('quo"te', '"quo\\"te"'),
        ("", '""'),
    ],
)
def test_build_quotes_values_that_need_it(value: str, expected: str) -> None:
    assert build_set_cookie("a", value, path=None) == f"a={expected}"


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("path", "/; HttpOnly"),
        ("domain", "example.com; Secure"),
        ("expires", "never; SameSite=None"),
        ("path", "/a\r\nX-Injected: 1"),
        ("domain", "example.com\x00"),
        ("path", "/tab\there"),
    ],
)
def test_build_refuses_attributes_that_would_inject(attribute: str, value: str) -> None:
    with pytest.raises(func.InvalidHeaderError, match=attribute):
        build_set_cookie("a", "1", **{attribute: value})  # type: ignore[arg-type]


def test_build_escapes_control_characters_in_the_value() -> None:
    header = build_set_cookie("a", "line\r\nbreak\x00", path=None)
    assert header == 'a="line\\015\\012break\\000"'
    assert parse_set_cookie(header)["a"].value == "line\r\nbreak\x00"


# --------------------------------------------------------------------------- #
# parse_set_cookie
# --------------------------------------------------------------------------- #


def test_parse_set_cookie_reads_value_and_attributes() -> None:
    cookie = parse_set_cookie(
        "sid=abc; Max-Age=60; Path=/x; Domain=example.com; Secure; HttpOnly; "
        "SameSite=Lax"
    )
    assert isinstance(cookie, SimpleCookie)
    assert list(cookie) == ["sid"]
    morsel = cookie["sid"]
    assert morsel.value == "abc"
    assert morsel["max-age"] == "60"
    assert morsel["path"] == "/x"
    assert morsel["domain"] == "example.com"
    assert morsel["secure"] is True
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"


@pytest.mark.parametrize(
    "header",
    [
        "",
        "novalue",
        "=1",
        'a="unterminated',
        "a=b c",
        "a=1; NotAFlag",
        "a=1; Priority=High",  # SimpleCookie would make a second cookie of it
        "a=1, b=2",
    ],
)
def test_parse_set_cookie_refuses_what_it_cannot_read(header: str) -> None:
    with pytest.raises(func.InvalidHeaderError, match="cannot parse") as info:
        parse_set_cookie(header)
    assert isinstance(info.value, ValueError)


def test_parse_set_cookie_round_trips_build_set_cookie_with_attributes() -> None:
    header = build_set_cookie(
        "sid",
        "a b;c",
        max_age=10,
        expires=datetime.datetime(2031, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc),
        path="/p",
        domain="example.org",
        secure=True,
        httponly=True,
        samesite="None",
    )
    morsel = parse_set_cookie(header)["sid"]
    assert morsel.value == "a b;c"
    assert morsel["max-age"] == "10"
    assert morsel["expires"] == "Tue, 06 May 2031 07:08:09 GMT"
    assert morsel["path"] == "/p"
    assert morsel["domain"] == "example.org"
    assert morsel["secure"] is True
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "None"


_any_values = st.text(
    st.characters(exclude_categories=["Cs", "Cc"]),
    max_size=20,
)


@settings(max_examples=200, deadline=None)
@given(name=_cookie_names, value=_any_values)
def test_set_cookie_value_round_trip(name: str, value: str) -> None:
    try:
        header = build_set_cookie(name, value)
    except func.InvalidHeaderError:
        # Names SimpleCookie would read as attributes are refused up front.
        assert name.startswith("$") or name.lower() in {
            "expires",
            "path",
            "comment",
            "domain",
            "max-age",
            "secure",
            "httponly",
            "version",
            "samesite",
        }
        return
    cookie = parse_set_cookie(header)
    assert list(cookie) == [name]
    assert cookie[name].value == value
    # What a browser sends back reads as the same value.
    sent_back = header.split("; Path=/")[0]
    assert cookies_of(sent_back) == {name: value}
