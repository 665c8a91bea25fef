"""The host: a loaded app with its routes, timers, keys and invoker, socket-free.

The aiohttp server and the test client each drive one :class:`Host`: load it,
:meth:`Host.start` it (the ASGI lifespan start-up), send it requests and
invocations, :meth:`Host.drain` and :meth:`Host.stop` it, :meth:`Host.close`
it. :meth:`Host.reload` loads the app again from its files (``--watch``).

:meth:`Host.handle_http` is the one way in for an HTTP request, from both:
CORS preflight, routing, auth, limits, invoke, the response. Status codes as
the Functions host answers:

- 401 (empty) without the key a ``function``/``admin`` route needs;
- 404 (empty) for a path no route matches;
- 405 with ``Allow`` for a path whose routes take other methods (the host
  answers 404 there: azure-functions-host#10098; 405 is what HTTP asks);
- 413 (empty) for a body over the limit (100 MB, or
  ``FUNCTIONS_REQUEST_BODY_SIZE_LIMIT``);
- 500 (empty) when the function fails or runs past ``functionTimeout``;
- 204 when an HTTP function has no ``http`` output, or does not set it;
- with CORS configured (:mod:`.cors`), 204 to a preflight, before routing.

``GET /`` answers a short text; ``/admin/...`` is :mod:`.admin`'s.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Mapping
from pathlib import Path

from .._datum import Datum
from .._errors import AppLoadError, FunctionLoadError
from .._version import __version__
from .admin import answer_admin
from .cors import REQUEST_HEADERS, REQUEST_METHOD, CorsPolicy, cors_policy
from .invoke import InvocationResult, Invoker
from .keys import AUTH_LEVELS, KEY_HEADER, KEY_QUERY, HostKeys
from .lifespan import asgi_middlewares, shut_down, start_up
from .loading.app_loader import AppLoader
from .loading.config import LocalSettings
from .loading.model import AppInfo, FunctionInfo
from .logs import host_logger
from .payloads.batched import trigger_payload
from .payloads.core import TriggerPayload, queue_payload
from .routing.router import (
    MethodNotAllowed,
    Route,
    RouteMatch,
    Router,
    RouteTemplateError,
    is_admin_path,
    parse_template,
)
from .storage.runtime import StorageRuntime
from .timers import TimerSpec, local_now, timer_spec
from .wire import (
    HttpRequestData,
    HttpResponseData,
    http_datum,
    http_output,
    response_from_datum,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .._asgi import AsgiMiddleware

__all__ = ["BODY_LIMIT_SETTING", "DEFAULT_BODY_LIMIT", "Host", "route_of"]

BODY_LIMIT_SETTING = "FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"
DEFAULT_BODY_LIMIT = 100 * 1024 * 1024


def _file_of(app: AppInfo, function: FunctionInfo) -> str:
    if function.source == "v1":
        return f"{function.directory.name}/function.json"
    try:
        return function.script_file.relative_to(app.root).as_posix()
    except ValueError:
        return str(function.script_file)


def route_of(app: AppInfo, function: FunctionInfo) -> Route:
    """An HTTP function's route: ``routePrefix`` + its ``route`` (default: its name)."""
    binding = function.trigger
    file = _file_of(app, function)

    def error(detail: str) -> FunctionLoadError:
        return FunctionLoadError(
            detail, file=file, function=function.name, binding=binding.name
        )

    route = binding.get("route")
    if route is None:
        route = function.name
    if not isinstance(route, str):
        raise error("'route' must be a string")
    prefix = app.host.route_prefix
    text = f"{prefix}/{route.lstrip('/')}" if prefix else route
    try:
        template = parse_template(text)
    except RouteTemplateError as exc:
        raise error(f"invalid route {route!r}: {exc}") from None
    methods = binding.get("methods")
    allowed: frozenset[str] | None = None
    if methods is not None:
        if not isinstance(methods, list) or not all(
            isinstance(m, str) for m in methods
        ):
            raise error("'methods' must be a list of HTTP methods")
        allowed = frozenset(str(m).upper() for m in methods) or None
    level = binding.get("authLevel", "function")
    if not isinstance(level, str) or level.lower() not in AUTH_LEVELS:
        raise error(f"'authLevel' is {level!r}; expected anonymous, function or admin")
    return Route(function.name, template, methods=allowed, auth_level=level.lower())


