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

import decimal
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import final
from urllib.parse import unquote

from .._metadata import parse_datetime

__all__ = [
    "Constraint",
    "MethodNotAllowed",
    "Parameter",
    "Route",
    "RouteMatch",
    "RouteTemplate",
    "RouteTemplateError",
    "Router",
    "parse_template",
    "split_path",
]


class RouteTemplateError(ValueError):
    """A route template the host would refuse; the message says why."""


# --- constraints -------------------------------------------------------------

_WS = " \t\n\r\f\v"
_INTEGER = re.compile(r"[ \t\n\r\f\v]*[+-]?[0-9]+[ \t\n\r\f\v]*")
_DECIMAL = re.compile(
    r"[ \t\n\r\f\v]*[+-]?(?:[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)[ \t\n\r\f\v]*"
)
_FLOAT = re.compile(
    r"[ \t\n\r\f\v]*[+-]?(?:[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)"
    r"(?:[eE][+-]?[0-9]+)?[ \t\n\r\f\v]*"
)
_FLOAT_WORDS = frozenset({"nan", "infinity", "-infinity", "+infinity"})
_HEX = "[0-9a-fA-F]"
_GUID = re.compile(
    rf"{_HEX}{{32}}"
    rf"|{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}"
    rf"|\{{{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}\}}"
    rf"|\({_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}\)"
)
_ALPHA = re.compile(r"[a-zA-Z]+")
_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)


def _integer(value: str, bounds: tuple[int, int]) -> int | None:
    if _INTEGER.fullmatch(value) is None:
        return None
    number = int(value.strip(_WS))
    return number if bounds[0] <= number <= bounds[1] else None


def _is_datetime(value: str) -> bool:
    try:
        parse_datetime(value)
    except ValueError:
        return False
    return True


def _is_decimal(value: str) -> bool:
    if _DECIMAL.fullmatch(value) is None:
        return False
    try:
        number = decimal.Decimal(value.strip(_WS).replace(",", ""))
    except decimal.InvalidOperation:  # pragma: no cover - the pattern rules it out
        return False
    return abs(number) < decimal.Decimal("79228162514264337593543950336")


def _is_float(value: str) -> bool:
    return (
        _FLOAT.fullmatch(value) is not None or value.strip(_WS).lower() in _FLOAT_WORDS
    )


def _long_argument(name: str, argument: str) -> int:
    number = _integer(argument, _INT64)
    if number is None:
        raise RouteTemplateError(f"{name}({argument}): expected an integer")
    return number


def _arguments(name: str, argument: str | None, count: tuple[int, ...]) -> list[str]:
    parts = [] if argument is None else [part.strip() for part in argument.split(",")]
    if len(parts) not in count:
        wanted = " or ".join(str(n) for n in count)
        raise RouteTemplateError(f"the {name} constraint takes {wanted} argument(s)")
    return parts


def _build_check(name: str, argument: str | None) -> Callable[[str], bool]:
    """The predicate for constraint *name* (lower-case) with *argument*."""
    simple: dict[str, Callable[[str], bool]] = {
        "int": lambda v: _integer(v, _INT32) is not None,
        "long": lambda v: _integer(v, _INT64) is not None,
        "bool": lambda v: v.strip(_WS).lower() in ("true", "false"),
        "datetime": _is_datetime,
        "decimal": _is_decimal,
        "double": _is_float,
        "float": _is_float,
        "guid": lambda v: _GUID.fullmatch(v.strip(_WS)) is not None,
        "alpha": lambda v: _ALPHA.fullmatch(v) is not None,
        "required": lambda v: v != "",
    }
    check = simple.get(name)
    if check is not None:
        _arguments(name, argument, (0,))
        return check
    if name == "regex":
        if not argument:
            raise RouteTemplateError("the regex constraint needs an expression")
        try:
            pattern = re.compile(argument, re.IGNORECASE)
        except re.error as exc:
            raise RouteTemplateError(f"regex({argument}): {exc}") from None
        return lambda v: pattern.search(v) is not None
    if name in ("length", "minlength", "maxlength"):
        counts = (1, 2) if name == "length" else (1,)
        numbers = [
            _long_argument(name, part) for part in _arguments(name, argument, counts)
        ]
        if any(number < 0 for number in numbers):
            raise RouteTemplateError(f"{name}({argument}): lengths are not negative")
        if name == "minlength":
            return lambda v: len(v) >= numbers[0]
        if name == "maxlength":
            return lambda v: len(v) <= numbers[0]
        low, high = (numbers[0], numbers[0]) if len(numbers) == 1 else numbers
        if low > high:
            raise RouteTemplateError(
                f"length({argument}): the minimum is above the maximum"
            )
        return lambda v: low <= len(v) <= high
    if name in ("min", "max", "range"):
        counts = (2,) if name == "range" else (1,)
        numbers = [
            _long_argument(name, part) for part in _arguments(name, argument, counts)
        ]
        if name == "min":
            low, high = numbers[0], _INT64[1]
        elif name == "max":
            low, high = _INT64[0], numbers[0]
        else:
            low, high = numbers
            if low > high:
                raise RouteTemplateError(
                    f"range({argument}): the minimum is above the maximum"
                )

        def in_range(value: str) -> bool:
            number = _integer(value, _INT64)
            return number is not None and low <= number <= high

        return in_range
    raise RouteTemplateError(f"unknown constraint {name!r}")


