"""Route templates: parsing, matching, constraints, precedence; tables and properties."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azure.functions._host.routing.router import (
    MethodNotAllowed,
    Route,
    Router,
    RouteTemplateError,
    parse_template,
    split_path,
)


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


@pytest.mark.parametrize(
    ("constraint", "accepted", "refused"),
    [
        ("int", ["0", "-12", "+7", "2147483647"], ["x", "1.5", "2147483648", "\u0661"]),
        ("long", ["9223372036854775807", "-3"], ["9223372036854775808", "1e3"]),
        ("bool", ["true", "FALSE", "True"], ["yes", "1", "t"]),
        ("alpha", ["abc", "ABCdef"], ["ab1", "a-b", "é"]),
        (
            "guid",
            [
                "6F9619FF-8B86-D011-B42D-00C04FC964FF",
                "6f9619ff8b86d011b42d00c04fc964ff",
                "{6F9619FF-8B86-D011-B42D-00C04FC964FF}",
                "(6F9619FF-8B86-D011-B42D-00C04FC964FF)",
            ],
            [
                "6F9619FF-8B86-D011-B42D",
                "not-a-guid",
                "{6F9619FF8B86D011B42D00C04FC964FF}",
            ],
        ),
        (
            "datetime",
            [
                "2016-12-31",
                "2016-12-31T07:32:00",
                "12/31/2016 07:32:00",
                "2016-12-31T07:32:00Z",
            ],
            ["2016-13-01", "tomorrow", "31/12/2016"],
        ),
        ("decimal", ["1", "-1.5", "1,000.25", ".5"], ["1e3", "abc", "1.2.3"]),
        ("double", ["1", "-1.5e10", "1,000.5", "NaN", "Infinity"], ["abc", "e5"]),
        ("float", ["3.14", "2E-3"], ["pi"]),
        ("length(3)", ["abc", "123"], ["ab", "abcd"]),
        ("length(2,4)", ["ab", "abcd"], ["a", "abcde"]),
        ("minlength(2)", ["ab", "abcdef"], ["a"]),
        ("maxlength(2)", ["a", "ab"], ["abc"]),
        ("min(10)", ["10", "999"], ["9", "-1", "x"]),
        ("max(9)", ["9", "-100"], ["10", "x"]),
        ("range(1,9)", ["1", "5", "9"], ["0", "10", "five"]),
        ("regex(^\\d{{3}}-\\d{{2}}$)", ["123-45"], ["123-456", "12-34"]),
        ("regex(ab)", ["xABx"], ["ba"]),  # unanchored, ignoring case, as .NET
        ("int:min(1)", ["1", "42"], ["0", "x"]),
        ("required", ["x"], []),
    ],
)
def test_constraints(constraint: str, accepted: list[str], refused: list[str]) -> None:
    template = parse_template(f"api/{{value:{constraint}}}")
    for value in accepted:
        assert template.match(["api", value]) == {"value": value}, value
    for value in refused:
        assert template.match(["api", value]) is None, value


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("api/{a}{b}", "two parameters with no literal between"),
        ("api/{*rest}/more", "must be the whole last segment"),
        ("api/x{*rest}", "must be the whole last segment"),
        ("api/{a?=1}", "'?' must end the parameter"),
        ("api/{a=1?}", "optional parameter cannot have a default"),
        ("api/{*a?}", "catch-all parameter cannot be optional"),
        ("api/{id:nope}", "unknown constraint 'nope'"),
        ("api/{id:int(3)}", "takes 0 argument"),
        ("api/{id:length(a)}", "expected an integer"),
        ("api/{id:range(9,1)}", "minimum is above the maximum"),
        ("api/{id:regex(()}", "no closing ')'"),
        ("api/{id:regex([)}", "regex([)"),
        ("api//x", "empty segments"),
        ("api/{a", "no closing '}'"),
        ("api/a}", "a '}' with no '{'"),
        ("api/{}", "invalid parameter name"),
        ("api/{a}/{A}", "appears more than once"),
        ("api?x", "'?' outside a parameter"),
        ("api/{a}.{b?}x", "must come last"),
    ],
)
def test_invalid_templates(template: str, message: str) -> None:
    with pytest.raises(RouteTemplateError, match=re.escape(message)):
        parse_template(template)


def route(function: str, template: str, methods: set[str] | None = None) -> Route:
    return Route(
        function,
        parse_template(template),
        methods=frozenset(methods) if methods is not None else None,
    )


def test_more_specific_routes_win_whatever_their_order() -> None:
    routes = [
        route("catch_all", "api/{*rest}"),
        route("param", "api/items/{id}"),
        route("constrained", "api/items/{id:int}"),
        route("literal", "api/items/new"),
    ]
    for ordering in (routes, routes[::-1]):
        router = Router(ordering)
        found = {
            path: router.match("GET", path)
            for path in ("/api/items/new", "/api/items/7", "/api/items/x", "/api/a/b")
        }
        names = {
            path: result.route.function
            for path, result in found.items()
            if result is not None and not isinstance(result, MethodNotAllowed)
        }
        assert names == {
            "/api/items/new": "literal",
            "/api/items/7": "constrained",
            "/api/items/x": "param",
            "/api/a/b": "catch_all",
        }


def test_methods_select_among_routes_and_405_lists_the_allowed() -> None:
    router = Router(
        [
            route("read", "api/things", {"GET"}),
            route("write", "api/things", {"POST", "PUT"}),
            route("any", "api/anything"),
        ]
    )
    found = router.match("post", "/api/things")
    assert not isinstance(found, MethodNotAllowed)
    assert found is not None
    assert found.route.function == "write"
    refused = router.match("DELETE", "/api/things")
    assert isinstance(refused, MethodNotAllowed)
    assert refused.allowed == {"GET", "POST", "PUT"}
    anything = router.match("PATCH", "/api/anything")
    assert anything is not None
    assert not isinstance(anything, MethodNotAllowed)
    assert router.match("GET", "/api/nothing") is None


def test_precedence_and_shape() -> None:
    assert parse_template("api/items/new").precedence == (1, 1, 1)
    assert parse_template("api/{a}.{b}/{id:int}/{x}/{*r}").precedence == (1, 2, 2, 3, 5)
    assert parse_template("api/{*r:minlength(1)}").precedence == (1, 4)
    assert (
        parse_template("API/{id:int}").shape == parse_template("api/{other:int}").shape
    )
    assert parse_template("api/{id}").shape != parse_template("api/{id:int}").shape


def test_split_path() -> None:
    assert split_path("/") == []
    assert split_path("/api/x/") == ["api", "x"]
    assert split_path("/api/x?y=1") == ["api", "x"]
    assert split_path("/a%20b/c%2fd") == ["a b", "c%2fd"]


# --- properties ----------------------------------------------------------------------

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


@given(st.text(max_size=30))
def test_parsing_arbitrary_text_fails_only_with_route_template_error(text: str) -> None:
    try:
        parsed = parse_template(text)
    except RouteTemplateError:
        return
    parsed.match(["a", "b"])  # and a parsed template can always match


@given(st.integers(-(2**40), 2**40))
def test_int_constraint_agrees_with_the_int32_range(number: int) -> None:
    template = parse_template("{n:int}")
    expected = -(2**31) <= number <= 2**31 - 1
    assert (template.match([str(number)]) is not None) == expected


def lookup_answer(router: Router, method: str, path: str) -> object:
    segments, found = router.lookup(method, path)
    if found is None or isinstance(found, MethodNotAllowed):
        return segments, found if found is None else sorted(found.allowed)
    return segments, found.route.function, found.values


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["GET", "POST", "DELETE"]),
            st.sampled_from(
                ["/api/items/new", "/api/items/7", "/api/items/x", "/api/a/b", "/"]
            ),
        ),
        max_size=30,
    )
)
def test_cached_route_lookups_answer_as_matching_does_however_often_asked(
    requests: list[tuple[str, str]],
) -> None:
    routes = [
        route("catch_all", "api/{*rest}", {"GET"}),
        route("param", "api/items/{id}", {"GET", "POST"}),
        route("literal", "api/items/new"),
    ]
    remembering, fresh = Router(routes), Router(routes)
    for method, path in requests + requests:
        expected = fresh.match(method, path)
        segments, found = remembering.lookup(method, path)
        assert segments == split_path(path)
        if expected is None or isinstance(expected, MethodNotAllowed):
            assert type(found) is type(expected)
            if isinstance(expected, MethodNotAllowed):
                assert isinstance(found, MethodNotAllowed)
                assert found.allowed == expected.allowed
        else:
            assert found is not None
            assert not isinstance(found, MethodNotAllowed)
            assert found.route is expected.route
            assert found.values == expected.values


def test_cached_route_lookups_kept_are_bounded() -> None:
    router = Router([route("param", "api/items/{id}")])
    for number in range(Router.LOOKUPS_KEPT * 2 + 5):
        assert lookup_answer(router, "GET", f"/api/items/{number}") == (
            ["api", "items", str(number)],
            "param",
            {"id": str(number)},
        )
        assert len(router._lookups) <= Router.LOOKUPS_KEPT
