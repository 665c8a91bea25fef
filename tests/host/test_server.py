"""The real server: aiohttp on a free port of 127.0.0.1, spoken to over HTTP."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from multidict import CIMultiDict

from azure.functions._host.host import Host
from azure.functions._host.logs import HOST_LOGGER
from azure.functions._host.server import Server
from tests.host._support import http_function, write_app

HELLO = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("hello " + req.params.get("name", "world"))
"""

COOKIES = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    # Framing headers are the server's to write: a wrong one is dropped.
    response = func.HttpResponse(
        "cookies", headers={"X-Custom": "1", "Content-Length": "999"}
    )
    response.set_cookie("a", "1", httponly=True)
    response.set_cookie("b", "2", max_age=60)
    return response
"""

BOOM = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    raise RuntimeError("boom")
"""

HANG_ASYNC = """
import asyncio
import azure.functions as func

async def main(req: func.HttpRequest) -> str:
    await asyncio.sleep(30)
    return "never"
"""

HANG_SYNC = """
import time
import azure.functions as func

def main(req: func.HttpRequest) -> str:
    time.sleep(1.0)
    return "too late"
"""

SLOW = """
import asyncio
import azure.functions as func

async def main(req: func.HttpRequest) -> str:
    await asyncio.sleep(0.3)
    return "slow done"
"""

ECHO = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse.json(
        {"multi": req.headers.get("x-multi"), "size": len(req.get_body())}
    )
"""

SEARCH = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(req.method + " " + req.get_body().decode())
"""

TICK = """
import logging
import azure.functions as func

def main(timer: func.TimerRequest) -> None:
    logging.info("tick on start-up")
"""


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    timer = {
        "type": "timerTrigger",
        "direction": "in",
        "name": "timer",
        "schedule": "0 0 0 1 1 *",
        "runOnStartup": True,
    }
    return write_app(
        tmp_path_factory.mktemp("server_app"),
        {
            "Hello": http_function(HELLO),
            "Cookies": http_function(COOKIES),
            "Boom": http_function(BOOM),
            "Secret": http_function(HELLO, authLevel="function"),
            "HangAsync": http_function(HANG_ASYNC),
            "HangSync": http_function(HANG_SYNC),
            "Slow": http_function(SLOW, methods=["get"]),
            "Echo": http_function(ECHO),
            "Search": http_function(SEARCH, methods=["query"]),
            "Tick": ({"bindings": [timer]}, TICK),
        },
        host={"version": "2.0", "functionTimeout": "00:00:00.5"},
    )


Scenario = Callable[[Server, str], Coroutine[None, None, None]]


@pytest.fixture
def serve(app_dir: Path) -> Iterator[Callable[..., None]]:
    hosts: list[Host] = []

    def run(scenario: Scenario, **options: object) -> None:
        host = Host.load(app_dir, body_limit=options.pop("body_limit", 1024))  # type: ignore[arg-type]
        hosts.append(host)

        async def main() -> None:
            async with serving(host, **options) as (server, base):
                await scenario(server, base)

        asyncio.run(main())

    yield run
    for host in hosts:
        host.close()


@asynccontextmanager
async def serving(host: Host, **options: object) -> AsyncIterator[tuple[Server, str]]:
    server = Server(host, port=0, **options)  # type: ignore[arg-type]
    port = await server.start()
    try:
        yield server, f"http://127.0.0.1:{port}"
    finally:
        await server.stop()


def test_status_codes(serve: Callable[..., None]) -> None:
    async def scenario(server: Server, base: str) -> None:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{base}/api/Hello?name=Ada") as response:
                assert response.status == 200
                assert await response.text() == "hello Ada"
            async with session.get(f"{base}/api/Secret") as response:
                assert response.status == 401
            key = {"x-functions-key": server.host.keys.key}
            async with session.get(f"{base}/api/Secret", headers=key) as response:
                assert response.status == 200
            async with session.get(f"{base}/api/missing") as response:
                assert response.status == 404
                assert await response.read() == b""
            async with session.post(f"{base}/api/Slow") as response:
                assert response.status == 405
                assert response.headers["Allow"] == "GET"
            async with session.post(f"{base}/api/Echo", data=b"x" * 2048) as response:
                assert response.status == 413
            async with session.get(f"{base}/api/Boom") as response:
                assert response.status == 500
                assert await response.read() == b""
            async with session.get(f"{base}/") as response:
                assert response.status == 200

    serve(scenario)


