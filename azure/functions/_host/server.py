"""The HTTP server: aiohttp in front of a :class:`~.host.Host`.

Every request goes to one handler that turns it into an
:class:`~.dispatch.HttpRequestData`, lets the host answer, and writes the
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
from collections.abc import Callable

from aiohttp import web
from aiohttp.abc import AbstractStreamWriter
from aiohttp.http_parser import RawRequestMessage
from aiohttp.streams import StreamReader
from aiohttp.web_protocol import RequestHandler

from .._errors import AppLoadError
from .app_loader import format_load_error
from .dispatch import HttpRequestData, dispatch
from .host import Host
from .lifespan import LifespanStartupError
from .logs import host_logger
from .timers import TimerRunner
from .watch import AppWatcher

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

    def handler(self) -> web.Server:
        """The low-level aiohttp server: every request goes to one handler.

        No ``web.Application``: the host routes requests itself, so aiohttp's
        router and middleware chain would be work for nothing on every request.
        """
        return web.Server(
            self._handle, request_factory=self._make_request, access_log=None
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
        # Read after the body: the request is served by the app current now,
        # and it counts as in flight for that app's drain before any await.
        host = self.host
        target = request.raw_path
        if target.startswith("/"):  # origin-form, as clients send it
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
        try:
            answer = await dispatch(host, data)
        except Exception:
            host_logger().exception(
                "The host failed to answer %s %s", request.method, request.path
            )
            return web.Response(status=500)
        return web.Response(
            status=answer.status, body=answer.body, headers=answer.headers
        )


def _too_large() -> web.Response:
    response = web.Response(status=413)
    response.force_close()
    return response


async def serve_until(server: Server, stop: asyncio.Event) -> bool:
    """Start *server*, wait for *stop*, stop it; whether the drain finished."""
    await server.start()
    await stop.wait()
    return await server.stop()
