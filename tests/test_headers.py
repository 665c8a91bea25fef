from __future__ import annotations

import http

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from multidict import CIMultiDict, CIMultiDictProxy, MultiDict

import azure.functions as func
from azure.functions._headers import (
    check_header,
    pairs_of,
    request_headers,
    response_headers,
)

TOKEN = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_check_header_answers_the_pair() -> None:
    assert check_header("X-Id", "abc") == ("X-Id", "abc")
    assert check_header("Content-Length", 12) == ("Content-Length", "12")
    assert check_header("X-Empty", "") == ("X-Empty", "")
    assert check_header("X-Tab", "a\tb") == ("X-Tab", "a\tb")


@pytest.mark.parametrize("name", list(TOKEN))
def test_every_token_character_is_a_valid_name(name: str) -> None:
    assert check_header(name, "v") == (name, "v")


@pytest.mark.parametrize(
    "name", ["", "a b", "a:b", "a\tb", "a\r\nb", "a;b", "a,b", 'a"b', "a/b", "é", "a\0"]
)
def test_names_that_are_not_tokens(name: str) -> None:
    with pytest.raises(func.InvalidHeaderError, match="token") as info:
        check_header(name, "v")
    assert info.value.name == name


@pytest.mark.parametrize("value", ["\r", "\n", "\0", "ok\r\nX-Evil: 1", "tail\n"])
def test_values_with_cr_lf_or_nul(value: str) -> None:
    with pytest.raises(func.InvalidHeaderError, match="CR, LF or NUL") as info:
        check_header("X-V", value)
    assert info.value.name == "X-V"
    assert info.value.reason


@pytest.mark.parametrize("name", [b"X", 1, None, 1.5])
def test_non_str_names(name: object) -> None:
    with pytest.raises(func.HeaderTypeError, match="the name must be str") as info:
        check_header(name, "v")
    assert info.value.part == "name"


@pytest.mark.parametrize("value", [b"v", None, True, False, 1.5, ["v"]])
def test_non_str_values(value: object) -> None:
    with pytest.raises(func.HeaderTypeError, match="the value must be str") as info:
        check_header("X-V", value)
    assert info.value.part == "value"
    assert isinstance(info.value, TypeError)


class Code(int):
    def __str__(self) -> str:
        return "Code.OK"


@pytest.mark.parametrize("value", [Code(200), http.HTTPStatus.OK])
def test_int_values_are_sent_as_their_number(value: int) -> None:
    assert check_header("X-Status", value) == ("X-Status", "200")


@pytest.mark.parametrize("source", ["X-A: 1", b"X-A: 1"])
def test_text_is_not_a_header_source(source: object) -> None:
    with pytest.raises(TypeError, match="mapping or"):
        pairs_of(source)  # type: ignore[arg-type]


@pytest.mark.parametrize("item", [("X-A",), ("X-A", "1", "2"), "ab", None])
def test_pair_items_must_be_pairs(item: object) -> None:
    with pytest.raises(TypeError, match="pairs"):
        response_headers([item])  # type: ignore[list-item]


def test_pairs_may_be_lists() -> None:
    assert list(pairs_of([["X-A", "1"]])) == [("X-A", "1")]  # type: ignore[list-item]


def test_pairs_of_a_mapping_multidict_and_pairs() -> None:
    assert list(pairs_of({"a": "1", "b": "2"})) == [("a", "1"), ("b", "2")]
    multi: MultiDict[str] = MultiDict([("a", "1"), ("a", "2")])
    assert list(pairs_of(multi)) == [("a", "1"), ("a", "2")]
    pairs = [("a", "1"), ("A", "2")]
    assert list(pairs_of(pairs)) == pairs
    assert list(pairs_of(iter(pairs))) == pairs


def test_request_headers_are_lower_case_read_only_and_multi_valued() -> None:
    headers = request_headers(
        [("Accept", "a"), ("X-Forwarded-For", "1"), ("x-forwarded-for", "2")]
    )
    assert isinstance(headers, CIMultiDictProxy)
    assert list(headers.items()) == [
        ("accept", "a"),
        ("x-forwarded-for", "1"),
        ("x-forwarded-for", "2"),
    ]
    assert headers["ACCEPT"] == "a"
    assert headers.getall("X-Forwarded-For") == ["1", "2"]
    with pytest.raises(TypeError):
        headers["new"] = "x"  # type: ignore[index]


