"""Route templates: matching paths (tables and generated), precedence and shape."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azure.functions._host.routing.parser import parse_template
from azure.functions._host.routing.router import split_path


def match(template: str, path: str) -> dict[str, str] | None:
    return parse_template(template).match(split_path(path))


@pytest.mark.parametrize(
    ("template", "path", "expected"),
    [
        ("api/HttpHello", "/api/HttpHello", {}),
        ("api/HttpHello", "/API/httphello", {}),  # literals ignore case
        ("api/HttpHello", "/api/HttpHello/", {}),  # a trailing slash is ignored
        ("api/HttpHello", "/api/HttpHello/x", None),
        ("api/HttpHello", "/api", None),
        ("api/items/{id}", "/api/items/42", {"id": "42"}),
        ("api/items/{id}", "/api/items", None),
        ("api/items/{id?}", "/api/items", {}),
        ("api/items/{id?}", "/api/items/7", {"id": "7"}),
        ("api/items/{id=5}", "/api/items", {"id": "5"}),
        ("api/items/{id=5}", "/api/items/9", {"id": "9"}),
        ("api/{a?}/{b?}", "/api", {}),
        ("api/{*rest}", "/api/a/b/c", {"rest": "a/b/c"}),
        ("api/{*rest}", "/api", {}),
        ("api/{**rest}", "/api/x", {"rest": "x"}),
        ("api/files/{name}.{ext}", "/api/files/a.b.c", {"name": "a.b", "ext": "c"}),
        ("api/files/{name}.{ext?}", "/api/files/report", {"name": "report"}),
        (
            "api/files/{name}.{ext?}",
            "/api/files/a.tar.gz",
            {"name": "a.tar", "ext": "gz"},
        ),
        ("api/{a}-{b}", "/api/x-y-z", {"a": "x-y", "b": "z"}),
        ("api/v{version:int}/x", "/api/v2/x", {"version": "2"}),
        ("api/v{version:int}/x", "/api/vtwo/x", None),
        ("api/{name}", "/api/caf%C3%A9", {"name": "café"}),  # decoded
        ("api/{name}", "/api/a%2Fb", {"name": "a%2Fb"}),  # %2F stays, as in ASP.NET
        ("api/{*rest}", "/api/a%2Fb/c", {"rest": "a%2Fb/c"}),
        ("api/{name}", "/api//", None),  # an empty segment never matches
        ("", "/", {}),
        ("{x}", "/", None),
        ("api/{{literal}}/{x}", "/api/{literal}/1", {"x": "1"}),
        ("/api/leading", "/api/leading", {}),
    ],
)
def test_matching(template: str, path: str, expected: dict[str, str] | None) -> None:
    assert match(template, path) == expected


def test_precedence_and_shape() -> None:
    assert parse_template("api/items/new").precedence == (1, 1, 1)
    assert parse_template("api/{a}.{b}/{id:int}/{x}/{*r}").precedence == (1, 2, 2, 3, 5)
    assert parse_template("api/{*r:minlength(1)}").precedence == (1, 4)
    assert (
        parse_template("API/{id:int}").shape == parse_template("api/{other:int}").shape
    )
    assert parse_template("api/{id}").shape != parse_template("api/{id:int}").shape


LITERAL = st.text(
    alphabet=string.ascii_letters + string.digits + "-_", min_size=1, max_size=8
)


NAMES = st.sampled_from(["id", "name", "slug", "year", "page", "kind", "part"])


KINDS = st.sampled_from(["plain", "int", "alpha", "optional", "default"])


@st.composite
def templates_and_paths(
    draw: st.DrawFn,
) -> tuple[str, list[str], dict[str, str]]:
    """A template, a path it matches, and the values that path should give."""
    template: list[str] = []
    path: list[str] = []
    values: dict[str, str] = {}
    names = draw(st.lists(NAMES, unique=True, max_size=4))
    segments: list[str | tuple[str, str]] = [
        draw(LITERAL) for _ in range(draw(st.integers(0, 3)))
    ]
    segments.extend((name, draw(KINDS)) for name in names)
    segments = draw(st.permutations(segments))
    # Optional and default parameters can only be left out at the end.
    omit_from = len(segments)
    while (
        omit_from
        and isinstance(segments[omit_from - 1], tuple)
        and segments[omit_from - 1][1] in ("optional", "default")
    ):
        omit_from -= 1
    cut = draw(st.integers(omit_from, len(segments)))
    for index, segment in enumerate(segments):
        if isinstance(segment, str):
            template.append(segment)
            path.append(
                draw(st.sampled_from([segment, segment.upper(), segment.lower()]))
            )
            continue
        name, kind = segment
        if kind in ("optional", "default") and index < omit_from:
            kind = "plain"
        if kind == "int":
            value = str(draw(st.integers(-(2**31), 2**31 - 1)))
            template.append(f"{{{name}:int}}")
        elif kind == "alpha":
            value = draw(st.text(alphabet=string.ascii_letters, min_size=1, max_size=6))
            template.append(f"{{{name}:alpha}}")
        else:
            value = draw(
                st.text(alphabet=string.ascii_letters + "._~ é", min_size=1, max_size=6)
            )
            suffix = {"optional": "?", "default": "=dflt"}.get(kind, "")
            template.append(f"{{{name}{suffix}}}")
        if index < cut:
            path.append(value)
            values[name] = value
        elif kind == "default":
            values[name] = "dflt"
    return "/".join(template), path, values


def encode(segment: str) -> str:
    from urllib.parse import quote

    return quote(segment, safe="")


@given(templates_and_paths())
def test_generated_paths_match_with_their_values(
    case: tuple[str, list[str], dict[str, str]],
) -> None:
    template, path, values = case
    raw = "/" + "/".join(encode(segment) for segment in path)
    assert parse_template(template).match(split_path(raw)) == values


@given(templates_and_paths(), LITERAL)
def test_an_extra_segment_never_matches(
    case: tuple[str, list[str], dict[str, str]], extra: str
) -> None:
    template, path, _ = case
    parsed = parse_template(template)
    full = list(path)
    if len(full) < len(parsed.precedence):
        return  # parameters were left out: the extra segment would fill one
    assert parsed.match([*full, extra]) is None