@final
class Constraint:
    """One inline constraint: ``int``, ``min(1)``, ``regex(^a)`` ..."""

    __slots__ = ("_check", "argument", "name")

    def __init__(self, name: str, argument: str | None = None) -> None:
        self.name = name.lower()
        self.argument = argument
        self._check = _build_check(self.name, argument)

    def accepts(self, value: str) -> bool:
        """Whether *value* (decoded) satisfies the constraint."""
        return self._check(value)

    def __repr__(self) -> str:
        if self.argument is None:
            return f"<Constraint {self.name}>"
        return f"<Constraint {self.name}({self.argument})>"


@final
class Parameter:
    """A route parameter: its name, constraints, and whether it may be left out."""

    __slots__ = ("catch_all", "constraints", "default", "name", "optional")

    def __init__(
        self,
        name: str,
        *,
        constraints: tuple[Constraint, ...] = (),
        optional: bool = False,
        default: str | None = None,
        catch_all: bool = False,
    ) -> None:
        self.name = name
        self.constraints = constraints
        self.optional = optional
        self.default = default
        self.catch_all = catch_all

    @property
    def may_be_omitted(self) -> bool:
        """Optional, with a default, or a catch-all."""
        return self.optional or self.default is not None or self.catch_all

    def accepts(self, value: str) -> bool:
        """Whether *value* satisfies every constraint."""
        return all(constraint.accepts(value) for constraint in self.constraints)

    def __repr__(self) -> str:
        return f"<Parameter {self.name!r}>"


Part = str | Parameter


@final
class _Segment:
    __slots__ = ("parts", "pattern")

    def __init__(self, parts: tuple[Part, ...]) -> None:
        self.parts = parts
        self.pattern: re.Pattern[str] | None = None
        if len(parts) > 1:
            self.pattern = _complex_pattern(parts)

    @property
    def literal(self) -> str | None:
        if len(self.parts) == 1 and isinstance(self.parts[0], str):
            return self.parts[0]
        return None

    @property
    def parameter(self) -> Parameter | None:
        if len(self.parts) == 1 and isinstance(self.parts[0], Parameter):
            return self.parts[0]
        return None

    @property
    def precedence(self) -> int:
        if len(self.parts) > 1:
            return 2
        part = self.parts[0]
        if isinstance(part, str):
            return 1
        digit = 5 if part.catch_all else 3
        return digit - 1 if part.constraints else digit


def _complex_pattern(parts: tuple[Part, ...]) -> re.Pattern[str]:
    """A segment mixing literals and parameters, matched as ASP.NET Core does.

    ASP.NET matches complex segments right to left, so the last literal found
    from the right ends the last parameter: greedy parameters do the same.
    An optional last parameter (``{name}.{ext?}``) takes what follows the
    last ``.``, if anything.
    """
    last = parts[-1]
    optional_tail = isinstance(last, Parameter) and last.optional
    pieces: list[str] = []
    for index, part in enumerate(parts):
        if isinstance(part, str):
            if optional_tail and index == len(parts) - 2:
                continue  # the '.' goes with the optional parameter
            pieces.append(re.escape(part))
        elif part.optional:
            pieces.append(r"(?:\.([^.]+))?")
        elif optional_tail and index == len(parts) - 3:
            pieces.append("(.+?)")
        else:
            pieces.append("(.+)")
    return re.compile("".join(pieces), re.IGNORECASE | re.DOTALL)


