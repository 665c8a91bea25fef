"""Inline route constraints (``{id:int}``, ``min(1)`` ...) and template errors.

The constraint names and the template syntax are described in
:mod:`azure.functions._host.routing.router`.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Callable
from typing import final

from ..._metadata import parse_datetime

__all__ = ["Constraint", "RouteTemplateError"]


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