def test_request_headers_of_nothing() -> None:
    assert len(request_headers(None)) == 0
    assert len(request_headers({})) == 0


@pytest.mark.parametrize(
    ("pair", "part"), [((1, "v"), "name"), (("X", 1), "value"), (("X", b"v"), "value")]
)
def test_request_headers_must_be_text(pair: tuple[object, object], part: str) -> None:
    with pytest.raises(func.HeaderTypeError, match=f"the {part} must be str"):
        request_headers([pair])  # type: ignore[list-item]


def test_response_headers_are_checked_mutable_and_keep_spelling() -> None:
    headers = response_headers([("X-A", "1"), ("x-a", 2)])  # type: ignore[list-item]
    assert isinstance(headers, CIMultiDict)
    assert list(headers.items()) == [("X-A", "1"), ("x-a", "2")]
    headers["X-B"] = "b"
    assert headers["x-b"] == "b"
    assert len(response_headers(None)) == 0


def test_response_headers_refuse_injection() -> None:
    with pytest.raises(func.InvalidHeaderError):
        response_headers({"X": "a\nb"})


token = st.text(alphabet=TOKEN, min_size=1, max_size=16)
safe_value = st.text(
    st.characters(codec="utf-8", exclude_characters="\r\n\0"),
    max_size=30,
)


@settings(max_examples=200)
@given(name=token, value=safe_value)
def test_valid_headers_pass_unchanged(name: str, value: str) -> None:
    assert check_header(name, value) == (name, value)


@settings(max_examples=200)
@given(
    before=safe_value,
    bad=st.sampled_from(["\r", "\n", "\0", "\r\n"]),
    after=safe_value,
)
def test_any_value_with_cr_lf_or_nul_is_refused(
    before: str, bad: str, after: str
) -> None:
    with pytest.raises(func.InvalidHeaderError):
        check_header("X-V", before + bad + after)


@settings(max_examples=200)
@given(name=st.text(min_size=1, max_size=10).filter(lambda n: not set(n) <= set(TOKEN)))
def test_any_name_with_a_non_token_character_is_refused(name: str) -> None:
    with pytest.raises(func.InvalidHeaderError):
        check_header(name, "v")


@settings(max_examples=100)
@given(pairs=st.lists(st.tuples(token, safe_value), max_size=10))
def test_response_headers_keep_every_pair_in_order(
    pairs: list[tuple[str, str]],
) -> None:
    assert list(response_headers(pairs).items()) == pairs


_NAMES = st.sampled_from(["Location", "X-Request-ID", "Bad Name", "X\u00e9"]) | st.text(
    alphabet=TOKEN + " :\r\n", min_size=1, max_size=6
)
_VALUES = (
    st.text(max_size=8)
    | st.sampled_from(["a\rb", "a\nb", "a\0b", "tab\there", "caf\u00e9", "\u00a0"])
    | st.integers(-5, 5)
    | st.none()
)


@settings(max_examples=300)
@given(source=st.dictionaries(_NAMES, _VALUES, max_size=4), repeat=st.booleans())
def test_checked_headers_agrees_with_checked_pairs(
    source: dict[str, object], repeat: bool
) -> None:
    """The dict shortcut keeps exactly what the per-header check keeps."""
    from azure.functions._headers import checked_headers, checked_pairs

    expected: list[tuple[str, str]] | type[Exception]
    try:
        expected = checked_pairs(source)  # type: ignore[arg-type]
    except (func.InvalidHeaderError, func.HeaderTypeError) as exc:
        expected = type(exc)
    for _ in range(2 if repeat else 1):  # the second time, the names are known
        if isinstance(expected, type):
            with pytest.raises(expected):
                checked_headers(source)  # type: ignore[arg-type]
        else:
            got = checked_headers(source)  # type: ignore[arg-type]
            items = list(got.items()) if isinstance(got, dict) else got
            assert items == expected
            if isinstance(got, dict):
                assert got is not source  # a copy: later changes do not leak in
