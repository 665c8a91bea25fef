"""The ``function_name`` setting: the name the host knows the function by."""

from __future__ import annotations

import re

from .._errors import FunctionDefinitionError
from .core import Setting

__all__ = ["FUNCTION_NAME", "FunctionName", "check_function_name"]

#: The setting name of :class:`FunctionName` (``@app.function_name``).
FUNCTION_NAME = "function_name"

# The host's rule (case-insensitive): a letter, then up to 127 letters, digits,
# '_' or '-'; and not "host".
_VALID_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]{0,127}$")


def check_function_name(name: object) -> str:
    """*name* if the host accepts it as a function name, else an error saying why."""
    if not isinstance(name, str):
        raise FunctionDefinitionError(
            None, f"a function name must be str, got {type(name).__name__}"
        )
    if not _VALID_NAME.match(name) or name.lower() == "host":
        raise FunctionDefinitionError(
            name,
            "the host accepts function names of a letter followed by up to 127 "
            "letters, digits, '_' or '-' (and not 'host')",
        )
    return name


class FunctionName(Setting):
    """Names the function (``@app.function_name``); the default is the Python name."""

    fields = ("function_name",)

    def __init__(self, function_name: str, **kwargs: object) -> None:
        self.function_name = check_function_name(function_name)
        super().__init__(FUNCTION_NAME, **kwargs)
