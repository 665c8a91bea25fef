"""The invocation pipeline: converters, the call (loop or pool), outputs, context, logs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from pathlib import Path

import pytest

import azure.functions as func
from azure.functions._host.invoke import (
    Invoker,
    format_timespan,
    thread_count_from_environment,
)
from azure.functions._host.logs import HOST_LOGGER
from azure.functions.meta import Datum
from azure.functions.testing import TestClient
from tests.host._support import HTTP_IN, HTTP_OUT, http_function, write_app

QUEUE_OUT = {"type": "queue", "direction": "out", "name": "msg", "queueName": "out-q"}
TIMER_IN = {
    "type": "timerTrigger",
    "direction": "in",
    "name": "timer",
    "schedule": "0 0 * * * *",
}


def client_for(
    tmp_path: Path,
    functions: Mapping[str, tuple[Mapping[str, object], str]],
    *,
    host: Mapping[str, object] | None = None,
) -> TestClient:
    write_app(tmp_path, functions, host=host)
    return TestClient(tmp_path)


THREADS = """
import asyncio
import threading
import azure.functions as func

async def main(req: func.HttpRequest) -> str:
    return threading.current_thread().name
"""

SYNC_THREAD = """
import threading
import azure.functions as func

def main(req: func.HttpRequest) -> str:
    return threading.current_thread().name
"""


def test_async_functions_run_on_the_loop_and_plain_ones_in_the_pool(
    tmp_path: Path,
) -> None:
    with client_for(
        tmp_path, {"Async": http_function(THREADS), "Sync": http_function(SYNC_THREAD)}
    ) as client:
        assert client.get("/api/Async").text == "azfunc-test-client"
        assert client.get("/api/Sync").text.startswith("azfunc-invoke")


def test_thread_count_comes_from_the_worker_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PYTHON_THREADPOOL_THREAD_COUNT", "3")
    assert thread_count_from_environment() == 3
    assert Invoker(timeout=None).thread_count == 3
    monkeypatch.setenv("PYTHON_THREADPOOL_THREAD_COUNT", "0")
    assert 1 <= thread_count_from_environment() <= 32
    monkeypatch.setenv("PYTHON_THREADPOOL_THREAD_COUNT", "many")
    assert 1 <= thread_count_from_environment() <= 32


CONCURRENCY = """
import threading
import time
import azure.functions as func

lock = threading.Lock()
running = 0
peak = 0

def main(timer: func.TimerRequest) -> None:
    global running, peak
    with lock:
        running += 1
        peak = max(peak, running)
    time.sleep(0.1)
    with lock:
        running -= 1
"""


def test_the_pool_bounds_concurrent_calls(tmp_path: Path) -> None:
    write_app(tmp_path, {"Busy": ({"bindings": [TIMER_IN]}, CONCURRENCY)})

    async def scenario() -> tuple[int, float]:
        from azure.functions.testing import AsyncTestClient

        async with AsyncTestClient(tmp_path, thread_count=2) as client:
            loop = asyncio.get_running_loop()
            started = loop.time()
            results = await asyncio.gather(*(client.invoke("Busy") for _ in range(6)))
            elapsed = loop.time() - started
            assert all(result.succeeded for result in results)
            module = client.app.function("Busy").func.__globals__
            return int(module["peak"]), elapsed

    peak, elapsed = asyncio.run(scenario())
    assert peak == 2
    assert elapsed >= 0.3  # six calls of 0.1 s, two at a time


OUTPUTS = """
import azure.functions as func

