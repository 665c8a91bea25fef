"""Load a v2 app: index the function app object ``function_app.py`` defines.

``function_app.py`` (or ``PYTHON_SCRIPT_FILE_NAME``) defines one object the
worker would index (a ``FunctionApp``): anything with ``get_functions()``,
whose functions have ``get_function_name()``, ``get_user_function()`` and
``get_raw_bindings()`` (one JSON string per binding). See
:func:`functions_from_register`.
"""

from __future__ import annotations

import inspect
import json
import types
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from ..._errors import FunctionLoadError
from ..._registry import BindingRegistry
from ..._types import JSONValue
from .function_checks import (
    describe_function,
    import_app_module,
    is_disabled,
    relative_path,
)
from .model import FunctionInfo, HostConfig

__all__ = [
    "V2_SCRIPT_FILE",
    "FunctionLike",
    "FunctionRegisterLike",
    "find_registers",
    "functions_from_register",
    "load_v2_functions",
]

#: The script of a v2 app, unless ``PYTHON_SCRIPT_FILE_NAME`` names another.
V2_SCRIPT_FILE = "function_app.py"


class FunctionLike(Protocol):
    """What the worker reads from each function a v2 app indexes."""

    def get_function_name(self) -> str | None:
        """The function's name."""
        ...

    def get_user_function(self) -> Callable[..., object]:
        """The Python function to call."""
        ...

    def get_raw_bindings(self) -> list[str]:
        """Each binding as a JSON string."""
        ...


class FunctionRegisterLike(Protocol):
    """A v2 app object (``func.FunctionApp``): the worker calls ``get_functions()``."""

    def get_functions(self) -> Sequence[FunctionLike]:
        """Every function of the app."""
        ...


def find_registers(namespace: Mapping[str, object]) -> list[object]:
    """What the worker would index in a module: objects with ``get_functions()``."""
    found: list[object] = []
    for value in namespace.values():
        if isinstance(value, (type, types.ModuleType)):
            continue
        if callable(getattr(value, "get_functions", None)) and not any(
            value is other for other in found
        ):
            found.append(value)
    return found


def functions_from_register(
    register: FunctionRegisterLike,
    *,
    root: Path,
    script_file: Path,
    registry: BindingRegistry | None = None,
) -> tuple[list[FunctionInfo], list[FunctionLoadError]]:
    """Describe every function of a v2 app object; problems are returned, not raised.

    A problem with a function names the file that holds it (a blueprint's
    module ...); one with the app as a whole, *script_file*.
    """
    file = relative_path(script_file, root)
    errors: list[FunctionLoadError] = []
    try:
        functions = list(register.get_functions())
    except FunctionLoadError as exc:
        return [], [exc]
    except Exception as exc:  # the app's own checks (FunctionDefinitionError ...)
        function = getattr(exc, "function", None)
        error = FunctionLoadError(
            f"indexing the app raised {type(exc).__name__}: {exc}",
            file=file,
            function=function if isinstance(function, str) else None,
        )
        error.__cause__ = exc
        return [], [error]
    described: list[FunctionInfo] = []
    for function in functions:
        func = function.get_user_function()
        python_name = str(getattr(func, "__name__", ""))
        name = function.get_function_name() or python_name
        file = _file_holding(func, root) or relative_path(script_file, root)
        try:
            raw_bindings: list[JSONValue] = []
            for index, text in enumerate(function.get_raw_bindings()):
                try:
                    raw_bindings.append(json.loads(text))
                except (TypeError, json.JSONDecodeError) as exc:
                    raise FunctionLoadError(
                        f"bindings[{index}] is not valid JSON: {exc}",
                        file=file,
                        function=name,
                    ) from None
            described.append(
                describe_function(
                    name=name,
                    directory=root,
                    script_file=script_file,
                    entry_point=python_name or name,
                    func=func,
                    raw_bindings=raw_bindings,
                    source="v2",
                    file=file,
                    registry=registry,
                )
            )
        except FunctionLoadError as exc:
            errors.append(exc)
    return described, errors


def _file_holding(func: Callable[..., object], root: Path) -> str | None:
    """The file *func* is written in (a blueprint's module ...), for messages."""
    try:
        source = inspect.getsourcefile(inspect.unwrap(func))
    except (TypeError, ValueError):  # a builtin, a callable object ...
        return None
    return relative_path(Path(source), root) if source else None


def load_v2_functions(
    script: Path, host: HostConfig, *, root: Path, registry: BindingRegistry
) -> tuple[list[FunctionInfo], list[str], list[FunctionLoadError], object]:
    """Import *script* and index its app: functions, disabled names, problems, app."""
    where = relative_path(script, root)
    try:
        module = import_app_module(
            script.stem, where=where, function=None, root=root, path=script
        )
    except FunctionLoadError as exc:
        return [], [], [exc], None
    registers = find_registers(vars(module))
    if not registers:
        error = FunctionLoadError(
            "defines no function app: create one at module level "
            "(app = func.FunctionApp())",
            file=where,
        )
        return [], [], [error], None
    if len(registers) > 1:
        names = [
            name
            for name, value in vars(module).items()
            if any(value is r for r in registers)
        ]
        error = FunctionLoadError(
            "more than one function app is defined at module level: "
            + ", ".join(names),
            file=where,
        )
        return [], [], [error], None
    register: FunctionRegisterLike = registers[0]  # type: ignore[assignment]
    functions, errors = functions_from_register(
        register, root=root, script_file=script, registry=registry
    )
    wanted = {name.lower() for name in host.functions} if host.functions else None
    kept: list[FunctionInfo] = []
    disabled: list[str] = []
    for function in functions:
        if wanted is not None and function.name.lower() not in wanted:
            continue
        if is_disabled(function.name, None):
            disabled.append(function.name)
        else:
            kept.append(function)
    return kept, disabled, errors, register
