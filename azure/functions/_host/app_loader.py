"""Load a function app, v1 or v2, into one :class:`~.model.AppInfo`.

v1: a folder per function, each with a ``function.json`` (``bindings``,
``scriptFile`` (default ``__init__.py``, else the 2018 ``main.py``),
``entryPoint`` (default ``main``), ``disabled``). Scripts are imported as the
worker imports them, as modules of the ``__app__`` package rooted at the app,
so relative imports (``from ..shared import x``) work.

v2: ``function_app.py`` (or ``PYTHON_SCRIPT_FILE_NAME``) defines one object the
worker would index (a ``FunctionApp``): anything with ``get_functions()``,
whose functions have ``get_function_name()``, ``get_user_function()`` and
``get_raw_bindings()`` (one JSON string per binding). See
:func:`functions_from_register`.

Both go through :func:`describe_function` and so through the worker's checks
(:mod:`.signature`). Every problem found is reported at once in an
:class:`~azure.functions._errors.AppLoadError`.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.machinery
import importlib.util
import inspect
import json
import os
import sys
import traceback
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Literal, Protocol

from .._errors import AppLoadError, FunctionLoadError
from .._registry import BindingRegistry, get_binding_registry
from .._types import JSONValue
from .config import (
    LocalSettings,
    apply_settings,
    read_host_config,
    read_json_object,
    read_local_settings,
)
from .model import AppInfo, BindingInfo, Direction, FunctionInfo, HostConfig
from .signature import check_signature

__all__ = [
    "AppLoader",
    "FunctionLike",
    "FunctionRegisterLike",
    "LoadCheckpoint",
    "describe_function",
    "find_registers",
    "format_load_error",
    "functions_from_register",
    "load_app",
    "parse_binding",
]

#: The package v1 scripts are imported under, as the worker names it.
APP_PACKAGE = "__app__"
DEFAULT_SCRIPT_FILE = "__init__.py"
LEGACY_SCRIPT_FILE = "main.py"  # the 2018 preview's convention
DEFAULT_ENTRY_POINT = "main"
V2_SCRIPT_FILE = "function_app.py"

_DIRECTIONS: Mapping[str, Direction] = {"in": "in", "out": "out", "inout": "inout"}


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
    """Describe every function of a v2 app object; problems are returned, not raised."""
    file = _relative(script_file, root)
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


class LoadCheckpoint:
    """What :meth:`AppLoader.rollback` restores: settings, modules, local settings."""

    __slots__ = ("env", "local_settings", "modules")

    def __init__(
        self,
        *,
        env: Mapping[str, str],
        modules: Mapping[str, types.ModuleType],
        local_settings: LocalSettings,
    ) -> None:
        self.env = dict(env)
        self.modules = dict(modules)
        self.local_settings = local_settings

    def __repr__(self) -> str:
        return f"<LoadCheckpoint {len(self.modules)} modules {len(self.env)} settings>"


def format_load_error(error: AppLoadError) -> str:
    """Every problem of *error*, one per line; an import's traceback indented below."""
    lines = ["the app cannot be loaded"]
    for problem in error.errors:
        lines.append(f"  {problem}")
        cause = problem.__cause__
        if cause is not None and not isinstance(
            cause, (SyntaxError, FunctionLoadError)
        ):
            text = "".join(traceback.format_exception(cause)).rstrip()
            lines.append("    " + text.replace("\n", "\n    "))
    return "\n".join(lines)


