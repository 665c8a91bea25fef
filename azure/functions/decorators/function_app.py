"""The v2 programming model: ``FunctionApp``, ``Blueprint`` and their decorators.

``TriggerApi``, ``BindingApi`` and ``SettingsApi`` gather the decorators from
each binding family's module (``http``, ``timer``, ``queue`` ...); how to add
one is told in :mod:`azure.functions.decorators._builder`.
"""

from __future__ import annotations

import contextlib
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable
from types import FunctionType

from .._errors import FunctionDefinitionError
from ._builder import DecoratorApi, Function, FunctionBuilder, FunctionDecorator
from ._durable import _DurableBindingApi, _DurableTriggerApi
from ._routes import check_route
from .blob import _BlobBindingApi, _BlobTriggerApi
from .connectors import _ConnectorTriggerApi
from .core import AuthLevel, BlobSource, DataType, McpPropertyType
from .cosmosdb import _CosmosDBBindingApi, _CosmosDBTriggerApi
from .dapr import _DaprBindingApi, _DaprTriggerApi
from .eventgrid import _EventGridBindingApi, _EventGridTriggerApi
from .eventhub import _EventHubBindingApi, _EventHubTriggerApi
from .generic import _GenericBindingApi, _GenericTriggerApi
from .http import HttpMethod, _HttpTriggerApi
from .kafka import _KafkaBindingApi, _KafkaTriggerApi
from .mcp import _McpTriggerApi
from .mysql import _MySqlBindingApi, _MySqlTriggerApi
from .openai import _OpenAIBindingApi, _OpenAITriggerApi
from .queue import _QueueBindingApi, _QueueTriggerApi
from .retry_policy import RetryPolicy
from .servicebus import _ServiceBusBindingApi, _ServiceBusTriggerApi
from .sql import _SqlBindingApi, _SqlTriggerApi
from .table import _TableBindingApi
from .timer import _TimerTriggerApi
from .utils import parse_singular_param_to_enum
from .warmup import _WarmUpTriggerApi

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .._asgi import AsgiApp, AsgiMiddleware
    from .._context import Context
    from .._http_request import HttpRequest
    from .._http_response import HttpResponse
    from .._wsgi import WsgiApp, WsgiMiddleware

__all__ = [
    "AsgiFunctionApp",
    "AuthLevel",
    "BindingApi",
    "BlobSource",
    "Blueprint",
    "DataType",
    "DecoratorApi",
    "ExternalHttpFunctionApp",
    "Function",
    "FunctionApp",
    "FunctionBuilder",
    "FunctionDecorator",
    "FunctionRegister",
    "HttpFunctionsAuthLevelMixin",
    "HttpMethod",
    "McpPropertyType",
    "SettingsApi",
    "TriggerApi",
    "WsgiFunctionApp",
]


class TriggerApi(
    _McpTriggerApi,
    _OpenAITriggerApi,
    _HttpTriggerApi,
    _TimerTriggerApi,
    _WarmUpTriggerApi,
    _QueueTriggerApi,
    _GenericTriggerApi,
    _DurableTriggerApi,
    _BlobTriggerApi,
    _EventGridTriggerApi,
    _EventHubTriggerApi,
    _ServiceBusTriggerApi,
    _KafkaTriggerApi,
    _CosmosDBTriggerApi,
    _SqlTriggerApi,
    _MySqlTriggerApi,
    _DaprTriggerApi,
    _ConnectorTriggerApi,
    DecoratorApi,
):
    """The trigger decorators (``route``, ``timer_trigger``, ``queue_trigger`` ...)."""


class BindingApi(
    _OpenAIBindingApi,
    _QueueBindingApi,
    _GenericBindingApi,
    _DurableBindingApi,
    _BlobBindingApi,
    _EventGridBindingApi,
    _EventHubBindingApi,
    _ServiceBusBindingApi,
    _TableBindingApi,
    _KafkaBindingApi,
    _CosmosDBBindingApi,
    _SqlBindingApi,
    _MySqlBindingApi,
    _DaprBindingApi,
    DecoratorApi,
):
    """The input and output binding decorators (``queue_output`` ...)."""


def _name_methods_as_the_reference(api: type) -> None:
    """Give *api*'s decorators the reference's qualified names (``TriggerApi.route``).

    They are written on one mixin per binding family; the reference defines
    them on ``TriggerApi`` and ``BindingApi`` themselves, and Python names the
    method's qualified name in a call's ``TypeError`` (``TriggerApi.queue_trigger()
    missing 1 required positional argument: 'connection'``): apps that call a
    decorator wrongly fail with the reference's words.
    """
    for base in api.__mro__[1:]:
        if base is DecoratorApi or not issubclass(base, DecoratorApi):
            continue
        for name, member in vars(base).items():
            if name.startswith("_") or not isinstance(member, FunctionType):
                continue
            qualname = f"{api.__name__}.{member.__name__}"
            member.__qualname__ = qualname
            if sys.version_info >= (3, 11):
                member.__code__ = member.__code__.replace(co_qualname=qualname)


