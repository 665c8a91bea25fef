"""Binding names: the host's rule for them, and the check of a function's bindings.

Each binding's name is checked as its decorator runs
(:func:`check_binding_name`); when the function is built, its bindings are
checked together (:func:`_check_bindings`): unique names, ``$return`` only
for an output, and each name one of the function's parameters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .._errors import FunctionDefinitionError
from .core import Binding, BindingDirection

if TYPE_CHECKING:
    from ._function import Function

RETURN = "$return"
# The host's rule for binding names (since early 2025 it takes snake_case):
# a letter or "_", then up to 127 letters, digits or "_", never "__".
_BINDING_NAME = re.compile(r"^(?!.*__)[A-Za-z_][A-Za-z0-9_]{0,127}$")


def check_binding_name(name: object, argument: str = "arg_name") -> str:
    """*name* if the host accepts it as a binding name, else an error saying why."""
    if not isinstance(name, str):
        raise FunctionDefinitionError(
            None,
            f"a binding name must be str, got {type(name).__name__}",
            argument=argument,
        )
    if name != RETURN and not _BINDING_NAME.match(name):
        raise FunctionDefinitionError(
            None,
            f"the host refuses the binding name {name!r}: it takes a letter or '_' "
            "followed by up to 127 letters, digits or '_' (never '__'), or '$return'",
            argument=argument,
        )
    return name


def _parameters(func: Callable[..., object]) -> set[str] | None:
    """The names a binding can fill, or ``None`` when they cannot be known."""
    import inspect

    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return None
    names: set[str] = set()
    for parameter in signature.parameters.values():
        if parameter.kind is parameter.VAR_KEYWORD:
            return None
        if parameter.kind is not parameter.VAR_POSITIONAL:
            names.add(parameter.name)
    return names


def _check_bindings(function: Function[..., object]) -> None:
    seen: dict[str, Binding] = {}
    parameters = _parameters(function._func)
    for binding in function._bindings:
        check_binding_name(binding.name, argument=binding.name)
        other = seen.get(binding.name.lower())
        if other is not None:
            raise FunctionDefinitionError(
                None,
                f"two bindings are named {binding.name!r} ({other.type} and "
                f"{binding.type}); binding names must be unique",
                argument=binding.name,
            )
        seen[binding.name.lower()] = binding
        if binding.name == RETURN:
            if binding._direction is not BindingDirection.OUT:
                raise FunctionDefinitionError(
                    None,
                    f"the {binding.type} binding named '$return' must be an output",
                    argument=binding.name,
                )
        elif parameters is not None and binding.name not in parameters:
            listed = ", ".join(sorted(parameters)) or "none"
            raise FunctionDefinitionError(
                None,
                f"the {binding.type} binding {binding.name!r} names no parameter "
                f"of the function (its parameters: {listed})",
                argument=binding.name,
            )
