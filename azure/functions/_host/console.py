"""The host's console: lines as ``func start`` prints them, written in batches.

:class:`ConsoleHandler` writes ``[2024-05-01T12:00:00.123Z] message`` lines
(:class:`ConsoleFormatter`: the text of the second made once per second).
On the server's event loop (:meth:`ConsoleHandler.batch_on`), the lines of
one loop round are gathered and written with one ``write`` and ``flush``.
:func:`emit` is how the host writes its own lines (two per invocation): to
the console directly, without a log record, when the console is all such a
record would reach.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import threading
import time
from typing import TYPE_CHECKING, TextIO, final

from .logs import is_capture_handler, records_are_plain

__all__ = ["ConsoleFormatter", "ConsoleHandler", "emit"]


def emit(
    logger: logging.Logger,
    level: int,
    msg: str,
    *args: object,
    exc_info: BaseException | None = None,
) -> None:
    """``logger.log(level, msg, *args)``, at less cost per line.

    For the host's own lines, written twice per invocation. The record is
    made without looking up the caller's frame (its file and line, which
    these lines never show). When the host's console handler is all the
    record would reach, the line is written to it directly, the same bytes
    without a record (see :func:`_only_console`). While the console gathers
    lines on this loop (:meth:`ConsoleHandler.batch_on`), that finding is
    kept until the gathered lines are written out, the next time round the
    loop, not worked out again for every line.
    """
    known = _known_console
    if (
        known.logger is logger
        and known.level == level
        and exc_info is None
        and known.thread == _thread_id()
    ):
        # Formatted when the gathered lines are written out.
        known.pending.append((_now(), msg, args))
        return
    if not logger.isEnabledFor(level):
        return
    if exc_info is None:
        console = _only_console(logger, level)
        if console is not None and console._loop_thread == _thread_id():
            known.remember(logger, level, console)
        if console is not None:
            try:
                console.write_line(msg % args if args else msg, _now())
                return
            except Exception:  # let logging report it, the usual way
                pass
    error = (
        None if exc_info is None else (type(exc_info), exc_info, exc_info.__traceback__)
    )
    logger.handle(logger.makeRecord(logger.name, level, __file__, 0, msg, args, error))


@final
class _KnownConsole:
    """The console :func:`emit` found for a logger and level, this loop round."""

    __slots__ = ("level", "logger", "pending", "thread")

    logger: logging.Logger | None
    level: int
    pending: list[_Gathered]
    thread: int | None

    def __init__(self) -> None:
        self.forget()

    def remember(
        self, logger: logging.Logger, level: int, handler: ConsoleHandler
    ) -> None:
        """Lines of *logger* at *level* go to *handler*'s gathered lines."""
        self.logger = logger
        self.level = level
        self.pending = handler._pending
        self.thread = handler._loop_thread

    def forget(self) -> None:
        """Work it out again for the next line."""
        self.logger = None
        self.level = -1
        self.pending = []
        self.thread = None


_known_console = _KnownConsole()


def _only_console(logger: logging.Logger, level: int) -> ConsoleHandler | None:
    """The host's console handler, when it is all a record of *logger* would reach.

    Then writing the line to it directly is what handling the record would
    do (the capture handler skips the host's records), minus the record. Any
    other handler or filter on the way (``caplog``, a user's), or a record
    factory that is not the host's, and the record is made as usual.
    """
    if not records_are_plain():
        return None
    found: ConsoleHandler | None = None
    current: logging.Logger | None = logger
    while current is not None:
        if current.filters:
            return None
        for handler in current.handlers:
            if is_capture_handler(handler):
                continue
            if (
                found is None
                and type(handler) is ConsoleHandler
                and type(handler.formatter) is ConsoleFormatter
                and not handler.filters
                and level >= handler.level
            ):
                found = handler
                continue
            return None
        if not current.propagate:
            break
        current = current.parent
    return found


# --- the console -------------------------------------------------------------------


#: ``"000Z"`` to ``"999Z"``, by millisecond (a float product may round up to 1000).
_MILLISECONDS = (*(f"{n:03d}Z" for n in range(1000)), "999Z")


class ConsoleFormatter(logging.Formatter):
    """``[2024-05-01T12:00:00.123Z] message``, as ``func start`` prints lines."""

    _second: int
    _second_text: str

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return self.stamp(record.created)

    def stamp(self, created: float) -> str:
        """The time *created* (``time.time()``) as the lines show it."""
        second = int(created)
        if second != self._second:  # the text of the second, made once per second
            moment = datetime.datetime.fromtimestamp(second, datetime.timezone.utc)
            self._second, self._second_text = (
                second,
                moment.strftime("%Y-%m-%dT%H:%M:%S."),
            )
        return self._second_text + _MILLISECONDS[int((created - second) * 1000)]

    def __init__(self) -> None:
        super().__init__("[%(asctime)s] %(message)s")
        self._second = -1
        self._second_text = ""

    def usesTime(self) -> bool:
        """Always: every line starts with its time."""
        return True

    def format(self, record: logging.LogRecord) -> str:
        """``logging.Formatter.format`` for this one layout, without its lookups."""
        record.message = record.getMessage()
        record.asctime = self.formatTime(record)
        text = f"[{record.asctime}] {record.message}"
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            text = f"{text}\n{record.exc_text}"
        if record.stack_info:
            text = f"{text}\n{self.formatStack(record.stack_info)}"
        return text