class Host:
    """A loaded app, ready to take HTTP requests and trigger invocations.

    Reads every HTTP route and timer schedule up front: problems are raised
    together as :class:`~azure.functions._errors.AppLoadError`.
    """

    def __init__(
        self,
        app: AppInfo,
        *,
        keys: HostKeys | None = None,
        body_limit: int | None = None,
        thread_count: int | None = None,
        loader: AppLoader | None = None,
        cors: str | None = None,
        cors_credentials: bool = False,
        storage_folder: str | os.PathLike[str] | None = None,
        real_storage: bool = True,
    ) -> None:
        self.app = app
        self.keys = keys if keys is not None else HostKeys()
        self.body_limit = body_limit if body_limit is not None else _body_limit()
        self._loader = loader
        settings = loader.local_settings if loader is not None else LocalSettings({})
        #: ``Host.LocalHttpPort`` from ``local.settings.json``, if set.
        self.local_port = settings.port
        routes: list[Route] = []
        self.timers: list[TimerSpec] = []
        errors: list[FunctionLoadError] = []
        #: CORS: *cors* (``--cors``) or ``local.settings.json``'s ``Host.CORS``.
        self.cors: CorsPolicy | None = None
        self._cors_given = (cors, cors_credentials)
        try:
            self.cors = cors_policy(
                settings.cors,
                settings.cors_credentials,
                origins=cors,
                credentials=cors_credentials,
            )
        except ValueError as exc:
            errors.append(FunctionLoadError(str(exc), file="local.settings.json"))
        for function in app.functions:
            try:
                if function.trigger.type == "httpTrigger":
                    routes.append(route_of(app, function))
                elif function.trigger.type == "timerTrigger":
                    self.timers.append(timer_spec(function, _file_of(app, function)))
            except FunctionLoadError as exc:
                errors.append(exc)
        errors.extend(_duplicate_routes(app, routes))
        #: Queues and blobs: the bindings' backends and the triggers' listeners.
        self.storage = StorageRuntime(
            app,
            folder=None if storage_folder is None else Path(storage_folder),
            probe=real_storage,
            real=real_storage,
        )
        self._storage_args = (storage_folder, real_storage)
        errors.extend(self.storage.load_errors)
        if errors:
            raise AppLoadError(errors)
        self.router = Router(routes)
        self.routes: Mapping[str, Route] = {route.function: route for route in routes}
        #: Each HTTP function by name, with the name its response is reported
        #: under (``$return`` ...; ``None``: it sets none).
        self.http_functions: Mapping[str, tuple[FunctionInfo, str | None]] = {
            route.function: (function, http_output(function))
            for route in routes
            for function in (app.function(route.function),)
        }
        self.invoker = Invoker(
            timeout=app.host.function_timeout, thread_count=thread_count
        )
        self.invoker.storage = self.storage
        self.storage.attach(self._invoke_from_trigger)
        self._background: set[asyncio.Task[InvocationResult]] = set()
        self._asgi = asgi_middlewares(app)
        self._lifespans: list[AsgiMiddleware] = []
        self._started = False

    @classmethod
    def load(
        cls,
        root: str | os.PathLike[str],
        *,
        settings: Mapping[str, str] | None = None,
        keys: HostKeys | None = None,
        body_limit: int | None = None,
        thread_count: int | None = None,
        cors: str | None = None,
        cors_credentials: bool = False,
        storage_folder: str | os.PathLike[str] | None = None,
        real_storage: bool = True,
    ) -> Host:
        """Load the app at *root* and build its host; undone by :meth:`close`.

        *cors* and *cors_credentials* (``--cors``, ``--cors-credentials``)
        take precedence over ``local.settings.json``'s ``Host`` section.
        *storage_folder* holds the embedded store (default: the app's
        ``.azurefunctions/storage``); with *real_storage* false, every
        storage connection is embedded (the test client's default).
        """
        loader = AppLoader(root, settings=settings)
        try:
            app = loader.load()
            return cls(
                app,
                keys=keys,
                body_limit=body_limit,
                thread_count=thread_count,
                loader=loader,
                cors=cors,
                cors_credentials=cors_credentials,
                storage_folder=storage_folder,
                real_storage=real_storage,
            )
        except BaseException:
            loader.unload()
            raise

    async def handle_http(
        self, request: HttpRequestData, *, capture_logs: bool = False
    ) -> HttpResponseData:
        """Answer *request* as the Functions host would; never raises for app errors.

        The one entry point for HTTP, the server's and the test client's:
        CORS preflight, routing, auth, body limit, invoke, the response with
        the headers the host adds (:meth:`add_response_headers`).
        """
        cors = self.cors
        origin = request.header("Origin") if cors is not None else None
        if origin is not None and request.method == "OPTIONS":
            method = request.header(REQUEST_METHOD)
            if method is not None:  # a preflight: the host answers it, before routing
                assert cors is not None
                answer = cors.preflight_headers(
                    origin, method, request.header(REQUEST_HEADERS)
                )
                answer.extend(self.app.host.custom_headers)
                return HttpResponseData(204, answer)
        segments, found = self.router.lookup(request.method, request.path)
        if type(found) is RouteMatch:
            route = found.route
            function, output = self.http_functions[route.function]
            if not self.authorized(request, route.auth_level):
                response = HttpResponseData(401)
            elif len(request.body) > self.body_limit:
                response = HttpResponseData(413)
            else:
                datum, metadata, headers = http_datum(request, found.values)
                trace_parent = trace_state = ""
                if function.context_param is not None:  # the trace is only read there
                    trace_parent = _text(headers.get("traceparent"))
                    trace_state = _text(headers.get("tracestate"))
                result = await self.invoker.invoke(
                    function,
                    datum,
                    trigger_metadata=metadata,
                    trace_parent=trace_parent,
                    trace_state=trace_state,
                    capture_logs=capture_logs,
                )
                response = _http_response(function, output, result)
        else:
            response = self._answer_without_function(request, segments, found)
        self.add_response_headers(origin, response.headers)
        return response

    def add_response_headers(
        self, origin: str | None, headers: list[tuple[str, str]]
    ) -> None:
        """Add what the host adds to every response: ``customHeaders``, CORS.

        CORS for *origin*: the request's ``Origin`` when the host has a CORS policy.
        """
        custom = self.app.host.custom_headers
        if custom:
            headers.extend(custom)
        if origin is not None and self.cors is not None:
            self.cors.apply(origin, headers)

    def authorized(self, request: HttpRequestData, level: str) -> bool:
        """Whether *request* carries a key that auth level *level* accepts."""
        if not AUTH_LEVELS.get(level, True):
            return True  # anonymous: no key to look for
        return self.keys.authorized(
            level,
            header=request.header(KEY_HEADER),
            code=request.query_value(KEY_QUERY),
        )

    def _answer_without_function(
        self,
        request: HttpRequestData,
        segments: list[str],
        found: RouteMatch | MethodNotAllowed | None,
    ) -> HttpResponseData:
        """The admin API, 405, 404 and the landing page."""
        if is_admin_path(segments):
            return answer_admin(self, request, segments)
        if isinstance(found, MethodNotAllowed):
            return HttpResponseData(405, [("Allow", ", ".join(sorted(found.allowed)))])
        if not segments and request.method in ("GET", "HEAD"):
            prefix = self.app.host.route_prefix
            text = _LANDING.format(version=__version__, prefix=prefix)
            return HttpResponseData(
                200, [("Content-Type", "text/plain; charset=utf-8")], text.encode()
            )
        return HttpResponseData(404)

    def payload_for(self, function: FunctionInfo, value: object) -> TriggerPayload:
        """The payload the host would send *function* for *value* (admin ``input``).

        A :class:`TriggerPayload` or :class:`Datum` is used as it is; a timer
        gets a tick of its schedule; a queue, blob, Service Bus, Event Hubs,
        Kafka, Event Grid, Cosmos DB or warm-up trigger the payload of its
        factory for the value, with the host's metadata (a list is a batch
        for ``cardinality: many``); anything else the datum for the value.
        """
        if isinstance(value, TriggerPayload):
            return value
        if isinstance(value, Datum):
            return TriggerPayload(value)
        kind = function.trigger.type
        if kind == "httpTrigger":
            raise TypeError(
                f"'{function.name}' is an HTTP function: send it a request instead"
            )
        if kind == "timerTrigger":
            spec = next(s for s in self.timers if s.function is function)
            now = local_now()
            return spec.payload(scheduled=now, last=None, past_due=False)
        if kind == "queueTrigger":
            return queue_payload("" if value is None else value)
        many = str(function.trigger.get("cardinality", "one")).lower() == "many"
        return trigger_payload(kind, value, many=many)

    async def invoke(
        self,
        function: FunctionInfo | str,
        payload: object = None,
        *,
        inputs: Mapping[str, object] | None = None,
        reason: str = "This function was programmatically called via the host APIs.",
        capture_logs: bool = False,
    ) -> InvocationResult:
        """Run a function once with *payload* (see :meth:`payload_for`)."""
        info = self.app.function(function) if isinstance(function, str) else function
        trigger = self.payload_for(info, payload)
        return await self.invoker.invoke(
            info,
            trigger.datum,
            trigger_metadata=trigger.metadata,
            inputs=inputs,
            reason=reason,
            capture_logs=capture_logs,
        )

    async def _invoke_from_trigger(
        self,
        function: FunctionInfo,
        payload: TriggerPayload,
        reason: str,
        capture_logs: bool,
    ) -> InvocationResult:
        return await self.invoke(
            function, payload, reason=reason, capture_logs=capture_logs
        )

    def invoke_in_background(
        self, function: FunctionInfo, payload: TriggerPayload, reason: str | None = None
    ) -> asyncio.Task[InvocationResult]:
        """Start an invocation without waiting (admin API, timers); drained on stop."""
        task = asyncio.create_task(
            self.invoke(
                function,
                payload,
                reason=reason
                or "This function was programmatically called via the host APIs.",
            ),
            name=f"invoke {function.name}",
        )
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    async def drain(self, timeout: float) -> bool:
        """Wait up to *timeout* seconds for invocations in flight; whether all ended."""
        started = time.monotonic()
        finished = await self.invoker.drain(timeout)
        if not finished:
            host_logger().warning(
                "%d invocation(s) still running after %.0fs; stopping without them.",
                self.invoker.in_flight,
                timeout,
            )
        # Then the queue messages of those invocations: deleted or released.
        left = max(0.0, timeout - (time.monotonic() - started))
        settled = await self.storage.settle(left)
        for task in list(self._background):
            if not task.done():
                task.cancel()
        return finished and settled

    async def start(self) -> None:
        """Get ready to serve: the lifespan start-up of the app's ASGI applications.

        Raises :class:`~.lifespan.LifespanStartupError` when one reports that
        its start-up failed (those started before it are shut down again).
        """
        if not self._started:
            self._lifespans = await start_up(self._asgi)
            self._started = True

    async def stop(self, timeout: float = 30.0) -> bool:
        """The lifespan shut-down of what :meth:`start` started (after :meth:`drain`).

        Bounded by *timeout* seconds; whether every shut-down finished.
        """
        started, self._lifespans = self._lifespans, []
        self._started = False
        await self.storage.aclose()
        return await shut_down(started, timeout=timeout)

    async def reload(self) -> Host:
        """Load the app again from its files and start it; the new host.

        The new host shares this one's keys, limits and loader; this host
        keeps serving what is in flight (drain, stop and close it next) but no
        longer owns the app's modules and settings. When the app cannot be
        loaded (:class:`AppLoadError`) or started, everything is put back as
        it was and this host stays the one to use.
        """
        loader = self._loader
        if loader is None:
            raise RuntimeError("this host was not loaded from a directory")
        saved = loader.checkpoint()
        try:
            new = Host(
                loader.load(),
                keys=self.keys,
                body_limit=self.body_limit,
                thread_count=self.invoker.thread_count,
                loader=loader,
                cors=self._cors_given[0],
                cors_credentials=self._cors_given[1],
                storage_folder=self._storage_args[0],
                real_storage=self._storage_args[1],
            )
        except BaseException:
            loader.rollback(saved)
            raise
        try:
            await new.start()
        except BaseException:
            new._loader = None
            new.close()
            loader.rollback(saved)
            raise
        self._loader = None
        return new

    def close(self) -> None:
        """Stop the thread pool and unload the app's modules and settings."""
        self.invoker.close()
        self.storage.close()
        if self._loader is not None:
            self._loader.unload()
            self._loader = None