def test_a_query_request_reaches_a_route_that_takes_query(
    serve: Callable[..., None],
) -> None:
    # HttpMethod.QUERY (azure-functions 2.3.0): a safe method with a body.
    async def scenario(server: Server, base: str) -> None:
        async with aiohttp.ClientSession() as session:
            url = f"{base}/api/Search"
            async with session.request("QUERY", url, data=b"name:ada") as response:
                assert response.status == 200
                assert await response.text() == "QUERY name:ada"
            async with session.get(url) as response:
                assert response.status == 405
                assert response.headers["Allow"] == "QUERY"

    serve(scenario)


def test_a_chunked_body_over_the_limit_is_refused(serve: Callable[..., None]) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(4):
            yield b"y" * 512

    async def scenario(server: Server, base: str) -> None:
        async with aiohttp.ClientSession() as session:
            async with session.post(f"{base}/api/Echo", data=chunks()) as response:
                assert response.status == 413
            async with session.post(f"{base}/api/Echo", data=b"z" * 1000) as response:
                assert response.status == 200
                assert await response.json() == {"multi": None, "size": 1000}

    serve(scenario)


def test_repeated_headers_both_ways(serve: Callable[..., None]) -> None:
    async def scenario(server: Server, base: str) -> None:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{base}/api/Cookies") as response:
                assert response.status == 200
                assert response.headers.getall("Set-Cookie") == [
                    "a=1; HttpOnly; Path=/",
                    "b=2; Max-Age=60; Path=/",
                ]
                assert response.headers["X-Custom"] == "1"
                assert response.headers["Content-Length"] == "7"
                assert await response.text() == "cookies"
            headers = CIMultiDict([("X-Multi", "one"), ("X-Multi", "two")])
            async with session.get(f"{base}/api/Echo", headers=headers) as response:
                assert await response.json() == {"multi": "one, two", "size": 0}

    serve(scenario)


def test_a_failing_function_does_not_stop_the_server(
    serve: Callable[..., None], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=HOST_LOGGER)

    async def scenario(server: Server, base: str) -> None:
        async with aiohttp.ClientSession() as session:
            for _ in range(3):
                async with session.get(f"{base}/api/Boom") as response:
                    assert response.status == 500
                async with session.get(f"{base}/api/Hello") as response:
                    assert response.status == 200

    serve(scenario)
    failures = [
        r for r in caplog.records if "Exception while executing" in r.getMessage()
    ]
    assert len(failures) == 3
    assert all(r.exc_info is not None for r in failures)
    assert all("Functions.Boom (Id=" in r.getMessage() for r in failures)


def test_hanging_functions_hit_the_function_timeout(
    serve: Callable[..., None], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=HOST_LOGGER)

    async def scenario(server: Server, base: str) -> None:
        async with aiohttp.ClientSession() as session:
            for name in ("HangAsync", "HangSync"):
                started = time.monotonic()
                async with session.get(f"{base}/api/{name}") as response:
                    assert response.status == 500
                assert 0.4 < time.monotonic() - started < 2.0
            async with session.get(f"{base}/api/Hello") as response:
                assert response.status == 200

    serve(scenario)
    timeouts = [
        r.getMessage() for r in caplog.records if "Timeout value of" in r.getMessage()
    ]
    assert len(timeouts) == 2
    assert "exceeded by function 'Functions.HangAsync'" in timeouts[0]
    assert timeouts[0].endswith("Initiating cancellation.")


def test_two_hundred_concurrent_requests(serve: Callable[..., None]) -> None:
    async def scenario(server: Server, base: str) -> None:
        connector = aiohttp.TCPConnector(limit=200)
        async with aiohttp.ClientSession(connector=connector) as session:

            async def one(n: int) -> str:
                async with session.get(f"{base}/api/Hello?name={n}") as response:
                    assert response.status == 200
                    return await response.text()

            answers = await asyncio.gather(*(one(n) for n in range(200)))
        assert answers == [f"hello {n}" for n in range(200)]

    serve(scenario)


def test_stopping_drains_requests_in_flight(serve: Callable[..., None]) -> None:
    async def scenario(server: Server, base: str) -> None:
        async with aiohttp.ClientSession() as session:

            async def slow() -> tuple[int, str]:
                async with session.get(f"{base}/api/Slow") as response:
                    return response.status, await response.text()

            in_flight = asyncio.create_task(slow())
            await asyncio.sleep(0.1)
            assert server.host.invoker.in_flight == 1
            assert await server.stop() is True
            assert await in_flight == (200, "slow done")
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.ClientConnectionError):
                await session.get(f"{base}/api/Hello")

    serve(scenario, drain_timeout=5.0)


