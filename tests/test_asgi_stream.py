"""The hook a server streams an ASGI response through (``_asgi.response_stream``).

Only the middleware the stream was made for claims it, once; a response of one
body keeps the gathered path; a client that went away is heard of through
``receive()`` and what the app still sends is dropped.
"""

from __future__ import annotations

import asyncio
import logging

import pytest

import azure.functions as func
from azure.functions._asgi import AsgiMessage, AsgiReceive, AsgiScope, AsgiSend
from azure.functions._asgi import response_stream as stream_var


class Recorded:
    """A stream that records what it is sent; *fail_after* writes, it fails."""

    def __init__(
        self, middleware: func.AsgiMiddleware, fail_after: int | None = None
    ) -> None:
        self.middleware = middleware
        self.fail_after = fail_after
        self.claims = 0
        self.events: list[tuple[str, object]] = []

    def claim(self, middleware: func.AsgiMiddleware) -> bool:
        self.claims += 1
        return middleware is self.middleware and self.claims == 1

    async def start(self, status: int, headers: list[tuple[str, str]]) -> None:
        self.events.append(("start", (status, headers)))

    async def write(self, body: bytes, *, last: bool) -> None:
        writes = sum(kind == "write" for kind, _ in self.events)
        if self.fail_after is not None and writes >= self.fail_after:
            raise ConnectionResetError("the client went away")
        self.events.append(("write", (body, last)))


def parts_app(
    bodies: list[bytes], status: int = 200, heard: list[str] | None = None
) -> func.AsgiMiddleware:
    async def app(scope: AsgiScope, receive: AsgiReceive, send: AsgiSend) -> None:
        if scope["type"] != "http":
            return
        await receive()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"x-a", b"1")],
            }
        )
        for index, body in enumerate(bodies):
            more = index < len(bodies) - 1
            await send({"type": "http.response.body", "body": body, "more_body": more})
        if heard is not None:
            message: AsgiMessage = await receive()
            heard.append(str(message["type"]))

    return func.AsgiMiddleware(app)


def serve(
    middleware: func.AsgiMiddleware, stream: Recorded | None
) -> func.HttpResponse:
    async def call() -> func.HttpResponse:
        token = stream_var.set(stream)
        try:
            request = func.HttpRequest("GET", "http://localhost/x")
            return await middleware.handle_async(request)
        finally:
            stream_var.reset(token)

    return asyncio.run(call())


def test_a_response_of_several_bodies_is_streamed() -> None:
    middleware = parts_app([b"a", b"", b"b"])
    stream = Recorded(middleware)
    response = serve(middleware, stream)
    assert stream.events == [
        ("start", (200, [("x-a", "1")])),
        ("write", (b"a", False)),
        ("write", (b"", False)),
        ("write", (b"b", True)),
    ]
    # What the function returns is the record: the body went to the client.
    assert (response.status_code, response.get_body()) == (200, b"")
    assert response.headers["x-a"] == "1"


@pytest.mark.parametrize("status", [200, 101])
def test_one_body_or_a_refused_status_keeps_the_gathered_path(status: int) -> None:
    middleware = parts_app([b"whole"] if status == 200 else [b"a", b"b"], status)
    stream = Recorded(middleware)
    response = serve(middleware, stream)
    assert stream.events == []
    assert response.get_body() == (b"whole" if status == 200 else b"ab")


def test_only_the_middleware_it_was_made_for_claims_it() -> None:
    middleware = parts_app([b"a", b"b"])
    stream = Recorded(parts_app([]))
    assert serve(middleware, stream).get_body() == b"ab"
    assert (stream.claims, stream.events) == (1, [])


def test_a_client_that_went_away_is_heard_of_and_nothing_fails(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="azure.functions.AsgiMiddleware")
    heard: list[str] = []
    middleware = parts_app([b"a", b"b", b"c"], heard=heard)
    stream = Recorded(middleware, fail_after=1)
    response = serve(middleware, stream)
    assert stream.events == [("start", (200, [("x-a", "1")])), ("write", (b"a", False))]
    assert heard == ["http.disconnect"]
    assert response.status_code == 200
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