# StreamHandler is generic in typeshed, but only subscriptable at run time
# from Python 3.11: subclass the plain class there.
if TYPE_CHECKING:
    _TextStreamHandler = logging.StreamHandler[TextIO]
else:
    _TextStreamHandler = logging.StreamHandler


class ConsoleHandler(_TextStreamHandler):
    """Writes records to a stream the way ``func start`` prints them.

    :meth:`write_line` writes a line of the host's own straight to the
    stream, formatted as a record would be: see :func:`emit`.

    :meth:`batch_on` an event loop (the server's): lines written on that
    loop's thread are gathered and written with one ``write`` and ``flush``
    when the loop next comes round, not a system call or two per line. Lines
    from any other thread write out what is gathered first, then themselves,
    so the order stays the order they were emitted in.
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        # A formatter of its own for the lines it formats under its lock:
        # the one set below also serves format(), which runs outside it.
        self._stamp = ConsoleFormatter().stamp
        self._last_millisecond = -1
        self._last_prefix = ""
        self.setFormatter(ConsoleFormatter())
        #: Lines to write: text, or (time, message, arguments) to format then.
        self._pending: list[_Gathered] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._scheduled = False

    def batch_on(self, loop: asyncio.AbstractEventLoop | None) -> None:
        """Gather the lines written on this thread, *loop*'s (``None``: stop)."""
        self.flush()
        self._loop = loop
        self._loop_thread = threading.get_ident() if loop is not None else None

    def write_line(self, message: str, created: float) -> None:
        """Write ``[time] message`` as :meth:`emit` would for such a record."""
        self._write(f"[{self._stamp(created)}] {message}{self.terminator}")

    def emit(self, record: logging.LogRecord) -> None:
        """Format *record* and write it (gathered, on the batching loop)."""
        try:
            self._write(self.format(record) + self.terminator)
        except RecursionError:  # as StreamHandler.emit
            raise
        except Exception:
            self.handleError(record)

    def flush(self) -> None:
        """Write out the lines gathered so far, then flush the stream."""
        lock = self.lock
        if lock is None:  # pragma: no cover - only while the handler is made
            return
        with lock:
            self._scheduled = False
            _known_console.forget()  # the logging set-up is looked at again
            self._write_out()

    def _write(self, text: str) -> None:
        lock = self.lock  # as acquire() and release(), without their calls
        assert lock is not None
        lock.acquire()
        try:
            if self._loop_thread == _thread_id():
                self._pending.append(text)
                if not self._scheduled:
                    loop = self._loop
                    assert loop is not None
                    try:
                        loop.call_soon(self.flush)
                    except RuntimeError:  # the loop was closed: no more gathering
                        self._loop = self._loop_thread = None
                        _known_console.forget()
                        self._write_out()
                    else:
                        self._scheduled = True
                return
            if self._pending:
                self._pending.append(text)
                text = ""
            self._write_out(text)
        finally:
            lock.release()

    def _write_out(self, text: str = "") -> None:
        """Write the gathered lines and *text*; the lock is held."""
        pending = self._pending
        if pending:
            # Lines the loop's thread adds meanwhile (it takes no lock to add
            # them) land after these, and stay for the next write.
            count = len(pending)
            pieces: list[str] = []
            add = pieces.append
            terminator = self.terminator
            millisecond, prefix = self._last_millisecond, self._last_prefix
            for item in pending[:count]:
                if isinstance(item, str):
                    add(item)
                    continue
                created, msg, args = item
                try:
                    message = msg % args if args else msg
                except Exception:  # never lose the line for its arguments
                    message = f"{msg} {args!r}"
                now = int(created * 1000)
                if now != millisecond:  # most lines share the last one's
                    millisecond = now
                    prefix = f"[{self._stamp(created)}] "
                add(prefix)
                add(message)
                add(terminator)
            self._last_millisecond, self._last_prefix = millisecond, prefix
            del pending[:count]
            pieces.append(text)
            text = "".join(pieces)
        stream = self.stream
        if text:
            stream.write(text)
        if hasattr(stream, "flush"):
            stream.flush()


_thread_id = threading.get_ident
#: A gathered line: its text, or its time, message and arguments.
_Gathered = str | tuple[float, str, tuple[object, ...]]
_now = time.time
