"""The HTTP server: aiohttp in front of a :class:`~.host.Host`.

Every request goes to one handler that turns it into an
:class:`~.wire.HttpRequestData`, lets the host answer (:meth:`.Host.handle_http`,
the test client's entry point too), and writes the
answer back (one ``Set-Cookie`` line per cookie). Bodies over the host's
limit are refused with 413 before they are read. Timer functions fire from
the same event loop. :meth:`Server.start` runs the app's ASGI lifespan
start-up before it listens; :meth:`Server.stop` stops accepting, lets
requests and invocations in flight finish (bounded), runs the lifespan
shut-down, then closes.

With a *watcher* (``--watch``), a change to the app's files reloads it
(:meth:`Server.reload`): the new app serves the requests that arrive from
then on, those in flight finish on the old one, which is then shut down. An
edit that breaks the app is logged and the old app keeps serving until the
next change loads.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from contextvars import ContextVar

from aiohttp import web
from aiohttp.abc import AbstractStreamWriter
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.http_parser import RawRequestMessage
from aiohttp.streams import StreamReader
from aiohttp.web_protocol import RequestHandler

from .._errors import AppLoadError
from .host import Host
from .lifespan import LifespanStartupError
from .loading.app_loader import format_load_error
from .logs import host_logger
from .timers import TimerRunner
from .watch import AppWatcher
from .wire import FRAMING_HEADERS, HttpRequestData, HttpResponseData

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .._asgi import ResponseStream

__all__ = ["Server"]


class Server:
    """Serves *host* on *bind*:*port* (port 0: any free port) until stopped."""

    def __init__(
        self,
        host: Host,
        *,
        bind: str = "127.0.0.1",
        port: int = 7071,
        drain_timeout: float = 30.0,
        run_timers: bool = True,
        watcher: AppWatcher | None = None,
        on_reload: Callable[[Host], None] | None = None,
    ) -> None:
        self.host = host
        self.bind = bind
        self.port = port
        self.drain_timeout = drain_timeout
        self.watcher = watcher
        self.on_reload = on_reload
        #: How many times the app was reloaded, and failed to reload.
        self.reloads = 0
        self.failed_reloads = 0
        self._runner: web.ServerRunner | None = None
        self._timers: TimerRunner | None = None
        self._run_timers = run_timers
        self._watching: asyncio.Task[None] | None = None
        self._retiring: set[asyncio.Task[None]] = set()
        self._reload_lock = asyncio.Lock()
        #: The host last served and its AsgiFunctionApp's middleware, if any.
        self._streams_for: tuple[Host | None, object] = (None, None)

    def handler(self) -> web.Server:
        """The low-level aiohttp server: every request goes to one handler.

        No ``web.Application``: the host routes requests itself, so aiohttp's
        router and middleware chain would be work for nothing on every request.
        """
        return web.Server(
            self._handle,
            request_factory=self._make_request,
            access_log=None,
            logger=_ServerLog(),
        )

    def _make_request(
        self,
        message: RawRequestMessage,
        payload: StreamReader,
        protocol: RequestHandler,
        writer: AbstractStreamWriter,
        task: asyncio.Task[None],
    ) -> web.BaseRequest:
        return web.BaseRequest(
            message,
            payload,
            protocol,
            writer,
            task,
            task.get_loop(),
            client_max_size=self.host.body_limit,
        )

    async def start(self) -> int:
        """Start the app's lifespan, listen; the port bound. Then timers, the watcher.

        Raises :class:`~.lifespan.LifespanStartupError` (nothing listens) when
        an ASGI app's start-up fails, ``OSError`` when the port cannot be bound.
        """
        await self.host.start()
        try:
            await self._listen()
        except BaseException:
            await self.host.stop(self.drain_timeout)
            raise
        self._start_timers()
        if self.watcher is not None:
            self._watching = asyncio.create_task(self._watch(self.watcher))
        return self.port

    async def _listen(self) -> None:
        runner = web.ServerRunner(
            self.handler(), handle_signals=False, shutdown_timeout=self.drain_timeout
        )
        await runner.setup()
        # A deep accept queue: a burst of new connections is not left to SYN retries.
        site = web.TCPSite(runner, self.bind, self.port, backlog=1024)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        addresses = runner.addresses
        if addresses:
            address = addresses[0]
            if isinstance(address, tuple) and len(address) >= 2:
                self.port = int(address[1])

    def _start_timers(self) -> None:
        host = self.host
        if self._run_timers and host.timers:
            self._timers = TimerRunner(host.timers, host.invoke_in_background)
            self._timers.start()
        if self._run_timers:  # queue and blob triggers
            host.storage.start()

    async def _stop_timers(self) -> None:
        timers, self._timers = self._timers, None
        if timers is not None:
            await timers.stop()
        await self.host.storage.stop()

    async def stop(self) -> bool:
        """Stop accepting, drain in-flight work, shut the lifespan down (bounded).

        Whether everything finished within ``drain_timeout``.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.drain_timeout
        watching, self._watching = self._watching, None
        if watching is not None:
            watching.cancel()
            await asyncio.gather(watching, return_exceptions=True)
        async with self._reload_lock:  # a reload under way ends first
            await self._stop_timers()
        runner, self._runner = self._runner, None
        if runner is not None:
            # Closes the listener, then waits for handlers (up to drain_timeout).
            await runner.cleanup()
        if self._retiring:
            await asyncio.wait(
                list(self._retiring), timeout=max(0.0, deadline - loop.time())
            )
        drained = await self.host.drain(max(0.0, deadline - loop.time()))
        stopped = await self.host.stop(max(0.0, deadline - loop.time()))
        return drained and stopped

    async def reload(self, changed: list[str] | None = None) -> bool:
        """Load the app again and serve it; whether it loaded.

        When it does not (a load error, a failed lifespan start-up), the error
        is logged and the app loaded before keeps serving.
        """
        log = host_logger()
        async with self._reload_lock:
            if changed:
                shown = ", ".join(changed[:5]) + (" ..." if len(changed) > 5 else "")
                log.info("Change detected (%s); reloading the app.", shown)
            old = self.host
            try:
                new = await old.reload()
            except AppLoadError as exc:
                self.failed_reloads += 1
                log.error(
                    "The edit broke the app; still serving the previous version "
                    "until the next change.\n%s",
                    format_load_error(exc),
                )
                return False
            except LifespanStartupError as exc:
                self.failed_reloads += 1
                log.error(
                    "%s; still serving the previous version until the next change.",
                    exc,
                )
                return False
            await self._stop_timers()
            self.host = new
            self._start_timers()
            self.reloads += 1
            task = asyncio.create_task(self._retire(old), name="retire the old app")
            self._retiring.add(task)
            task.add_done_callback(self._retiring.discard)
            log.info("Reloaded the app: %d functions.", len(new.app.functions))
            if self.on_reload is not None:
                self.on_reload(new)
            return True

    async def _retire(self, old: Host) -> None:
        """Let the old app's invocations finish, shut its lifespan down, close it."""
        try:
            await old.drain(self.drain_timeout)
            await old.stop(self.drain_timeout)
        finally:
            old.close()

    async def _watch(self, watcher: AppWatcher) -> None:
        async for changed in watcher.changes():
            try:
                await self.reload(changed)
            except Exception:  # never let a reload stop the watching
                host_logger().exception("Reloading the app failed.")

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        body = b""
        if request.body_exists:
            length = request.content_length
            if length is not None and length > self.host.body_limit:
                return _too_large()
            try:
                body = await request.read()
            except web.HTTPRequestEntityTooLarge:
                return _too_large()
            except (HttpProcessingError, ConnectionError) as exc:
                host_logger().warning(
                    "Bad request %s %s from %s: %s",
                    request.method,
                    request.path,
                    request.remote,
                    _reason(exc),
                )
                return _bad_request()
        # Read after the body: the request is served by the app current now,
        # and it counts as in flight for that app's drain before any await.
        host = self.host
        target = request.raw_path
        if target.startswith("/"):  # origin-form, as clients send it
            path, query = target, ""
            if "?" in target or "#" in target:
                path, _, query = target.partition("#")[0].partition("?")
            # No TLS here: the scheme is always http.
            url = f"http://{request.headers.get('Host') or request.host}{target}"
        else:  # absolute-form ("GET http://host/path HTTP/1.1")
            path, query = request.rel_url.raw_path, request.rel_url.raw_query_string
            url = str(request.url)
        data = HttpRequestData(
            method=request.method,
            path=path,
            query_string=query,
            headers=request.headers.items(),
            body=body,
            url=url,
        )
        stream = self._stream(host, request, data)
        token = None if stream is None else response_stream().set(stream)
        try:
            answer = await host.handle_http(data)
        except Exception:
            host_logger().exception(
                "The host failed to answer %s %s", request.method, request.path
            )
            answer = HttpResponseData(500)
        finally:
            if token is not None:
                response_stream().reset(token)
        if stream is not None:
            stream.close()
            if stream.response is not None:
                return stream.end()
        return web.Response(
            status=answer.status, body=answer.body, headers=answer.headers
        )

    def _stream(
        self, host: Host, request: web.BaseRequest, data: HttpRequestData
    ) -> _StreamedResponse | None:
        """A stream for the response when *host* serves an ``AsgiFunctionApp``."""
        served, middleware = self._streams_for
        if served is not host:
            middleware = _asgi_app_middleware(host)
            self._streams_for = (host, middleware)
        if middleware is None or data.method == "HEAD":
            return None
        origin = data.header("Origin") if host.cors is not None else None
        return _StreamedResponse(
            request,
            middleware,
            lambda headers: host.add_response_headers(origin, headers),
        )


