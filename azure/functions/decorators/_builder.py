"""The decorator machinery: from ``@app.queue_trigger(...)`` to a function's bindings.

Each decorator on a user function records a binding (or a setting) on that
function's :class:`FunctionBuilder`, which the decorator returns in place of
the function: calling it calls the function, with the same signature for type
checkers, and ``.build()`` gives the :class:`Function` (as in the reference,
whose unit-test recipe is ``hello.build().get_user_function()(req)``). The app
collects the builders; ``app.get_functions()`` builds, checks and returns the
:class:`Function` objects the Python worker indexes.

Adding a decorator
------------------
1. Describe the binding once, in its family's module (``decorators/queue.py``,
   the reference's module path), as a subclass of ``Trigger``,
   ``InputBinding`` or ``OutputBinding`` (the direction) with ``binding_type``
   (the host type) and ``fields`` (see :mod:`azure.functions.decorators.core`)::

       class QueueOutput(OutputBinding):
           \"\"\"Writes messages to a Storage queue (``queue``).\"\"\"

           binding_type = QUEUE
           fields = (Field("queue_name"), Field("connection"))

   ``fields`` are in the order of the reference class's ``__init__``
   parameters (that is the JSON's key order); ``Field(..., enum=Cardinality)``
   for enum values, ``key=`` where the camelCase of the name is not the key,
   ``default=`` where the reference has a default other than ``None``. Do
   not give the class an ``__init__``.

2. Write the decorator as a documented, typed method on the family's mixin (a
   :class:`DecoratorApi` subclass) whose body is one call::

       class _QueueBindingApi(DecoratorApi):
           def queue_output(
               self,
               arg_name: str,
               queue_name: str,
               connection: str,
               data_type: DataType | str | None = None,
               **kwargs: object,
           ) -> FunctionDecorator:
               \"\"\"Writes messages to a Storage queue ...\"\"\"
               return self._add(QueueOutput, locals())

   Parameter names, order and defaults are the reference's (enum parameters
   typed ``Enum | str | None``). :meth:`DecoratorApi._add` reads the method's
   own parameters: ``arg_name`` is the binding's ``name``, ``data_type`` its
   ``dataType``, ``type`` its host type (generic bindings), ``kwargs`` extra
   properties; every other parameter must be one of the class's ``fields``
   (raising ``TypeError`` otherwise). A decorator that adds two bindings or
   needs more than fields builds them with :meth:`DecoratorApi._binding` and
   records them through :meth:`DecoratorApi._decorate` (see ``route``).

3. Add the mixin to the bases of ``TriggerApi`` or ``BindingApi`` in
   ``function_app.py``.

4. Test in ``tests/decorators/test_v2_<family>.py``: for the minimal and a
   full set of arguments, ``get_raw_bindings()`` equals the reference's
   output string for string (generate it by running the reference, do not
   import it in tests); add the decorator to ``BINDINGS`` and to the list in
   ``test_v2_machinery.py``, which check that its parameters are the class's
   fields with the same defaults.

Errors: raise :class:`~azure.functions.FunctionDefinitionError` with
``function=None`` and the ``argument``; the machinery fills in the function
and decorator names.

Extra keyword arguments: a generic binding (``open_properties``) takes any,
turning snake_case into camelCase. Any other decorator does the same (as the
reference does, and as real apps rely on), except that it refuses a
snake_case keyword that is a near miss of one of its own arguments
(``run_on_start=`` for ``run_on_startup``: a typo must not become a property
the host ignores); the host's camelCase JSON key (``someHostProperty=...``)
is always written as is.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Generic, ParamSpec, Protocol, TypeVar

from .._errors import FunctionDefinitionError
from .core import (
    SCRIPT_FILE_NAME,
    AuthLevel,
    Binding,
    BindingDirection,
    DataType,
    InputBinding,
    OutputBinding,
    Setting,
    Trigger,
    check_json_value,
)
from .function_name import FUNCTION_NAME, FunctionName, check_function_name
from .utils import StringifyEnumJsonEncoder, parse_singular_param_to_enum, to_camel_case

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["DecoratorApi", "Function", "FunctionBuilder", "FunctionDecorator"]

P = ParamSpec("P")
R = TypeVar("R", covariant=True)
_P = ParamSpec("_P")
_R = TypeVar("_R")

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


def join_route(prefix: str, route: str) -> str:
    """*route* under *prefix* (``"v1"``, ``"items/{id}"`` → ``"v1/items/{id}"``)."""
    prefix = prefix.strip("/")
    if not prefix:
        return route
    route = route.lstrip("/")
    return f"{prefix}/{route}" if route else prefix


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
        if Trigger.is_supported_trigger_type(trigger, _http_trigger_class()):
            built = _finish_http_trigger(trigger, name, auth_level, placement)
            function._bindings = [built if b is trigger else b for b in draft._bindings]
            function._trigger = built
            function._is_http_function = True
        return function


def _http_trigger_class() -> type[Trigger]:
    from .http import HttpTrigger

    return HttpTrigger


def _finish_http_trigger(
    trigger: Trigger, name: str, auth_level: AuthLevel | None, placement: _Placement
) -> Trigger:
    from .http import check_route

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


class FunctionDecorator(Protocol):
    """An app's decorator: takes the function, gives its :class:`FunctionBuilder`."""

    def __call__(self, func: Callable[_P, _R], /) -> FunctionBuilder[_P, _R]:
        """Records the binding or setting on *func*'s definition."""
        ...


