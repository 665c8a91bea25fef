"""``--watch``: edits reload the app; in-flight work finishes; broken edits keep the old app."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest

from azure.functions._errors import AppLoadError
from azure.functions._host.host import Host
from azure.functions._host.logs import HOST_LOGGER
from azure.functions._host.server import Server
from azure.functions._host.watch import AppWatcher
from azure.functions._host.wire import HttpRequestData
from tests.host._support import http_function, write_app

ROOT = Path(__file__).resolve().parents[2]
START = [sys.executable, "-m", "azure.functions", "start"]

VERSIONED = """
import asyncio
import os
import azure.functions as func

async def main(req: func.HttpRequest) -> str:
    await asyncio.sleep(float(req.params.get("sleep", "0")))
    return "{version} " + os.environ.get("GREETING", "-")
"""


def versioned(version: str) -> str:
    return VERSIONED.replace("{version}", version)


def edit(path: Path, text: str) -> None:
    """Rewrite *path*; its modification time moves on even within one clock tick."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(textwrap.dedent(text))
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


@asynccontextmanager
async def watched(app: Path) -> AsyncIterator[tuple[Server, str]]:
    watcher = AppWatcher(app, interval=0.02, settle=0.02)
    host = Host.load(app)
    server = Server(host, port=0, drain_timeout=5.0, watcher=watcher)
    try:
        port = await server.start()
        yield server, f"http://127.0.0.1:{port}"
    finally:
        await server.stop()
        server.host.close()


async def until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)


