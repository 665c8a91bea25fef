"""The invocation's shortcuts keep behaviour: the timeout watchdog, an
``async def``'s first step taken at once (``send(None)``), the per-function plan."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from azure.functions._host.host import Host
from azure.functions._host.invoke import InvocationResult
from azure.functions._host.loading.model import FunctionInfo
from azure.functions._host.payloads.core import generic_payload
from azure.functions._host.plan import InvocationPlan
from azure.functions.meta import Datum
from tests.host._support import write_app

FUNCTIONS = """
import asyncio
import os
import re
import azure.functions as func

async def main(msg: str) -> None:
    if msg == "sleep":
        await asyncio.sleep(5)
    elif msg == "swallow":
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            pass  # a function that ignores cancellation finishes anyway
"""


def test_the_timeout_watchdog(tmp_path: Path) -> None:
    trigger = {"type": "queueTrigger", "direction": "in", "name": "msg"}
    app = write_app(
        tmp_path,
        {"Work": ({"bindings": [trigger]}, FUNCTIONS)},
        host={"version": "2.0", "functionTimeout": "00:00:00.2"},
    )
    host = Host.load(app)

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        started = loop.time()
        slow, quick = await asyncio.gather(
            host.invoke("Work", generic_payload("sleep")),
            host.invoke("Work", generic_payload("now")),
        )
        assert slow.timed_out
        assert 0.15 < loop.time() - started < 1.0
        assert quick.succeeded
        swallowed = await host.invoke("Work", generic_payload("swallow"))
        assert swallowed.succeeded  # it returned, past its deadline
        # The task carries no leftover cancellation: it awaits on normally.
        await asyncio.sleep(0.01)
        # Cancelling the caller is a cancellation, not a timeout.
        caller = asyncio.create_task(host.invoke("Work", generic_payload("sleep")))
        await asyncio.sleep(0.05)
        caller.cancel()
        with pytest.raises(asyncio.CancelledError):
            await caller

    try:
        asyncio.run(scenario())
    finally:
        host.close()


# --- the console gathers lines per loop round ------------------------------------

# --- async functions: the first step, then the deadline ------------------------------

STEPS = """
import asyncio
import os
import re
import time

import azure.functions as func

async def main(msg: str) -> str:
    task = asyncio.current_task()
    if msg == "quick":
        return "done at once"
    if msg == "yields":
        for _ in range(3):
            await asyncio.sleep(0)
        assert asyncio.current_task() is task  # the caller's task throughout
        return "done after yielding"
    if msg == "raises later":
        await asyncio.sleep(0)
        raise LookupError("after a suspension")
    if msg == "slow first step":
        time.sleep(0.3)  # blocks: the deadline still counts it
        await asyncio.sleep(0.3)
        return "too late"
    raise AssertionError(msg)
"""


def test_first_step_send_none_async_functions_that_suspend_or_not(
    tmp_path: Path,
) -> None:
    trigger = {"type": "queueTrigger", "direction": "in", "name": "msg"}
    result = {"type": "queue", "direction": "out", "name": "$return"}
    app = write_app(
        tmp_path,
        {"Steps": ({"bindings": [trigger, result]}, STEPS)},
        host={"version": "2.0", "functionTimeout": "00:00:00.4"},
    )
    host = Host.load(app)

    async def scenario() -> None:
        quick = await host.invoke("Steps", generic_payload("quick"))
        assert quick.return_value == "done at once"
        yields = await host.invoke("Steps", generic_payload("yields"))
        assert yields.succeeded, yields.error
        assert yields.return_value == "done after yielding"
        raised = await host.invoke("Steps", generic_payload("raises later"))
        assert isinstance(raised.error, LookupError)
        slow = await host.invoke("Steps", generic_payload("slow first step"))
        assert slow.timed_out  # 0.3 s blocked + 0.3 s awaited > 0.4 s

    try:
        asyncio.run(scenario())
    finally:
        host.close()


OWN_TIMEOUTS = """
import asyncio
import os
import re
import time

import azure.functions as func

def plain(msg: str) -> None:
    if msg == "hang":
        time.sleep(0.6)
    else:
        raise TimeoutError("the function's own, not the host's")

async def coroutine(msg: str) -> None:
    await asyncio.sleep(0)
    raise TimeoutError("the function's own, not the host's")
"""


def test_a_functions_own_timeout_error_is_not_the_hosts(tmp_path: Path) -> None:
    def bound(entry: str) -> dict[str, object]:
        trigger = {"type": "queueTrigger", "direction": "in", "name": "msg"}
        return {"bindings": [trigger], "entryPoint": entry}

    app = write_app(
        tmp_path,
        {
            "Plain": (bound("plain"), OWN_TIMEOUTS),
            "Coro": (bound("coroutine"), OWN_TIMEOUTS),
        },
        host={"version": "2.0", "functionTimeout": "00:00:00.3"},
    )
    host = Host.load(app)

    async def scenario() -> None:
        for name in ("Plain", "Coro"):
            own = await host.invoke(name, generic_payload("raise"))
            assert not own.succeeded
            assert not own.timed_out, name
            assert type(own.error) is TimeoutError
            assert "the function's own" in str(own.error)
        hung = await host.invoke("Plain", generic_payload("hang"))
        assert hung.timed_out
        assert "exceeded by function 'Functions.Plain'" in str(hung.error)

    try:
        asyncio.run(scenario())
    finally:
        host.close()


def test_invocation_result_of_skips_init_and_is_the_same_result() -> None:
    outputs = {"$return": Datum("x", "string")}
    values: dict[str, object] = {"$return": "x"}
    made = InvocationResult(
        function_name="f",
        invocation_id="id",
        outputs=outputs,
        values=values,
        error=None,
        duration=0.5,
        logs=[],
    )
    fast = InvocationResult._of("f", "id", outputs, values, None, 0.5, [])
    for name in InvocationResult.__slots__:
        assert getattr(fast, name) == getattr(made, name), name
    # The constructor copies the mappings it is given; _of takes the
    # invoker's own fresh dicts as they are.
    assert made.outputs is not outputs
    assert fast.outputs is outputs
    assert fast.succeeded


# --- the per-function plan: worked out on the first call, then reused ------------------


def test_per_function_plan_is_made_once_per_function(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trigger = {"type": "queueTrigger", "direction": "in", "name": "msg"}
    source = "def main(msg: str) -> None:\n    pass\n"
    app = write_app(
        tmp_path,
        {
            "One": ({"bindings": [trigger]}, source),
            "Two": ({"bindings": [trigger]}, source),
        },
    )
    host = Host.load(app)
    made: list[str] = []
    make = type(host.invoker)._plan

    def counting(self: object, function: FunctionInfo) -> InvocationPlan:
        made.append(function.name)
        return make(host.invoker, function)

    monkeypatch.setattr(type(host.invoker), "_plan", counting)

    async def scenario() -> None:
        for name in ("One", "One", "Two", "One", "Two"):
            result = await host.invoke(name, generic_payload("m"))
            assert result.succeeded, result.error

    try:
        asyncio.run(scenario())
    finally:
        host.close()
    assert made == ["One", "Two"]