_AnyBinding = TypeVar("_AnyBinding", Trigger, InputBinding, OutputBinding)


def _is_host_key(key: str) -> bool:
    """Whether *key* is spelt as a camelCase JSON key (``someHostProperty``)."""
    return "_" not in key and key[:1].islower() and any(c.isupper() for c in key)


def _looks_like_typo(key: str, candidates: list[str]) -> bool:
    """Whether *key* is a near miss of one of the decorator's own arguments."""
    import difflib

    return bool(difflib.get_close_matches(key, candidates, n=1, cutoff=_TYPO_CUTOFF))


#: How alike (``difflib`` ratio) an unknown keyword and an argument must be for
#: the keyword to be taken as a misspelling of it (``run_on_start`` for
#: ``run_on_startup`` is 0.92; ``connection_string`` for ``connection`` 0.74).
_TYPO_CUTOFF = 0.8


def _suggest(key: str, candidates: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, candidates, n=2, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def _extra_properties(
    cls: type[Binding],
    extras: Mapping[str, object],
    parameters: list[str],
    *,
    open_properties: bool,
    given: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """The extra properties a decorator passes on, each checked.

    *given* holds the decorator's own arguments: a property spelt as the JSON
    key of an argument left at its default takes that argument's place (as in
    the reference, where the keyword wins); given both ways, it is refused.
    """
    declared = {f.name: f for f in cls.fields}
    taken = {to_camel_case(p): p for p in parameters if p not in ("kwargs",)}
    taken.update({f.key: f.name for f in cls.fields})
    checked: dict[str, object] = {}
    for key, value in extras.items():
        if key == "type" and cls.binding_type is not None and value == cls.binding_type:
            # Restating the decorator's own host type (as samples do) changes
            # nothing, in the reference too.
            continue
        if key == "dataType":
            # The host's own spelling: written as given (the reference does
            # so), leaving the binding's data type unset; refused below when
            # the data_type argument is given too.
            pass
        elif key in Binding.RESERVED_PROPERTIES or key == "direction":
            raise FunctionDefinitionError(
                None, "is set by the decorator itself and cannot be given", argument=key
            )
        if key in declared and key not in parameters:
            checked[key] = value
            continue
        camel = to_camel_case(key)
        if camel in taken:
            param = taken[camel]
            field = declared.get(param)
            default = field.default if field is not None else None
            if (
                given is None
                or param not in given
                or (given[param] is not default and given[param] != default)
            ):
                raise FunctionDefinitionError(
                    None,
                    f"gives the property {camel!r} that the argument {param!r} "
                    "already sets; pass it once, as that argument",
                    argument=key,
                )
        instead = cls.refused_keywords.get(key)
        if instead is not None:
            raise FunctionDefinitionError(
                None,
                "is not an argument of this decorator (the host would ignore it); "
                f"use {instead!r}",
                argument=key,
            )
        if not open_properties and not _is_host_key(key):
            own = [p for p in parameters if p != "kwargs"]
            if _looks_like_typo(key, own):
                raise FunctionDefinitionError(
                    None,
                    "is not an argument of this decorator"
                    + _suggest(key, own)
                    + "; to send a property the host knows but this decorator does "
                    f"not, spell it as its camelCase JSON key ({camel}=...)",
                    argument=key,
                )
            # Anything else is passed on as the reference does (camelCased):
            # real apps send properties this way (``auth_level=`` on an Event
            # Grid trigger), and the host ignores those it does not know.
        check_json_value(value, key)
        checked[key] = value
    return checked


class DecoratorApi:
    """Base of apps and blueprints: records functions and their decorators.

    ``function_name`` and ``http_type`` are here; triggers, bindings and
    settings come from :class:`TriggerApi`, :class:`BindingApi` and
    :class:`SettingsApi`.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        # Cooperative subclasses (the durable package's Blueprint) pass their
        # own arguments here; they are not ours to read.
        self._function_builders: list[FunctionBuilder[..., object]] = []
        self._app_script_file: str = SCRIPT_FILE_NAME
        self._placements: dict[FunctionBuilder[..., object], _Placement] = {}
        self._route_prefix = ""
        self._http_auth_level: AuthLevel | None = None

    @property
    def app_script_file(self) -> str:
        """The script file the worker is told the functions are defined in."""
        return self._app_script_file

    def function_name(
        self, name: str, setting_extra_fields: dict[str, object] | None = None
    ) -> FunctionDecorator:
        """Names the function *name* (the default is its Python name).

        The host takes a letter followed by up to 127 letters, digits, ``_`` or
        ``-``; names are unique in the app (ignoring case).
        """
        extra = dict(setting_extra_fields or {})
        return self._decorate(lambda fb: fb.add_setting(FunctionName(name, **extra)))

    def http_type(self, http_type: str) -> FunctionDecorator:
        """Sets how the function serves HTTP: ``"function"``, ``"asgi"``, ``"wsgi"``."""
        return self._decorate(lambda fb: fb.configure_http_type(http_type))

    # The machinery. ------------------------------------------------------------

    def _add(
        self, cls: type[_AnyBinding], arguments: Mapping[str, object], /
    ) -> FunctionDecorator:
        """The decorator adding a *cls* binding, from a method's ``locals()``."""
        decorator = sys._getframe(1).f_code.co_name
        parameters = [p for p in arguments if p != "self"]
        values = {k: v for k, v in arguments.items() if k != "self"}
        extras = values.pop("kwargs", None)
        name = values.pop("arg_name")
        data_type = values.pop("data_type", None)
        binding_type = values.pop("type", None)
        declared = {f.name for f in cls.fields}
        unknown = set(values) - declared
        if unknown:
            raise TypeError(
                f"{decorator}() passes {sorted(unknown)} that {cls.__name__} does not "
                "declare in its fields"
            )
        if extras is not None and not isinstance(extras, Mapping):
            raise TypeError(f"{decorator}(): kwargs must be a mapping")

        def make() -> _AnyBinding:
            properties = dict(values)
            if extras:
                properties.update(
                    _extra_properties(
                        cls,
                        extras,
                        parameters,
                        open_properties=cls.open_properties,
                        given={
                            **values,
                            "arg_name": name,
                            "data_type": data_type,
                            "type": binding_type,
                        },
                    )
                )
            return self._binding(
                cls, name, data_type=data_type, type=binding_type, properties=properties
            )

        return self._decorate(lambda fb: _attach(fb, make()), decorator=decorator)

    @staticmethod
    def _binding(
        cls: type[_AnyBinding],
        name: object,
        *,
        data_type: object = None,
        type: object = None,
        properties: Mapping[str, object] | None = None,
        argument: str = "arg_name",
    ) -> _AnyBinding:
        """A binding of *cls*, its name and data type checked."""
        checked_name = check_binding_name(name, argument)
        try:
            parsed_type = parse_singular_param_to_enum(_enum_arg(data_type), DataType)
        except FunctionDefinitionError as error:
            raise FunctionDefinitionError(
                None, error.detail, argument="data_type"
            ) from None
        if type is not None and not isinstance(type, str):
            raise FunctionDefinitionError(
                None, f"the binding type must be str, got {type!r}", argument="type"
            )
        return cls(checked_name, parsed_type, type, **(properties or {}))

    def _decorate(
        self,
        apply: Callable[[FunctionBuilder[..., object]], object],
        *,
        decorator: str | None = None,
    ) -> FunctionDecorator:
        """A decorator running *apply* on the function's builder, errors named."""
        name = decorator or sys._getframe(1).f_code.co_name

        def decorate(func: Callable[_P, _R]) -> FunctionBuilder[_P, _R]:
            builder = self._validate_type(func)
            try:
                apply(builder)
            except FunctionDefinitionError as error:
                raise FunctionDefinitionError(
                    error.function or _display_name(builder),
                    error.detail,
                    argument=error.argument,
                    decorator=error.decorator or name,
                ) from None
            return builder

        return decorate

    def _validate_type(self, func: Callable[_P, _R]) -> FunctionBuilder[_P, _R]:
        """The builder of *func* in this app or blueprint (made on first use)."""
        if isinstance(func, FunctionBuilder):
            builders = self._function_builders
            if (builders and builders[-1] is func) or any(b is func for b in builders):
                return func
            raise FunctionDefinitionError(
                _display_name(func),
                "its other decorators belong to another app or blueprint; decorate "
                "a function with one app's (or blueprint's) decorators only",
            )
        if not callable(func):
            raise FunctionDefinitionError(
                None, f"decorators apply to functions, not to {type(func).__name__}"
            )
        builder = FunctionBuilder(func, self._app_script_file)
        self._function_builders.append(builder)
        return builder

    def _configure_function_builder(
        self, wrap: Callable[[FunctionBuilder[..., object]], object]
    ) -> Callable[[Callable[_P, _R]], FunctionBuilder[_P, _R]]:
        """A decorator that hands the function's builder to *wrap*.

        The hook extensions written for the reference use (the durable package).
        """
        return self._decorate(wrap, decorator=sys._getframe(1).f_code.co_name)

    def _register(self, container: DecoratorApi) -> None:
        """Takes in *container*'s functions, under its route prefix and auth level."""
        from .function_app import FunctionRegister

        if isinstance(container, FunctionRegister):
            raise FunctionDefinitionError(
                None,
                f"a {type(container).__name__} is an app, not a blueprint: it cannot "
                "be registered in another app",
            )
        if container is self:
            raise FunctionDefinitionError(None, "a blueprint cannot register itself")
        for builder in container._function_builders:
            inner = container._placements.get(builder, _HOME)
            self._function_builders.append(builder)
            self._placements[builder] = inner.inside(
                container._route_prefix, container._http_auth_level
            )

    def _built(self, auth_level: AuthLevel | None) -> Iterator[Function[..., object]]:
        for builder in self._function_builders:
            yield builder._build(auth_level, self._placements.get(builder, _HOME))


def _enum_arg(value: object) -> DataType | str | None:
    if value is None or isinstance(value, (DataType, str)):
        return value
    raise FunctionDefinitionError(
        None, f"expected a DataType or its name, got {type(value).__name__}"
    )


def _attach(builder: FunctionBuilder[..., object], binding: Binding) -> None:
    if isinstance(binding, Trigger):
        builder.add_trigger(binding)
    else:
        builder.add_binding(binding)


def _display_name(builder: FunctionBuilder[..., object]) -> str:
    function = builder._function
    name = function.get_function_name()
    if name is not None:
        return name
    return repr(function._func)
