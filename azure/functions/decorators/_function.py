"""A function being defined (:class:`FunctionBuilder`) and as built (:class:`Function`).

Each decorator records a binding or setting on the function's
:class:`FunctionBuilder`; ``build()`` checks the definition and gives the
:class:`Function` the Python worker indexes. How the decorators reach the
builder is told in :mod:`azure.functions.decorators._builder`.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, ParamSpec, TypeVar

from .._errors import FunctionDefinitionError
from ._binding_names import _check_bindings
from ._routes import check_route, join_route
from .constants import HTTP_TRIGGER
from .core import AuthLevel, Binding, Setting, Trigger
from .function_name import FUNCTION_NAME, check_function_name
from .utils import StringifyEnumJsonEncoder, parse_singular_param_to_enum

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["Function", "FunctionBuilder"]

P = ParamSpec("P")
R = TypeVar("R", covariant=True)


class Function(Generic[P, R]):
    """One function of the app as the worker indexes it: the callable and its bindings.

    Built by ``app.get_functions()`` (or ``FunctionBuilder.build()``) from the
    decorators; the worker reads its name, user function, bindings (and their
    JSON), trigger and settings.
    """

    def __init__(self, func: Callable[P, R], script_file: str) -> None:
        self._name: str | None = getattr(func, "__name__", None)
        self._func: Callable[P, R] = func
        self._trigger: Trigger | None = None
        self._bindings: list[Binding] = []
        self._settings: list[Setting] = []
        self.function_script_file = script_file
        self.http_type = "function"
        self._is_http_function = False

    def __str__(self) -> str:
        return self.get_function_json()

    def __repr__(self) -> str:
        types = [binding.type for binding in self._bindings]
        return f"<Function {self.get_function_name()!r} {types}>"

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Calls the user function."""
        return self._func(*args, **kwargs)

    def add_binding(self, binding: Binding) -> None:
        """Adds an input or output binding (triggers go through :meth:`add_trigger`)."""
        self._bindings.append(binding)

    def add_trigger(self, trigger: Trigger) -> None:
        """Adds the trigger; a function has exactly one."""
        if self._trigger is not None:
            raise FunctionDefinitionError(
                self.get_function_name(),
                f"it already has the trigger {self._trigger.type!r} "
                f"({self._trigger.name!r}); a function has exactly one trigger, "
                f"so {trigger.type!r} ({trigger.name!r}) cannot be added",
            )
        self._trigger = trigger
        self._bindings.append(trigger)

    def add_setting(self, setting: Setting) -> None:
        """Adds a setting (its name, its retry policy); each at most once."""
        if self.get_setting(setting.setting_name) is not None:
            raise FunctionDefinitionError(
                self.get_function_name(),
                f"the setting {setting.setting_name!r} is given twice",
            )
        self._settings.append(setting)

    def set_http_type(self, http_type: str) -> None:
        """Sets how HTTP is served: ``"function"``, ``"asgi"`` or ``"wsgi"``."""
        self.http_type = http_type

    def is_http_function(self) -> bool:
        """Whether the trigger is an HTTP trigger."""
        return self._is_http_function

    def get_trigger(self) -> Trigger | None:
        """The trigger (``None`` only before the function is built)."""
        return self._trigger

    def get_bindings(self) -> list[Binding]:
        """Every binding, the trigger included, in decorator order (bottom-up)."""
        return self._bindings

    def get_setting(self, setting_name: str) -> Setting | None:
        """The setting called *setting_name*, or ``None``."""
        for setting in self._settings:
            if setting.setting_name == setting_name:
                return setting
        return None

    def get_settings_dict(self, setting_name: str) -> dict[str, object] | None:
        """The setting *setting_name* as a dict (``"retry_policy"``), or ``None``."""
        setting = self.get_setting(setting_name)
        return setting.get_dict_repr() if setting is not None else None

    def get_function_name(self) -> str | None:
        """The function's name: ``@app.function_name``'s, else the Python name."""
        setting = self.get_setting(FUNCTION_NAME)
        if setting is not None:
            name = setting.get_settings_value(FUNCTION_NAME)
            if isinstance(name, str):
                return name
        return self._name

    def get_raw_bindings(self) -> list[str]:
        """Each binding's JSON, as the worker sends it to the host."""
        return [
            json.dumps(binding.get_dict_repr(), cls=StringifyEnumJsonEncoder)
            for binding in self._bindings
        ]

    def get_bindings_dict(self) -> dict[str, object]:
        """``{"bindings": [...]}``: each binding's JSON object."""
        return {"bindings": [binding.get_dict_repr() for binding in self._bindings]}

    def get_dict_repr(self) -> dict[str, object]:
        """The function's ``function.json`` as a dict (script file and bindings)."""
        return {"scriptFile": self.function_script_file, **self.get_bindings_dict()}

    def get_user_function(self) -> Callable[P, R]:
        """The Python function the worker calls."""
        return self._func

    def get_function_json(self) -> str:
        """The function's ``function.json`` as a JSON string."""
        return json.dumps(self.get_dict_repr(), cls=StringifyEnumJsonEncoder)


