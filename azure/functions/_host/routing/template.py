"""Parsed route templates: parameters, segments, matching and precedence.

The template syntax and the precedence rules are described in
:mod:`azure.functions._host.routing.router`; :mod:`.parser` builds these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import final

from .constraints import Constraint

__all__ = ["Parameter", "Part", "RouteTemplate"]


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
