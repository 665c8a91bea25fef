r"""HTTP route templates as the Functions host (ASP.NET Core routing) reads them.

A template is segments separated by ``/``: literals (matched ignoring case),
parameters ``{name}``, optional ``{name?}``, with a default ``{name=value}``,
catch-all ``{*rest}`` (last segment only), constrained ``{id:int}``,
``{id:int:min(1)}``, and complex segments mixing literals and parameters
(``{file}.{ext}``). Braces in literals and constraint arguments are doubled
(``{{``, ``}}``): ``{code:regex(^\\d{{3}}$)}``.

Constraints: ``int``, ``long``, ``bool``, ``datetime``, ``decimal``,
``double``, ``float``, ``guid``, ``alpha``, ``length(n)``, ``length(min,max)``,
``minlength(n)``, ``maxlength(n)``, ``min(n)``, ``max(n)``, ``range(min,max)``,
``regex(expression)``, ``required``.

When several routes match a path, the more specific wins, as in ASP.NET Core:
segment by segment, a literal beats a complex segment and a constrained
parameter, which beat a parameter, which beats a catch-all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import final
from urllib.parse import unquote

from .constraints import Constraint, RouteTemplateError
from .parser import parse_template
from .template import Parameter, RouteTemplate

__all__ = [
    "Constraint",
    "MethodNotAllowed",
    "Parameter",
    "Route",
    "RouteMatch",
    "RouteTemplate",
    "RouteTemplateError",
    "Router",
    "is_admin_path",
    "parse_template",
    "split_path",
]

# --- paths ---------------------------------------------------------------------


def is_admin_path(segments: Sequence[str]) -> bool:
    """Whether a split path is under ``/admin`` (any case): the host's admin API."""
    return bool(segments) and segments[0].lower() == "admin"


def split_path(raw_path: str) -> list[str]:
    """A request path's segments, decoded as ASP.NET Core decodes them.

    Percent-escapes are decoded, except ``%2F``, which stays as written so a
    value never splits a segment. One trailing ``/`` is ignored.
    """
    path = raw_path.split("?", 1)[0].lstrip("/")
    if path.endswith("/"):
        path = path[:-1]
    if not path:
        return []
    return [_decode(segment) for segment in path.split("/")]


def _decode(segment: str) -> str:
    if "%" not in segment:
        return segment
    kept = re.sub("%2[fF]", lambda m: "%25" + m.group(0)[1:], segment)
    return unquote(kept, errors="replace")


# --- the route table -------------------------------------------------------------


@final
class Route:
    """An HTTP function's route: its template, methods and auth level."""

    __slots__ = ("auth_level", "function", "methods", "template")

    def __init__(
        self,
        function: str,
        template: RouteTemplate,
        *,
        methods: frozenset[str] | None = None,
        auth_level: str = "function",
    ) -> None:
        self.function = function
        self.template = template
        self.methods = methods
        self.auth_level = auth_level

    def allows(self, method: str) -> bool:
        """Whether *method* (upper-case) is one the function accepts."""
        return self.methods is None or method in self.methods

    def __repr__(self) -> str:
        methods = ",".join(sorted(self.methods)) if self.methods else "*"
        return f"<Route {self.function!r} [{methods}] {self.template.text!r}>"


@final
class RouteMatch:
    """The route a request matched and the values it captured."""

    __slots__ = ("route", "values")

    def __init__(self, route: Route, values: Mapping[str, str]) -> None:
        self.route = route
        self.values = dict(values)


@final
class MethodNotAllowed:
    """The path matched routes, none for this method; ``allowed`` lists theirs."""

    __slots__ = ("allowed",)

    def __init__(self, allowed: frozenset[str]) -> None:
        self.allowed = allowed


#: What :meth:`Router.lookup` answers: the path's segments and the match.
Lookup = tuple[list[str], "RouteMatch | MethodNotAllowed | None"]


@final
class Router:
    """Routes ordered most specific first; :meth:`match` finds a request's.

    :meth:`lookup` remembers its answers for the last few thousand distinct
    method and path pairs: most traffic asks for the same few paths again.
    """

    __slots__ = ("_lookups", "routes")

    #: How many answers :meth:`lookup` keeps before starting afresh.
    LOOKUPS_KEPT = 4096

    def __init__(self, routes: Iterable[Route]) -> None:
        self.routes = sorted(
            routes,
            key=lambda r: (r.template.precedence, r.template.text.lower(), r.function),
        )
        self._lookups: dict[tuple[str, str], Lookup] = {}

    def lookup(self, method: str, raw_path: str) -> Lookup:
        """:func:`split_path` and :meth:`match_segments` for *method* (upper-case).

        The answer is shared by later lookups of the same pair: treat it as
        read-only.
        """
        key = (method, raw_path)
        found = self._lookups.get(key)
        if found is None:
            segments = split_path(raw_path)
            found = (segments, self.match_segments(method, segments))
            lookups = self._lookups
            if len(lookups) >= self.LOOKUPS_KEPT:
                lookups.clear()
            lookups[key] = found
        return found

    def match(self, method: str, raw_path: str) -> RouteMatch | MethodNotAllowed | None:
        """The route for *method* on *raw_path* (percent-encoded, without the query)."""
        return self.match_segments(method, split_path(raw_path))

    def match_segments(
        self, method: str, segments: Sequence[str]
    ) -> RouteMatch | MethodNotAllowed | None:
        """:meth:`match` for a path already split (:func:`split_path`).

        No route matches a path under ``/admin``: it is the host's admin API.
        """
        if is_admin_path(segments):
            return None
        method = method.upper()
        allowed: set[str] = set()
        for route in self.routes:
            values = route.template.match(segments)
            if values is None:
                continue
            if route.allows(method):
                return RouteMatch(route, values)
            assert route.methods is not None
            allowed |= route.methods
        if allowed:
            return MethodNotAllowed(frozenset(allowed))
        return None
