"""``AsgiMiddleware``: an ASGI application (FastAPI, Starlette ...) behind a trigger.

Each request runs the application once with an ASGI 3 ``http`` scope; the
``http.response.*`` messages it sends are gathered into an
:class:`~azure.functions.HttpResponse`. The ``lifespan`` protocol runs as a
task on the event loop that starts it, as the ASGI spec asks.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable, MutableMapping
from typing import Protocol, TypeAlias, TypeVar
from urllib.parse import unquote, urlsplit

# Imported at run time, not only for type checkers: the Python worker resolves
# the annotations of ``main`` with typing.get_type_hints().
from ._context import Context
from ._http_request import HttpRequest
from ._http_response import HttpResponse
from ._wsgi import build_response, context_keys, server_port, wire_text

__all__ = [
    "AsgiApp",
    "AsgiMessage",
    "AsgiMiddleware",
    "AsgiReceive",
    "AsgiScope",
    "AsgiSend",
]

#: An ASGI connection scope.
AsgiScope: TypeAlias = MutableMapping[str, object]
#: An ASGI event, received or sent.
AsgiMessage: TypeAlias = MutableMapping[str, object]
#: The ``receive`` awaitable callable an application is given.
AsgiReceive: TypeAlias = Callable[[], Awaitable[AsgiMessage]]
#: The ``send`` awaitable callable an application is given.
AsgiSend: TypeAlias = Callable[[AsgiMessage], Awaitable[None]]


class AsgiApp(Protocol):
    """An ASGI 3 application: ``await app(scope, receive, send)``."""

    def __call__(
        self, scope: AsgiScope, receive: AsgiReceive, send: AsgiSend, /
    ) -> Awaitable[None]:
        """Handle one connection (an HTTP request, or the lifespan)."""
        ...


class ResponseStream(Protocol):
    """Where a server takes a middleware's response as it comes (the local host).

    Set for a request with :data:`response_stream`; the middleware it
    :meth:`claim` s sends a response of more than one ``http.response.body``
    through it: :meth:`start` once, then :meth:`write` per body (``last``
    for the final one). Not part of the public API.
    """

    def claim(self, middleware: AsgiMiddleware) -> bool:
        """Whether *middleware* may stream this request's response (asked once)."""
        ...

    async def start(self, status: int, headers: list[tuple[str, str]]) -> None:
        """Send the status line and headers."""
        ...

    async def write(self, body: bytes, *, last: bool) -> None:
        """Send a part of the body; ``OSError`` when the client has gone."""
        ...


#: The stream of the request being served, set by the server around it.
response_stream: contextvars.ContextVar[ResponseStream | None] = contextvars.ContextVar(
    "azure_functions_asgi_response_stream", default=None
)

_T = TypeVar("_T")

_logger = logging.getLogger("azure.functions.AsgiMiddleware")

_ASGI_VERSION = "3.0"
_HTTP_SPEC_VERSION = "2.3"
_LIFESPAN_SPEC_VERSION = "2.0"
_SHUTDOWN_ANSWERS = frozenset(
    {"lifespan.shutdown.complete", "lifespan.shutdown.failed"}
)


