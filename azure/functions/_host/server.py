"""The HTTP server: aiohttp in front of a :class:`~.host.Host`.

Every request goes to one handler that turns it into an
:class:`~.dispatch.HttpRequestData`, lets the host answer, and writes the
answer back (one ``Set-Cookie`` line per cookie). Bodies over the host's
limit are refused with 413 before they are read. Timer functions fire from
the same event loop. :meth:`Server.stop` stops accepting, lets requests and
invocations in flight finish (bounded), then closes.
"""

from __future__ import annotations

import asyncio

from aiohttp import web
from multidict import CIMultiDict

from .dispatch import HttpRequestData
from .host import Host
from .logs import host_logger
from .timers import TimerRunner

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
    ) -> None:
        self.host = host
        self.bind = bind
        self.port = port
        self.drain_timeout = drain_timeout
        self._runner: web.AppRunner | None = None
        self._timers: TimerRunner | None = None
        self._run_timers = run_timers

    def application(self) -> web.Application:
        """The aiohttp application: one catch-all handler."""
        app = web.Application(client_max_size=self.host.body_limit)
        app.router.add_route("*", "/{path:.*}", self._handle)
        return app

    async def start(self) -> int:
        """Listen; returns the port bound. Timers start after the socket is open."""
        runner = web.AppRunner(
            self.application(),
            handle_signals=False,
            access_log=None,
            shutdown_timeout=self.drain_timeout,
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
        if self._run_timers and self.host.timers:
            self._timers = TimerRunner(
                self.host.timers,
                lambda function, payload, reason: self.host.invoke_in_background(
                    function, payload, reason
                ),
            )
            self._timers.start()
        return self.port

    async def stop(self) -> bool:
        """Stop accepting, drain in-flight work (bounded); whether it all finished."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.drain_timeout
        if self._timers is not None:
            await self._timers.stop()
            self._timers = None
        runner, self._runner = self._runner, None
        if runner is not None:
            # Closes the listener, then waits for handlers (up to drain_timeout).
            await runner.cleanup()
        return await self.host.drain(max(0.0, deadline - loop.time()))

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        limit = self.host.body_limit
        length = request.content_length
        if length is not None and length > limit:
            return _too_large()
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _too_large()
        data = HttpRequestData(
            method=request.method,
            path=request.rel_url.raw_path,
            query_string=request.rel_url.raw_query_string,
            headers=list(request.headers.items()),
            body=body,
            url=str(request.url),
        )
        try:
            answer = await self.host.handle_http(data)
        except Exception:
            host_logger().exception(
                "The host failed to answer %s %s", request.method, request.path
            )
            return web.Response(status=500)
        return web.Response(
            status=answer.status, body=answer.body, headers=CIMultiDict(answer.headers)
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
