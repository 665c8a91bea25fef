"""The ASGI lifespan of an app's ASGI applications, run by the host around serving."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import aiohttp
import pytest

from azure.functions._host.host import Host
from azure.functions._host.lifespan import LifespanStartupError
from azure.functions._host.server import Server
from azure.functions._host.wire import HttpRequestData
from azure.functions.testing import AsyncTestClient, TestClient
from tests.host._support import write_app

ROOT = Path(__file__).resolve().parents[2]

ASGI = """
import asyncio
import logging

EVENTS = []
FAIL = {fail}


async def asgi(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            EVENTS.append(message["type"])
            logging.info("lifespan: %s", message["type"])
            if message["type"] == "lifespan.startup":
                if FAIL:
                    await send({"type": "lifespan.startup.failed", "message": "no database"})
                    return
                scope["state"]["greeting"] = "hello"
                await send({"type": "lifespan.startup.complete"})
            else:
                await asyncio.sleep(0.05)
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["path"] == "/api/slow":
        await asyncio.sleep(0.3)
    EVENTS.append("request " + scope["path"])
    body = (scope["state"].get("greeting", "-") + " " + scope["path"]).encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})
"""

V2 = """
import azure.functions as func

app = func.AsgiFunctionApp(app=asgi, http_auth_level=func.AuthLevel.ANONYMOUS)
"""

V1 = """
import azure.functions as func

middleware = func.AsgiMiddleware(asgi)


