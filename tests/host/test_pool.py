"""The thread pool plain ``def`` functions run in (``_host.pool.SyncPool``)."""

from __future__ import annotations

import asyncio
import contextvars
import os
import threading
import time
from typing import Any

import pytest

from azure.functions._host.pool import SyncPool

_var: contextvars.ContextVar[str] = contextvars.ContextVar("pool_test", default="")


def test_results_errors_threads_and_context() -> None:
    pool = SyncPool(2, "pool-test")

    def boom() -> None:
        raise ValueError("boom")

    def stop() -> None:
        raise StopIteration

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        assert await pool.submit(loop, lambda a, b: a + b, 2, 3) == 5
        name = await pool.submit(loop, lambda: threading.current_thread().name)
        assert isinstance(name, str)
        assert name.startswith("pool-test_")
        with pytest.raises(ValueError, match="boom"):
            await pool.submit(loop, boom)
        with pytest.raises(RuntimeError, match="StopIteration"):
            await pool.submit(loop, stop)
        _var.set("seen")
        context = contextvars.copy_context()
        assert await pool.submit(loop, context.run, _var.get) == "seen"

    try:
        asyncio.run(scenario())
    finally:
        pool.shutdown()


def test_batched_wake_ups_many_results_at_once_all_arrive_and_the_bound_holds() -> None:
    pool = SyncPool(3, "pool-test")
    lock = threading.Lock()
    running = peak = 0

    def work(value: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.005)
        with lock:
            running -= 1
        return value * 2

    async def scenario() -> list[object]:
        loop = asyncio.get_running_loop()
        return list(
            await asyncio.gather(*(pool.submit(loop, work, i) for i in range(200)))
        )

    try:
        assert asyncio.run(scenario()) == [i * 2 for i in range(200)]
    finally:
        pool.shutdown()
    assert peak == 3
    assert len(pool._threads) == 3


def test_a_call_cancelled_before_it_starts_never_runs() -> None:
    pool = SyncPool(1, "pool-test")
    release = threading.Event()
    ran: list[str] = []

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        busy = pool.submit(loop, release.wait, 5)
        waiting = pool.submit(loop, ran.append, "late")
        waiting.cancel()
        release.set()
        assert await busy is True
        assert await pool.submit(loop, ran.append, "next") is None

    try:
        asyncio.run(scenario())
    finally:
        pool.shutdown()
    assert ran == ["next"]


def test_a_result_nobody_waits_for_is_dropped() -> None:
    pool = SyncPool(1, "pool-test")
    release = threading.Event()

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        running = pool.submit(loop, release.wait, 5)
        await asyncio.sleep(0.05)  # the call has started
        running.cancel()
        release.set()
        assert await pool.submit(loop, lambda: "after") == "after"
        assert running.cancelled()

    try:
        asyncio.run(scenario())
    finally:
        pool.shutdown()


def test_shutdown_cancels_what_did_not_start_and_refuses_more() -> None:
    pool = SyncPool(1, "pool-test")
    release = threading.Event()

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        busy = pool.submit(loop, release.wait, 5)
        queued = pool.submit(loop, lambda: "never")
        pool.shutdown()
        with pytest.raises(RuntimeError):
            pool.submit(loop, lambda: None)
        with pytest.raises(asyncio.CancelledError):
            await queued
        release.set()
        assert await busy is True

    asyncio.run(scenario())
    for thread in pool._threads:
        thread.join(timeout=5)
        assert not thread.is_alive()


@pytest.mark.skipif(not hasattr(os, "sched_getscheduler"), reason="Linux scheduling")
def test_pool_threads_and_the_threads_a_function_starts_keep_the_callers_policy() -> (
    None
):
    """What runs locally runs as deployed: no scheduling policy of the host's own."""
    pool = SyncPool(1, "pool-test")
    caller = os.sched_getscheduler(0)

    def policies() -> tuple[int, int]:
        started: list[int] = []
        thread = threading.Thread(
            target=lambda: started.append(os.sched_getscheduler(0))
        )
        thread.start()
        thread.join()
        return os.sched_getscheduler(0), started[0]

    async def scenario() -> object:
        return await pool.submit(asyncio.get_running_loop(), policies)

    try:
        assert asyncio.run(scenario()) == (caller, caller)
    finally:
        pool.shutdown()
    assert os.sched_getscheduler(0) == caller


def test_batched_wake_ups_one_call_soon_threadsafe_for_results_finished_together() -> (
    None
):
    # Every call finishes while the loop is busy: their results reach it with
    # one wake-up, not one per call.
    pool = SyncPool(4, "pool-test")
    finished = threading.Barrier(5)

    def work(value: int) -> int:
        finished.wait(5)
        return value

    async def scenario() -> tuple[list[object], int]:
        loop = asyncio.get_running_loop()
        wake_ups = 0
        original = loop.call_soon_threadsafe

        def counting(*args: Any, **kwargs: Any) -> Any:
            nonlocal wake_ups
            wake_ups += 1
            return original(*args, **kwargs)

        loop.call_soon_threadsafe = counting  # type: ignore[method-assign,assignment]
        futures = [pool.submit(loop, work, i) for i in range(4)]
        finished.wait(5)  # the loop blocks here while the threads finish
        time.sleep(0.1)  # and hand their results over
        results = list(await asyncio.gather(*futures))
        return results, wake_ups

    try:
        results, wake_ups = asyncio.run(scenario())
    finally:
        pool.shutdown()
    assert results == [0, 1, 2, 3]
    assert wake_ups == 1
