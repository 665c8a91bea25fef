"""Load a function app, v1 or v2, into one :class:`~.model.AppInfo`.

:class:`AppLoader` reads ``host.json`` and ``local.settings.json``, then loads
a v2 app (``function_app.py``, see :mod:`.v2_indexing`) or else a v1 app (a
folder per function with a ``function.json``, see :mod:`.v1_folders`), and can
undo what loading did to the process.

Both go through :func:`describe_function` and so through the worker's checks
(:mod:`.signature`; see :mod:`.function_checks`). Every problem found is
reported at once in an :class:`~azure.functions._errors.AppLoadError`.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from ..._errors import AppLoadError, FunctionLoadError
from ..._registry import BindingRegistry, get_binding_registry
from ..watch import is_source_folder
from .config import (
    LocalSettings,
    apply_settings,
    read_host_config,
    read_local_settings,
)
from .function_checks import describe_function, parse_binding
from .model import AppInfo
from .v1_folders import APP_PACKAGE, load_v1_functions
from .v2_indexing import (
    V2_SCRIPT_FILE,
    FunctionLike,
    FunctionRegisterLike,
    find_registers,
    functions_from_register,
    load_v2_functions,
)

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
            functions, disabled, errors, app_object = load_v2_functions(
                script, host, root=root, registry=self._registry
            )
            kind: Literal["v1", "v2"] = "v2"
        else:
            functions, disabled, errors = load_v1_functions(
                root, host, registry=self._registry
            )
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

    def _app_modules(self) -> dict[str, types.ModuleType]:
        """The app's own modules: its files' (and the v1 ``__app__`` package).

        Not what is installed inside the app's folder (a ``.venv`` there is
        where most users keep one): see :class:`_InstalledCode`.
        """
        location = str(self.root)
        prefix = location + os.sep
        installed = _InstalledCode(self.root)
        found: dict[str, types.ModuleType] = {}
        for module_name, module in list(sys.modules.items()):
            if module_name == APP_PACKAGE:
                if list(getattr(module, "__path__", ())) == [location]:
                    found[module_name] = module
                continue
            file = getattr(module, "__file__", None)
            if not isinstance(file, str):
                continue
            path = os.path.abspath(file)
            if (
                path.startswith(prefix)
                and not installed.holds(path)
                and module_name != _FRAMEWORK
                and not module_name.startswith(_FRAMEWORK_PREFIX)
            ):
                found[module_name] = module
        return found

    def _purge_modules(self) -> None:
        """Forget the app's own modules (stale after edits); installed ones stay."""
        for module_name in self._app_modules():
            del sys.modules[module_name]


_FRAMEWORK = "azure.functions"
_FRAMEWORK_PREFIX = _FRAMEWORK + "."


class _InstalledCode:
    """Which files under an app's root are installed packages, not the app's code.

    Those in a folder that is not the app's source (a hidden one such as
    ``.venv``, a virtual environment, ``site-packages`` ...: see
    :func:`~..watch.is_source_folder`, which ``--watch`` skips too), or under
    the running Python's own prefixes when those lie inside the app.
    """

    __slots__ = ("_prefix", "_prefixes", "_source")

    def __init__(self, root: Path) -> None:
        self._prefix = str(root) + os.sep
        self._prefixes = tuple(
            prefix
            for prefix in {
                os.path.abspath(p) + os.sep
                for p in (
                    sys.prefix,
                    sys.base_prefix,
                    sys.exec_prefix,
                    sys.base_exec_prefix,
                )
            }
            if prefix.startswith(self._prefix)
        )
        #: Folder → whether it may hold the app's code (asked once per folder).
        self._source: dict[str, bool] = {}

    def holds(self, path: str) -> bool:
        """Whether *path* (absolute, under the root) is installed code."""
        if self._prefixes and path.startswith(self._prefixes):
            return True
        parent = self._prefix[:-1]
        for name in path[len(self._prefix) :].split(os.sep)[:-1]:
            folder = os.path.join(parent, name)
            source = self._source.get(folder)
            if source is None:
                source = self._source[folder] = is_source_folder(parent, name)
            if not source:
                return True
            parent = folder
        return False


def load_app(
    root: str | os.PathLike[str], *, settings: Mapping[str, str] | None = None
) -> AppInfo:
    """Load the app at *root* (v2 when it has ``function_app.py``, else v1)."""
    return AppLoader(root, settings=settings).load()
