"""The typed description of a function app, whichever front door it came through.

A v1 app (a folder per function, each with a ``function.json``) and a v2 app
(``function_app.py`` and its decorators) describe the same things: functions,
each with bindings. Both are loaded into these types; the rest of the host
reads nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Literal, final

from ..._types import JSONValue

__all__ = [
    "AppInfo",
    "BindingInfo",
    "Direction",
    "FunctionInfo",
    "HostConfig",
    "ParamInfo",
    "ReturnInfo",
]

#: A binding's direction, lower-case (``function.json`` and v2 spell it either way).
Direction = Literal["in", "out", "inout"]

_NO_RAW: Mapping[str, JSONValue] = MappingProxyType({})


@final
class BindingInfo:
    """One binding: its name, type, direction and data type, and its raw JSON.

    ``raw`` holds every key as written (``route``, ``methods``, ``schedule``,
    ``queueName`` ...); :meth:`get` reads one ignoring case, as the host does.
    """

    __slots__ = ("_raw", "data_type", "direction", "name", "type")

    def __init__(
        self,
        *,
        name: str,
        type: str,
        direction: Direction,
        data_type: str | None = None,
        raw: Mapping[str, JSONValue] | None = None,
    ) -> None:
        self.name = name
        self.type = type
        self.direction: Direction = direction
        self.data_type = data_type
        self._raw = MappingProxyType(dict(raw)) if raw else _NO_RAW

    @property
    def raw(self) -> Mapping[str, JSONValue]:
        """The binding's JSON object, read-only."""
        return self._raw

    @property
    def is_trigger(self) -> bool:
        """Whether this binding triggers the function (its type ends in ``Trigger``)."""
        return self.type.lower().endswith("trigger")

    def get(self, key: str, default: JSONValue = None) -> JSONValue:
        """The raw value of *key*, matched ignoring case; *default* when absent."""
        if key in self._raw:
            return self._raw[key]
        lowered = key.lower()
        for name, value in self._raw.items():
            if name.lower() == lowered:
                return value
        return default

    def __repr__(self) -> str:
        return f"<BindingInfo {self.name!r} {self.type} {self.direction}>"


@final
class ParamInfo:
    """How one parameter of the Python function gets (or sends) its binding's value.

    ``converter`` is the registry name of the converter the worker uses: the
    binding's type, or ``"generic"`` for a ``str``/``bytes`` annotation.
    ``pytype`` is the annotation (``T`` for ``Out[T]``), ``None`` when absent.
    """

    __slots__ = ("binding", "converter", "is_out", "name", "pytype")

    def __init__(
        self,
        *,
        name: str,
        binding: BindingInfo,
        converter: str,
        pytype: object,
        is_out: bool,
    ) -> None:
        self.name = name
        self.binding = binding
        self.converter = converter
        self.pytype = pytype
        self.is_out = is_out

    def __repr__(self) -> str:
        kind = "out" if self.is_out else "in"
        return f"<ParamInfo {self.name!r} {kind} via {self.converter!r}>"


@final
class ReturnInfo:
    """Where the function's return value goes: a ``$return`` or implicit binding."""

    __slots__ = ("binding", "converter", "pytype")

    def __init__(self, *, binding: BindingInfo, converter: str, pytype: object) -> None:
        self.binding = binding
        self.converter = converter
        self.pytype = pytype

    def __repr__(self) -> str:
        return f"<ReturnInfo {self.binding.name!r} via {self.converter!r}>"


