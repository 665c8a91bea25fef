"""Small helpers the decorators share: enum names, camelCase keys, enum parsing.

The host reads bindings as JSON whose keys are camelCase (``queueName``) and
whose enum values are the enum member *names* (``"ANONYMOUS"``, ``"STRING"``);
Python spells the same things in snake_case and with enum members or strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

from .._errors import FunctionDefinitionError

__all__ = [
    "StringifyEnum",
    "StringifyEnumJsonEncoder",
    "is_snake_case",
    "is_word",
    "parse_iterable_param_to_enums",
    "parse_singular_param_to_enum",
    "to_camel_case",
]

_E = TypeVar("_E", bound=Enum)

_SNAKE_CASE = re.compile(r"^([a-zA-Z]+\d*_|_+[a-zA-Z\d])\w*$")
_WORD = re.compile(r"^[a-zA-Z]+\d*$")


class StringifyEnum(Enum):
    """An enum whose ``str()`` (and JSON rendering) is the member's name."""

    def __str__(self) -> str:
        return self.name


class StringifyEnumJsonEncoder(json.JSONEncoder):
    """JSON encoder that writes a :class:`StringifyEnum` member as its ``str()``.

    That is its name, unless the enum says otherwise (``DeliveryMode``).
    """

    def default(self, o: object) -> object:
        """The member's ``str()`` for a :class:`StringifyEnum`, else the base error."""
        if isinstance(o, StringifyEnum):
            return str(o)
        return super().default(o)


def is_snake_case(text: str) -> bool:
    """Whether *text* is snake_case: letters and digits joined by ``_``."""
    return _SNAKE_CASE.match(text) is not None


def is_word(text: str) -> bool:
    """Whether *text* is one word: letters, then optionally digits."""
    return _WORD.match(text) is not None


def to_camel_case(snake_case_str: str) -> str:
    """``queue_name`` → ``queueName``; a single word (``route``) is kept as is.

    Raises :class:`~azure.functions.FunctionDefinitionError` (a ``ValueError``)
    for an empty name or one that is neither a word nor snake_case.
    """
    if not snake_case_str:
        raise FunctionDefinitionError(None, "a binding property name cannot be empty")
    if not is_snake_case(snake_case_str) and not is_word(snake_case_str):
        raise FunctionDefinitionError(
            None,
            f"{snake_case_str!r} is not a usable binding property name: use a "
            "word or snake_case (letters and digits joined by '_')",
            argument=snake_case_str,
        )
    first, *rest = snake_case_str.split("_")
    return first + "".join(word.title() for word in rest)


def _lookup(value: str, enum: type[_E]) -> _E | None:
    members = enum.__members__
    member = members.get(value.upper())
    if member is not None:
        return member
    for candidate in members.values():
        if (
            isinstance(candidate.value, str)
            and candidate.value.lower() == value.lower()
        ):
            return candidate
    return None


def _choices(enum: type[Enum]) -> str:
    return ", ".join(enum.__members__)


def parse_singular_param_to_enum(
    param: _E | str | None, class_name: type[_E]
) -> _E | None:
    """A member of *class_name* from a member, its name or its value (any case).

    ``None`` stays ``None``; anything else raises
    :class:`~azure.functions.FunctionDefinitionError` listing the choices.
    """
    if param is None or isinstance(param, class_name):
        return param
    if isinstance(param, str):
        member = _lookup(param, class_name)
        if member is not None:
            return member
        raise FunctionDefinitionError(
            None,
            f"{param!r} is not a {class_name.__name__}; "
            f"choose one of {_choices(class_name)}",
        )
    raise FunctionDefinitionError(
        None,
        f"expected a {class_name.__name__} or its name as str, "
        f"got {type(param).__name__}",
    )


def parse_iterable_param_to_enums(
    param_values: Iterable[_E | str] | None, class_name: type[_E]
) -> list[_E] | None:
    """Members of *class_name* from members, names or values (any case).

    A single ``str`` counts as one value (``methods="GET"``), not as letters.
    """
    if param_values is None:
        return None
    if isinstance(param_values, (str, class_name)):
        param_values = [param_values]
    if not isinstance(param_values, Iterable):
        raise FunctionDefinitionError(
            None,
            f"expected an iterable of {class_name.__name__}, "
            f"got {type(param_values).__name__}",
        )
    members: list[_E] = []
    for value in param_values:
        member = parse_singular_param_to_enum(value, class_name)
        if member is None:
            raise FunctionDefinitionError(
                None,
                f"None is not a {class_name.__name__}; "
                f"choose one of {_choices(class_name)}",
            )
        members.append(member)
    return members
