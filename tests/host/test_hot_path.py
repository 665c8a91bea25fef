"""The per-invocation shortcuts keep behaviour: console lines, timeouts, ids."""

from __future__ import annotations

import asyncio
import io
import logging
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from azure.functions._host.console import ConsoleHandler, emit
from azure.functions._host.host import Host
from azure.functions._host.invoke import _trace_context, new_invocation_id
from azure.functions._host.payloads.core import generic_payload
from tests.host._support import write_app

STAMP = re.compile(r"^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] ", re.MULTILINE)


@pytest.fixture
def console() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    logger = logging.getLogger("tests.hot_path")
    stream = io.StringIO()
    handler = ConsoleHandler(stream)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield logger, stream
    finally:
        logger.removeHandler(handler)
        logger.propagate = True


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_direct_console_line_is_the_line_a_record_would_print(
    console: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = console
    emit(logger, logging.INFO, "Executing 'Functions.%s' (Id=%s)", "f", "1")
    logger.info("Executing 'Functions.%s' (Id=%s)", "f", "1")
    emit(logger, logging.DEBUG, "not shown %s", "x")
    direct, via_record = stream.getvalue().splitlines()
    assert STAMP.match(direct)
    assert STAMP.sub("", direct) == STAMP.sub("", via_record)
    assert STAMP.sub("", direct) == "Executing 'Functions.f' (Id=1)"


def test_any_other_handler_or_filter_gets_a_real_record(
    console: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = console
    records = Records()
    logger.addHandler(records)
    try:
        emit(logger, logging.INFO, "seen by %s", "both")
    finally:
        logger.removeHandler(records)
    (record,) = records.records
    assert record.getMessage() == "seen by both"
    assert STAMP.sub("", stream.getvalue()) == "seen by both\n"
    dropped: list[str] = []

    def keep_none(record: logging.LogRecord) -> bool:
        dropped.append(record.getMessage())
        return False

    logger.addFilter(keep_none)
    try:
        emit(logger, logging.INFO, "filtered")
    finally:
        logger.removeFilter(keep_none)
    assert dropped == ["filtered"]
    assert "filtered" not in stream.getvalue()


def test_ids_are_uuid4_and_trace_contexts_w3c() -> None:
    ids = {new_invocation_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(uuid.UUID(value).version == 4 for value in ids)
    fresh = _trace_context("", "")
    assert re.fullmatch(r"00-[0-9a-f]{32}-[0-9a-f]{16}-00", fresh.trace_parent)
    parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    child = _trace_context(parent, "k=v")
    assert child.trace_parent.startswith("00-0af7651916cd43dd8448eb211c80319c-")
    assert child.trace_parent.endswith("-01")
    assert child.trace_parent != parent
    assert child.trace_state == "k=v"


FUNCTIONS = """
import asyncio
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


class CountingStream(io.StringIO):
    """A text stream that counts its writes."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


@pytest.fixture
def batching() -> Iterator[tuple[logging.Logger, ConsoleHandler, CountingStream]]:
    # Outside the logger tree, where pytest's capturing handlers do not reach:
    # the console is then all a line reaches, and emit() writes it directly.
    logger = logging.Logger("tests.hot_path.batching", logging.INFO)
    stream = CountingStream()
    handler = ConsoleHandler(stream)
    logger.addHandler(handler)
    try:
        yield logger, handler, stream
    finally:
        handler.batch_on(None)


def lines_of(stream: io.StringIO) -> list[str]:
    return STAMP.sub("", stream.getvalue()).splitlines()


def test_lines_on_the_loop_are_written_together_next_round(
    batching: tuple[logging.Logger, ConsoleHandler, CountingStream],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    logger, handler, stream = batching
    made: list[str] = []
    make_record = logger.makeRecord

    def counting(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        made.append(record.getMessage())
        return record

    monkeypatch.setattr(logger, "makeRecord", counting)

    async def scenario() -> None:
        handler.batch_on(asyncio.get_running_loop())
        for number in range(5):
            emit(logger, logging.INFO, "line %d of %s", number, "five")
        logger.info("a record of the user's")  # not through emit(), also gathered
        assert made == ["a record of the user's"]  # emit() made no record
        assert stream.getvalue() == ""
        await asyncio.sleep(0)  # the loop comes round
        assert lines_of(stream) == [
            *(f"line {n} of five" for n in range(5)),
            "a record of the user's",
        ]
        assert stream.writes == 1

    asyncio.run(scenario())


def test_a_line_from_another_thread_comes_after_the_gathered_ones(
    batching: tuple[logging.Logger, ConsoleHandler, CountingStream],
) -> None:
    logger, handler, stream = batching

    async def scenario() -> None:
        handler.batch_on(asyncio.get_running_loop())
        emit(logger, logging.INFO, "Executing %s", "f")
        emit(logger, logging.INFO, "still gathered")
        await asyncio.to_thread(logger.info, "from a thread")
        # The thread wrote at once, after what was gathered before it.
        assert lines_of(stream) == ["Executing f", "still gathered", "from a thread"]
        emit(logger, logging.INFO, "Executed %s", "f")
        await asyncio.sleep(0)
        assert lines_of(stream)[-1] == "Executed f"

    asyncio.run(scenario())


def test_stopping_the_batch_writes_what_was_gathered(
    batching: tuple[logging.Logger, ConsoleHandler, CountingStream],
) -> None:
    logger, handler, stream = batching
    loop = asyncio.new_event_loop()
    try:

        async def gather_two() -> None:
            handler.batch_on(asyncio.get_running_loop())
            emit(logger, logging.INFO, "one")
            emit(logger, logging.INFO, "two")

        loop.run_until_complete(gather_two())
        assert lines_of(stream) in ([], ["one", "two"])  # the round may have come
        handler.batch_on(None)
        assert lines_of(stream) == ["one", "two"]
        emit(logger, logging.INFO, "not gathered any more")
        assert lines_of(stream)[-1] == "not gathered any more"
    finally:
        loop.close()


def test_a_handler_added_later_gets_the_next_rounds_lines(
    batching: tuple[logging.Logger, ConsoleHandler, CountingStream],
) -> None:
    logger, handler, stream = batching
    records = Records()

    async def scenario() -> None:
        handler.batch_on(asyncio.get_running_loop())
        emit(logger, logging.INFO, "before")
        await asyncio.sleep(0)
        logger.addHandler(records)
        try:
            emit(logger, logging.INFO, "after %s", "it")
            await asyncio.sleep(0)
        finally:
            logger.removeHandler(records)

    asyncio.run(scenario())
    assert [record.getMessage() for record in records.records] == ["after it"]
    assert lines_of(stream) == ["before", "after it"]


def test_arguments_that_do_not_format_do_not_lose_the_line(
    batching: tuple[logging.Logger, ConsoleHandler, CountingStream],
) -> None:
    logger, handler, stream = batching

    async def scenario() -> None:
        handler.batch_on(asyncio.get_running_loop())
        emit(logger, logging.INFO, "first")  # the console is known from here on
        emit(logger, logging.INFO, "two args %s %s", "only one")
        await asyncio.sleep(0)

    asyncio.run(scenario())
    assert lines_of(stream) == ["first", "two args %s %s ('only one',)"]


# --- async functions: the first step, then the deadline ------------------------------

STEPS = """
import asyncio
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


def test_async_functions_that_suspend_or_not(tmp_path: Path) -> None:
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


def test_lines_after_the_batching_loop_closed_are_written_at_once(
    batching: tuple[logging.Logger, ConsoleHandler, CountingStream],
) -> None:
    logger, handler, stream = batching
    loop = asyncio.new_event_loop()
    handler.batch_on(loop)
    loop.close()  # without batch_on(None)
    emit(logger, logging.INFO, "after %s", "the loop")
    emit(logger, logging.INFO, "and another")
    logger.info("and a record")
    assert lines_of(stream) == ["after the loop", "and another", "and a record"]
