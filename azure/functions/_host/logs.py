"""Log records that know their invocation, wherever user code emits them.

During an invocation, every record created carries ``azure_function_name`` and
``azure_invocation_id`` (prefixed so they never clash with a user's
``extra=``). The invocation is found through a context variable, which asyncio
tasks, ``asyncio.to_thread``, ``contextvars.copy_context().run`` and the host's
thread pool carry along; in a thread the user starts, through
``context.thread_local_storage.invocation_id``, which the user sets as the
Python worker documents::

    def worker(context: func.Context) -> None:
        context.thread_local_storage.invocation_id = context.invocation_id
        logging.info("tied to the invocation")

As the worker does, :func:`install` sets the root logger to ``INFO`` (``DEBUG``
with ``PYTHON_ENABLE_DEBUG_LOGGING``) when it is quieter than that. The
console the host writes to is :mod:`.console`'s.
"""

from __future__ import annotations

import contextvars
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = [
    "HOST_LOGGER",
    "InvocationScope",
    "current_invocation",
    "enter_scope",
    "exit_scope",
    "host_logger",
    "install",
    "invocation_scope",
    "is_capture_handler",
    "records_are_plain",
    "thread_local_storage",
    "uninstall",
]

#: The logger the host writes its own lines to (not the user's).
HOST_LOGGER = "azure.functions.host"


class InvocationScope:
    """The invocation a record belongs to, and the records captured for it."""

    __slots__ = ("function_name", "invocation_id", "records")

    def __init__(
        self, function_name: str, invocation_id: str, *, capture: bool = False
    ) -> None:
        self.function_name = function_name
        self.invocation_id = invocation_id
        self.records: list[logging.LogRecord] | None = [] if capture else None

    def __repr__(self) -> str:
        return f"<InvocationScope {self.function_name!r} {self.invocation_id}>"


_current: contextvars.ContextVar[InvocationScope | None] = contextvars.ContextVar(
    "azure_functions_invocation", default=None
)
_active: dict[str, InvocationScope] = {}
#: Shared by every invocation's ``Context.thread_local_storage``, as in the worker.
thread_local_storage = threading.local()


def host_logger() -> logging.Logger:
    """The host's own logger."""
    logger = _host_logger[0]
    # ``getLogger`` takes the logging lock: look the logger up only when the
    # one kept is no longer the registered one.
    if (
        logger is None
        or logging.Logger.manager.loggerDict.get(HOST_LOGGER) is not logger
    ):
        logger = _host_logger[0] = logging.getLogger(HOST_LOGGER)
    return logger


_host_logger: list[logging.Logger | None] = [None]


def current_invocation() -> InvocationScope | None:
    """The invocation running in this task or thread, if any."""
    scope = _current.get()
    if scope is not None:
        return scope
    invocation_id = getattr(thread_local_storage, "invocation_id", None)
    if isinstance(invocation_id, str):
        return _active.get(invocation_id)
    return None


@contextmanager
def invocation_scope(
    function_name: str, invocation_id: str, *, capture: bool = False
) -> Iterator[InvocationScope]:
    """Tie records created inside the block (and what it starts) to an invocation."""
    scope = InvocationScope(function_name, invocation_id, capture=capture)
    token = enter_scope(scope)
    try:
        yield scope
    finally:
        exit_scope(scope, token)


def enter_scope(scope: InvocationScope) -> contextvars.Token[InvocationScope | None]:
    """:func:`invocation_scope` as a call; pair it with :func:`exit_scope`."""
    _active[scope.invocation_id] = scope
    return _current.set(scope)


def exit_scope(
    scope: InvocationScope, token: contextvars.Token[InvocationScope | None]
) -> None:
    """End what :func:`enter_scope` started."""
    _current.reset(token)
    _active.pop(scope.invocation_id, None)


# --- installation --------------------------------------------------------------


class _CaptureHandler(logging.Handler):
    """Keeps the user's records of invocations that asked for them."""

    def emit(self, record: logging.LogRecord) -> None:
        invocation_id = getattr(record, "azure_invocation_id", None)
        if not isinstance(invocation_id, str):
            return
        scope = _active.get(invocation_id)
        if scope is None or scope.records is None:
            return
        if record.name == HOST_LOGGER or record.name.startswith(HOST_LOGGER + "."):
            return
        scope.records.append(record)


class _Installation:
    __slots__ = ("count", "handler", "level", "previous_factory")

    def __init__(self) -> None:
        self.count = 0
        self.previous_factory: Callable[..., logging.LogRecord] | None = None
        self.handler = _CaptureHandler()
        self.level: int | None = None


_installation = _Installation()
_lock = threading.Lock()


def _record_factory(*args: object, **kwargs: object) -> logging.LogRecord:
    previous = _installation.previous_factory
    assert previous is not None
    record = previous(*args, **kwargs)
    scope = current_invocation()
    if scope is not None:
        record.azure_function_name = scope.function_name
        record.azure_invocation_id = scope.invocation_id
    return record


def install() -> None:
    """Start tagging records with their invocation (pair with :func:`uninstall`)."""
    with _lock:
        _installation.count += 1
        if _installation.count > 1:
            return
        _installation.previous_factory = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_record_factory)
        root = logging.getLogger()
        root.addHandler(_installation.handler)
        wanted = (
            logging.DEBUG
            if os.environ.get("PYTHON_ENABLE_DEBUG_LOGGING", "").lower()
            in ("1", "true")
            else logging.INFO
        )
        if root.level > wanted or root.level == logging.NOTSET:
            _installation.level = root.level
            root.setLevel(wanted)


def uninstall() -> None:
    """Undo :func:`install` once the last user of it is done."""
    with _lock:
        if _installation.count == 0:
            return
        _installation.count -= 1
        if _installation.count:
            return
        if logging.getLogRecordFactory() is _record_factory:
            assert _installation.previous_factory is not None
            logging.setLogRecordFactory(_installation.previous_factory)
        _installation.previous_factory = None
        root = logging.getLogger()
        root.removeHandler(_installation.handler)
        if _installation.level is not None:
            root.setLevel(_installation.level)
            _installation.level = None


def records_are_plain() -> bool:
    """Whether records are made as ``logging.LogRecord`` makes them (tags aside).

    True for the standard record factory, and for this module's tagging over
    it; false once someone else installed a factory of their own.
    """
    factory = logging.getLogRecordFactory()
    return factory is logging.LogRecord or (
        factory is _record_factory
        and _installation.previous_factory is logging.LogRecord
    )


def is_capture_handler(handler: logging.Handler) -> bool:
    """Whether *handler* is the one keeping invocations' records, unfiltered.

    It skips the host's own records, so a host line need not reach it.
    """
    return type(handler) is _CaptureHandler and not handler.filters
