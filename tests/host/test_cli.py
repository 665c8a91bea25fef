"""``python -m azure.functions``: usage, the banner, exit codes, signals."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from azure.functions._host.cli import main
from tests.host._support import HTTP_IN, HTTP_OUT, http_function, write_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "v1_app"

SLOW = """
import time
import azure.functions as func

def main(req: func.HttpRequest) -> str:
    time.sleep(0.5)
    return "finished"
"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "azure.functions", *args],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        check=False,
    )


def test_help_and_usage_errors() -> None:
    helped = run_cli("start", "--help")
    assert helped.returncode == 0
    assert "APP_DIR" in helped.stdout
    assert "--port" in helped.stdout
    assert run_cli("--help").returncode == 0
    no_command = run_cli()
    assert no_command.returncode == 2
    assert "name a command: start" in no_command.stderr
    bad_port = run_cli("start", ".", "--port", "http")
    assert bad_port.returncode == 2
    assert "not a port number" in bad_port.stderr
    assert run_cli("start", "--no-such-option").returncode == 2


def test_a_broken_app_exits_1_naming_the_file_function_and_binding(
    tmp_path: Path,
) -> None:
    source = "def main(req: int) -> str:\n    return ''\n"
    write_app(tmp_path, {"Broken": ({"bindings": [HTTP_IN, HTTP_OUT]}, source)})
    result = run_cli("start", str(tmp_path), "--port", "0")
    assert result.returncode == 1
    assert "error: the app cannot be loaded" in result.stderr
    assert "Broken/function.json, function 'Broken', binding 'req'" in result.stderr


def test_an_import_error_shows_its_traceback(tmp_path: Path) -> None:
    write_app(tmp_path, {"Broken": http_function("import not_installed_anywhere\n")})
    result = run_cli("start", str(tmp_path))
    assert result.returncode == 1
    assert "ModuleNotFoundError" in result.stderr
    assert "Traceback" in result.stderr


def test_missing_app_exits_1(tmp_path: Path) -> None:
    result = run_cli("start", str(tmp_path))
    assert result.returncode == 1
    assert "host.json: not found" in result.stderr


def test_main_can_be_called_in_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["start", str(tmp_path / "none")]) == 1
    assert "not a directory" in capsys.readouterr().err


@contextmanager
def started(
    app: Path, *extra: str
) -> Iterator[tuple[subprocess.Popen[str], int, list[str]]]:
    """Start the host on a free port; yield the process, its port and its output lines."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "azure.functions",
            "start",
            str(app),
            "--port",
            "0",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=ROOT,
    )
    stdout = process.stdout
    assert stdout is not None
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Press Ctrl+C"):
                ready.set()
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(timeout=20), "\n".join(lines)
        ports = [
            int(line.split("http://localhost:")[1].split("/")[0])
            for line in lines
            if "http://localhost:" in line
        ]
        assert ports, "\n".join(lines)
        yield process, ports[0], lines
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        reader.join(timeout=10)
        stdout.close()


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}{path}", timeout=10
        ) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_start_prints_the_banner_serves_and_stops_on_sigint() -> None:
    with started(EXAMPLE) as (process, port, lines):
        banner = "\n".join(lines)
        assert "Functions:" in banner
        assert f"\tHttpHello: [GET,POST] http://localhost:{port}/api/HttpHello" in lines
        assert (
            f"\tEnqueueGreeting: [POST] http://localhost:{port}/api/greetings" in lines
        )
        assert "\tTimerTriggerFunction: timerTrigger" in lines
        assert "\tProcessGreeting: queueTrigger" in lines
        assert any(
            line.startswith("Function and admin key (made for this run")
            for line in lines
        )
        assert get(port, "/api/HttpHello?name=Ada") == (200, "hello Ada")
        assert get(port, "/api/greetings")[0] == 405
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    output = "\n".join(lines)
    assert "Executing 'Functions.HttpHello' (Reason=" in output
    assert "Executed 'Functions.HttpHello' (Succeeded, Id=" in output
    assert "HttpHello: GET http://127.0.0.1" in output  # the function's own log line
    assert "Host stopped." in output


def test_sigterm_lets_invocations_in_flight_finish(tmp_path: Path) -> None:
    write_app(
        tmp_path,
        {"Slow": http_function(SLOW)},
        settings={"FUNCTIONS_LOCAL_KEY": "unused"},
    )
    with started(tmp_path) as (process, port, _lines):
        answer: list[tuple[int, str]] = []
        request = threading.Thread(target=lambda: answer.append(get(port, "/api/Slow")))
        request.start()
        time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        request.join(timeout=10)
        assert answer == [(200, "finished")]
        assert process.wait(timeout=15) == 0
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_a_port_in_use_exits_1() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("start", str(EXAMPLE), "--port", str(port))
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_local_settings_port_is_the_default(tmp_path: Path) -> None:
    write_app(tmp_path, {"Hi": http_function(SLOW)})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    (tmp_path / "local.settings.json").write_text(
        json.dumps({"Values": {}, "Host": {"LocalHttpPort": free}})
    )
    # --port 0 in started() would win: start without it, through the banner check.
    with started_without_port(tmp_path) as (process, lines):
        assert f"\tHi: http://localhost:{free}/api/Hi" in lines
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0


@contextmanager
def started_without_port(
    app: Path,
) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "azure.functions", "start", str(app)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Press Ctrl+C"):
                break
        yield process, lines
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        process.stdout.close()


def test_banner_lists_functions_routes_and_disabled_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from azure.functions._host.cli import banner
    from azure.functions._host.host import Host
    from azure.functions._host.keys import HostKeys

    write_app(
        tmp_path,
        {
            "Open": http_function(SLOW, route="items/{id:int}"),
            "AnyMethod": http_function(SLOW, methods=None),
            "Off": http_function(SLOW),
        },
    )
    monkeypatch.setenv("AzureWebJobs.Off.Disabled", "1")
    host = Host.load(tmp_path, keys=HostKeys("k"))
    try:
        text = banner(host, "0.0.0.0", 8080)
    finally:
        host.close()
    lines = text.splitlines()
    assert "\tOpen: http://localhost:8080/api/items/{id:int}" in lines
    assert "\tAnyMethod: http://localhost:8080/api/AnyMethod" in lines
    assert "\tOff: disabled" in lines
    # Every route is anonymous, but the admin API (/admin/...) needs the key.
    key_line = lines.index("\tk")
    assert lines[key_line - 1].startswith(
        "Function and admin key (FUNCTIONS_LOCAL_KEY)"
    )
    assert "/admin/" in lines[key_line + 1]
    assert lines[-1] == "Press Ctrl+C to stop."


RELATIVE_FILES = """
import os

