"""The console's shortcuts keep behaviour: direct lines (``emit``), batched writes."""

from __future__ import annotations

import asyncio
import datetime
import io
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest

from azure.functions._host.console import ConsoleFormatter, ConsoleHandler, emit

STAMP = re.compile(r"^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] ", re.MULTILINE)


@pytest.fixture
def console() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    logger = logging.getLogger("tests.console")
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


def test_emit_direct_console_line_is_the_line_a_record_would_print(
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


def test_emit_makes_a_real_record_for_any_other_handler_or_filter(
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
    logger = logging.Logger("tests.console.batching", logging.INFO)
    stream = CountingStream()
    handler = ConsoleHandler(stream)
    logger.addHandler(handler)
    try:
        yield logger, handler, stream
    finally:
        handler.batch_on(None)


def lines_of(stream: io.StringIO) -> list[str]:
    return STAMP.sub("", stream.getvalue()).splitlines()


def test_batched_console_writes_a_loop_rounds_lines_together(
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


def test_batched_console_lines_keep_the_time_they_were_emitted_at(
    batching: tuple[logging.Logger, ConsoleHandler, CountingStream],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    logger, handler, stream = batching
    start = datetime.datetime(2026, 12, 6, 10, 0, 0, tzinfo=datetime.timezone.utc)
    # Same millisecond twice, then a later millisecond, then the next second.
    offsets = [0.1234, 0.1236, 0.1251, 1.0009]
    times = iter(start.timestamp() + offset for offset in offsets)
    monkeypatch.setattr("azure.functions._host.console._now", lambda: next(times))

    async def scenario() -> None:
        handler.batch_on(asyncio.get_running_loop())
        emit(logger, logging.INFO, "first")  # the console is found; written at once
        await asyncio.sleep(0)
        for name in ("second", "third", "fourth"):
            emit(logger, logging.INFO, "%s", name)  # gathered
        await asyncio.sleep(0)

    asyncio.run(scenario())
    assert stream.getvalue().splitlines() == [
        "[2026-12-06T10:00:00.123Z] first",
        "[2026-12-06T10:00:00.123Z] second",
        "[2026-12-06T10:00:00.125Z] third",
        "[2026-12-06T10:00:01.000Z] fourth",
    ]


def test_batched_console_line_from_another_thread_comes_after_the_gathered(
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


def test_batched_console_stopping_writes_what_was_gathered(
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


def test_batched_console_handler_added_later_gets_the_next_rounds_lines(
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


def test_batched_console_arguments_that_do_not_format_keep_the_line(
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


def test_batched_console_lines_after_its_loop_closed_are_written_at_once(
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


@pytest.mark.parametrize(
    "created",
    [0.0, 1.0005, 1.9999999, 1714564800.123, 1714564801.0, 1714564859.5],
)
def test_console_time_cache_stamp_matches_datetime_formatting(created: float) -> None:
    formatter = ConsoleFormatter()
    # Twice: the second text made once per second is reused the second time.
    for _ in range(2):
        second = int(created)  # the second it is in (not rounded up to the next)
        moment = datetime.datetime.fromtimestamp(second, datetime.timezone.utc)
        expected = (
            moment.strftime("%Y-%m-%dT%H:%M:%S.")
            + f"{int((created - int(created)) * 1000):03d}Z"
        )
        assert formatter.stamp(created) == expected
    # Another second in between is worked out afresh, then the first again.
    other = formatter.stamp(created + 61)
    assert other != formatter.stamp(created)