class AsgiMiddleware:
    """Run an ASGI application (a FastAPI or Starlette app ...) per request.

    >>> import asyncio
    >>> import azure.functions as func
    >>> async def asgi_app(scope, receive, send):  # FastAPI, Starlette ...
    ...     if scope["type"] != "http":
    ...         return  # no lifespan support: served all the same
    ...     await send({"type": "http.response.start", "status": 200, "headers": []})
    ...     await send({"type": "http.response.body", "body": scope["path"].encode()})
    >>> asgi = func.AsgiMiddleware(asgi_app)
    >>> async def main(
    ...     req: func.HttpRequest, context: func.Context
    ... ) -> func.HttpResponse:
    ...     return await asgi.handle_async(req, context)
    >>> context = func.Context(invocation_id="1", function_name="app")
    >>> req = func.HttpRequest("GET", "http://localhost/api/hi")
    >>> asyncio.run(main(req, context)).get_body()
    b'/api/hi'

    The scope has the method, the percent-decoded ``path`` and the untouched
    ``raw_path`` and ``query_string`` of the request URL, every request header
    (repeated ones too, in order), ``server`` from the URL (or
    ``X-Forwarded-Port``), a copy of the lifespan ``state`` and the
    invocation's context under ``azure_functions.*`` keys.

    The application's lifespan start-up runs before the first request that
    :meth:`handle_async` serves, unless :meth:`notify_startup` ran it already;
    an application without lifespan support is served all the same.

    The response is assembled from ``http.response.start`` and every
    ``http.response.body`` message (a streamed body arrives whole), keeping
    every header, so several ``Set-Cookie`` headers all reach the client.
    (The local host streams an ``AsgiFunctionApp``'s response to its client
    as the bodies come instead, through :data:`response_stream`.) An
    exception from the application propagates (the host answers 500 and
    records the failure), unless the application had already sent a complete
    response: that response is returned and the exception is logged, as ASGI
    servers do.
    """

    __slots__ = ("_app", "_lifespan", "_ready", "_state", "_warned")

    def __init__(self, app: AsgiApp) -> None:
        self._app = app
        self._state: dict[str, object] = {}
        self._lifespan: _Lifespan | None = None
        self._ready = False
        self._warned = False

    @property
    def state(self) -> dict[str, object]:
        """The lifespan ``state`` namespace; each request gets a shallow copy."""
        return self._state

    @property
    def main(self) -> Callable[[HttpRequest, Context], HttpResponse]:
        """A synchronous entry point: ``main = func.AsgiMiddleware(app).main``.

        Each call runs a new event loop, so the lifespan is not started here;
        prefer ``await handle_async(req, context)``.
        """
        return self._handle

    async def handle_async(
        self, req: HttpRequest, context: Context | None = None
    ) -> HttpResponse:
        """Run the application for *req* and answer its response.

        Runs the lifespan start-up first if nothing ran it yet; raises
        ``RuntimeError`` if the application reported that start-up failed.
        """
        if not self._ready and not await self.notify_startup():
            failure = self._lifespan.failure if self._lifespan else ""
            # A framework's message may be a whole traceback: its last line says it.
            lines = failure.strip().splitlines()
            raise RuntimeError(
                "the ASGI app's lifespan start-up failed"
                + (f": {lines[-1]}" if lines else "")
            )
        return await self._serve(req, context)

    def handle(self, req: HttpRequest, context: Context | None = None) -> HttpResponse:
        """Deprecated: ``await handle_async(req, context)`` instead.

        Runs the application on a new event loop in this thread (so it cannot
        be called from a running loop) and without lifespan events.
        """
        import warnings

        warnings.warn(
            "AsgiMiddleware.handle() is deprecated: await handle_async() instead",
            DeprecationWarning,
            stacklevel=2,
        )
        if not self._warned:
            self._warned = True
            _logger.warning(
                "AsgiMiddleware.handle() is deprecated: await handle_async() instead"
            )
        return self._run_sync(req, context)

    def _handle(self, req: HttpRequest, context: Context) -> HttpResponse:
        return self._run_sync(req, context)

    def _run_sync(self, req: HttpRequest, context: Context | None) -> HttpResponse:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(self._serve(req, context))
        raise RuntimeError(
            "AsgiMiddleware.handle() cannot run inside a running event loop: "
            "await handle_async() instead"
        )

    async def notify_startup(self) -> bool:
        """Send ``lifespan.startup`` and wait for the answer; run once.

        Answers ``True`` once the application completed its start-up, or when it
        does not take part in the lifespan protocol; ``False`` when it reported
        ``lifespan.startup.failed`` (the message is logged). Later calls answer
        the same without starting anything again.
        """
        life = self._lifespan
        if life is None:
            loop = asyncio.get_running_loop()
            life = self._lifespan = _Lifespan(loop)
            life.task = loop.create_task(self._run_lifespan(life))
        if not life.started.done():
            await self._on_loop(life, life.wait_started, "lifespan.startup")
        ok = life.started.result()
        self._ready = ok
        return ok

    async def notify_shutdown(self) -> None:
        """Send ``lifespan.shutdown`` and wait until the application finished it.

        Does nothing when no start-up ran, when the application does not take
        part in the lifespan protocol, or when it already shut down. A failure it
        reports is logged.
        """
        life = self._lifespan
        if life is None or (life.task is not None and life.task.done()):
            return
        await self._on_loop(life, life.shut_down, "lifespan.shutdown")

    async def _on_loop(
        self,
        life: _Lifespan,
        step: Callable[[], Coroutine[object, object, None]],
        what: str,
    ) -> None:
        """Run *step* on the event loop that runs the lifespan task."""
        here = asyncio.get_running_loop()
        if life.loop is here:
            await step()
        elif life.loop.is_running():  # in another thread
            await asyncio.wrap_future(
                asyncio.run_coroutine_threadsafe(step(), life.loop)
            )
        else:
            raise RuntimeError(
                f"cannot deliver {what}: the event loop that started the ASGI "
                "app's lifespan is not running any more"
            )

    async def _serve(self, req: HttpRequest, context: Context | None) -> HttpResponse:
        scope = _http_scope(req, context, dict(self._state))
        stream = response_stream.get()
        exchange = _Exchange(
            req.get_body(),
            stream if stream is not None and stream.claim(self) else None,
        )
        try:
            await self._app(scope, exchange.receive, exchange.send)
        except Exception:
            if not exchange.complete:
                raise
            _logger.exception(
                "the ASGI app raised after sending its complete response "
                "(status %s); answering that response",
                exchange.status,
            )
        finally:
            exchange.finish()
        return exchange.response()

    def __repr__(self) -> str:
        return f"<AsgiMiddleware {self._app!r}>"

    async def _run_lifespan(self, life: _Lifespan) -> None:
        scope: AsgiScope = {
            "type": "lifespan",
            "asgi": {"version": _ASGI_VERSION, "spec_version": _LIFESPAN_SPEC_VERSION},
            "state": self._state,
        }
        try:
            await self._app(scope, life.receive, life.send)
        except Exception:
            if not life.started.done():
                # The ASGI spec: an app that raises on the lifespan scope does
                # not support it, and the server goes on without lifespan events.
                _logger.warning(
                    "the ASGI app raised on the lifespan scope; serving it "
                    "without lifespan events",
                    exc_info=True,
                )
            elif life.reported_failure:
                _logger.debug(
                    "the ASGI app's lifespan raised after reporting its failure",
                    exc_info=True,
                )
            else:
                _logger.exception("the ASGI app's lifespan raised")
        finally:
            # An app that returns without answering ignores the lifespan.
            _resolve(life.started, True)
            _resolve(life.stopped, None)