import azure.functions as func

with open("greeting.txt") as file:  # read when the app loads
    GREETING = file.read().strip()


def main(req: func.HttpRequest) -> func.HttpResponse:
    with open("data/name.txt") as file:  # and when it runs
        name = file.read().strip()
    return func.HttpResponse(f"{GREETING} {name} from {os.getcwd()}")
"""


def test_the_app_folder_is_the_working_directory(tmp_path: Path) -> None:
    app = tmp_path / "app"
    write_app(
        app,
        {"Hello": http_function(RELATIVE_FILES)},
        files={"greeting.txt": "hello\n", "data/name.txt": "Ada\n"},
    )
    with started(app) as (process, port, _lines):  # started from the repository
        assert get(port, "/api/Hello") == (200, f"hello Ada from {app.resolve()}")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0


def test_in_process_main_leaves_the_working_directory_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = os.getcwd()
    assert main(["start", str(tmp_path)]) == 1  # a folder, but no host.json
    assert os.getcwd() == before
    assert "host.json: not found" in capsys.readouterr().err


def test_cors_flags_as_core_tools_takes_them(tmp_path: Path) -> None:
    helped = run_cli("start", "--help")
    assert "--cors ORIGINS" in helped.stdout
    assert "--cors-credentials" in helped.stdout
    refused = run_cli("start", str(tmp_path), "--cors", "*", "--cors-credentials")
    assert refused.returncode == 2
    assert 'every origin ("*") with credentials' in refused.stderr
    write_app(tmp_path, {"Hi": http_function(SLOW, methods=["get"])})
    (tmp_path / "local.settings.json").write_text(
        json.dumps({"Values": {}, "Host": {"CORS": "http://settings.test"}})
    )
    flags = ("--cors", "http://a.test,http://b.test", "--cors-credentials")
    with started(tmp_path, *flags) as (process, port, lines):
        assert "CORS: http://a.test, http://b.test, with credentials" in lines
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/Hi",
            method="OPTIONS",
            headers={"Origin": "http://b.test", "Access-Control-Request-Method": "PUT"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204
            assert response.headers["Access-Control-Allow-Origin"] == "http://b.test"
            assert response.headers["Access-Control-Allow-Methods"] == "PUT"
            assert response.headers["Access-Control-Allow-Credentials"] == "true"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
