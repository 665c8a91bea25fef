"""Route templates of HTTP functions: checked when defined, joined under prefixes."""

from __future__ import annotations

import re

from .._errors import FunctionDefinitionError

__all__ = ["check_route", "join_route"]


_PARAMETER_NAME = re.compile(r"^(\*{0,2})([^:=]*)")


def _segment_parameters(segment: str) -> list[str]:
    """The parameters (``{...}`` contents) of one route segment, checked."""
    parameters: list[str] = []
    i = 0
    while i < len(segment):
        char = segment[i]
        if char in "{}" and segment[i + 1 : i + 2] == char:
            i += 2  # "{{" and "}}" are literal braces
            continue
        if char == "}":
            raise ValueError("a '}' closes no '{' (write '}}' for a literal brace)")
        if char == "?":
            raise ValueError("'?' may only end a parameter name, as in {id?}")
        if char != "{":
            i += 1
            continue
        j = i + 1
        text = []
        while True:
            if j >= len(segment):
                raise ValueError("a '{' is not closed")
            pair = segment[j : j + 2]
            if pair in ("{{", "}}"):
                text.append(pair[0])
                j += 2
            elif segment[j] == "{":
                raise ValueError("parameters cannot be nested")
            elif segment[j] == "}":
                break
            else:
                text.append(segment[j])
                j += 1
        parameters.append("".join(text))
        i = j + 1
    return parameters


def _route_problem(route: str) -> str | None:
    if route.startswith("~") and not route.startswith("~/"):
        return "it cannot start with '~'"
    body = route[2:] if route.startswith("~/") else route.removeprefix("/")
    segments = body.split("/")
    seen: set[str] = set()
    for index, segment in enumerate(segments):
        if not segment:
            if index < len(segments) - 1:
                return "'/' cannot appear twice in a row"
            continue
        try:
            parameters = _segment_parameters(segment)
        except ValueError as error:
            return str(error)
        for parameter in parameters:
            match = _PARAMETER_NAME.match(parameter)
            assert match is not None
            stars, name = match.groups()
            if name.endswith("?"):
                if stars:
                    return f"the catch-all parameter {{{parameter}}} cannot be optional"
                name = name[:-1]
            if not name or "?" in name or "*" in name:
                return (
                    f"{{{parameter}}} is not a parameter: write {{name}}, {{name?}}, "
                    "{name:constraint} or {*name}"
                )
            if stars and index != len(segments) - 1:
                return f"the catch-all {{{parameter}}} must be in the last segment"
            if name.lower() in seen:
                return f"the parameter {name!r} appears twice"
            seen.add(name.lower())
    return None


def check_route(route: object) -> str:
    """*route* if it is a route template the host can use, else an error saying why."""
    if not isinstance(route, str):
        raise FunctionDefinitionError(
            None, f"a route must be str, got {type(route).__name__}", argument="route"
        )
    problem = _route_problem(route)
    if problem is not None:
        raise FunctionDefinitionError(
            None,
            f"{route!r} is not a valid route template: {problem}",
            argument="route",
        )
    return route


def join_route(prefix: str, route: str) -> str:
    """*route* under *prefix* (``"v1"``, ``"items/{id}"`` → ``"v1/items/{id}"``)."""
    prefix = prefix.strip("/")
    if not prefix:
        return route
    route = route.lstrip("/")
    return f"{prefix}/{route}" if route else prefix
