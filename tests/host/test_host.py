"""What the host answers for requests that go wrong, on a real socket of 127.0.0.1.

A function's informational (1xx) status, key bytes that are not UTF-8, a
deeply nested JSON body to the admin API: each is answered with the status
the request deserves, the connection stays usable, and the host logs why.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from azure.functions._host.host import Host
from azure.functions._host.keys import HostKeys
from azure.functions._host.logs import HOST_LOGGER
from azure.functions._host.server import Server
from tests.host._support import http_function, read_response, write_app

STATUS = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("body", status_code=int(req.params["status"]))
"""

QUEUE = """
import azure.functions as func

def main(msg: str) -> None:
    pass
"""

KEY = "the-key"


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    queue = {"type": "queueTrigger", "direction": "in", "name": "msg"}
    queue.update(queueName="work", connection="AzureWebJobsStorage")
    return write_app(
        tmp_path_factory.mktemp("dispatch_app"),
        {
            "Status": http_function(STATUS),
            "Secret": http_function(STATUS, authLevel="function"),
            "Work": ({"bindings": [queue]}, QUEUE),
        },
    )


Scenario = Callable[
    [asyncio.StreamReader, asyncio.StreamWriter], Coroutine[None, None, None]
]


@pytest.fixture
def serve(app_dir: Path) -> Iterator[Callable[[Scenario], None]]:
    hosts: list[Host] = []

    def run(scenario: Scenario) -> None:
        host = Host.load(app_dir, keys=HostKeys(KEY))
        hosts.append(host)

        async def main() -> None:
            async with serving(host) as port:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                try:
                    await scenario(reader, writer)
                finally:
                    writer.close()

        asyncio.run(main())

    yield run
    for host in hosts:
        host.close()


@asynccontextmanager
async def serving(host: Host) -> AsyncIterator[int]:
    server = Server(host, port=0)
    port = await server.start()
    try:
        yield port
    finally:
        await server.stop()


def get(path: str, *headers: bytes) -> bytes:
    lines = [f"GET {path} HTTP/1.1".encode(), b"Host: 127.0.0.1", *headers]
    return b"\r\n".join(lines) + b"\r\n\r\n"


@pytest.mark.parametrize("status", [100, 101, 103, 199])
def test_an_informational_status_is_refused_with_500_and_keep_alive_holds(
    serve: Callable[[Scenario], None], caplog: pytest.LogCaptureFixture, status: int
) -> None:
    caplog.set_level(logging.ERROR, logger=HOST_LOGGER)

    async def scenario(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        writer.write(get(f"/api/Status?status={status}"))
        writer.write(get("/api/Status?status=201"))  # pipelined on the same connection
        await writer.drain()
        first = await read_response(reader)
        second = await read_response(reader)
        assert first.status == 500
        assert (second.status, second.body) == (201, b"body")

    serve(scenario)
    (line,) = [
        r.getMessage() for r in caplog.records if "cannot write" in r.getMessage()
    ]
    assert "Function 'Status'" in line
    assert f"status code {status}" in line


def test_key_bytes_that_are_not_utf8_get_401(
    serve: Callable[[Scenario], None],
) -> None:
    async def scenario(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        for key in (b"\xff\xfe", b"the-\xe9key", b"\xc3"):
            writer.write(get("/api/Secret?status=200", b"x-functions-key: " + key))
            await writer.drain()
            assert (await read_response(reader)).status == 401
        writer.write(get("/api/Secret?status=200", b"x-functions-key: " + KEY.encode()))
        await writer.drain()
        assert (await read_response(reader)).status == 200

    serve(scenario)


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 40_000 + b"]" * 40_000,
        b'{"input": ' + b"[" * 40_000 + b"]" * 40_000 + b"}",
        b'{"input": ' + b'{"a": ' * 40_000 + b"1" + b"}" * 40_000 + b"}",
    ],
)
def test_a_deeply_nested_json_body_to_the_admin_api_is_400(
    serve: Callable[[Scenario], None], body: bytes
) -> None:
    async def scenario(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        head = (
            b"POST /admin/functions/Work HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"x-functions-key: " + KEY.encode() + b"\r\n"
            b"Content-Type: application/json\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
        )
        writer.write(head + body)
        await writer.drain()
        answer = await read_response(reader)
        assert answer.status == 400
        assert b"nested" in answer.body
        writer.write(get("/api/Status?status=200"))
        await writer.drain()
        assert (await read_response(reader)).status == 200

    serve(scenario)