def _asgi_app_middleware(host: Host) -> object:
    """The ``AsgiMiddleware`` of the host's ``AsgiFunctionApp``, or ``None``."""
    module = sys.modules.get("azure.functions._asgi")
    if module is None:  # nothing imported it: there is no such app
        return None
    middleware = getattr(host.app.app_object, "middleware", None)
    return middleware if isinstance(middleware, module.AsgiMiddleware) else None


def response_stream() -> ContextVar[ResponseStream | None]:
    """Where :class:`~azure.functions.AsgiMiddleware` looks for a stream."""
    from .._asgi import response_stream

    return response_stream


class _StreamedResponse:
    """An ``AsgiFunctionApp``'s response, written to the client as the app sends it.

    The app's middleware claims it (once, while the request is served) and
    sends a response of several bodies through it; a response of one body
    is answered as any other. After the invocation: a stream the app
    finished is complete on the wire; one cut short (the app failed or timed
    out midway) is cut on the wire too, by closing the connection, so the
    client cannot take it for a whole response.
    """

    __slots__ = (
        "_add_headers",
        "_middleware",
        "_open",
        "_request",
        "complete",
        "response",
    )

    def __init__(
        self,
        request: web.BaseRequest,
        middleware: object,
        add_headers: Callable[[list[tuple[str, str]]], None],
    ) -> None:
        self._request = request
        self._middleware = middleware
        self._add_headers = add_headers
        self._open = True
        self.response: web.StreamResponse | None = None
        self.complete = False

    def claim(self, middleware: object) -> bool:
        """Whether *middleware* may stream this response: the app's, first, in time."""
        if self._open and middleware is self._middleware:
            self._open = False
            return True
        return False

    async def start(self, status: int, headers: list[tuple[str, str]]) -> None:
        """Send the status and headers (the server frames the body: chunked)."""
        kept = [pair for pair in headers if pair[0].lower() not in FRAMING_HEADERS]
        self._add_headers(kept)
        response = web.StreamResponse(status=status)
        for name, value in kept:
            response.headers.add(name, value)
        await response.prepare(self._request)
        self.response = response

    async def write(self, body: bytes, *, last: bool) -> None:
        """Send a part of the body, the last one with the end of the response."""
        response = self.response
        assert response is not None
        if body:
            await response.write(body)
        if last:
            await response.write_eof()
            self.complete = True

    def close(self) -> None:
        """No claim from now on: the request was answered."""
        self._open = False

    def end(self) -> web.StreamResponse:
        """The response to hand back to aiohttp, cut on the wire if incomplete."""
        response = self.response
        assert response is not None
        if not self.complete:
            transport = self._request.transport
            if transport is not None:
                transport.close()  # what was written goes out; no last chunk
        return response


