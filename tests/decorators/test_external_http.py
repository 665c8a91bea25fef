"""``AsgiFunctionApp`` and ``WsgiFunctionApp``: one catch-all HTTP function."""

from __future__ import annotations

import asyncio
import inspect
import threading
import typing
from collections.abc import Awaitable, Callable, Iterable, MutableMapping

import pytest

import azure.functions as func
from azure.functions.decorators.function_app import AsgiFunctionApp, WsgiFunctionApp
from tests.decorators._support import raw_bindings

ALL_METHODS = '["GET", "POST", "DELETE", "HEAD", "PATCH", "PUT", "OPTIONS", "QUERY"]'
REQUEST = func.HttpRequest(method="GET", url="http://localhost/api/foo/bar", body=b"")
CONTEXT = func.Context(invocation_id="1", function_name="http_app_func")

Message = MutableMapping[str, object]


async def asgi_app(
    scope: MutableMapping[str, object],
    receive: Callable[[], Awaitable[Message]],
    send: Callable[[Message], Awaitable[None]],
) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            else:
                await send({"type": "lifespan.shutdown.complete"})
                return
    path = str(scope["path"]).encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"asgi " + path})


def wsgi_app(
    environ: dict[str, object], start_response: Callable[..., object]
) -> Iterable[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"wsgi " + str(environ["PATH_INFO"]).encode()]


def test_asgi_app_json_and_requests() -> None:
    app = func.AsgiFunctionApp(app=asgi_app, http_auth_level=func.AuthLevel.ANONYMOUS)
    assert raw_bindings(app) == {
        "http_app_func": [
            '{"direction": "IN", "type": "httpTrigger", "name": "req", "methods": '
            + ALL_METHODS
            + ', "authLevel": "ANONYMOUS", "route": "/{*route}"}',
            '{"direction": "OUT", "type": "http", "name": "$return"}',
        ]
    }
    (function,) = app.get_functions()
    assert function.http_type == "asgi"
    assert function.is_http_function()
    user = function.get_user_function()
    assert inspect.iscoroutinefunction(user)
    assert list(inspect.signature(user).parameters) == ["req", "context"]
    hints = typing.get_type_hints(user)
    assert hints == {"req": func.HttpRequest, "context": func.Context}
    response = asyncio.run(user(REQUEST, CONTEXT))
    assert isinstance(response, func.HttpResponse)
    assert response.get_body() == b"asgi /api/foo/bar"
    assert app.startup_task_done


def test_wsgi_app_json_and_requests() -> None:
    app = func.WsgiFunctionApp(app=wsgi_app, function_name="web")
    assert raw_bindings(app) == {
        "web": [
            '{"direction": "IN", "type": "httpTrigger", "name": "req", "methods": '
            + ALL_METHODS
            + ', "authLevel": "FUNCTION", "route": "/{*route}"}',
            '{"direction": "OUT", "type": "http", "name": "$return"}',
        ]
    }
    (function,) = app.get_functions()
    assert function.http_type == "wsgi"
    response = function.get_user_function()(REQUEST, CONTEXT)
    assert isinstance(response, func.HttpResponse)
    assert response.get_body() == b"wsgi /api/foo/bar"


def test_the_middleware_must_match_the_app_kind() -> None:
    app = func.WsgiFunctionApp(app=wsgi_app)
    with pytest.raises(func.FunctionDefinitionError, match="WsgiMiddleware"):
        WsgiFunctionApp._add_http_app(app, func.AsgiMiddleware(asgi_app), "other")
    with pytest.raises(func.FunctionDefinitionError, match="AsgiMiddleware"):
        AsgiFunctionApp._add_http_app(app, func.WsgiMiddleware(wsgi_app), "other")  # type: ignore[arg-type]


def test_external_apps_take_blueprints() -> None:
    app = func.WsgiFunctionApp(app=wsgi_app)
    bp = func.Blueprint()

    @bp.timer_trigger(arg_name="timer", schedule="0 0 * * * *")
    def tick(timer: func.TimerRequest) -> None:
        pass

    app.register_functions(bp)
    assert list(raw_bindings(app)) == ["http_app_func", "tick"]


def lifespan_app(log: list[str], fail: bool) -> Callable[..., Awaitable[None]]:
    async def app(
        scope: MutableMapping[str, object],
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                log.append(str(message["type"]))
                if message["type"] == "lifespan.startup":
                    answer = "failed" if fail else "complete"
                    await send({"type": f"lifespan.startup.{answer}"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        await asgi_app(scope, receive, send)

    return app


def test_asgi_startup_failure_fails_the_request() -> None:
    app = func.AsgiFunctionApp(app=lifespan_app([], fail=True))
    (function,) = app.get_functions()
    user = function.get_user_function()
    assert inspect.iscoroutinefunction(user)
    with pytest.raises(RuntimeError, match="startup failed"):
        asyncio.run(user(REQUEST, CONTEXT))
    assert not app.startup_task_done


def test_asgi_shutdown_runs_when_the_app_goes_away() -> None:
    log: list[str] = []
    app = func.AsgiFunctionApp(app=lifespan_app(log, fail=False))
    (function,) = app.get_functions()
    user = function.get_user_function()
    assert inspect.iscoroutinefunction(user)
    # The worker serves requests on an event loop of its own.
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever)
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(user(REQUEST, CONTEXT), loop).result(5)

        async def on_a_running_loop() -> None:
            app.__del__()  # cannot wait here: nothing happens

        asyncio.run(on_a_running_loop())
        assert log == ["lifespan.startup"]
        app.__del__()
        assert log == ["lifespan.startup", "lifespan.shutdown"]
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