class _Placement:
    """Where a function sits: the blueprints' route prefix and HTTP auth level."""

    __slots__ = ("auth_level", "route_prefix")

    def __init__(
        self, route_prefix: str = "", auth_level: AuthLevel | None = None
    ) -> None:
        self.route_prefix = route_prefix
        self.auth_level = auth_level

    def inside(self, route_prefix: str, auth_level: AuthLevel | None) -> _Placement:
        """Where this function sits once its container sits under *route_prefix*."""
        return _Placement(
            join_route(route_prefix, self.route_prefix),
            self.auth_level if self.auth_level is not None else auth_level,
        )


_HOME = _Placement()


class FunctionBuilder(Generic[P, R]):
    """What a decorator returns: the user function, callable as before, being defined.

    Calling it calls the function (type checkers see its exact signature);
    ``build()`` checks the definition and gives its :class:`Function`.
    """

    __name__: str
    __qualname__: str
    __wrapped__: Callable[P, R]

    def __init__(self, func: Callable[P, R], function_script_file: str) -> None:
        self._function: Function[P, R] = Function(func, function_script_file)
        functools.update_wrapper(self, func, updated=())
        _mark_coroutine_function(self, func)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Calls the user function."""
        return self._function._func(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<FunctionBuilder {self._function.get_function_name()!r}>"

    def configure_http_type(self, http_type: str) -> Self:
        """Sets how HTTP is served (``"function"``, ``"asgi"``, ``"wsgi"``)."""
        self._function.set_http_type(http_type)
        return self

    def add_trigger(self, trigger: Trigger) -> Self:
        """Adds the function's trigger."""
        self._function.add_trigger(trigger=trigger)
        return self

    def add_binding(self, binding: Binding) -> Self:
        """Adds an input or output binding."""
        self._function.add_binding(binding=binding)
        return self

    def add_setting(self, setting: Setting) -> Self:
        """Adds a setting."""
        self._function.add_setting(setting=setting)
        return self

    def build(self, auth_level: AuthLevel | str | None = None) -> Function[P, R]:
        """Checks the definition and gives the :class:`Function`.

        *auth_level* is used by an HTTP trigger that sets none.
        """
        return self._build(parse_singular_param_to_enum(auth_level, AuthLevel), _HOME)

    def _build(
        self, auth_level: AuthLevel | None, placement: _Placement
    ) -> Function[P, R]:
        draft = self._function
        name = draft.get_function_name()
        if name is None:
            raise FunctionDefinitionError(
                None,
                f"{draft._func!r} has no __name__; name it with @app.function_name",
            )
        check_function_name(name)
        trigger = draft.get_trigger()
        if trigger is None:
            raise FunctionDefinitionError(
                name,
                "it has no trigger: a function needs exactly one trigger decorator "
                "(route, timer_trigger, queue_trigger, ...)",
            )
        try:
            _check_bindings(draft)
        except FunctionDefinitionError as error:
            raise FunctionDefinitionError(
                name, error.detail, argument=error.argument
            ) from None
        function = copy.copy(draft)
        function._settings = list(draft._settings)
        function._bindings = list(draft._bindings)
        if trigger.type == HTTP_TRIGGER:
            built = _finish_http_trigger(trigger, name, auth_level, placement)
            function._bindings = [built if b is trigger else b for b in draft._bindings]
            function._trigger = built
            function._is_http_function = True
        return function


def _finish_http_trigger(
    trigger: Trigger, name: str, auth_level: AuthLevel | None, placement: _Placement
) -> Trigger:
    route = getattr(trigger, "route", None)
    route = join_route(placement.route_prefix, name if route is None else str(route))
    try:
        check_route(route)
    except FunctionDefinitionError as error:
        raise FunctionDefinitionError(name, error.detail, argument="route") from None
    changes: dict[str, object] = {"route": route}
    if getattr(trigger, "auth_level", None) is None:
        level = placement.auth_level if placement.auth_level is not None else auth_level
        if level is not None:
            changes["auth_level"] = level
    return trigger._replace(**changes)


def _mark_coroutine_function(builder: object, func: object) -> None:
    """Lets ``inspect.iscoroutinefunction`` see an async function in its builder."""
    import inspect

    mark = getattr(inspect, "markcoroutinefunction", None)  # Python 3.12+
    if mark is not None and inspect.iscoroutinefunction(func):
        mark(builder)