def test_timers_run_on_start_up(
    serve: Callable[..., None], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)

    async def scenario(server: Server, base: str) -> None:
        for _ in range(100):
            if any("tick on start-up" in r.getMessage() for r in caplog.records):
                break
            await asyncio.sleep(0.01)

    serve(scenario)
    messages = [r.getMessage() for r in caplog.records]
    assert any(
        m.startswith("Executing 'Functions.Tick' (Reason='Timer fired at ")
        for m in messages
    )
    assert "tick on start-up" in messages


MALFORMED = [
    b"\x16\x03\x01\x02\x00garbage\r\n\r\n",  # TLS spoken to the HTTP port
    b"GET\r\n\r\n",
    b"GET /api/Echo HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n",
    b"GET /api/Echo HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\n\r\n",
    b"POST /api/Echo HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n",
    b"GET /api/Echo HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n",
    b"POST /api/Echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"GET /api/Echo HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
    b"POST /api/Echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b",
]


def test_a_malformed_request_is_one_log_line_without_a_traceback(
    serve: Callable[..., None], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    async def scenario(server: Server, base: str) -> None:
        port = int(base.rsplit(":", 1)[1])
        for request in MALFORMED:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request)
            if request.endswith(b"only ten b"):
                writer.write_eof()  # the body never comes
            answer = await asyncio.wait_for(reader.read(), 5)
            assert answer == b"" or answer.startswith(b"HTTP/1.0 400 "), answer[:80]
            writer.close()
        # The server still answers.
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{base}/api/Hello") as response,
        ):
            assert response.status == 200

    serve(scenario)
    records = [r for r in caplog.records if not r.name.startswith("asyncio")]
    assert [r for r in records if r.exc_info or r.name.startswith("aiohttp")] == []
    lines = [r.getMessage() for r in records if "Bad request" in r.getMessage()]
    assert len(lines) == len(MALFORMED), lines
    assert all("\n" not in line and len(line) < 300 for line in lines), lines
    assert lines[0] == (
        "Bad request from 127.0.0.1: Received HTTPS traffic on an HTTP port (400)"
    )
    assert "Invalid header token: b'nocolon'" in lines[2]
    assert lines[-1].startswith("Bad request POST /api/Echo from 127.0.0.1: ")


STREAMING_APP = """
import asyncio

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, StreamingResponse
from starlette.routing import Route

import azure.functions as func

gate = asyncio.Event()


async def numbers(fail: bool):
    yield b"first\\n"
    # The second chunk waits until the client has seen the first (bounded,
    # so a server that holds the first back fails the test instead of hanging).
    await asyncio.wait_for(gate.wait(), 5)
    if fail:
        raise RuntimeError("the stream broke")
    yield b"second\\n"


async def stream(request):
    fail = request.query_params.get("fail") == "1"
    return StreamingResponse(
        numbers(fail), media_type="text/plain", headers={"X-Streamed": "yes"}
    )


async def release(request):
    gate.set()
    return PlainTextResponse("released")


async def reset(request):
    gate.clear()
    return PlainTextResponse("reset")


starlette_app = Starlette(
    routes=[
        Route("/stream", stream),
        Route("/worker/stream", stream),
        Route("/release", release),
        Route("/reset", reset),
    ]
)
app = func.AsgiFunctionApp(app=starlette_app, http_auth_level=func.AuthLevel.ANONYMOUS)
worker_path = func.AsgiMiddleware(starlette_app)


@app.route(route="worker/stream")
async def worker(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    # What the worker does with any ASGI response: gather it into one.
    return await worker_path.handle_async(req, context)
"""


@pytest.fixture
def streaming_app(tmp_path: Path) -> Path:
    (tmp_path / "host.json").write_text(
        '{"version": "2.0", "extensions": {"http": {"routePrefix": "", '
        '"customHeaders": {"X-Frame-Options": "DENY"}}}}'
    )
    (tmp_path / "function_app.py").write_text(STREAMING_APP)
    return tmp_path


async def read_head(reader: asyncio.StreamReader) -> dict[str, str]:
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    status, *lines = head.decode("latin-1").split("\r\n")[:-2]
    fields = {
        name.lower(): value for name, value in (line.split(": ", 1) for line in lines)
    }
    fields[":status"] = status.split(" ")[1]
    return fields


