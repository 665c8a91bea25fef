"""Faults on real sockets: malformed HTTP, big bodies, failing and hanging functions,
a thousand concurrent requests, and memory that stays put.

The host runs as its own process (``python -m azure.functions start``) on a
free port of 127.0.0.1, so its memory is measured alone (``/proc/<pid>/statm``);
the clients are raw sockets and aiohttp. Every step is bounded in count and
time, and the server is stopped (SIGTERM) at the end.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from tests.host._support import http_function, write_app

ROOT = Path(__file__).resolve().parents[2]
START = [sys.executable, "-m", "azure.functions", "start"]

ECHO = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(
        req.params.get("n", "") + ":" + str(len(req.get_body())),
        headers={"X-N": req.params.get("n", "")},
    )
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
    await asyncio.sleep(60)
    return "never"
"""

HANG_SYNC = """
import time
import azure.functions as func

def main(req: func.HttpRequest) -> str:
    time.sleep(1.5)
    return "too late"
"""

TEN_MB = 10 * 1024 * 1024


@dataclass
class Running:
    """A host process: its pid, port and log file."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss(self) -> int:
        """Resident memory of the server process, in bytes."""
        fields = Path(f"/proc/{self.process.pid}/statm").read_text().split()
        return int(fields[1]) * os.sysconf("SC_PAGE_SIZE")


def start_host(app: Path, log: Path, env: dict[str, str] | None = None) -> Running:
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*START, str(app), "--port", "0", "--drain-timeout", "2"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            cwd=ROOT,
        )
    deadline = time.monotonic() + 20
    while True:
        text = log.read_text(errors="replace")
        if "Press Ctrl+C" in text:
            break
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"the host did not start:\n{text}")
        time.sleep(0.02)
    line = next(line for line in text.splitlines() if "http://localhost:" in line)
    port = int(line.split("http://localhost:")[1].split("/")[0])
    return Running(process, port, log)


def stop_host(running: Running) -> int:
    if running.process.poll() is None:
        running.process.send_signal(signal.SIGTERM)
        try:
            return running.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            running.process.kill()
            running.process.wait(timeout=5)
            raise
    return running.process.returncode


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_app(
        tmp_path_factory.mktemp("fault_app"),
        {
            "Echo": http_function(ECHO),
            "Boom": http_function(BOOM),
            "HangAsync": http_function(HANG_ASYNC),
            "HangSync": http_function(HANG_SYNC),
        },
        host={"version": "2.0", "functionTimeout": "00:00:01"},
    )


@pytest.fixture(scope="module")
def server(app: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = start_host(app, tmp_path_factory.mktemp("logs") / "host.log")
    try:
        yield running
    finally:
        assert stop_host(running) == 0
        assert "Host stopped." in running.log.read_text()


def raw_exchange(port: int, request: bytes, *, half_close: bool = False) -> bytes:
    """Send raw bytes; everything the server answers until it closes (or 5 s)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        chunks: list[bytes] = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