@final
class RouteTemplate:
    """A parsed route template; :meth:`match` reads a path's route values."""

    __slots__ = ("_segments", "parameters", "text")

    def __init__(self, text: str, segments: tuple[_Segment, ...]) -> None:
        self.text = text
        self._segments = segments
        self.parameters = tuple(
            part
            for segment in segments
            for part in segment.parts
            if isinstance(part, Parameter)
        )

    @property
    def precedence(self) -> tuple[int, ...]:
        """Lower sorts first: the more specific template."""
        return tuple(segment.precedence for segment in self._segments)

    @property
    def shape(self) -> str:
        """The template with parameter names erased, to find duplicate routes."""
        out: list[str] = []
        for segment in self._segments:
            text = "".join(
                part.lower() if isinstance(part, str) else _shape_of(part)
                for part in segment.parts
            )
            out.append(text)
        return "/".join(out)

    def match(self, segments: Sequence[str]) -> dict[str, str] | None:
        """Route values for decoded path *segments*; ``None`` if it does not match."""
        values: dict[str, str] = {}
        template = self._segments
        for index, segment in enumerate(template):
            parameter = segment.parameter
            if parameter is not None and parameter.catch_all:
                rest = "/".join(segments[index:])
                if rest:
                    if not parameter.accepts(rest):
                        return None
                    values[parameter.name] = rest
                elif parameter.default is not None:
                    values[parameter.name] = parameter.default
                return values
            if index >= len(segments):
                return self._fill_omitted(template[index:], values)
            value = segments[index]
            if not value:
                return None
            literal = segment.literal
            if literal is not None:
                if value.lower() != literal.lower():
                    return None
            elif parameter is not None:
                if not parameter.accepts(value):
                    return None
                values[parameter.name] = value
            elif not self._match_complex(segment, value, values):
                return None
        if len(segments) > len(template):
            return None
        return values

    @staticmethod
    def _fill_omitted(
        rest: Sequence[_Segment], values: dict[str, str]
    ) -> dict[str, str] | None:
        for segment in rest:
            parameter = segment.parameter
            if parameter is None or not parameter.may_be_omitted:
                return None
            if parameter.default is not None:
                values[parameter.name] = parameter.default
        return values

    @staticmethod
    def _match_complex(segment: _Segment, value: str, values: dict[str, str]) -> bool:
        assert segment.pattern is not None
        found = segment.pattern.fullmatch(value)
        if found is None:
            return False
        groups = iter(found.groups())
        for part in segment.parts:
            if isinstance(part, Parameter):
                captured = next(groups)
                if captured is None:
                    continue
                if not part.accepts(captured):
                    return False
                values[part.name] = captured
        return True

    def __repr__(self) -> str:
        return f"<RouteTemplate {self.text!r}>"


def _shape_of(parameter: Parameter) -> str:
    constraints = ":".join(
        f"{c.name}({c.argument})" if c.argument is not None else c.name
        for c in parameter.constraints
    )
    star = "*" if parameter.catch_all else ""
    mark = "?" if parameter.may_be_omitted else ""
    return "{" + star + constraints + mark + "}"


# --- parsing -------------------------------------------------------------------

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


# --- paths ---------------------------------------------------------------------


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


@final
class Router:
    """Routes ordered most specific first; :meth:`match` finds a request's."""

    __slots__ = ("routes",)

    def __init__(self, routes: Iterable[Route]) -> None:
        self.routes = sorted(
            routes,
            key=lambda r: (r.template.precedence, r.template.text.lower(), r.function),
        )

    def match(self, method: str, raw_path: str) -> RouteMatch | MethodNotAllowed | None:
        """The route for *method* on *raw_path* (percent-encoded, without the query)."""
        return self.match_segments(method, split_path(raw_path))

    def match_segments(
        self, method: str, segments: Sequence[str]
    ) -> RouteMatch | MethodNotAllowed | None:
        """:meth:`match` for a path already split (:func:`split_path`)."""
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
