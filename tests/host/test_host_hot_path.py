"""The per-invocation shortcuts keep behaviour: console lines, timeouts, ids."""

from __future__ import annotations

import asyncio
import io
import logging
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from azure.functions._host.host import Host
from azure.functions._host.invoke import _trace_context, new_invocation_id
from azure.functions._host.logs import ConsoleHandler, emit
from azure.functions._host.payloads import generic_payload
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