async def text(session: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with session.get(url) as response:
        return response.status, await response.text()


def run(scenario: Callable[[], Coroutine[None, None, None]]) -> None:
    asyncio.run(scenario())


def test_the_watcher_sees_added_changed_and_removed_source_files(
    tmp_path: Path,
) -> None:
    (tmp_path / "function_app.py").write_text("x = 1\n")
    (tmp_path / "notes.txt").write_text("ignored\n")
    for skipped in (".venv", "__pycache__", "node_modules"):
        (tmp_path / skipped).mkdir()
        (tmp_path / skipped / "module.py").write_text("")
    watcher = AppWatcher(tmp_path)
    assert watcher.poll() == []
    edit(tmp_path / "function_app.py", "x = 22\n")
    (tmp_path / "notes.txt").write_text("still ignored\n")
    (tmp_path / ".venv" / "module.py").write_text("changed = True\n")
    (tmp_path / "__pycache__" / "module.py").write_text("changed = True\n")
    assert watcher.poll() == ["function_app.py"]
    # Installed packages are not the app's source either: a virtual environment
    # by any name (pyvenv.cfg), a venv, site-packages or dist-packages folder.
    (tmp_path / "env-311").mkdir()
    (tmp_path / "env-311" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    for relative in (
        "env-311/lib/x.py",
        "venv/x.py",
        "lib/site-packages/x.py",
        "lib/dist-packages/x.py",
    ):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("")
    assert watcher.poll() == []
    (tmp_path / "Hello").mkdir()
    (tmp_path / "Hello" / "function.json").write_text("{}")
    (tmp_path / "function_app.py").unlink()
    assert watcher.poll() == [os.path.join("Hello", "function.json"), "function_app.py"]
    assert watcher.poll() == []


def test_an_edit_reloads_the_app_and_requests_in_flight_finish_on_the_old_code(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=HOST_LOGGER)
    app = write_app(tmp_path, {"Hi": http_function(versioned("one"))})

    async def scenario() -> None:
        async with watched(app) as (server, base), aiohttp.ClientSession() as session:
            assert await text(session, f"{base}/api/Hi") == (200, "one -")
            old_host = server.host
            in_flight = asyncio.create_task(text(session, f"{base}/api/Hi?sleep=0.4"))
            await until(lambda: old_host.invoker.in_flight == 1)
            edit(app / "Hi" / "__init__.py", versioned("two"))
            await until(lambda: server.reloads == 1)
            # New requests run the new code while the old one is still busy.
            assert await text(session, f"{base}/api/Hi") == (200, "two -")
            assert not in_flight.done()
            assert await in_flight == (200, "one -")
            assert server.host is not old_host

    run(scenario)
    messages = caplog.messages
    assert any(
        m.startswith("Change detected (") and "__init__.py" in m for m in messages
    )
    assert "Reloaded the app: 1 functions." in messages


def test_a_broken_edit_keeps_the_old_app_serving_until_it_is_fixed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=HOST_LOGGER)
    app = write_app(tmp_path, {"Hi": http_function(versioned("one"))})
    script = app / "Hi" / "__init__.py"

    async def scenario() -> None:
        async with watched(app) as (server, base), aiohttp.ClientSession() as session:
            edit(script, "def main(req:\n")
            await until(lambda: server.failed_reloads == 1)
            assert await text(session, f"{base}/api/Hi") == (200, "one -")
            edit(app / "Hi" / "function.json", "{not json")
            await until(lambda: server.failed_reloads == 2)
            assert await text(session, f"{base}/api/Hi") == (200, "one -")
            edit(app / "Hi" / "function.json", json.dumps(http_function("")[0]))
            edit(script, versioned("fixed"))
            await until(lambda: server.reloads == 1)
            assert await text(session, f"{base}/api/Hi") == (200, "fixed -")
            assert server.failed_reloads == 2

    run(scenario)
    failures = [m for m in caplog.messages if m.startswith("The edit broke the app")]
    assert len(failures) == 2
    assert "Hi/__init__.py, function 'Hi': SyntaxError" in failures[0]
    assert "Hi/function.json" in failures[1]
    assert "invalid JSON" in failures[1]


def test_a_new_function_and_new_settings_arrive_with_the_reload(
    tmp_path: Path,
) -> None:
    app = write_app(
        tmp_path,
        {"Hi": http_function(versioned("one"))},
        settings={"GREETING": "hello"},
    )

    async def scenario() -> None:
        async with watched(app) as (server, base), aiohttp.ClientSession() as session:
            assert await text(session, f"{base}/api/Hi") == (200, "one hello")
            assert (await text(session, f"{base}/api/Bye"))[0] == 404
            (app / "local.settings.json").write_text(
                json.dumps({"Values": {"GREETING": "good evening"}})
            )
            (app / "Bye").mkdir()
            (app / "Bye" / "function.json").write_text(json.dumps(http_function("")[0]))
            edit(app / "Bye" / "__init__.py", versioned("bye"))
            await until(lambda: server.reloads >= 1)
            assert await text(session, f"{base}/api/Hi") == (200, "one good evening")
            assert await text(session, f"{base}/api/Bye") == (200, "bye good evening")

    assert "GREETING" not in os.environ
    run(scenario)
    assert "GREETING" not in os.environ  # the loader took its settings out again


def test_a_failed_reload_puts_the_previous_settings_and_modules_back(
    tmp_path: Path,
) -> None:
    helper = "VALUE = 'first'\n"
    source = """
import azure.functions as func
from __app__.shared import VALUE

def main(req: func.HttpRequest) -> str:
    import os
    return VALUE + " " + os.environ["GREETING"]
"""
    app = write_app(
        tmp_path,
        {"Hi": http_function(source)},
        settings={"GREETING": "hi"},
        files={"shared/__init__.py": helper},
    )
    host = Host.load(app)

    async def scenario() -> None:
        edit(app / "shared" / "__init__.py", "VALUE = 'second'\nraise ImportError\n")
        (app / "local.settings.json").write_text(
            json.dumps({"Values": {"GREETING": "changed"}})
        )
        with pytest.raises(AppLoadError) as caught:
            await host.reload()
        assert "importing it raised ImportError" in str(caught.value)
        assert os.environ["GREETING"] == "hi"
        assert sys.modules["__app__.shared"].VALUE == "first"
        # The app loaded before still runs, with its settings and modules.
        answer = await host.handle_http(HttpRequestData(method="GET", path="/api/Hi"))
        assert (answer.status, answer.body) == (200, b"first hi")

    try:
        run(scenario)
    finally:
        host.close()
    assert "GREETING" not in os.environ


def test_start_watch_waits_for_a_broken_app_to_be_fixed(tmp_path: Path) -> None:
    app = write_app(tmp_path, {"Hi": http_function("def main(req:\n")})
    process = subprocess.Popen(
        [*START, str(app), "--watch", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
        cwd=ROOT,
    )
    assert process.stdout is not None
    lines: list[str] = []
    stdout = process.stdout
    banner = threading.Event()
    waiting = threading.Event()

    def read() -> None:
        for line in stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Waiting for a change"):
                waiting.set()
            if line.startswith("Press Ctrl+C"):
                banner.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert waiting.wait(20), "\n".join(lines)
        assert process.poll() is None
        edit(app / "Hi" / "__init__.py", versioned("fixed"))
        assert banner.wait(20), "\n".join(lines)
        port = next(
            int(line.split("http://localhost:")[1].split("/")[0])
            for line in lines
            if "http://localhost:" in line
        )

        async def get() -> tuple[int, str]:
            async with aiohttp.ClientSession() as session:
                return await text(session, f"http://127.0.0.1:{port}/api/Hi")

        assert asyncio.run(get()) == (200, "fixed -")
        edit(app / "Hi" / "__init__.py", versioned("edited"))
        deadline = time.monotonic() + 20
        while asyncio.run(get()) != (200, "edited -"):
            assert time.monotonic() < deadline, "\n".join(lines)
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        reader.join(timeout=10)
        stdout.close()
    output = "\n".join(lines)
    assert "error: the app cannot be loaded" in output
    assert "Hi/__init__.py, function 'Hi': SyntaxError" in output
    # The reload printed the functions again.
    assert output.count("\tHi: http://localhost:") == 2