_LANDING = (
    "Azure Functions local host (azure-functions {version}) is running.\n"
    "Functions are served under /{prefix}.\n"
)


def _http_response(
    function: FunctionInfo, output: str | None, result: InvocationResult
) -> HttpResponseData:
    """What an HTTP function's invocation answers: its ``http`` output, or 500."""
    if result.error is not None:
        return HttpResponseData(500, invocation=result)
    datum_out = result.outputs.get(output) if output is not None else None
    try:
        status, headers, body = response_from_datum(datum_out)
    except (TypeError, ValueError) as exc:
        host_logger().error(
            "Function '%s' (Id=%s) sent an HTTP response the host cannot write: %s",
            function.name,
            result.invocation_id,
            exc,
        )
        return HttpResponseData(500, invocation=result)
    return HttpResponseData(status, headers, body, invocation=result)


def _text(datum: Datum | None) -> str:
    return "" if datum is None else str(datum.value)


def _body_limit() -> int:
    value = os.environ.get(BODY_LIMIT_SETTING)
    if value:
        try:
            limit = int(value)
        except ValueError:
            limit = 0
        if limit > 0:
            return limit
        host_logger().warning(
            "%s=%r is not a positive number of bytes; using %d.",
            BODY_LIMIT_SETTING,
            value,
            DEFAULT_BODY_LIMIT,
        )
    return DEFAULT_BODY_LIMIT


def _duplicate_routes(app: AppInfo, routes: list[Route]) -> list[FunctionLoadError]:
    errors: list[FunctionLoadError] = []
    seen: dict[str, list[Route]] = {}
    for route in routes:
        for other in seen.get(route.template.shape, []):
            methods = (
                None
                if route.methods is None or other.methods is None
                else route.methods & other.methods
            )
            if methods is None or methods:
                function = app.function(route.function)
                shared = (
                    "all methods" if methods is None else ", ".join(sorted(methods))
                )
                errors.append(
                    FunctionLoadError(
                        f"its route {route.template.text!r} is also the route of "
                        f"function {other.function!r} ({shared})",
                        file=_file_of(app, function),
                        function=route.function,
                        binding=function.trigger.name,
                    )
                )
        seen.setdefault(route.template.shape, []).append(route)
    return errors