async def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    return await middleware.handle_async(req, context)
"""


def v2_app(root: Path, *, fail: bool = False) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "host.json").write_text('{"version": "2.0"}')
    source = ASGI.replace("{fail}", str(fail)) + V2
    (root / "function_app.py").write_text(textwrap.dedent(source))
    return root


def events() -> list[str]:
    """The lifespan and request events the loaded app recorded."""
    module = sys.modules["function_app"]
    assert isinstance(module, ModuleType)
    value = module.EVENTS
    assert isinstance(value, list)
    return value


def test_the_server_starts_the_lifespan_before_serving_and_stops_it_after(
    tmp_path: Path,
) -> None:
    host = Host.load(v2_app(tmp_path))
    log = events()

    async def scenario() -> None:
        server = Server(host, port=0, drain_timeout=5.0)
        port = await server.start()
        assert log == ["lifespan.startup"]  # before any request
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/api/hi") as response:
                assert await response.text() == "hello /api/hi"

            async def slow() -> str:
                async with session.get(f"http://127.0.0.1:{port}/api/slow") as response:
                    return await response.text()

            in_flight = asyncio.create_task(slow())
            await asyncio.sleep(0.1)
            assert await server.stop() is True
            assert await in_flight == "hello /api/slow"

    try:
        asyncio.run(scenario())
    finally:
        host.close()
    # The shut-down came after the request in flight, and nothing complained.
    assert log == [
        "lifespan.startup",
        "request /api/hi",
        "request /api/slow",
        "lifespan.shutdown",
    ]


def test_a_failed_start_up_stops_the_server_from_starting(tmp_path: Path) -> None:
    host = Host.load(v2_app(tmp_path, fail=True))

    async def scenario() -> None:
        server = Server(host, port=0)
        with pytest.raises(LifespanStartupError, match="lifespan start-up of"):
            await server.start()
        assert server.port == 0  # nothing was bound

    try:
        asyncio.run(scenario())
    finally:
        host.close()


def test_the_cli_runs_the_lifespan_and_shuts_it_down_on_sigint(tmp_path: Path) -> None:
    app = v2_app(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "azure.functions", "start", str(app), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
        cwd=ROOT,
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Press Ctrl+C"):
                break
        port = next(
            int(line.split("http://localhost:")[1].split("/")[0])
            for line in lines
            if "http://localhost:" in line
        )

        async def get() -> str:
            url = f"http://127.0.0.1:{port}/api/x"
            async with aiohttp.ClientSession() as session, session.get(url) as response:
                return await response.text()

        assert asyncio.run(get()) == "hello /api/x"
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=20)
        lines.extend(rest.splitlines())
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)
    output = "\n".join(lines)
    assert output.index("lifespan: lifespan.startup") < output.index("Press Ctrl+C")
    assert output.index("Executed 'Functions.http_app_func'") < output.index(
        "lifespan: lifespan.shutdown"
    )
    assert output.rstrip().endswith("Host stopped.")
    assert "lifespan ended before" not in output


def test_the_cli_exits_1_when_the_start_up_fails(tmp_path: Path) -> None:
    app = v2_app(tmp_path, fail=True)
    result = subprocess.run(
        [sys.executable, "-m", "azure.functions", "start", str(app), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "error: the lifespan start-up of <AsgiMiddleware" in result.stderr
    assert "no database" in result.stdout  # the app's own message, logged
    assert "Press Ctrl+C" not in result.stdout


def test_the_test_client_starts_the_lifespan_when_opened_and_stops_it_on_close(
    tmp_path: Path,
) -> None:
    with TestClient(v2_app(tmp_path)) as client:
        log = events()
        assert log == ["lifespan.startup"]
        assert client.get("/api/hi").text == "hello /api/hi"
    assert log == ["lifespan.startup", "request /api/hi", "lifespan.shutdown"]


def test_the_async_test_client_too(tmp_path: Path) -> None:
    async def scenario() -> list[str]:
        async with AsyncTestClient(v2_app(tmp_path)) as client:
            log = events()
            assert log == ["lifespan.startup"]
            assert (await client.get("/api/a")).text == "hello /api/a"
        return log

    assert asyncio.run(scenario()) == [
        "lifespan.startup",
        "request /api/a",
        "lifespan.shutdown",
    ]


def test_a_failed_start_up_fails_the_test_client(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    with pytest.raises(LifespanStartupError):
        TestClient(v2_app(tmp_path, fail=True))
    assert "the ASGI app's lifespan start-up failed: no database" in caplog.messages
    assert "function_app" not in sys.modules  # the app was unloaded again


def test_a_v1_function_s_module_level_middleware_is_started_with_the_host(
    tmp_path: Path,
) -> None:
    source = ASGI.replace("{fail}", "False") + V1
    binding = {
        "type": "httpTrigger",
        "direction": "in",
        "name": "req",
        "authLevel": "anonymous",
        "route": "{*rest}",
    }
    out = {"type": "http", "direction": "out", "name": "$return"}
    app = write_app(tmp_path, {"Api": ({"bindings": [binding, out]}, source)})
    host = Host.load(app)
    module = sys.modules["__app__.Api"]

    async def scenario() -> None:
        await host.start()
        assert module.EVENTS == ["lifespan.startup"]
        answer = await host.handle_http(HttpRequestData(method="GET", path="/api/v1"))
        assert answer.body == b"hello /api/v1"
        await host.drain(1.0)
        assert await host.stop() is True

    try:
        asyncio.run(scenario())
    finally:
        host.close()
    assert module.EVENTS == ["lifespan.startup", "request /api/v1", "lifespan.shutdown"]


def test_an_app_without_lifespan_support_is_served_all_the_same(
    tmp_path: Path,
) -> None:
    source = """
    import azure.functions as func

    async def asgi(scope, receive, send):
        assert scope["type"] == "http", "no lifespan here"
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"plain"})

    app = func.AsgiFunctionApp(app=asgi, http_auth_level=func.AuthLevel.ANONYMOUS)
    """
    (tmp_path / "host.json").write_text('{"version": "2.0"}')
    (tmp_path / "function_app.py").write_text(textwrap.dedent(source))
    with TestClient(tmp_path) as client:
        assert client.get("/api/x").text == "plain"


def test_a_reload_starts_the_new_app_and_the_old_one_is_stopped_after(
    tmp_path: Path,
) -> None:
    app = v2_app(tmp_path)
    host = Host.load(app)

    async def scenario() -> None:
        await host.start()
        old = sys.modules["function_app"]
        (app / "function_app.py").write_text(
            (app / "function_app.py").read_text().replace('"hello"', '"hi again"')
        )
        new_host = await host.reload()
        try:
            new = sys.modules["function_app"]
            assert new is not old
            assert new.EVENTS == ["lifespan.startup"]
            assert old.EVENTS == ["lifespan.startup"]  # the old one serves on
            answer = await new_host.handle_http(
                HttpRequestData(method="GET", path="/api/z")
            )
            assert answer.body == b"hi again /api/z"
            await host.stop()
            assert old.EVENTS == ["lifespan.startup", "lifespan.shutdown"]
            await new_host.stop()
            assert new.EVENTS[-1] == "lifespan.shutdown"
        finally:
            host.close()
            new_host.close()

    asyncio.run(scenario())