class AppLoader:
    """Loads one app and can undo what loading did to the process.

    Loading puts ``local.settings.json`` values into the environment (never
    overriding a variable), the app root on ``sys.path`` and its modules into
    ``sys.modules``; :meth:`unload` takes them out again (a test client loads
    many apps in one process).
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        settings: Mapping[str, str] | None = None,
        registry: BindingRegistry | None = None,
    ) -> None:
        self.root = Path(root).resolve()
        self._extra_settings = dict(settings or {})
        self._registry = registry if registry is not None else get_binding_registry()
        self._added_env: list[str] = []
        self._added_path = False
        self.local_settings = LocalSettings({})

    def load(self) -> AppInfo:
        """Read, import and check the app; :class:`AppLoadError` lists every problem."""
        root = self.root
        if not root.is_dir():
            raise AppLoadError(
                [
                    FunctionLoadError(
                        "not a directory: no function app here", file=str(root)
                    )
                ]
            )
        try:
            host = read_host_config(root)
            self.local_settings = read_local_settings(root)
        except FunctionLoadError as exc:
            raise AppLoadError([exc]) from None
        settings = {**self.local_settings.values, **self._extra_settings}
        self._added_env = apply_settings(settings)
        self._purge_modules()
        if str(root) not in sys.path:
            sys.path.insert(0, str(root))
            self._added_path = True
        script = root / os.environ.get("PYTHON_SCRIPT_FILE_NAME", V2_SCRIPT_FILE)
        app_object: object = None
        if script.is_file():
            functions, disabled, errors, app_object = self._load_v2(script, host)
            kind: Literal["v1", "v2"] = "v2"
        else:
            functions, disabled, errors = self._load_v1(host)
            kind = "v1"
        if errors:
            raise AppLoadError(errors)
        return AppInfo(
            root=root,
            kind=kind,
            host=host,
            settings=settings,
            functions=tuple(functions),
            disabled=tuple(disabled),
            app_object=app_object,
        )

    def checkpoint(self) -> LoadCheckpoint:
        """Prepare to load again: take this load's settings out of the environment.

        The next :meth:`load` reads the files afresh (new values of
        ``local.settings.json`` apply); if it fails, :meth:`rollback` with the
        checkpoint puts the settings and the modules of this load back, so the
        app loaded before keeps running as it was.
        """
        saved = LoadCheckpoint(
            env={
                name: os.environ[name] for name in self._added_env if name in os.environ
            },
            modules=self._app_modules(),
            local_settings=self.local_settings,
        )
        for name in self._added_env:
            os.environ.pop(name, None)
        self._added_env = []
        return saved

    def rollback(self, checkpoint: LoadCheckpoint) -> None:
        """Undo a load made after *checkpoint* (see :meth:`checkpoint`)."""
        self._purge_modules()
        sys.modules.update(checkpoint.modules)
        for name in self._added_env:
            os.environ.pop(name, None)
        self._added_env = apply_settings(checkpoint.env)
        self.local_settings = checkpoint.local_settings

    def unload(self) -> None:
        """Take the app's modules, its ``sys.path`` entry and its settings out again."""
        self._purge_modules()
        if self._added_path:
            with contextlib.suppress(ValueError):
                sys.path.remove(str(self.root))
            self._added_path = False
        for name in self._added_env:
            os.environ.pop(name, None)
        self._added_env = []

    # -- v1 ---------------------------------------------------------------

    def _load_v1(
        self, host: HostConfig
    ) -> tuple[list[FunctionInfo], list[str], list[FunctionLoadError]]:
        functions: list[FunctionInfo] = []
        disabled: list[str] = []
        errors: list[FunctionLoadError] = []
        wanted = {name.lower() for name in host.functions} if host.functions else None
        folders = [path for path in self._function_folders()]
        if not folders:
            errors.append(
                FunctionLoadError(
                    "no functions found: neither function_app.py nor a folder "
                    "with a function.json",
                    file=str(self.root),
                )
            )
        for folder in folders:
            name = folder.name
            if wanted is not None and name.lower() not in wanted:
                continue
            try:
                function = self._load_v1_function(folder)
            except FunctionLoadError as exc:
                errors.append(exc)
                continue
            if function is None:
                disabled.append(name)
            else:
                functions.append(function)
        return functions, disabled, errors

    def _function_folders(self) -> Iterator[Path]:
        children = sorted(self.root.iterdir(), key=lambda path: path.name.lower())
        for child in children:
            if child.name.startswith((".", "_")) or not child.is_dir():
                continue
            if (child / "function.json").is_file():
                yield child

    def _load_v1_function(self, folder: Path) -> FunctionInfo | None:
        root = self.root
        name = folder.name
        json_file = f"{name}/function.json"
        data = read_json_object(folder / "function.json", root=root)
        if _is_disabled(name, data.get("disabled")):
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
        func = self._import_entry_point(script, entry_point, name, json_file)
        return describe_function(
            name=name,
            directory=folder,
            script_file=script,
            entry_point=entry_point,
            func=func,
            raw_bindings=bindings,
            source="v1",
            file=json_file,
            registry=self._registry,
        )

    def _import_entry_point(
        self, script: Path, entry_point: str, name: str, json_file: str
    ) -> Callable[..., object]:
        root = self.root
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
        self._install_app_package()
        module = _import(".".join(parts), where=where, function=name, root=root)
        func: object = getattr(module, entry_point, None)
        if not callable(func):
            raise FunctionLoadError(
                f"the entry point {entry_point}() is not defined in it "
                "(set 'entryPoint' in function.json to use another name)",
                file=where,
                function=name,
            )
        return func

    def _install_app_package(self) -> None:
        location = str(self.root)
        existing = sys.modules.get(APP_PACKAGE)
        if existing is not None and list(getattr(existing, "__path__", ())) == [
            location
        ]:
            return
        for module_name in list(sys.modules):
            if module_name == APP_PACKAGE or module_name.startswith(APP_PACKAGE + "."):
                del sys.modules[module_name]
        spec = importlib.machinery.ModuleSpec(APP_PACKAGE, None, is_package=True)
        spec.submodule_search_locations = [location]
        package = importlib.util.module_from_spec(spec)
        sys.modules[APP_PACKAGE] = package

    # -- v2 ---------------------------------------------------------------

    def _load_v2(
        self, script: Path, host: HostConfig
    ) -> tuple[list[FunctionInfo], list[str], list[FunctionLoadError], object]:
        where = _relative(script, self.root)
        try:
            module = _import(
                script.stem, where=where, function=None, root=self.root, path=script
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
            register, root=self.root, script_file=script, registry=self._registry
        )
        wanted = {name.lower() for name in host.functions} if host.functions else None
        kept: list[FunctionInfo] = []
        disabled: list[str] = []
        for function in functions:
            if wanted is not None and function.name.lower() not in wanted:
                continue
            if _is_disabled(function.name, None):
                disabled.append(function.name)
            else:
                kept.append(function)
        return kept, disabled, errors, register

    def _app_modules(self) -> dict[str, types.ModuleType]:
        """The modules imported from the app root (and the v1 ``__app__`` package)."""
        location = str(self.root)
        prefix = location + os.sep
        found: dict[str, types.ModuleType] = {}
        for module_name, module in list(sys.modules.items()):
            if module_name == APP_PACKAGE:
                if list(getattr(module, "__path__", ())) == [location]:
                    found[module_name] = module
                continue
            file = getattr(module, "__file__", None)
            if isinstance(file, str) and os.path.abspath(file).startswith(prefix):
                found[module_name] = module
        return found

    def _purge_modules(self) -> None:
        """Forget modules imported from the app root (stale after edits)."""
        for module_name in self._app_modules():
            del sys.modules[module_name]


def load_app(
    root: str | os.PathLike[str], *, settings: Mapping[str, str] | None = None
) -> AppInfo:
    """Load the app at *root* (v2 when it has ``function_app.py``, else v1)."""
    return AppLoader(root, settings=settings).load()


def _import(
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
            file = _relative(Path(exc.filename), root)
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


def _is_disabled(name: str, flag: JSONValue) -> bool:
    if flag is True or (isinstance(flag, str) and flag.lower() == "true"):
        return True
    for setting in (f"AzureWebJobs.{name}.Disabled", f"AzureWebJobs_{name}_Disabled"):
        value = os.environ.get(setting, "")
        if value.lower() in ("true", "1"):
            return True
    return False


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
