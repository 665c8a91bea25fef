"""``ExtensionMeta``: the metaclass that registers worker extensions and their hooks.

The registries are class attributes of :class:`ExtensionMeta`, read through
``cls`` on every call, so that tests (ours, the worker's) can reset them by
assignment or ``clear()``. Importing this module again (after ``azure.functions``
is dropped from ``sys.modules``) gives the same class, registries and all:

* ``_app_exts``: an :class:`AppExtensionHooks` (``None`` until the first
  application extension), filled when an application extension class is defined;
* ``_func_exts``: lower-cased function (trigger) name -> :class:`FuncExtensionHooks`,
  filled when a function extension is instantiated;
* ``_info``: the names behind :meth:`ExtensionMeta.get_registered_extensions_json`.
"""

from __future__ import annotations

import abc
from typing import Any, ClassVar, TypedDict

from ._generations import first_generation
from .app_extension_hooks import AppExtensionHooks
from .extension_hook_meta import ExtensionHookMeta
from .extension_scope import ExtensionScope
from .func_extension_hooks import FuncExtensionHooks
from .function_extension_exception import FunctionExtensionException

__all__ = ["ExtensionMeta"]

TYPE_CHECKING = False

# The base classes themselves carry a scope but are not extensions. They are
# recognised by name, as in the reference (which its tests rely on).
_APP_BASE_NAME = "AppExtensionBase"
_FUNC_BASE_NAME = "FuncExtensionBase"


class _RegisteredNames(TypedDict, total=False):
    """The JSON document of registered extensions, keys in registration order."""

    FuncExtension: dict[str, list[str]]
    AppExtension: list[str]


def _add_hooks(
    hooks: AppExtensionHooks | FuncExtensionHooks,
    extension: object,
    extension_name: str,
) -> None:
    """Append each hook *extension* defines to the list of the same name."""
    for hook_name, registered in zip(hooks._fields, hooks, strict=True):
        impl = getattr(extension, hook_name, None)
        if callable(impl):
            registered.append(ExtensionHookMeta(extension_name, impl))


class ExtensionMeta(abc.ABCMeta):
    """Metaclass of the extension bases: registers extensions as they appear.

    An application extension is registered when its class is defined (its
    ``init()`` classmethod runs then); a function extension when it is
    instantiated in a function's script. The Python worker asks for the hooks
    with :meth:`get_application_hooks` and :meth:`get_function_hooks`.
    """

    _func_exts: ClassVar[dict[str, FuncExtensionHooks]] = {}
    _app_exts: ClassVar[AppExtensionHooks | None] = None
    _info: ClassVar[_RegisteredNames] = {}

    def __init__(
        cls,
        name: str,
        bases: tuple[type, ...],
        namespace: dict[str, Any],
        /,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, bases, namespace, **kwargs)
        if ExtensionMeta._get_extension_scope(cls) is ExtensionScope.APPLICATION:
            ExtensionMeta._register_application_extension(cls)

    # Typed Any on purpose: mypy then checks `MyExtension(...)` against the
    # class's own __init__ and gives it the class's type.
    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        """Create and register a function extension; refuse anything else."""
        scope = ExtensionMeta._get_extension_scope(cls)
        if scope is ExtensionScope.FUNCTION:
            instance = super().__call__(*args, **kwargs)
            ExtensionMeta._register_function_extension(instance)
            return instance
        if scope is ExtensionScope.APPLICATION:
            raise FunctionExtensionException(
                f"{cls.__name__} is an application extension ({scope}): it is "
                "used as a class and must not be instantiated; call its "
                "classmethods instead"
            )
        raise FunctionExtensionException(
            f"{cls.__name__} is not a Python worker extension: derive it from "
            "AppExtensionBase or FuncExtensionBase"
        )

    @classmethod
    def get_function_hooks(cls, name: str) -> FuncExtensionHooks | None:
        """The hooks of function *name* (case-insensitive), or ``None``."""
        return cls._func_exts.get(name.lower())

    @classmethod
    def get_application_hooks(cls) -> AppExtensionHooks | None:
        """The hooks of every application extension, or ``None`` if there is none."""
        return cls._app_exts

    @classmethod
    def get_registered_extensions_json(cls) -> str:
        """The registered extensions' class names as JSON, for the worker's log.

        ``{"FuncExtension": {"<Function>": ["Name", ...]}, "AppExtension":
        ["Name", ...]}``; a key appears once something of its kind is
        registered, the first registered first (``"{}"`` when nothing is).
        """
        import json

        return json.dumps(cls._info)

    @classmethod
    def _get_extension_scope(cls, extension: object) -> ExtensionScope:
        """The scope *extension* (a class or an instance) declares in ``_scope``."""
        scope = getattr(extension, "_scope", ExtensionScope.UNKNOWN)
        return scope if isinstance(scope, ExtensionScope) else ExtensionScope.UNKNOWN

    @classmethod
    def _set_hooks_for_function(cls, trigger_name: str, extension: object) -> None:
        """Add the hooks of function extension *extension* to *trigger_name*'s."""
        hooks = cls._func_exts.get(trigger_name.lower())
        if hooks is None:
            hooks = FuncExtensionHooks([], [], [])
            cls._func_exts[trigger_name.lower()] = hooks
        _add_hooks(hooks, extension, type(extension).__name__)

    @classmethod
    def _set_hooks_for_application(cls, extension: type) -> None:
        """Add the hooks of application extension class *extension*."""
        if cls._app_exts is None:
            cls._app_exts = AppExtensionHooks([], [], [])
        _add_hooks(cls._app_exts, extension, extension.__name__)

    @classmethod
    def _register_function_extension(cls, extension: object) -> None:
        """Register a new function extension instance under its function."""
        extension_name = type(extension).__name__
        if extension_name == _FUNC_BASE_NAME:
            return
        trigger_name = getattr(extension, "_trigger_name", None)
        if not isinstance(trigger_name, str):
            raise FunctionExtensionException(
                f"{extension_name} does not know its function: its __init__ "
                "must call super().__init__(__file__)"
            )
        cls._set_hooks_for_function(trigger_name, extension)
        functions = cls._info.setdefault("FuncExtension", {})
        functions.setdefault(trigger_name, []).append(extension_name)

    @classmethod
    def _register_application_extension(cls, extension: type) -> None:
        """Run a new application extension's ``init()`` and register its hooks."""
        if extension.__name__ == _APP_BASE_NAME:
            return
        init = getattr(extension, "init", None)
        if callable(init):
            init()
        cls._set_hooks_for_application(extension)
        cls._info.setdefault("AppExtension", []).append(extension.__name__)


if not TYPE_CHECKING:
    # One registry per process: see ._generations.
    ExtensionMeta = first_generation(ExtensionMeta)
