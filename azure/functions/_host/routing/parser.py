"""Parsing route templates into :class:`~.template.RouteTemplate` objects.

The template syntax is described in :mod:`azure.functions._host.routing.router`.
"""

from __future__ import annotations

from .constraints import Constraint, RouteTemplateError
from .template import Parameter, Part, RouteTemplate, _Segment

__all__ = ["parse_template"]


_NAME_FORBIDDEN = set("/{}*?:=")


def parse_template(text: str) -> RouteTemplate:
    """Parse a route template; :class:`RouteTemplateError` says what is wrong."""
    template = text.strip()
    if template.startswith("~/"):
        template = template[2:]
    template = template.lstrip("/")
    if "?" in _outside_parameters(template):
        raise RouteTemplateError(
            "a route template cannot contain '?' outside a parameter"
        )
    raw_segments = _split_segments(template) if template else []
    segments: list[_Segment] = []
    names: set[str] = set()
    for position, raw in enumerate(raw_segments):
        if not raw:
            raise RouteTemplateError(
                "a route template cannot contain empty segments ('//')"
            )
        parts = _parse_segment(raw)
        for index, part in enumerate(parts):
            if isinstance(part, str):
                continue
            if part.name.lower() in names:
                raise RouteTemplateError(
                    f"the parameter {part.name!r} appears more than once"
                )
            names.add(part.name.lower())
            if part.catch_all and (position != len(raw_segments) - 1 or len(parts) > 1):
                raise RouteTemplateError(
                    f"the catch-all parameter {part.name!r} must be the whole last "
                    "segment"
                )
            if len(parts) > 1:
                if index > 0 and isinstance(parts[index - 1], Parameter):
                    raise RouteTemplateError(
                        "a segment cannot hold two parameters with no literal between"
                    )
                if part.optional and (
                    index != len(parts) - 1 or parts[index - 1] != "."
                ):
                    raise RouteTemplateError(
                        f"in a complex segment, the optional parameter {part.name!r} "
                        "must come last, after a '.'"
                    )
        segments.append(_Segment(tuple(parts)))
    return RouteTemplate(template, tuple(segments))


def _outside_parameters(template: str) -> str:
    """The template's literal text (escaped braces kept out of the way)."""
    out: list[str] = []
    depth = 0
    index = 0
    while index < len(template):
        char = template[index]
        pair = template[index : index + 2]
        if depth == 0 and pair in ("{{", "}}"):
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}" and depth:
            if pair == "}}":
                index += 2
                continue
            depth -= 1
        elif depth == 0:
            out.append(char)
        index += 1
    return "".join(out)


def _split_segments(template: str) -> list[str]:
    """Split on ``/`` outside parameters."""
    segments: list[str] = []
    current: list[str] = []
    inside = False
    index = 0
    while index < len(template):
        char = template[index]
        pair = template[index : index + 2]
        if inside:
            if pair in ("}}", "{{"):
                current.append(pair)
                index += 2
                continue
            if char == "}":
                inside = False
        elif pair in ("{{", "}}"):
            current.append(pair)
            index += 2
            continue
        elif char == "{":
            inside = True
        elif char == "}":
            raise RouteTemplateError(
                "a '}' with no '{' (write '}}' for a literal brace)"
            )
        elif char == "/":
            segments.append("".join(current))
            current = []
            index += 1
            continue
        current.append(char)
        index += 1
    if inside:
        raise RouteTemplateError("a '{' with no closing '}'")
    segments.append("".join(current))
    return segments


def _parse_segment(raw: str) -> list[Part]:
    parts: list[Part] = []
    literal: list[str] = []
    index = 0
    while index < len(raw):
        pair = raw[index : index + 2]
        if pair in ("{{", "}}"):
            literal.append(pair[0])
            index += 2
            continue
        if raw[index] == "{":
            end = _parameter_end(raw, index + 1)
            if literal:
                parts.append("".join(literal))
                literal = []
            inner = raw[index + 1 : end].replace("{{", "{").replace("}}", "}")
            parts.append(_parse_parameter(inner))
            index = end + 1
            continue
        literal.append(raw[index])
        index += 1
    if literal:
        parts.append("".join(literal))
    return parts


def _parameter_end(raw: str, start: int) -> int:
    index = start
    while index < len(raw):
        if raw[index : index + 2] in ("{{", "}}"):
            index += 2
            continue
        if raw[index] == "}":
            return index
        if raw[index] == "{":
            raise RouteTemplateError("a '{' inside a parameter (write '{{')")
        index += 1
    raise RouteTemplateError("a '{' with no closing '}'")  # pragma: no cover


def _parse_parameter(text: str) -> Parameter:
    index = 0
    stars = 0
    while index < len(text) and text[index] == "*" and stars < 2:
        stars += 1
        index += 1
    start = index
    while index < len(text) and text[index] not in ":=?":
        index += 1
    name = text[start:index]
    if not name or _NAME_FORBIDDEN & set(name):
        raise RouteTemplateError(f"{{{text}}}: invalid parameter name {name!r}")
    constraints: list[Constraint] = []
    optional = False
    default: str | None = None
    while index < len(text):
        char = text[index]
        if char == ":":
            index += 1
            begin = index
            while index < len(text) and (text[index].isalnum() or text[index] == "_"):
                index += 1
            constraint_name = text[begin:index]
            if not constraint_name:
                raise RouteTemplateError(f"{{{text}}}: a ':' with no constraint name")
            argument: str | None = None
            if index < len(text) and text[index] == "(":
                close = _closing_paren(text, index)
                argument = text[index + 1 : close]
                index = close + 1
            constraints.append(Constraint(constraint_name, argument))
        elif char == "?":
            if index != len(text) - 1:
                raise RouteTemplateError(f"{{{text}}}: '?' must end the parameter")
            optional = True
            index += 1
        elif char == "=":
            default = text[index + 1 :]
            if default.endswith("?"):  # "{a=1?}": optional and a default
                default, optional = default[:-1], True
            index = len(text)
        else:
            raise RouteTemplateError(f"{{{text}}}: unexpected {char!r}")
    if optional and default is not None:
        raise RouteTemplateError(
            f"{{{text}}}: an optional parameter cannot have a default value"
        )
    if stars and (optional or default is not None):
        raise RouteTemplateError(
            f"{{{text}}}: a catch-all parameter cannot be optional or have a default"
        )
    return Parameter(
        name,
        constraints=tuple(constraints),
        optional=optional,
        default=default,
        catch_all=bool(stars),
    )


def _closing_paren(text: str, start: int) -> int:
    """The ``)`` closing the ``(`` at *start* (nesting, escapes, ``[...]`` honoured)."""
    depth = 0
    index = start
    in_class = False
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise RouteTemplateError(f"{{{text}}}: a '(' with no closing ')'")