_name_methods_as_the_reference(TriggerApi)
_name_methods_as_the_reference(BindingApi)


class SettingsApi(DecoratorApi):
    """The setting decorators (``retry``)."""

    def retry(
        self,
        strategy: str,
        max_retry_count: str | int,
        delay_interval: str | None = None,
        minimum_interval: str | None = None,
        maximum_interval: str | None = None,
        setting_extra_fields: dict[str, object] | None = None,
    ) -> FunctionDecorator:
        """Retries a failed invocation (for the triggers the host retries).

        :param strategy: ``"fixed_delay"`` or ``"exponential_backoff"``.
        :param max_retry_count: The most retries (``-1``: no limit).
        :param delay_interval: ``fixed_delay``'s wait, as ``"HH:MM:SS"``.
        :param minimum_interval: ``exponential_backoff``'s first wait.
        :param maximum_interval: ``exponential_backoff``'s longest wait.
        :param setting_extra_fields: More properties of the setting.
        """
        extra = dict(setting_extra_fields or {})
        return self._decorate(
            lambda builder: builder.add_setting(
                RetryPolicy(
                    strategy=strategy,
                    max_retry_count=max_retry_count,
                    delay_interval=delay_interval,
                    minimum_interval=minimum_interval,
                    maximum_interval=maximum_interval,
                    **extra,
                )
            )
        )


def _auth_level(value: AuthLevel | str | None, argument: str) -> AuthLevel | None:
    try:
        return parse_singular_param_to_enum(value, AuthLevel)
    except FunctionDefinitionError as error:
        raise FunctionDefinitionError(None, error.detail, argument=argument) from None


class HttpFunctionsAuthLevelMixin:
    """Gives an app the HTTP auth level its HTTP functions use by default."""

    def __init__(
        self, auth_level: AuthLevel | str | None, *args: object, **kwargs: object
    ) -> None:
        self._auth_level = _auth_level(auth_level, "http_auth_level")

    @property
    def auth_level(self) -> AuthLevel | None:
        """The auth level of HTTP functions that set none."""
        return self._auth_level


class FunctionRegister(DecoratorApi, HttpFunctionsAuthLevelMixin):
    """An app the Python worker indexes: it finds it and calls :meth:`get_functions`."""

    _is_app = True

    def __init__(
        self, auth_level: AuthLevel | str | None, *args: object, **kwargs: object
    ) -> None:
        DecoratorApi.__init__(self, *args, **kwargs)
        HttpFunctionsAuthLevelMixin.__init__(self, auth_level)
        self.functions_bindings: dict[str, bool] | None = None

    def get_functions(self) -> list[Function[..., object]]:
        """The app's functions, its blueprints' included, each built and checked.

        Raises :class:`~azure.functions.FunctionDefinitionError` naming the
        function for a definition the host would refuse or misread.
        """
        functions = list(self._built(self.auth_level))
        self.validate_function_names(functions)
        return functions

    def validate_function_names(self, functions: list[Function[..., object]]) -> None:
        """Refuses two functions of one name (the host ignores case)."""
        seen: dict[str, str] = {}
        for function in functions:
            name = function.get_function_name() or ""
            other = seen.get(name.lower())
            if other is not None:
                raise FunctionDefinitionError(
                    name,
                    f"another function is named {other!r}: names are unique in an "
                    "app, ignoring case; rename one with @app.function_name",
                )
            seen[name.lower()] = name
        self.functions_bindings = dict.fromkeys(seen.values(), True)

    def register_functions(self, function_container: DecoratorApi) -> None:
        """Adds a blueprint's functions (under its route prefix and auth level)."""
        self._register(function_container)

    register_blueprint = register_functions


class FunctionApp(FunctionRegister, TriggerApi, BindingApi, SettingsApi):
    """The app of ``function_app.py``: decorate functions with its methods.

    :param http_auth_level: The key HTTP functions need unless they say
        otherwise (``route(auth_level=...)``).
    """

    def __init__(self, http_auth_level: AuthLevel | str = AuthLevel.FUNCTION) -> None:
        super().__init__(auth_level=http_auth_level)


class Blueprint(TriggerApi, BindingApi, SettingsApi):
    """Functions defined apart from the app, added with ``app.register_functions(bp)``.

    :param route_prefix: Goes before the routes of its HTTP functions
        (``"v1"``: ``"items"`` is served as ``"v1/items"``).
    :param http_auth_level: The key its HTTP functions need unless they say
        otherwise (the default is the app's).

    A blueprint can register other blueprints: prefixes add up, and the
    innermost auth level wins.
    """

    def __init__(
        self,
        *,
        route_prefix: str | None = None,
        http_auth_level: AuthLevel | str | None = None,
    ) -> None:
        super().__init__()
        if route_prefix is not None:
            try:
                check_route(route_prefix)
            except FunctionDefinitionError as error:
                raise FunctionDefinitionError(
                    None, error.detail, argument="route_prefix"
                ) from None
            self._route_prefix = route_prefix.strip("/")
        self._http_auth_level = _auth_level(http_auth_level, "http_auth_level")

    @property
    def route_prefix(self) -> str:
        """What goes before the routes of this blueprint's HTTP functions."""
        return self._route_prefix

    def register_functions(self, function_container: DecoratorApi) -> None:
        """Adds another blueprint's functions to this one."""
        self._register(function_container)

    register_blueprint = register_functions