async def read_chunk(reader: asyncio.StreamReader, timeout: float = 2.0) -> bytes:
    size = int(await asyncio.wait_for(reader.readline(), timeout), 16)
    chunk = await asyncio.wait_for(reader.readexactly(size + 2), timeout)
    return chunk[:-2]


def test_an_asgi_streaming_response_reaches_the_client_chunk_by_chunk(
    streaming_app: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    host = Host.load(streaming_app)

    async def scenario() -> None:
        async with serving(host) as (_server, base), aiohttp.ClientSession() as session:
            port = int(base.rsplit(":", 1)[1])
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            head = await read_head(reader)
            assert head[":status"] == "200"
            assert head["transfer-encoding"] == "chunked"
            assert "content-length" not in head
            assert head["x-streamed"] == "yes"
            assert head["x-frame-options"] == "DENY"  # host.json's, as for any
            # The first chunk arrives while the app is still waiting to send
            # the second: nothing is held back until the end.
            assert await read_chunk(reader) == b"first\n"
            async with session.get(f"{base}/release") as response:
                assert await response.text() == "released"
            assert await read_chunk(reader) == b"second\n"
            assert await read_chunk(reader) == b""  # the last chunk
            # The connection is kept alive for the next request.
            writer.write(b"GET /release HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert (await read_head(reader))[":status"] == "200"
            writer.close()
            # The worker's path (a function awaiting AsgiMiddleware) still
            # answers the gathered response, with its length.
            async with session.get(f"{base}/worker/stream") as response:
                assert response.headers["Content-Length"] == "13"
                assert await response.read() == b"first\nsecond\n"
            # A stream that breaks midway: the client sees a cut response,
            # never a complete-looking one.
            async with session.get(f"{base}/reset") as response:
                assert response.status == 200
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET /stream?fail=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert (await read_head(reader))[":status"] == "200"
            assert await read_chunk(reader) == b"first\n"
            async with session.get(f"{base}/release") as response:
                assert response.status == 200
            assert await asyncio.wait_for(reader.read(), 5) == b""  # closed, no 0 chunk
            writer.close()
            # HEAD is answered as ever (no body to stream).
            async with session.head(f"{base}/reset") as response:
                assert response.status == 200
            # A client that leaves midway: the app hears of it; nothing fails.
            async with session.get(f"{base}/reset") as response:
                assert response.status == 200
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert (await read_head(reader))[":status"] == "200"
            assert await read_chunk(reader) == b"first\n"
            writer.close()
            await writer.wait_closed()
            await asyncio.sleep(0.05)
            async with session.get(f"{base}/release") as response:
                assert response.status == 200
            for _ in range(200):
                if not host.invoker.in_flight:
                    break
                await asyncio.sleep(0.01)
            assert host.invoker.in_flight == 0

    try:
        asyncio.run(scenario())
    finally:
        host.close()
    outcomes = [
        m.split(" (")[1].split(",")[0]
        for m in (r.getMessage() for r in caplog.records)
        if m.startswith("Executed 'Functions.http_app_func'")
    ]
    # Three streams (the broken one failed; the one left midway did not) and
    # six short answers.
    assert sorted(outcomes) == ["Failed"] + ["Succeeded"] * 9


def test_the_server_log_passes_other_records_on_and_keeps_reasons_short(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from aiohttp.http_exceptions import BadHttpMessage

    from azure.functions._host.server import _ServerLog

    caplog.set_level(logging.DEBUG)
    log = _ServerLog()
    log.error("Unhandled exception", exc_info=RuntimeError("a server bug"))
    log.debug("quiet")
    logging.getLogger("aiohttp.server").setLevel(logging.INFO)
    try:
        log.debug("not shown: below the aiohttp.server level")
    finally:
        logging.getLogger("aiohttp.server").setLevel(logging.NOTSET)
    log.exception(
        "Error handling request from %s", "::1", exc_info=BadHttpMessage("x" * 500)
    )
    passed = [(r.name, r.getMessage()) for r in caplog.records]
    assert passed[:2] == [
        ("aiohttp.server", "Unhandled exception"),
        ("aiohttp.server", "quiet"),
    ]
    assert caplog.records[0].exc_info is not None  # a real bug keeps its traceback
    ((name, line),) = passed[2:]
    assert name == HOST_LOGGER
    assert line.startswith("Bad request from ::1: xxx")
    assert line.endswith("... (400)")
    assert len(line) < 200