class _Lifespan:
    """The lifespan task of one middleware and where the protocol stands."""

    __slots__ = (
        "failure",
        "loop",
        "reported_failure",
        "shutdown_requested",
        "started",
        "startup_sent",
        "stopped",
        "task",
    )

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.task: asyncio.Task[None] | None = None
        self.started: asyncio.Future[bool] = loop.create_future()
        self.shutdown_requested: asyncio.Future[None] = loop.create_future()
        self.stopped: asyncio.Future[None] = loop.create_future()
        self.startup_sent = False
        self.reported_failure = False
        self.failure = ""

    async def wait_started(self) -> None:
        await asyncio.shield(self.started)

    async def shut_down(self) -> None:
        await asyncio.shield(self.started)
        _resolve(self.shutdown_requested, None)
        await asyncio.shield(self.stopped)

    async def receive(self) -> AsgiMessage:
        if not self.startup_sent:
            self.startup_sent = True
            return {"type": "lifespan.startup"}
        if self.shutdown_requested.done():
            raise RuntimeError("no lifespan event follows 'lifespan.shutdown'")
        await asyncio.shield(self.shutdown_requested)
        return {"type": "lifespan.shutdown"}

    async def send(self, message: AsgiMessage) -> None:
        kind = message.get("type")
        if kind == "lifespan.startup.complete" and not self.started.done():
            self.started.set_result(True)
        elif kind == "lifespan.startup.failed" and not self.started.done():
            self._report("start-up", message)
            self.started.set_result(False)
        elif kind in _SHUTDOWN_ANSWERS and self._stopping():
            if not self.shutdown_requested.done():
                # Unasked: typically its event loop is closing and cancelled it.
                _logger.warning(
                    "the ASGI app's lifespan ended before 'lifespan.shutdown' "
                    "was sent (%s); was its event loop closed?",
                    kind,
                )
            elif kind == "lifespan.shutdown.failed":
                self._report("shut-down", message)
            self.stopped.set_result(None)
        else:
            raise RuntimeError(f"unexpected lifespan message {kind!r} at this point")

    def _stopping(self) -> bool:
        return self.started.done() and not self.stopped.done()

    def _report(self, phase: str, message: AsgiMessage) -> None:
        text = message.get("message")
        self.failure = text if isinstance(text, str) else ""
        self.reported_failure = True
        _logger.error(
            "the ASGI app's lifespan %s failed%s",
            phase,
            f": {self.failure}" if self.failure else "",
        )


def _resolve(future: asyncio.Future[_T], value: _T) -> None:
    if not future.done():
        future.set_result(value)


def _http_scope(
    req: HttpRequest, context: Context | None, state: dict[str, object]
) -> AsgiScope:
    parts = urlsplit(req.url)
    raw_path = parts.path or "/"
    server: tuple[str, int] | None = None
    if parts.hostname:
        server = (parts.hostname, server_port(parts, req.headers))
    scope: AsgiScope = {
        "type": "http",
        "asgi": {"version": _ASGI_VERSION, "spec_version": _HTTP_SPEC_VERSION},
        "http_version": "1.1",
        "method": req.method,
        "scheme": parts.scheme or "http",
        "path": unquote(raw_path),
        "raw_path": _wire(raw_path),
        "query_string": _wire(parts.query),
        "root_path": "",
        "headers": [(_wire(name), _wire(value)) for name, value in req.headers.items()],
        "server": server,
        "client": None,
        "state": state,
    }
    scope.update(context_keys(context))
    return scope


