"""The router: the most specific route wins, methods and 405, paths, cached lookups."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from azure.functions._host.routing.router import (
    MethodNotAllowed,
    Route,
    Router,
    parse_template,
    split_path,
)


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


def test_no_route_matches_the_admin_api_in_any_case() -> None:
    router = Router([route("everything", "{*rest}"), route("named", "admin/x")])
    for path in ("/admin/host/status", "/ADMIN/x", "/Admin"):
        assert router.match("GET", path) is None
        assert router.lookup("GET", path)[1] is None
    found = router.match("GET", "/administrator")
    assert found is not None
    assert not isinstance(found, MethodNotAllowed)
    assert found.route.function == "everything"


def test_split_path() -> None:
    assert split_path("/") == []
    assert split_path("/api/x/") == ["api", "x"]
    assert split_path("/api/x?y=1") == ["api", "x"]
    assert split_path("/a%20b/c%2fd") == ["a b", "c%2fd"]


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