@final
class FunctionInfo:
    """One loaded, checked function: what the host needs to trigger and call it.

    ``inputs`` and ``outputs`` are its bound parameters (``outputs`` are the
    ``Out[T]`` ones); ``return_info`` says where the return value goes (``None``:
    nowhere); ``context_param`` names the parameter that receives a
    :class:`~azure.functions.Context`, if any.
    """

    __slots__ = (
        "bindings",
        "context_param",
        "directory",
        "entry_point",
        "func",
        "inputs",
        "is_async",
        "name",
        "outputs",
        "return_binding",
        "return_info",
        "script_file",
        "source",
        "trigger",
    )

    def __init__(
        self,
        *,
        name: str,
        directory: Path,
        script_file: Path,
        entry_point: str,
        func: Callable[..., object],
        is_async: bool,
        bindings: tuple[BindingInfo, ...],
        trigger: BindingInfo,
        return_binding: BindingInfo | None,
        inputs: tuple[ParamInfo, ...],
        outputs: tuple[ParamInfo, ...],
        return_info: ReturnInfo | None,
        context_param: str | None,
        source: Literal["v1", "v2"],
    ) -> None:
        self.name = name
        self.directory = directory
        self.script_file = script_file
        self.entry_point = entry_point
        self.func = func
        self.is_async = is_async
        self.bindings = bindings
        self.trigger = trigger
        self.return_binding = return_binding
        self.inputs = inputs
        self.outputs = outputs
        self.return_info = return_info
        self.context_param = context_param
        self.source: Literal["v1", "v2"] = source

    def binding(self, name: str) -> BindingInfo:
        """The binding called *name*; ``KeyError`` when there is none."""
        for binding in self.bindings:
            if binding.name == name:
                return binding
        raise KeyError(name)

    @property
    def trigger_param(self) -> ParamInfo:
        """The parameter that receives the trigger's value."""
        for param in self.inputs:
            if param.binding is self.trigger:
                return param
        raise LookupError(f"function {self.name!r} has no trigger parameter")

    def __repr__(self) -> str:
        return f"<FunctionInfo {self.name!r} {self.trigger.type}>"


@final
class HostConfig:
    """What the local host reads from ``host.json``.

    ``function_timeout`` is in seconds (``None``: unbounded); ``custom_headers``
    are added to every HTTP response (``extensions.http.customHeaders``);
    ``functions`` lists the only functions to load, when set.
    """

    __slots__ = ("custom_headers", "function_timeout", "functions", "route_prefix")

    def __init__(
        self,
        *,
        route_prefix: str = "api",
        function_timeout: float | None = 300.0,
        custom_headers: tuple[tuple[str, str], ...] = (),
        functions: tuple[str, ...] | None = None,
    ) -> None:
        self.route_prefix = route_prefix
        self.function_timeout = function_timeout
        self.custom_headers = custom_headers
        self.functions = functions

    def __repr__(self) -> str:
        return (
            f"<HostConfig route_prefix={self.route_prefix!r} "
            f"function_timeout={self.function_timeout!r}>"
        )


@final
class AppInfo:
    """A loaded app: its root, host configuration, settings and functions.

    ``disabled`` names the functions that are present but disabled
    (``"disabled": true`` or the ``AzureWebJobs.<name>.Disabled`` setting).
    ``app_object`` is the object a v2 app's functions came from (the
    ``func.FunctionApp`` ...), ``None`` for a v1 app.
    """

    __slots__ = (
        "app_object",
        "disabled",
        "functions",
        "host",
        "kind",
        "root",
        "settings",
    )

    def __init__(
        self,
        *,
        root: Path,
        kind: Literal["v1", "v2"],
        host: HostConfig,
        settings: Mapping[str, str],
        functions: tuple[FunctionInfo, ...],
        disabled: tuple[str, ...] = (),
        app_object: object = None,
    ) -> None:
        self.root = root
        self.kind: Literal["v1", "v2"] = kind
        self.host = host
        self.settings = MappingProxyType(dict(settings))
        self.functions = functions
        self.disabled = disabled
        self.app_object = app_object

    def function(self, name: str) -> FunctionInfo:
        """The function called *name*, ignoring case as the host does."""
        lowered = name.lower()
        for function in self.functions:
            if function.name.lower() == lowered:
                return function
        raise KeyError(name)

    def __repr__(self) -> str:
        return (
            f"<AppInfo {self.kind} {str(self.root)!r} {len(self.functions)} functions>"
        )
