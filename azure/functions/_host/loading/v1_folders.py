"""Load a v1 app: a folder per function, each with a ``function.json``.

A ``function.json`` has ``bindings``, ``scriptFile`` (default
``__init__.py``, else the 2018 ``main.py``), ``entryPoint`` (default
``main``) and ``disabled``. Scripts are imported as the worker imports them, as
modules of the ``__app__`` package rooted at the app, so relative imports
(``from ..shared import x``) work.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from ..._errors import FunctionLoadError
from ..._registry import BindingRegistry
from .config import read_json_object
from .function_checks import describe_function, import_app_module, is_disabled
from .model import FunctionInfo, HostConfig

__all__ = [
    "APP_PACKAGE",
    "DEFAULT_ENTRY_POINT",
    "DEFAULT_SCRIPT_FILE",
    "LEGACY_SCRIPT_FILE",
    "function_folders",
    "install_app_package",
    "load_v1_function",
    "load_v1_functions",
]

#: The package v1 scripts are imported under, as the worker names it.
APP_PACKAGE = "__app__"
#: The script of a function whose ``function.json`` names none.
DEFAULT_SCRIPT_FILE = "__init__.py"
#: The script used when there is no ``__init__.py``.
LEGACY_SCRIPT_FILE = "main.py"  # the 2018 preview's convention
#: The function called when ``function.json`` has no ``entryPoint``.
DEFAULT_ENTRY_POINT = "main"


def load_v1_functions(
    root: Path, host: HostConfig, *, registry: BindingRegistry
) -> tuple[list[FunctionInfo], list[str], list[FunctionLoadError]]:
    """The functions of the v1 app at *root*, the disabled ones' names, the problems."""
    functions: list[FunctionInfo] = []
    disabled: list[str] = []
    errors: list[FunctionLoadError] = []
    wanted = {name.lower() for name in host.functions} if host.functions else None
    folders = [path for path in function_folders(root)]
    if not folders:
        errors.append(
            FunctionLoadError(
                "no functions found: neither function_app.py nor a folder "
                "with a function.json",
                file=str(root),
            )
        )
    for folder in folders:
        name = folder.name
        if wanted is not None and name.lower() not in wanted:
            continue
        try:
            function = load_v1_function(folder, root=root, registry=registry)
        except FunctionLoadError as exc:
            errors.append(exc)
            continue
        if function is None:
            disabled.append(name)
        else:
            functions.append(function)
    return functions, disabled, errors


def function_folders(root: Path) -> Iterator[Path]:
    """The folders of *root* with a ``function.json``, by name (ignoring case)."""
    children = sorted(root.iterdir(), key=lambda path: path.name.lower())
    for child in children:
        if child.name.startswith((".", "_")) or not child.is_dir():
            continue
        if (child / "function.json").is_file():
            yield child


def load_v1_function(
    folder: Path, *, root: Path, registry: BindingRegistry
) -> FunctionInfo | None:
    """Read, import and check the function of *folder*; ``None`` when it is disabled."""
    name = folder.name
    json_file = f"{name}/function.json"
    data = read_json_object(folder / "function.json", root=root)
    if is_disabled(name, data.get("disabled")):
        return None
    bindings = data.get("bindings")
    if not isinstance(bindings, list):
        raise FunctionLoadError(
            "'bindings' must be a list of binding objects",
            file=json_file,
            function=name,
        )
    script_name = data.get("scriptFile")
    if script_name is None:
        script = folder / DEFAULT_SCRIPT_FILE
        if not script.is_file() and (folder / LEGACY_SCRIPT_FILE).is_file():
            script = folder / LEGACY_SCRIPT_FILE
    elif isinstance(script_name, str) and script_name:
        script = (folder / script_name).resolve()
    else:
        raise FunctionLoadError(
            "'scriptFile' must be a file name", file=json_file, function=name
        )
    entry_point = data.get("entryPoint", DEFAULT_ENTRY_POINT)
    if not isinstance(entry_point, str) or not entry_point.isidentifier():
        raise FunctionLoadError(
            f"'entryPoint' is {json.dumps(entry_point)}; expected a Python name",
            file=json_file,
            function=name,
        )
    func = _import_entry_point(script, entry_point, name, json_file, root=root)
    return describe_function(
        name=name,
        directory=folder,
        script_file=script,
        entry_point=entry_point,
        func=func,
        raw_bindings=bindings,
        source="v1",
        file=json_file,
        registry=registry,
    )


def _import_entry_point(
    script: Path, entry_point: str, name: str, json_file: str, *, root: Path
) -> Callable[..., object]:
    try:
        relative = script.relative_to(root)
    except ValueError:
        raise FunctionLoadError(
            f"'scriptFile' {str(script)!r} is outside the app directory",
            file=json_file,
            function=name,
        ) from None
    where = relative.as_posix()
    if script.suffix != ".py":
        raise FunctionLoadError(
            f"'scriptFile' {where!r} is not a Python file (.py)",
            file=json_file,
            function=name,
        )
    if not script.is_file():
        raise FunctionLoadError(
            f"the script file {where} does not exist", file=json_file, function=name
        )
    parts = [APP_PACKAGE, *relative.parts[:-1]]
    if script.stem.lower() != "__init__":
        parts.append(script.stem)
    install_app_package(root)
    module = import_app_module(".".join(parts), where=where, function=name, root=root)
    func: object = getattr(module, entry_point, None)
    if not callable(func):
        raise FunctionLoadError(
            f"the entry point {entry_point}() is not defined in it "
            "(set 'entryPoint' in function.json to use another name)",
            file=where,
            function=name,
        )
    return func


def install_app_package(root: Path) -> None:
    """Put the ``__app__`` package, rooted at *root*, into ``sys.modules``."""
    location = str(root)
    existing = sys.modules.get(APP_PACKAGE)
    if existing is not None and list(getattr(existing, "__path__", ())) == [location]:
        return
    for module_name in list(sys.modules):
        if module_name == APP_PACKAGE or module_name.startswith(APP_PACKAGE + "."):
            del sys.modules[module_name]
    spec = importlib.machinery.ModuleSpec(APP_PACKAGE, None, is_package=True)
    spec.submodule_search_locations = [location]
    package = importlib.util.module_from_spec(spec)
    sys.modules[APP_PACKAGE] = package
