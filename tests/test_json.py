"""JSON in and out: orjson when installed, the standard library otherwise.

Both backends are exercised in every run: orjson is installed for the tests
and the standard-library path is forced by clearing ``_fast_loads`` /
``_fast_dumps``. The documented differences (orjson's floats beyond 64 bits,
its compact output) are what the reference package does in the same setup.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import json
import math
import re

import orjson
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import azure.functions as func
from azure.functions import _json


@pytest.fixture(params=["orjson", "stdlib"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "stdlib":
        monkeypatch.setattr(_json, "_fast_loads", None)
        monkeypatch.setattr(_json, "_fast_dumps", None)
    else:
        assert _json._fast_loads is not None, "the dev extra installs orjson"
    return str(request.param)


def same(left: object, right: object) -> bool:
    """Equal with equal types throughout; NaN equals NaN."""
    return repr(left) == repr(right)


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=16,
)
LONG_INTEGER = re.compile(r"(?<![\d.eE])-?\d{19,}(?![\d.eE])")


# -- loads -------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(value=values, as_bytes=st.booleans(), ascii_only=st.booleans())
def test_loads_agrees_with_the_stdlib_on_documents(
    value: object, as_bytes: bool, ascii_only: bool
) -> None:
    for use_orjson in (True, False):
        text = json.dumps(value, ensure_ascii=ascii_only)
        doc: str | bytes = text
        if as_bytes:
            with contextlib.suppress(UnicodeEncodeError):  # lone surrogates
                doc = text.encode()
        saved = _json._fast_loads
        _json._fast_loads = saved if use_orjson else None
        try:
            assert same(_json.loads(doc), json.loads(doc))
        finally:
            _json._fast_loads = saved


@settings(max_examples=300, deadline=None)
@given(doc=st.text(alphabet='{}[]",:0123456789.eE+-truefalsnNIiy \t\n\\u'))
def test_loads_accepts_and_rejects_what_the_stdlib_does(doc: str) -> None:
    # Integer tokens beyond 64 bits are orjson's documented difference.
    assume(not LONG_INTEGER.search(doc))
    try:
        expected = json.loads(doc)
    except (ValueError, RecursionError):
        with pytest.raises(func.InvalidJSONError):
            _json.loads(doc)
    else:
        assert same(_json.loads(doc), expected)


@settings(max_examples=300, deadline=None)
@given(doc=st.text(alphabet='{}[]",:0123456789.eE+-truefalsnNIiy \t\n\r\x0b\ufeff\\u'))
def test_the_stdlib_path_accepts_and_rejects_what_json_loads_does(doc: str) -> None:
    """Without orjson, documents go to json's scanner directly, else to json.loads."""
    saved = _json._fast_loads
    _json._fast_loads = None
    try:
        try:
            expected = json.loads(doc)
        except (ValueError, RecursionError):
            with pytest.raises(func.InvalidJSONError):
                _json.loads(doc)
        else:
            assert same(_json.loads(doc), expected)
    finally:
        _json._fast_loads = saved


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ('{"a": [1, 2.5, "x", null, true]}', {"a": [1, 2.5, "x", None, True]}),
        (b'{"k": "\xc3\xa9"}', {"k": "é"}),
        ("9223372036854775807", 9223372036854775807),
        ('"\\ud800"', "\ud800"),
        ("1e400", math.inf),
        ('{"a": 1, "a": 2}', {"a": 2}),
        ('"12345678901234567890 in a string"', "12345678901234567890 in a string"),
        ('{"a":1}'.encode("utf-16"), {"a": 1}),
        ('{"a":1}'.encode("utf-16-le"), {"a": 1}),
        (b'\xef\xbb\xbf{"bom": 1}', {"bom": 1}),
        ("[NaN, -Infinity]", [math.nan, -math.inf]),
    ],
)
def test_loads(doc: str | bytes, expected: object) -> None:
    assert same(_json.loads(doc), expected)


def test_loads_integers_beyond_64_bits(backend: str) -> None:
    big = 123456789012345678901234567890
    result = _json.loads(str(big))
    if backend == "stdlib":
        assert result == big
        assert type(result) is int
    else:  # orjson reads them as floats, as the reference does with orjson
        assert result == float(big)


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(
    "doc",
    ["", "{", "[1,]", "{'a': 1}", "\ufeff{}", b"\xff\xfe\xfd", '"\x00"', b"\xc3("],
)
def test_loads_malformed_names_the_source(doc: str | bytes) -> None:
    with pytest.raises(func.InvalidJSONError, match="the thing is not valid JSON"):
        _json.loads(doc, source="the thing")


@pytest.mark.usefixtures("backend")
def test_loads_of_deep_nesting_is_an_invalid_json_error() -> None:
    with pytest.raises(func.InvalidJSONError, match="nested too deeply"):
        _json.loads("[" * 100_000 + "]" * 100_000)


def test_loads_describes_the_source_only_on_failure() -> None:
    calls: list[int] = []

    def source() -> str:
        calls.append(1)
        return "lazy source"

    assert _json.loads("[]", source=source) == []
    assert calls == []
    with pytest.raises(func.InvalidJSONError, match="lazy source"):
        _json.loads("[", source=source)
    assert calls == [1]


# -- dumps -------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(value=values)
def test_dumps_writes_what_the_reference_writes(value: object) -> None:
    # With orjson: orjson's bytes; without: json.dumps' default formatting.
    assert _json.dumps(value) == orjson.dumps(value).decode()
    saved = _json._fast_dumps
    _json._fast_dumps = None
    try:
        assert _json.dumps(value) == json.dumps(value)
    finally:
        _json._fast_dumps = saved


@settings(max_examples=200, deadline=None)
@given(value=values)
def test_dumps_round_trips(value: object) -> None:
    assert json.loads(_json.dumps(value)) == value


@pytest.mark.parametrize(
    ("value", "with_orjson", "with_stdlib"),
    [
        ({"a": [1, 2], "b": None}, '{"a":[1,2],"b":null}', '{"a": [1, 2], "b": null}'),
        (["ü"], '["ü"]', '["\\u00fc"]'),
        ({1: "a", None: "b"}, '{"1":"a","null":"b"}', '{"1": "a", "null": "b"}'),
        (2**64, "18446744073709551616", "18446744073709551616"),
        ((1, (2,)), "[1,[2]]", "[1, [2]]"),
    ],
)
def test_dumps_format_per_backend(
    value: object, with_orjson: str, with_stdlib: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _json.dumps(value) == with_orjson
    monkeypatch.setattr(_json, "_fast_dumps", None)
    assert _json.dumps(value) == with_stdlib


@pytest.mark.usefixtures("backend")
def test_compact_dumps_is_orjson_form_either_way() -> None:
    value = {"a": [1, 2], "é": None}
    assert _json.dumps(value, compact=True) == '{"a":[1,2],"é":null}'


@dataclasses.dataclass
class Point:
    x: int


def test_dumps_types_only_orjson_knows(backend: str) -> None:
    when = datetime.datetime(2024, 1, 2, 3, 4, 5)
    if backend == "orjson":
        assert _json.dumps([when, Point(1)]) == '["2024-01-02T03:04:05",{"x":1}]'
    else:
        with pytest.raises(TypeError):
            _json.dumps([when])


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize("value", [{1, 2}, b"bytes", {(1, 2): "tuple key"}, object()])
def test_dumps_refuses_what_neither_writes(value: object) -> None:
    with pytest.raises(TypeError):
        _json.dumps(value)