def _wire(text: str) -> bytes:
    # The host decoded the request's bytes as UTF-8; this gives them back.
    return text.encode("utf-8", "surrogatepass")


class _Exchange:
    """One request: feeds ``receive``, collects what ``send`` is given."""

    __slots__ = (
        "_body",
        "_body_sent",
        "_finished",
        "_stream",
        "chunks",
        "complete",
        "disconnected",
        "headers",
        "status",
        "streaming",
    )

    def __init__(self, body: bytes, stream: ResponseStream | None = None) -> None:
        self._body = body
        self._body_sent = False
        self._finished = asyncio.Event()
        self._stream = stream
        self.status: int | None = None
        self.headers: list[tuple[str, str]] = []
        self.chunks: list[bytes] = []
        self.complete = False
        #: The body goes to the stream as it comes; the client went away.
        self.streaming = False
        self.disconnected = False

    async def receive(self) -> AsgiMessage:
        if not self._body_sent:
            self._body_sent = True
            return {"type": "http.request", "body": self._body, "more_body": False}
        # The "client" goes away once the response is complete.
        await self._finished.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: AsgiMessage) -> None:
        kind = message.get("type")
        if self.complete or self.disconnected:
            _logger.debug("ignoring %r sent after the complete response", kind)
            return
        if kind == "http.response.start":
            if self.status is not None:
                raise RuntimeError("the ASGI app sent 'http.response.start' twice")
            self.status = _status(message.get("status"))
            self.headers = _headers(message.get("headers", ()))
        elif kind == "http.response.body":
            if self.status is None:
                raise RuntimeError(
                    "the ASGI app sent 'http.response.body' before "
                    "'http.response.start'"
                )
            body = message.get("body", b"")
            if not isinstance(body, (bytes, bytearray, memoryview)):
                raise TypeError(
                    f"ASGI 'http.response.body' body must be bytes, "
                    f"got {type(body).__name__}"
                )
            more = bool(message.get("more_body", False))
            stream = self._stream
            # Streamed only when there is more than one body to send: a whole
            # response keeps the buffered path (and its Content-Length), as
            # does a status the host refuses (the buffered path reports it).
            if stream is not None and (
                self.streaming or (more and 200 <= self.status <= 599)
            ):
                await self._stream_body(stream, bytes(body), last=not more)
            elif body:
                self.chunks.append(bytes(body))
            if not more:
                self.finish()
                self.complete = True
        else:
            raise RuntimeError(f"the ASGI app sent an unexpected message {kind!r}")

    async def _stream_body(
        self, stream: ResponseStream, body: bytes, *, last: bool
    ) -> None:
        assert self.status is not None
        try:
            if not self.streaming:  # the first body: nothing was gathered before
                await stream.start(self.status, self.headers)
                self.streaming = True
            await stream.write(body, last=last)
        except OSError:
            # The client went away: the app hears it from receive(), as from
            # an ASGI server, and what it still sends is dropped.
            self.disconnected = True
            self.finish()

    def finish(self) -> None:
        self._finished.set()

    def response(self) -> HttpResponse:
        if self.status is None:
            raise RuntimeError(
                "the ASGI app returned without sending 'http.response.start'"
            )
        if not self.complete and not self.disconnected:
            _logger.warning(
                "the ASGI app returned before its last 'http.response.body' "
                "(more_body=False); answering the body sent so far"
            )
        if self.streaming:  # the body went to the client: the rest is the record
            return build_response(self.status, self.headers, b"")
        return build_response(self.status, self.headers, b"".join(self.chunks))


def _status(status: object) -> int:
    if not isinstance(status, int) or isinstance(status, bool):
        raise TypeError(
            "ASGI 'http.response.start' status must be int, "
            f"got {type(status).__name__}"
        )
    return status


def _headers(raw: object) -> list[tuple[str, str]]:
    if isinstance(raw, (str, bytes, bytearray)) or not isinstance(raw, Iterable):
        raise TypeError(
            "ASGI 'http.response.start' headers must be [name, value] byte pairs"
        )
    pairs: list[tuple[str, str]] = []
    for item in raw:
        pair = tuple(item) if isinstance(item, (tuple, list)) else ()
        if len(pair) != 2 or not all(isinstance(part, bytes) for part in pair):
            raise TypeError(
                f"ASGI response headers must be [name, value] byte pairs, "
                f"got {item!r:.60}"
            )
        name, value = pair
        pairs.append((name.decode("latin-1"), wire_text(value)))
    return pairs
