"""AsgiMiddleware: real Starlette/FastAPI apps, and hand-written ASGI apps for the spec edges."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import typing
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine

import pytest
from fastapi import FastAPI
from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

import azure.functions as func
from azure.functions._asgi import AsgiMessage, AsgiReceive, AsgiScope, AsgiSend
from azure.functions.http import HttpResponseConverter
from tests._wire import WireResponse, read_http_output

_T = typing.TypeVar("_T")


def run(coro: Coroutine[object, object, _T]) -> _T:
    return asyncio.run(coro)


def serve(
    app: func.AsgiMiddleware,
    method: str,
    url: str,
    *,
    headers: list[tuple[str, str]] | None = None,
    body: bytes = b"",
    context: func.Context | None = None,
) -> func.HttpResponse:
    request = func.HttpRequest(method, url, headers=headers, body=body)
    return run(app.handle_async(request, context))


def wire(response: func.HttpResponse) -> WireResponse:
    datum = HttpResponseConverter.encode(response, expected_type=func.HttpResponse)
    return read_http_output(datum)


# -- a Starlette app with a recorded lifespan -------------------------------


class Recorder:
    """A Starlette app whose lifespan start-up and shut-down are recorded."""

    def __init__(self) -> None:
        self.calls: list[str] = []

        @contextlib.asynccontextmanager
        async def lifespan(app: Starlette) -> AsyncIterator[dict[str, object]]:
            self.calls.append("startup")
            yield {"db": "connection-1"}
            self.calls.append("shutdown")

        self.app = Starlette(
            routes=[
                Route("/api/items/{item_id:int}", self.item),
                Route("/api/echo", self.echo, methods=["POST"]),
                Route("/api/cookies", self.cookies),
                Route("/api/stream", self.stream),
                Route("/api/status/{code:int}", self.status),
                Route("/api/boom", self.boom),
            ],
            lifespan=lifespan,
        )

    async def item(self, request: Request) -> Response:
        self.calls.append("request")
        return JSONResponse(
            {
                "id": request.path_params["item_id"],
                "q": request.query_params.getlist("q"),
                "tags": request.headers.getlist("x-tag"),
                "db": request.state.db,
                "path": request.url.path,
                "url": str(request.url),
            }
        )

    async def echo(self, request: Request) -> Response:
        data = await request.json()
        return JSONResponse({"got": data}, status_code=201)

    async def cookies(self, request: Request) -> Response:
        response = PlainTextResponse("cookies")
        response.set_cookie("session", "abc", httponly=True)
        response.set_cookie("theme", "dark")
        return response

    async def stream(self, request: Request) -> Response:
        async def chunks() -> AsyncIterator[bytes]:
            for number in range(3):
                await asyncio.sleep(0)
                yield f"part{number};".encode()

        return StreamingResponse(chunks(), media_type="text/csv")

    async def status(self, request: Request) -> Response:
        return PlainTextResponse("status", status_code=request.path_params["code"])

    async def boom(self, request: Request) -> Response:
        raise ValueError("boom")


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def test_routes_with_path_and_query_params_and_repeated_headers(
    recorder: Recorder,
) -> None:
    response = serve(
        func.AsgiMiddleware(recorder.app),
        "get",
        "https://example.net/api/items/42?q=a&q=b",
        headers=[("X-Tag", "one"), ("X-Tag", "two")],
    )
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["content-type"] == "application/json"
    assert json.loads(response.get_body()) == {
        "id": 42,
        "q": ["a", "b"],
        "tags": ["one", "two"],
        "db": "connection-1",
        "path": "/api/items/42",
        "url": "https://example.net/api/items/42?q=a&q=b",
    }


def test_json_body_reaches_the_app(recorder: Recorder) -> None:
    response = serve(
        func.AsgiMiddleware(recorder.app),
        "POST",
        "https://example.net/api/echo",
        headers=[("Content-Type", "application/json")],
        body=b'{"name": "Ada", "tags": [1, 2]}',
    )
    assert response.status_code == 201
    assert json.loads(response.get_body()) == {"got": {"name": "Ada", "tags": [1, 2]}}


def test_every_set_cookie_header_reaches_the_wire(recorder: Recorder) -> None:
    response = serve(
        func.AsgiMiddleware(recorder.app), "GET", "https://example.net/api/cookies"
    )
    cookies = response.headers.getall("set-cookie")
    assert len(cookies) == 2
    assert cookies[0].startswith("session=abc;")
    assert "HttpOnly" in cookies[0]
    assert cookies[1].startswith("theme=dark;")
    sent = wire(response)
    assert [(c.name, c.value, c.httponly) for c in sent.cookies] == [
        ("session", "abc", True),
        ("theme", "dark", False),
    ]


def test_streaming_response_arrives_whole(recorder: Recorder) -> None:
    response = serve(
        func.AsgiMiddleware(recorder.app), "GET", "https://example.net/api/stream"
    )
    assert response.get_body() == b"part0;part1;part2;"
    assert response.mimetype == "text/csv"
    assert response.charset == "utf-8"
    assert "transfer-encoding" not in response.headers


@pytest.mark.parametrize("code", [201, 204, 302, 418, 503])
def test_status_codes_pass_through(recorder: Recorder, code: int) -> None:
    response = serve(
        func.AsgiMiddleware(recorder.app),
        "GET",
        f"https://example.net/api/status/{code}",
    )
    assert response.status_code == code


def test_unknown_route_is_the_apps_404(recorder: Recorder) -> None:
    response = serve(
        func.AsgiMiddleware(recorder.app), "GET", "https://example.net/api/nowhere"
    )
    assert response.status_code == 404
    assert response.get_body() == b"Not Found"


def test_exception_after_the_apps_500_response_returns_it_and_logs(
    recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    # Starlette's ServerErrorMiddleware sends a 500 response, then re-raises.
    with caplog.at_level(logging.ERROR, "azure.functions.AsgiMiddleware"):
        response = serve(
            func.AsgiMiddleware(recorder.app), "GET", "https://example.net/api/boom"
        )
    assert response.status_code == 500
    assert response.get_body() == b"Internal Server Error"
    [record] = caplog.records
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], ValueError)


# -- FastAPI ----------------------------------------------------------------


class Item(BaseModel):
    name: str
    price: float


def fastapi_app() -> FastAPI:
    app = FastAPI()

    @app.post("/api/items/{item_id}")
    async def create(
        item_id: int, item: Item, verbose: bool = False
    ) -> dict[str, object]:
        return {
            "id": item_id,
            "name": item.name,
            "price": item.price,
            "verbose": verbose,
        }

    @app.get("/api/fail")
    async def fail() -> None:
        raise KeyError("missing")

    @app.exception_handler(Exception)
    async def catch_all(request: Request, exc: Exception) -> Response:
        return JSONResponse({"error": type(exc).__name__}, status_code=500)

    return app


def test_fastapi_validates_body_and_params() -> None:
    app = func.AsgiMiddleware(fastapi_app())
    ok = serve(
        app,
        "POST",
        "https://example.net/api/items/7?verbose=true",
        headers=[("content-type", "application/json")],
        body=b'{"name": "pen", "price": 1.5}',
    )
    assert ok.status_code == 200
    assert json.loads(ok.get_body()) == {
        "id": 7,
        "name": "pen",
        "price": 1.5,
        "verbose": True,
    }
    bad = serve(
        app,
        "POST",
        "https://example.net/api/items/x",
        headers=[("content-type", "application/json")],
        body=b'{"name": "pen"}',
    )
    assert bad.status_code == 422


def test_fastapi_catch_all_exception_handler_answers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Under the reference the handler's response was lost (the error re-raised
    # by Starlette escaped): Azure/azure-functions-python-worker#1364.
    with caplog.at_level(logging.ERROR, "azure.functions.AsgiMiddleware"):
        response = serve(
            func.AsgiMiddleware(fastapi_app()), "GET", "https://example.net/api/fail"
        )
    assert response.status_code == 500
    assert json.loads(response.get_body()) == {"error": "KeyError"}
    assert "complete response" in caplog.text


def test_fastapi_http_middleware_with_a_streamed_body_does_not_hang() -> None:
    app = FastAPI()

    @app.middleware("http")
    async def stamp(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers["X-Stamp"] = "yes"
        return response

    @app.post("/api/stream")
    async def stream(request: Request) -> StreamingResponse:
        size = len(await request.body())

        async def chunks() -> AsyncIterator[bytes]:
            for _ in range(size):
                yield b"x"

        return StreamingResponse(chunks(), media_type="text/plain")

    middleware = func.AsgiMiddleware(app)

    async def scenario() -> func.HttpResponse:
        request = func.HttpRequest("POST", "https://h/api/stream", body=b"abcd")
        return await asyncio.wait_for(middleware.handle_async(request), timeout=5)

    response = run(scenario())
    assert response.get_body() == b"xxxx"
    assert response.headers["x-stamp"] == "yes"


# -- lifespan ---------------------------------------------------------------


def test_startup_runs_once_before_the_first_request_and_shutdown_on_notice(
    recorder: Recorder,
) -> None:
    app = func.AsgiMiddleware(recorder.app)

    async def scenario() -> None:
        first = [
            app.handle_async(func.HttpRequest("GET", f"https://h/api/items/{n}"))
            for n in range(3)
        ]
        responses = await asyncio.gather(*first)
        assert [r.status_code for r in responses] == [200, 200, 200]
        assert await app.notify_startup() is True  # already done: not run again
        await app.notify_shutdown()
        await app.notify_shutdown()  # once only

    run(scenario())
    assert recorder.calls == ["startup", "request", "request", "request", "shutdown"]
    assert app.state == {"db": "connection-1"}


def test_explicit_startup_then_requests_share_the_lifespan_state(
    recorder: Recorder,
) -> None:
    app = func.AsgiMiddleware(recorder.app)

    async def scenario() -> bytes:
        assert await app.notify_startup() is True
        assert recorder.calls == ["startup"]
        response = await app.handle_async(
            func.HttpRequest("GET", "https://h/api/items/1")
        )
        await app.notify_shutdown()
        return response.get_body()

    assert b'"db":"connection-1"' in run(scenario())
    assert recorder.calls == ["startup", "request", "shutdown"]


def test_each_request_gets_a_shallow_copy_of_the_state() -> None:
    seen: list[dict[str, object]] = []

    async def app(scope: AsgiScope, receive: AsgiReceive, send: AsgiSend) -> None:
        if scope["type"] == "lifespan":
            await receive()
            state = scope["state"]
            assert isinstance(state, dict)
            state["shared"] = ["list"]
            await send({"type": "lifespan.startup.complete"})
            await receive()
            await send({"type": "lifespan.shutdown.complete"})
            return
        state = scope["state"]
        assert isinstance(state, dict)
        seen.append(state)
        state["per_request"] = True
        await send({"type": "http.response.start", "status": 204})
        await send({"type": "http.response.body"})

    middleware = func.AsgiMiddleware(app)

    async def scenario() -> None:
        await middleware.handle_async(func.HttpRequest("GET", "https://h/"))
        await middleware.handle_async(func.HttpRequest("GET", "https://h/"))
        await middleware.notify_shutdown()

    run(scenario())
    assert seen[0] is not seen[1]
    assert seen[0]["shared"] is seen[1]["shared"]
    assert "per_request" not in middleware.state


def connect_to_database() -> None:
    raise ConnectionError("database unreachable")


def test_failed_startup_is_reported_and_refuses_requests(
    caplog: pytest.LogCaptureFixture,
) -> None:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        connect_to_database()
        yield  # pragma: no cover

    app = func.AsgiMiddleware(Starlette(lifespan=lifespan))

    async def scenario() -> None:
        assert await app.notify_startup() is False
        assert await app.notify_startup() is False  # not retried
        with pytest.raises(
            RuntimeError,
            match=r"start-up failed: ConnectionError: database unreachable$",
        ):
            await app.handle_async(func.HttpRequest("GET", "https://h/"))
        await app.notify_shutdown()  # nothing left to shut down

    with caplog.at_level(logging.ERROR, "azure.functions.AsgiMiddleware"):
        run(scenario())
    assert "lifespan start-up failed" in caplog.text
    assert "database unreachable" in caplog.text


def test_failed_startup_without_a_message(caplog: pytest.LogCaptureFixture) -> None:
    async def app(scope: AsgiScope, receive: AsgiReceive, send: AsgiSend) -> None:
        await receive()
        await send({"type": "lifespan.startup.failed"})

    middleware = func.AsgiMiddleware(app)
    with (
        caplog.at_level(logging.ERROR, "azure.functions.AsgiMiddleware"),
        pytest.raises(RuntimeError, match=r"start-up failed$"),
    ):
        serve(middleware, "GET", "https://h/")
    assert [r.getMessage() for r in caplog.records] == [
        "the ASGI app's lifespan start-up failed"
    ]


def test_shutdown_failure_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        raise OSError("cannot flush")

    app = func.AsgiMiddleware(Starlette(lifespan=lifespan))

    async def scenario() -> None:
        assert await app.notify_startup() is True
        await app.notify_shutdown()

    with caplog.at_level(logging.ERROR, "azure.functions.AsgiMiddleware"):
        run(scenario())
    assert "lifespan shut-down failed" in caplog.text
    assert "cannot flush" in caplog.text


async def http_only(scope: AsgiScope, receive: AsgiReceive, send: AsgiSend) -> None:
    """A raw app that knows only HTTP, as some do."""
    if scope["type"] != "http":
        raise ValueError(f"unsupported scope {scope['type']}")
    await send({"type": "http.response.start", "status": 200})
    await send({"type": "http.response.body", "body": b"plain"})


def test_app_without_lifespan_support_is_served(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = func.AsgiMiddleware(http_only)

    async def scenario() -> bytes:
        response = await app.handle_async(func.HttpRequest("GET", "https://h/"))
        assert await app.notify_startup() is True
        await app.notify_shutdown()
        return response.get_body()

    with caplog.at_level(logging.WARNING, "azure.functions.AsgiMiddleware"):
        assert run(scenario()) == b"plain"
    assert "without lifespan events" in caplog.text


def test_app_that_returns_on_lifespan_is_served() -> None:
    async def ignores_lifespan(
        scope: AsgiScope, receive: AsgiReceive, send: AsgiSend
    ) -> None:
        if scope["type"] == "lifespan":
            return
        await http_only(scope, receive, send)

    app = func.AsgiMiddleware(ignores_lifespan)
    assert run(app.notify_startup()) is True
    response = serve(app, "GET", "https://h/")
    assert response.get_body() == b"plain"


def test_shutdown_without_startup_does_nothing(recorder: Recorder) -> None:
    app = func.AsgiMiddleware(recorder.app)
    run(app.notify_shutdown())
    assert recorder.calls == []


def test_lifespan_scope_is_asgi3_with_state() -> None:
    scopes: list[AsgiScope] = []

    async def app(scope: AsgiScope, receive: AsgiReceive, send: AsgiSend) -> None:
        scopes.append(scope)
        assert await receive() == {"type": "lifespan.startup"}
        await send({"type": "lifespan.startup.complete"})
        assert await receive() == {"type": "lifespan.shutdown"}
        await send({"type": "lifespan.shutdown.complete"})
        with pytest.raises(RuntimeError, match=r"follows 'lifespan\.shutdown'"):
            await receive()

    middleware = func.AsgiMiddleware(app)

    async def scenario() -> None:
        await middleware.notify_startup()
        await middleware.notify_shutdown()

    run(scenario())
    [scope] = scopes
    assert scope["type"] == "lifespan"
    assert scope["asgi"] == {"version": "3.0", "spec_version": "2.0"}
    assert scope["state"] is middleware.state


def test_lifespan_raising_unreported_is_logged_and_shutdown_returns(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def app(scope: AsgiScope, receive: AsgiReceive, send: AsgiSend) -> None:
        await receive()
        await send({"type": "lifespan.startup.complete"})
        await receive()
        raise OSError("pool close failed")

    middleware = func.AsgiMiddleware(app)

    async def scenario() -> None:
        assert await middleware.notify_startup() is True
        await middleware.notify_shutdown()

    with caplog.at_level(logging.ERROR, "azure.functions.AsgiMiddleware"):
        run(scenario())
    [record] = caplog.records
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], OSError)


def test_lifespan_message_out_of_turn_is_refused() -> None:
    errors: list[BaseException] = []

    async def app(scope: AsgiScope, receive: AsgiReceive, send: AsgiSend) -> None:
        await receive()
        try:
            await send({"type": "lifespan.shutdown.complete"})
        except RuntimeError as exc:
            errors.append(exc)
        await send({"type": "lifespan.startup.complete"})
        await receive()
        await send({"type": "lifespan.shutdown.complete"})

    middleware = func.AsgiMiddleware(app)

    async def scenario() -> None:
        assert await middleware.notify_startup() is True
        await middleware.notify_shutdown()

    run(scenario())
    assert len(errors) == 1
    assert "lifespan.shutdown.complete" in str(errors[0])


def test_shutdown_from_another_thread_reaches_the_lifespan_loop(
    recorder: Recorder,
) -> None:
    # The lifespan lives on the loop that started it (the worker's); shut-down
    # may be awaited elsewhere, e.g. asyncio.run(...) at exit.
    app = func.AsgiMiddleware(recorder.app)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever)
    thread.start()
    try:
        started = asyncio.run_coroutine_threadsafe(app.notify_startup(), loop)
        assert started.result(timeout=5) is True
        run(app.notify_shutdown())
        assert recorder.calls == ["startup", "shutdown"]
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        loop.close()


def test_shutdown_cannot_reach_a_stopped_lifespan_loop(recorder: Recorder) -> None:
    app = func.AsgiMiddleware(recorder.app)
    loop = asyncio.new_event_loop()
    try:
        assert loop.run_until_complete(app.notify_startup()) is True
        with pytest.raises(RuntimeError, match="not running any more"):
            run(app.notify_shutdown())
        loop.run_until_complete(app.notify_shutdown())
        assert recorder.calls == ["startup", "shutdown"]
    finally:
        loop.close()


# -- the HTTP scope ---------------------------------------------------------


Capture = Callable[[AsgiScope, AsgiReceive, AsgiSend], Awaitable[None]]


def capturing(scopes: list[AsgiScope], messages: list[AsgiMessage]) -> Capture:
    async def app(scope: AsgiScope, receive: AsgiReceive, send: AsgiSend) -> None:
        if scope["type"] == "lifespan":
            return
        scopes.append(scope)
        messages.append(await receive())
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return app


def test_http_scope_follows_the_asgi_spec() -> None:
    scopes: list[AsgiScope] = []
    messages: list[AsgiMessage] = []
    context = func.Context(
        invocation_id="inv-1",
        function_name="http_app_func",
        function_directory="/home/site/wwwroot",
    )
    serve(
        func.AsgiMiddleware(capturing(scopes, messages)),
        "post",
        "https://example.net:8443/api/caf%C3%A9/a%2Fb?x=1&x=2&y=%20",
        headers=[
            ("X-Tag", "one"),
            ("Accept", "*/*"),
            ("x-tag", "two"),
            ("Content-Type", "text/plain"),
        ],
        body=b"payload",
        context=context,
    )
    [scope] = scopes
    assert scope["type"] == "http"
    assert scope["asgi"] == {"version": "3.0", "spec_version": "2.3"}
    assert scope["http_version"] == "1.1"
    assert scope["method"] == "POST"
    assert scope["scheme"] == "https"
    assert scope["path"] == "/api/café/a/b"
    assert scope["raw_path"] == b"/api/caf%C3%A9/a%2Fb"
    assert scope["query_string"] == b"x=1&x=2&y=%20"
    assert scope["root_path"] == ""
    assert scope["headers"] == [
        (b"x-tag", b"one"),
        (b"accept", b"*/*"),
        (b"x-tag", b"two"),
        (b"content-type", b"text/plain"),
    ]
    assert scope["server"] == ("example.net", 8443)
    assert scope["client"] is None
    assert scope["state"] == {}
    assert scope["azure_functions.invocation_id"] == "inv-1"
    assert scope["azure_functions.function_name"] == "http_app_func"
    assert scope["azure_functions.function_directory"] == "/home/site/wwwroot"
    assert scope["azure_functions.trace_context"] is context.trace_context
    assert scope["azure_functions.retry_context"] is context.retry_context
    assert scope["azure_functions.thread_local_storage"] is context.thread_local_storage
    assert messages == [
        {"type": "http.request", "body": b"payload", "more_body": False}
    ]


def test_scope_without_context_has_none_context_keys() -> None:
    scopes: list[AsgiScope] = []
    serve(func.AsgiMiddleware(capturing(scopes, [])), "GET", "http://localhost:7071")
    [scope] = scopes
    assert scope["path"] == "/"
    assert scope["raw_path"] == b"/"
    assert scope["query_string"] == b""
    assert scope["scheme"] == "http"
    assert scope["server"] == ("localhost", 7071)
    assert scope["azure_functions.invocation_id"] is None
    assert scope["azure_functions.function_name"] is None


def test_path_with_invalid_utf8_escape_is_replaced_not_fatal() -> None:
    scopes: list[AsgiScope] = []
    serve(func.AsgiMiddleware(capturing(scopes, [])), "GET", "https://h/a%FFb")
    [scope] = scopes
    assert scope["path"] == "/a\ufffdb"
    assert scope["raw_path"] == b"/a%FFb"


def test_url_without_host_has_no_server() -> None:
    scopes: list[AsgiScope] = []
    serve(func.AsgiMiddleware(capturing(scopes, [])), "GET", "/api/x?y=1")
    [scope] = scopes
    assert scope["server"] is None
    assert scope["scheme"] == "http"
    assert scope["path"] == "/api/x"
    assert scope["query_string"] == b"y=1"


@pytest.mark.parametrize(
    ("url", "headers", "server"),
    [
        ("https://example.net/", [], ("example.net", 443)),
        ("http://example.net/", [], ("example.net", 80)),
        ("https://example.net/", [("X-Forwarded-Port", "8080")], ("example.net", 8080)),
        (
            "https://example.net/",
            [("X-Forwarded-Port", "junk, 4443")],
            ("example.net", 4443),
        ),
        ("https://example.net/", [("X-Forwarded-Port", "junk")], ("example.net", 443)),
    ],
)
def test_server_port_from_forwarded_header_url_or_scheme(
    url: str, headers: list[tuple[str, str]], server: tuple[str, int]
) -> None:
    scopes: list[AsgiScope] = []
    serve(func.AsgiMiddleware(capturing(scopes, [])), "GET", url, headers=headers)
    assert scopes[0]["server"] == server


def test_receive_after_the_body_waits_for_the_complete_response() -> None:
    events: list[str] = []

    async def app(scope: AsgiScope, receive: AsgiReceive, send: AsgiSend) -> None:
        if scope["type"] == "lifespan":
            return

        async def watch() -> None:
            message = await receive()
            events.append(f"watch got {message['type']}")

        first = await receive()
        events.append(f"got {first['type']}")
        watcher = asyncio.create_task(watch())
        await asyncio.sleep(0)
        await send({"type": "http.response.start", "status": 200})
        await send({"type": "http.response.body", "body": b"a", "more_body": True})
        await asyncio.sleep(0)
        events.append("sent a")
        await send({"type": "http.response.body", "body": b"b", "more_body": False})
        await watcher

    response = serve(func.AsgiMiddleware(app), "GET", "https://h/")
    assert response.get_body() == b"ab"
    assert events == ["got http.request", "sent a", "watch got http.disconnect"]


# -- response assembly on the spec's edges ----------------------------------


def raw_app(*messages: AsgiMessage) -> Capture:
    async def app(scope: AsgiScope, receive: AsgiReceive, send: AsgiSend) -> None:
        if scope["type"] == "lifespan":
            return
        for message in messages:
            await send(message)

    return app


def test_more_body_chunks_are_joined_and_late_messages_ignored() -> None:
    app = raw_app(
        {"type": "http.response.start", "status": 200, "headers": [(b"x-a", b"1")]},
        {"type": "http.response.body", "body": b"one ", "more_body": True},
        {"type": "http.response.body", "more_body": True},
        {"type": "http.response.body", "body": bytearray(b"two")},
        {"type": "http.response.body", "body": b" ignored"},
    )
    response = serve(func.AsgiMiddleware(app), "GET", "https://h/")
    assert response.get_body() == b"one two"
    assert response.headers.getall("x-a") == ["1"]


def test_response_without_content_type_falls_back_to_text_plain() -> None:
    app = raw_app(
        {"type": "http.response.start", "status": 200},
        {"type": "http.response.body", "body": b"x"},
    )
    response = serve(func.AsgiMiddleware(app), "GET", "https://h/")
    assert response.mimetype == "text/plain"
    assert wire(response).headers["content-type"] == "text/plain; charset=utf-8"


def test_response_headers_keep_order_repeats_and_charset() -> None:
    app = raw_app(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                [b"content-type", b'text/html; charset="ISO-8859-1"'],
                [b"x-utf8", "café".encode()],
                [b"x-latin1", "café".encode("latin-1")],
                [b"vary", b"accept"],
                [b"vary", b"cookie"],
                [b"transfer-encoding", b"chunked"],
                [b"content-encoding", b"gzip"],
            ],
        },
        {"type": "http.response.body", "body": b"\x1f\x8b"},
    )
    response = serve(func.AsgiMiddleware(app), "GET", "https://h/")
    assert response.mimetype == "text/html"
    assert response.charset == "ISO-8859-1"
    assert response.headers["x-utf8"] == "café"
    assert response.headers["x-latin1"] == "café"
    assert response.headers.getall("vary") == ["accept", "cookie"]
    assert "transfer-encoding" not in response.headers
    assert response.headers["content-encoding"] == "gzip"


@pytest.mark.parametrize(
    ("messages", "error", "match"),
    [
        (
            [{"type": "http.response.body", "body": b"x"}],
            RuntimeError,
            "before 'http.response.start'",
        ),
        (
            [
                {"type": "http.response.start", "status": 200},
                {"type": "http.response.start", "status": 200},
            ],
            RuntimeError,
            "twice",
        ),
        ([{"type": "http.response.push", "path": "/x"}], RuntimeError, "unexpected"),
        ([], RuntimeError, "without sending 'http.response.start'"),
        ([{"type": "http.response.start", "status": "200"}], TypeError, "status"),
        (
            [{"type": "http.response.start", "status": 200, "headers": [("a", "b")]}],
            TypeError,
            "byte pairs",
        ),
        (
            [{"type": "http.response.start", "status": 200, "headers": b"x"}],
            TypeError,
            "byte pairs",
        ),
        (
            [
                {"type": "http.response.start", "status": 200},
                {"type": "http.response.body", "body": "text"},
            ],
            TypeError,
            "must be bytes",
        ),
        (
            [
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"x", b"a\r\nb")],
                },
                {"type": "http.response.body"},
            ],
            func.InvalidHeaderError,
            "CR, LF",
        ),
    ],
)
def test_protocol_violations_raise(
    messages: list[AsgiMessage], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        serve(func.AsgiMiddleware(raw_app(*messages)), "GET", "https://h/")


def test_body_left_open_answers_what_was_sent(caplog: pytest.LogCaptureFixture) -> None:
    app = raw_app(
        {"type": "http.response.start", "status": 200},
        {"type": "http.response.body", "body": b"partial", "more_body": True},
    )
    with caplog.at_level(logging.WARNING, "azure.functions.AsgiMiddleware"):
        response = serve(func.AsgiMiddleware(app), "GET", "https://h/")
    assert response.get_body() == b"partial"
    assert "more_body" in caplog.text


@pytest.mark.parametrize("started", [False, True], ids=["before-start", "mid-body"])
def test_exception_before_a_complete_response_propagates(started: bool) -> None:
    async def app(scope: AsgiScope, receive: AsgiReceive, send: AsgiSend) -> None:
        if scope["type"] == "lifespan":
            return
        if started:
            await send({"type": "http.response.start", "status": 200})
            await send({"type": "http.response.body", "body": b"x", "more_body": True})
        raise LookupError("no such thing")

    with pytest.raises(LookupError, match="no such thing"):
        serve(func.AsgiMiddleware(app), "GET", "https://h/")


# -- the synchronous entry points -------------------------------------------


def test_handle_is_deprecated_but_works(
    recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    app = func.AsgiMiddleware(recorder.app)
    request = func.HttpRequest("GET", "https://h/api/status/202")
    with caplog.at_level(logging.WARNING, "azure.functions.AsgiMiddleware"):
        with pytest.deprecated_call(match="handle_async"):
            first = app.handle(request)
        with pytest.deprecated_call():
            app.handle(request)
    assert first.status_code == 202
    assert caplog.text.count("deprecated") == 1  # logged once per middleware
    assert recorder.calls == []  # no lifespan on a throw-away loop


def test_handle_refuses_to_run_inside_an_event_loop() -> None:
    app = func.AsgiMiddleware(http_only)

    async def inside() -> None:
        with pytest.raises(RuntimeError, match="handle_async"):
            app.main(
                func.HttpRequest("GET", "https://h/"),
                func.Context(invocation_id="1", function_name="f"),
            )

    run(inside())


def test_main_is_a_function_the_worker_can_load() -> None:
    app = func.AsgiMiddleware(http_only)
    context = func.Context(invocation_id="1", function_name="f")
    assert (
        app.main(func.HttpRequest("GET", "https://h/"), context).get_body() == b"plain"
    )
    # The worker reads these hints and wants the context hint to be a class
    # named Context.
    assert typing.get_type_hints(app.main) == {
        "req": func.HttpRequest,
        "context": func.Context,
        "return": func.HttpResponse,
    }


def test_repr_names_the_app() -> None:
    assert "http_only" in repr(func.AsgiMiddleware(http_only))