def _too_large() -> web.Response:
    response = web.Response(status=413)
    response.force_close()
    return response


def _bad_request() -> web.Response:
    response = web.Response(status=400)
    response.force_close()
    return response


class _ServerLog(logging.Logger):
    """aiohttp's server log for the host: a bad request is one line, no traceback.

    aiohttp logs every request it cannot parse with its traceback (as an
    error, or at debug level for a first request that is not HTTP at all);
    here it is one warning naming the client and the reason. Anything else
    goes on to the ``aiohttp.server`` logger as it came.
    """

    def __init__(self) -> None:
        super().__init__("aiohttp.server")

    def handle(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):
            args = record.args
            client = args[0] if isinstance(args, tuple) and args else "a client"
            host_logger().warning(
                "Bad request from %s: %s (%d)", client, _reason(error), error.code
            )
            return
        server_log = logging.getLogger("aiohttp.server")
        if server_log.isEnabledFor(record.levelno):
            server_log.handle(record)


def _reason(error: BaseException) -> str:
    """What was wrong with a request, on one line (aiohttp's spread over several)."""
    text = error.message if isinstance(error, HttpProcessingError) else str(error)
    parts = [
        line.strip()
        for line in str(text or type(error).__name__).splitlines()
        if line.strip().strip("^")  # not the line with the caret under the error
    ]
    reason = " ".join(parts)
    return reason if len(reason) <= 160 else reason[:157] + "..."


async def serve_until(server: Server, stop: asyncio.Event) -> bool:
    """Start *server*, wait for *stop*, stop it; whether the drain finished."""
    await server.start()
    await stop.wait()
    return await server.stop()
