"""HTTP: the ``httpTrigger`` and ``http`` output bindings and ``@app.route``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import overload

from .._errors import FunctionDefinitionError
from ._builder import (
    DecoratorApi,
    FunctionBuilder,
    FunctionDecorator,
    _extra_properties,
)
from ._routes import check_route as check_route
from .constants import HTTP_OUTPUT, HTTP_TRIGGER
from .core import AuthLevel, BindingField, OutputBinding, Trigger
from .utils import StringifyEnum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing_extensions import ParamSpec, TypeVar

    _P = ParamSpec("_P")
    _R = TypeVar("_R")

__all__ = ["HttpMethod", "HttpOutput", "HttpTrigger", "check_route"]


class HttpMethod(StringifyEnum):
    """The HTTP methods an HTTP trigger can accept.

    ``QUERY`` (a safe method with a body, from azure-functions 2.x) too.
    """

    GET = "GET"
    POST = "POST"
    DELETE = "DELETE"
    HEAD = "HEAD"
    PATCH = "PATCH"
    PUT = "PUT"
    OPTIONS = "OPTIONS"
    QUERY = "QUERY"


class HttpTrigger(Trigger):
    """Runs the function for HTTP requests on ``route`` (``httpTrigger``)."""

    binding_type = HTTP_TRIGGER
    fields = (
        BindingField("methods", enum=HttpMethod, many=True),
        BindingField("auth_level", enum=AuthLevel),
        BindingField("route", convert=check_route),
    )


class HttpOutput(OutputBinding):
    """The HTTP response of an HTTP-triggered function (``http``)."""

    binding_type = HTTP_OUTPUT


def _data_type_and_rest(
    fields: Mapping[str, object] | None,
) -> tuple[object, dict[str, object]]:
    """The binding's data type (``data_type``) and the other extra fields.

    ``dataType`` stays among the fields: as in the reference, it is written to
    the JSON as given and leaves the binding's data type unset.
    """
    rest = dict(fields or {})
    data_type = rest.pop("data_type", None)
    if data_type is not None and rest.get("dataType") is not None:
        raise FunctionDefinitionError(
            None,
            "gives the data type twice (data_type and dataType)",
            argument="dataType",
        )
    return data_type, rest


class _HttpTriggerApi(DecoratorApi):
    @overload
    def route(self, route: Callable[_P, _R], /) -> FunctionBuilder[_P, _R]: ...

    @overload
    def route(
        self,
        route: str | None = None,
        trigger_arg_name: str = "req",
        binding_arg_name: str = "$return",
        methods: Iterable[HttpMethod | str] | HttpMethod | str | None = None,
        auth_level: AuthLevel | str | None = None,
        trigger_extra_fields: Mapping[str, object] | None = None,
        binding_extra_fields: Mapping[str, object] | None = None,
    ) -> FunctionDecorator: ...

    def route(
        self,
        route: str | Callable[_P, _R] | None = None,
        trigger_arg_name: str = "req",
        binding_arg_name: str = "$return",
        methods: Iterable[HttpMethod | str] | HttpMethod | str | None = None,
        auth_level: AuthLevel | str | None = None,
        trigger_extra_fields: Mapping[str, object] | None = None,
        binding_extra_fields: Mapping[str, object] | None = None,
    ) -> FunctionDecorator | FunctionBuilder[_P, _R]:
        """Runs the function for HTTP requests: an HTTP trigger and its response.

        Adds an ``httpTrigger`` named *trigger_arg_name* (the
        :class:`~azure.functions.HttpRequest` parameter) and an ``http`` output
        named *binding_arg_name* (``"$return"``: the returned
        :class:`~azure.functions.HttpResponse`). Works bare (``@app.route``) too.

        :param route: The route template (``"items/{id:int}"``); the default is
            the function's name. A blueprint's ``route_prefix`` goes before it.
        :param trigger_arg_name: The request parameter's name.
        :param binding_arg_name: The response's name: ``"$return"`` or an
            ``Out[HttpResponse]`` parameter.
        :param methods: The accepted methods (``HttpMethod`` or names); the
            default is all.
        :param auth_level: The key a request needs; the default is the
            blueprint's or the app's ``http_auth_level``.
        :param trigger_extra_fields: More properties of the trigger's JSON
            (``{"data_type": "STRING"}``; snake_case becomes camelCase).
        :param binding_extra_fields: More properties of the output's JSON.
        """
        if callable(route):
            return self.route()(route)
        trigger_parameters = ["route", "methods", "auth_level"]

        def apply(builder: FunctionBuilder[..., object]) -> None:
            trigger_type, trigger_extra = _data_type_and_rest(trigger_extra_fields)
            output_type, output_extra = _data_type_and_rest(binding_extra_fields)
            try:
                trigger_properties = _extra_properties(
                    HttpTrigger, trigger_extra, trigger_parameters, open_properties=True
                )
            except FunctionDefinitionError as error:
                raise _in("trigger_extra_fields", error) from None
            try:
                output_properties = _extra_properties(
                    HttpOutput, output_extra, [], open_properties=True
                )
            except FunctionDefinitionError as error:
                raise _in("binding_extra_fields", error) from None
            trigger = self._binding(
                HttpTrigger,
                trigger_arg_name,
                data_type=trigger_type,
                properties={
                    "methods": methods,
                    "auth_level": auth_level,
                    "route": route,
                    **trigger_properties,
                },
                argument="trigger_arg_name",
            )
            output = self._binding(
                HttpOutput,
                binding_arg_name,
                data_type=output_type,
                properties=output_properties,
                argument="binding_arg_name",
            )
            builder.add_trigger(trigger)
            builder.add_binding(output)

        return self._decorate(apply)


def _in(where: str, error: FunctionDefinitionError) -> FunctionDefinitionError:
    return FunctionDefinitionError(
        None, error.detail, argument=f"{where}[{error.argument!r}]"
    )