def main(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    if req.params.get("send"):
        msg.set("queued " + req.params["send"])
    return func.HttpResponse("done", status_code=201)
"""


def test_out_and_return_values_and_their_datums(tmp_path: Path) -> None:
    bindings = {"bindings": [HTTP_IN, HTTP_OUT, QUEUE_OUT]}
    with client_for(tmp_path, {"Send": (bindings, OUTPUTS)}) as client:
        response = client.get("/api/Send", params={"send": "x"})
        assert response.status_code == 201
        result = response.invocation
        assert result is not None
        assert result.values["msg"] == "queued x"
        assert result.outputs["msg"] == Datum("queued x", "string")
        assert isinstance(result.return_value, func.HttpResponse)
        http = result.outputs["$return"]
        assert http.type == "http"
        assert isinstance(http.value, dict)
        assert http.value["status_code"] == Datum("201", "string")

        unset = client.get("/api/Send").invocation
        assert unset is not None
        assert "msg" not in unset.values
        assert "msg" not in unset.outputs


def test_undelivered_outputs_are_logged_with_their_value_every_time(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bus = {
        "type": "serviceBus",
        "direction": "out",
        "name": "msg",
        "queueName": "q",
        "connection": "Bus",
    }
    bindings = {"bindings": [HTTP_IN, HTTP_OUT, bus]}
    with client_for(tmp_path, {"Send": (bindings, OUTPUTS)}) as client:
        caplog.set_level(logging.WARNING, logger=HOST_LOGGER)
        client.get("/api/Send", params={"send": "a"})
        client.get("/api/Send", params={"send": "b" * 300})
        client.get("/api/Send")  # sets nothing: nothing to report
    warnings = [
        r.getMessage() for r in caplog.records if "not delivered" in r.getMessage()
    ]
    prefix = (
        "Function 'Send': the output binding 'msg' (serviceBus) has no local "
        "emulation; not delivered: "
    )
    assert warnings == [
        prefix + "queued a",
        prefix + "queued " + "b" * 193 + "... (307 in all)",
    ]


def test_queue_outputs_are_delivered_and_logged_with_their_target(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bindings = {"bindings": [HTTP_IN, HTTP_OUT, QUEUE_OUT]}
    with client_for(tmp_path, {"Send": (bindings, OUTPUTS)}) as client:
        caplog.set_level(logging.INFO, logger=HOST_LOGGER)
        client.get("/api/Send", params={"send": "a"})
        client.get("/api/Send", params={"send": "bc"})
        assert [m.get_body() for m in client.queue_messages("out-q")] == [
            b"queued a",
            b"queued bc",
        ]
    delivered = [r.getMessage() for r in caplog.records if "→" in r.getMessage()]
    assert delivered == [
        "Function 'Send': output 'msg' → queue 'out-q' (1 message, 8 bytes).",
        "Function 'Send': output 'msg' → queue 'out-q' (1 message, 9 bytes).",
    ]
    assert not [r for r in caplog.records if "not delivered" in r.getMessage()]


CONTEXT = """
import azure.functions as func

def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    return func.HttpResponse.json({
        "id": context.invocation_id,
        "name": context.function_name,
        "directory": context.function_directory,
        "traceparent": context.trace_context.trace_parent,
        "tracestate": context.trace_context.trace_state,
    })
"""


def test_context_and_trace_context(tmp_path: Path) -> None:
    with client_for(tmp_path, {"Ctx": http_function(CONTEXT)}) as client:
        parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        response = client.get(
            "/api/Ctx",
            headers={"traceparent": parent, "tracestate": "congo=t61rcWkgMzE"},
        )
        body = response.json()
        assert isinstance(body, dict)
        assert response.invocation is not None
        assert body["id"] == response.invocation.invocation_id
        assert body["name"] == "Ctx"
        assert body["directory"] == str(tmp_path / "Ctx")
        trace = str(body["traceparent"]).split("-")
        # The same trace, the host's own span for the invocation, the same flags.
        assert trace[1] == "0af7651916cd43dd8448eb211c80319c"
        assert trace[2] != "b7ad6b7169203331"
        assert trace[3] == "01"
        assert body["tracestate"] == "congo=t61rcWkgMzE"

        fresh = client.get("/api/Ctx", headers={"traceparent": "garbage"}).json()
        assert isinstance(fresh, dict)
        version, trace_id, span, flags = str(fresh["traceparent"]).split("-")
        assert (version, len(trace_id), len(span), flags) == ("00", 32, 16, "00")
        assert fresh["tracestate"] == ""


LOGS = """
import asyncio
import concurrent.futures
import contextvars
import logging
import threading
import azure.functions as func

log = logging.getLogger("user.code")

def from_thread(context):
    context.thread_local_storage.invocation_id = context.invocation_id
    log.info("from a thread %s", context.invocation_id)

async def main(req: func.HttpRequest, context: func.Context) -> str:
    log.info("direct %s", context.invocation_id)
    await asyncio.to_thread(log.info, "to_thread %s", context.invocation_id)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        ctx = contextvars.copy_context()
        pool.submit(ctx.run, log.info, "executor %s", context.invocation_id).result()
    thread = threading.Thread(target=from_thread, args=(context,))
    thread.start()
    thread.join()
    await asyncio.sleep(0.01)
    log.info("after sleep %s", context.invocation_id)
    return "ok"
"""

SYNC_LOGS = """
import logging
import azure.functions as func

def main(req: func.HttpRequest, context: func.Context) -> str:
    logging.warning("sync %s", context.invocation_id)
    return "ok"
"""


def test_log_records_carry_their_invocation_from_every_thread(tmp_path: Path) -> None:
    write_app(tmp_path, {"Logs": http_function(LOGS), "Sync": http_function(SYNC_LOGS)})

    async def scenario() -> None:
        from azure.functions.testing import AsyncTestClient

        async with AsyncTestClient(tmp_path) as client:
            responses = await asyncio.gather(
                *(client.get("/api/Logs") for _ in range(5)),
                *(client.get("/api/Sync") for _ in range(5)),
            )
        for response in responses:
            result = response.invocation
            assert result is not None
            assert result.succeeded
            expected = 5 if result.function_name == "Logs" else 1
            assert len(result.logs) == expected, [r.getMessage() for r in result.logs]
            for record in result.logs:
                # Each record is this invocation's: no mixing between concurrent ones.
                assert record.getMessage().endswith(result.invocation_id)
                assert record.__dict__["azure_invocation_id"] == result.invocation_id
                assert record.__dict__["azure_function_name"] == result.function_name

    asyncio.run(scenario())


def test_records_outside_invocations_carry_nothing(tmp_path: Path) -> None:
    with client_for(tmp_path, {"Sync": http_function(SYNC_LOGS)}) as client:
        client.get("/api/Sync")
        record = logging.getLogger("outside").makeRecord(
            "outside", logging.INFO, __file__, 1, "x", (), None
        )
        assert "azure_invocation_id" not in record.__dict__


FAILING = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    raise ValueError("boom")
"""

RETURNS_NONE = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    return None
"""


def test_failures_are_results_with_the_error_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    functions = {"Boom": http_function(FAILING), "Nothing": http_function(RETURNS_NONE)}
    with client_for(tmp_path, functions) as client:
        caplog.set_level(logging.INFO, logger=HOST_LOGGER)
        response = client.get("/api/Boom")
        assert response.status_code == 500
        assert response.body == b""
        result = response.invocation
        assert result is not None
        assert not result.succeeded
        assert isinstance(result.error, ValueError)
        # Returning None to an http $return fails, as in the worker.
        nothing = client.get("/api/Nothing")
        assert nothing.status_code == 500
        assert nothing.invocation is not None
        assert isinstance(nothing.invocation.error, TypeError)
        assert "through the output binding '$return' (http)" in str(
            nothing.invocation.error
        )
    messages = [r.getMessage() for r in caplog.records]
    assert any(
        m.startswith(
            "Executing 'Functions.Boom' (Reason='This function was "
            "programmatically called via the host APIs.', Id="
        )
        for m in messages
    )
    failed = f"Executed 'Functions.Boom' (Failed, Id={result.invocation_id}, Duration="
    assert any(m.startswith(failed) and m.endswith("ms)") for m in messages)
    trace = next(
        r for r in caplog.records if "Exception while executing" in r.getMessage()
    )
    assert trace.exc_info is not None
    assert result.invocation_id in trace.getMessage()


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
    time.sleep(0.6)
    return "late"
"""


def test_function_timeout(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    functions = {"Async": http_function(HANG_ASYNC), "Sync": http_function(HANG_SYNC)}
    host = {"version": "2.0", "functionTimeout": "00:00:00.2"}
    with client_for(tmp_path, functions, host=host) as client:
        caplog.set_level(logging.INFO, logger=HOST_LOGGER)
        for name in ("Async", "Sync"):
            response = client.get(f"/api/{name}")
            assert response.status_code == 500
            result = response.invocation
            assert result is not None
            assert result.timed_out
            assert str(result.error).startswith(
                "Timeout value of 00:00:00.2000000 exceeded by function "
                f"'Functions.{name}' (Id: '{result.invocation_id}')."
            )
    assert any("Initiating cancellation" in r.getMessage() for r in caplog.records)


def test_other_inputs_are_given_or_none(tmp_path: Path) -> None:
    source = """
    import azure.functions as func

    seen = []

    def main(timer: func.TimerRequest, doc: str) -> None:
        seen.append(doc)
    """
    blob_in = {"type": "blob", "direction": "in", "name": "doc", "path": "docs/b"}
    with client_for(
        tmp_path, {"T": ({"bindings": [TIMER_IN, blob_in]}, source)}
    ) as client:
        client.invoke("T")
        client.invoke("T", inputs={"doc": "given"})
        client.invoke("T", inputs={"doc": Datum("as a datum", "string")})
        seen = client.app.function("T").func.__globals__["seen"]
        assert seen == [None, "given", "as a datum"]


def test_format_timespan() -> None:
    assert format_timespan(300) == "00:05:00"
    assert format_timespan(90061.5) == "1.01:01:01.5000000"
