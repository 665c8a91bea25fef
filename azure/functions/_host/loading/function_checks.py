"""What v1 and v2 loading share: one function checked, the app's code imported.

:func:`describe_function` checks a function and its bindings as the host and
the worker do (through :mod:`.signature`) and describes it in a
:class:`~.model.FunctionInfo`. :func:`import_app_module` imports the app's code
and reports a failure as a :class:`~azure.functions._errors.FunctionLoadError`
naming the file; :func:`is_disabled` reads ``disabled`` and the
``AzureWebJobs.<name>.Disabled`` settings.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import os
import sys
import types
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from ..._errors import FunctionLoadError
from ..._registry import BindingRegistry, get_binding_registry
from ..._types import JSONValue
from .model import BindingInfo, Direction, FunctionInfo
from .signature import check_signature

__all__ = [
    "describe_function",
    "import_app_module",
    "is_disabled",
    "parse_binding",
    "relative_path",
]

_DIRECTIONS: Mapping[str, Direction] = {"in": "in", "out": "out", "inout": "inout"}


def parse_binding(
    raw: JSONValue, *, index: int, file: str, function: str
) -> BindingInfo:
    """One binding's JSON object → :class:`BindingInfo` (direction and type checked)."""
    if not isinstance(raw, dict):
        raise FunctionLoadError(
            f"bindings[{index}] is not a JSON object", file=file, function=function
        )
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise FunctionLoadError(
            f"bindings[{index}] has no 'name'", file=file, function=function
        )
    kind = raw.get("type")
    if not isinstance(kind, str) or not kind:
        raise FunctionLoadError(
            "the binding has no 'type'", file=file, function=function, binding=name
        )
    direction = raw.get("direction")
    parsed = _DIRECTIONS.get(direction.lower()) if isinstance(direction, str) else None
    if parsed is None:
        raise FunctionLoadError(
            f'\'direction\' is {json.dumps(direction)}; expected "in", "out" or '
            '"inout"',
            file=file,
            function=function,
            binding=name,
        )
    data_type = raw.get("dataType")
    if data_type is not None and not isinstance(data_type, str):
        raise FunctionLoadError(
            "'dataType' must be a string", file=file, function=function, binding=name
        )
    if data_type is not None:
        data_type = data_type.lower()
        if data_type == "undefined":
            data_type = None
    return BindingInfo(
        name=name, type=kind, direction=parsed, data_type=data_type, raw=raw
    )


def describe_function(
    *,
    name: str,
    directory: Path,
    script_file: Path,
    entry_point: str,
    func: Callable[..., object],
    raw_bindings: Sequence[JSONValue],
    source: Literal["v1", "v2"],
    file: str,
    registry: BindingRegistry | None = None,
) -> FunctionInfo:
    """Check one function and its bindings as the host and the worker do.

    *file* names the file errors point at (``HttpHello/function.json``,
    ``function_app.py``).
    """
    registry = registry if registry is not None else get_binding_registry()
    bindings = tuple(
        parse_binding(raw, index=index, file=file, function=name)
        for index, raw in enumerate(raw_bindings)
    )
    seen: dict[str, str] = {}
    for binding in bindings:
        other = seen.get(binding.name.lower())
        if other is not None:
            raise FunctionLoadError(
                "another binding has this name; binding names are unique "
                "(ignoring case)",
                file=file,
                function=name,
                binding=binding.name,
            )
        seen[binding.name.lower()] = binding.name
    triggers = [binding for binding in bindings if binding.is_trigger]
    if not triggers:
        raise FunctionLoadError(
            "no trigger binding: a function needs exactly one "
            "(httpTrigger, timerTrigger, queueTrigger ...)",
            file=file,
            function=name,
        )
    if len(triggers) > 1:
        raise FunctionLoadError(
            "more than one trigger binding: "
            + ", ".join(f"{b.name!r} ({b.type})" for b in triggers),
            file=file,
            function=name,
        )
    trigger = triggers[0]
    if trigger.direction != "in":
        raise FunctionLoadError(
            'a trigger binding has the "in" direction',
            file=file,
            function=name,
            binding=trigger.name,
        )
    signature = check_signature(
        func, bindings, registry=registry, function=name, file=file
    )
    return_binding = next((b for b in bindings if b.name == "$return"), None)
    return FunctionInfo(
        name=name,
        directory=directory,
        script_file=script_file,
        entry_point=entry_point,
        func=func,
        is_async=inspect.iscoroutinefunction(func),
        bindings=bindings,
        trigger=trigger,
        return_binding=return_binding,
        inputs=signature.inputs,
        outputs=signature.outputs,
        return_info=signature.return_info,
        context_param=signature.context_param,
        source=source,
    )


def import_app_module(
    module_name: str,
    *,
    where: str,
    function: str | None,
    root: Path,
    path: Path | None = None,
) -> types.ModuleType:
    """Import *module_name*; from the file *path* when given.

    By file, as a top-level module: another app's ``function_app`` already
    in ``sys.modules`` (two test clients in one process) is not taken for it.
    """
    try:
        if path is None:
            return importlib.import_module(module_name)
        return _import_file(module_name, path)
    except SyntaxError as exc:
        file = where
        if exc.filename:
            file = relative_path(Path(exc.filename), root)
        detail = f"SyntaxError: {exc.msg}"
        if exc.lineno:
            detail += f" (line {exc.lineno})"
        raise FunctionLoadError(detail, file=file, function=function) from exc
    except Exception as exc:
        raise FunctionLoadError(
            f"importing it raised {type(exc).__name__}: {exc}",
            file=where,
            function=function,
        ) from exc


def _import_file(module_name: str, path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}", path=str(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        if sys.modules.get(module_name) is module:
            del sys.modules[module_name]
        raise
    return module


def is_disabled(name: str, flag: JSONValue) -> bool:
    """Whether function *name* is off: its ``disabled`` *flag* or a setting says so."""
    if flag is True or (isinstance(flag, str) and flag.lower() == "true"):
        return True
    for setting in (f"AzureWebJobs.{name}.Disabled", f"AzureWebJobs_{name}_Disabled"):
        value = os.environ.get(setting, "")
        if value.lower() in ("true", "1"):
            return True
    return False


def relative_path(path: Path, root: Path) -> str:
    """*path* relative to the app *root* (POSIX), or as it is when outside it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