class ExternalHttpFunctionApp(
    FunctionRegister, TriggerApi, SettingsApi, BindingApi, ABC
):
    """An app serving an ASGI or WSGI application through one HTTP function."""

    @abstractmethod
    def _add_http_app(
        self,
        http_middleware: AsgiMiddleware | WsgiMiddleware,
        function_name: str = "http_app_func",
    ) -> None:
        """Adds the function that hands every request to *http_middleware*."""


def _catch_all(
    app: ExternalHttpFunctionApp,
    handler: Callable[..., object],
    http_type: str,
    function_name: str,
) -> None:
    """Registers *handler* for every method and route, as *function_name*."""
    from .._context import Context
    from .._http_request import HttpRequest

    # The worker reads the annotations with typing.get_type_hints.
    handler.__annotations__ = {"req": HttpRequest, "context": Context}
    route = app.route(
        methods=list(HttpMethod), auth_level=app.auth_level, route="/{*route}"
    )
    app.function_name(function_name)(app.http_type(http_type)(route(handler)))


class AsgiFunctionApp(ExternalHttpFunctionApp):
    """An app serving an ASGI application (FastAPI, Starlette ...) on every route.

    :param app: The ASGI application.
    :param http_auth_level: The key requests need.
    :param function_name: The name of the one HTTP function.
    """

    def __init__(
        self,
        app: AsgiApp,
        http_auth_level: AuthLevel | str = AuthLevel.FUNCTION,
        function_name: str = "http_app_func",
    ) -> None:
        from .._asgi import AsgiMiddleware

        super().__init__(auth_level=http_auth_level)
        self.middleware = AsgiMiddleware(app)
        self.startup_task_done = False
        self._add_http_app(self.middleware, function_name)

    def __del__(self) -> None:
        # As the reference: the ASGI app's lifespan shutdown runs when the app
        # goes away, unless an event loop runs here (it cannot be waited for).
        asyncio = sys.modules.get("asyncio")
        if asyncio is None or not getattr(self, "startup_task_done", False):
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            with contextlib.suppress(Exception):
                asyncio.run(self.middleware.notify_shutdown())

    def _add_http_app(
        self,
        http_middleware: AsgiMiddleware | WsgiMiddleware,
        function_name: str = "http_app_func",
    ) -> None:
        """Adds the async function that hands every request to the ASGI middleware."""
        from .._asgi import AsgiMiddleware

        if not isinstance(http_middleware, AsgiMiddleware):
            raise FunctionDefinitionError(
                function_name, "an AsgiFunctionApp serves through an AsgiMiddleware"
            )
        middleware = http_middleware

        async def http_app_func(req: HttpRequest, context: Context) -> HttpResponse:
            if not self.startup_task_done:
                if not await middleware.notify_startup():
                    raise RuntimeError("ASGI middleware startup failed.")
                self.startup_task_done = True
            return await middleware.handle_async(req, context)

        _catch_all(self, http_app_func, "asgi", function_name)


class WsgiFunctionApp(ExternalHttpFunctionApp):
    """An app serving a WSGI application (Flask, Django ...) on every route.

    :param app: The WSGI application.
    :param http_auth_level: The key requests need.
    :param function_name: The name of the one HTTP function.
    """

    def __init__(
        self,
        app: WsgiApp,
        http_auth_level: AuthLevel | str = AuthLevel.FUNCTION,
        function_name: str = "http_app_func",
    ) -> None:
        from .._wsgi import WsgiMiddleware

        super().__init__(auth_level=http_auth_level)
        self._add_http_app(WsgiMiddleware(app), function_name)

    def _add_http_app(
        self,
        http_middleware: AsgiMiddleware | WsgiMiddleware,
        function_name: str = "http_app_func",
    ) -> None:
        """Adds the function that hands every request to the WSGI middleware."""
        from .._wsgi import WsgiMiddleware

        if not isinstance(http_middleware, WsgiMiddleware):
            raise FunctionDefinitionError(
                function_name, "a WsgiFunctionApp serves through a WsgiMiddleware"
            )
        middleware = http_middleware

        def http_app_func(req: HttpRequest, context: Context) -> HttpResponse:
            return middleware.handle(req, context)

        _catch_all(self, http_app_func, "wsgi", function_name)
