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
           fields = (BindingField("queue_name"), BindingField("connection"))

   ``fields`` are in the order of the reference class's ``__init__``
   parameters (that is the JSON's key order); ``BindingField(..., enum=Cardinality)``
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

4. Test in ``tests/decorators/test_<family>.py``: for the minimal and a
   full set of arguments, ``get_raw_bindings()`` equals the reference's
   output string for string (generate it by running the reference, do not
   import it in tests); add the decorator to ``BINDINGS`` and to the list in
   ``test_machinery.py``, which check that its parameters are the class's
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

import sys
from collections.abc import Callable, Iterator, Mapping
from typing import ClassVar, ParamSpec, Protocol, TypeVar

from .._errors import FunctionDefinitionError
from ._binding_names import RETURN as RETURN
from ._binding_names import check_binding_name as check_binding_name
from ._function import _HOME, Function, FunctionBuilder, _Placement
from ._properties import _extra_properties as _extra_properties
from ._routes import join_route as join_route
from .core import (
    SCRIPT_FILE_NAME,
    AuthLevel,
    Binding,
    DataType,
    InputBinding,
    OutputBinding,
    Trigger,
)
from .function_name import FunctionName
from .utils import parse_singular_param_to_enum

__all__ = ["DecoratorApi", "Function", "FunctionBuilder", "FunctionDecorator"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


class FunctionDecorator(Protocol):
    """An app's decorator: takes the function, gives its :class:`FunctionBuilder`."""

    def __call__(self, func: Callable[_P, _R], /) -> FunctionBuilder[_P, _R]:
        """Records the binding or setting on *func*'s definition."""
        ...


_AnyBinding = TypeVar("_AnyBinding", Trigger, InputBinding, OutputBinding)


class DecoratorApi:
    """Base of apps and blueprints: records functions and their decorators.

    ``function_name`` and ``http_type`` are here; triggers, bindings and
    settings come from :class:`TriggerApi`, :class:`BindingApi` and
    :class:`SettingsApi`.
    """

    #: Whether this is an app (which no other app may register) or a blueprint.
    _is_app: ClassVar[bool] = False

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
        if container._is_app:
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