async def get(session: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with session.get(url) as response:
        return response.status, await response.text()


def echo_works(running: Running, n: str = "ok") -> bool:
    async def check() -> tuple[int, str]:
        async with aiohttp.ClientSession() as session:
            return await get(session, f"{running.base}/api/Echo?n={n}")

    return asyncio.run(check()) == (200, f"{n}:0")


@pytest.mark.parametrize(
    ("name", "request_bytes", "half_close"),
    [
        ("garbage request line", b"\x16\x03\x01\x02\x00garbage\r\n\r\n", False),
        ("no HTTP version", b"GET\r\n\r\n", False),
        (
            "header without a colon",
            b"GET /api/Echo HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n",
            False,
        ),
        (
            "control byte in a header",
            b"GET /api/Echo HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\n\r\n",
            False,
        ),
        (
            "bad Content-Length",
            b"POST /api/Echo HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n",
            False,
        ),
        (
            "a header line of 70 kB",
            b"GET /api/Echo HTTP/1.1\r\nHost: x\r\nX-Big: "
            + b"a" * 70_000
            + b"\r\n\r\n",
            False,
        ),
        (
            "broken chunked body",
            b"POST /api/Echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
            False,
        ),
        (
            "truncated body",
            b"POST /api/Echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b",
            True,
        ),
    ],
)
def test_malformed_http_gets_a_4xx_or_a_closed_connection(
    server: Running, name: str, request_bytes: bytes, half_close: bool
) -> None:
    answer = raw_exchange(server.port, request_bytes, half_close=half_close)
    if answer:
        status_line = answer.split(b"\r\n", 1)[0]
        assert re.fullmatch(rb"HTTP/1\.[01] 4\d\d .*", status_line), (
            name,
            answer[:200],
        )
    assert echo_works(server, "after"), name


def test_a_10_mb_body_is_taken_under_the_limit(server: Running) -> None:
    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            body = io.BytesIO(b"x" * TEN_MB)
            async with session.post(f"{server.base}/api/Echo?n=big", data=body) as r:
                assert r.status == 200
                assert await r.text() == f"big:{TEN_MB}"

    asyncio.run(scenario())


def test_a_10_mb_body_over_a_lowered_limit_is_413(app: Path, tmp_path: Path) -> None:
    limited = start_host(
        app, tmp_path / "limited.log", {"FUNCTIONS_REQUEST_BODY_SIZE_LIMIT": "1048576"}
    )
    try:

        async def scenario() -> None:
            async with aiohttp.ClientSession() as session:
                url = f"{limited.base}/api/Echo"
                body = io.BytesIO(b"x" * TEN_MB)
                async with session.post(url, data=body) as response:
                    assert response.status == 413
                async with session.post(url, data=b"x" * 1024) as response:
                    assert response.status == 200
                    assert await response.text() == ":1024"

        asyncio.run(scenario())
    finally:
        assert stop_host(limited) == 0


def test_a_raising_function_answers_500_and_the_next_request_works(
    server: Running,
) -> None:
    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            for n in range(3):
                assert await get(session, f"{server.base}/api/Boom") == (500, "")
                assert await get(session, f"{server.base}/api/Echo?n={n}") == (
                    200,
                    f"{n}:0",
                )

    asyncio.run(scenario())
    assert "RuntimeError: boom" in server.log.read_text()


@pytest.mark.parametrize("function", ["HangAsync", "HangSync"])
def test_a_hanging_function_answers_500_at_the_timeout_and_the_next_request_works(
    server: Running, function: str
) -> None:
    async def scenario() -> float:
        async with aiohttp.ClientSession() as session:
            started = time.monotonic()
            assert await get(session, f"{server.base}/api/{function}") == (500, "")
            elapsed = time.monotonic() - started
            assert await get(session, f"{server.base}/api/Echo?n=next") == (
                200,
                "next:0",
            )
            return elapsed

    elapsed = asyncio.run(scenario())
    assert 0.9 < elapsed < 3.0
    assert f"exceeded by function 'Functions.{function}'" in server.log.read_text()


async def burst(base: str, count: int, *, limit: int, start: int = 0) -> list[str]:
    """*count* GETs at once over at most *limit* connections; every answer, in order."""
    connector = aiohttp.TCPConnector(limit=limit)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(n: int) -> str:
            async with session.get(f"{base}/api/Echo?n={n}") as response:
                assert response.status == 200
                assert response.headers["X-N"] == str(n)
                return await response.text()

        return await asyncio.gather(*(one(n) for n in range(start, start + count)))


def test_a_thousand_concurrent_requests_are_all_answered(server: Running) -> None:
    answers = asyncio.run(burst(server.base, 1000, limit=200))
    assert answers == [f"{n}:0" for n in range(1000)]


def test_memory_stays_put_over_batches_of_requests(server: Running) -> None:
    batch = 1500
    asyncio.run(burst(server.base, batch, limit=100))  # warm up every path
    first = server.rss()
    asyncio.run(burst(server.base, batch, limit=100, start=batch))
    second = server.rss()
    asyncio.run(burst(server.base, batch, limit=100, start=2 * batch))
    third = server.rss()
    margin = 4 * 1024 * 1024
    assert second - first < margin, (first, second)
    assert third - first < margin, (first, third)
