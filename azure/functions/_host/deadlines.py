"""``functionTimeout``: deadlines for calls in flight, and one watchdog per loop.

An ``async def`` takes its first step where it is called; when it suspends,
the rest (:class:`Resumed`) is awaited under a deadline counted from the
invocation's start (:func:`deadline_after`). The :class:`Watchdog` cancels a
coroutine's task past its deadline, or fails a pool thread's future (a thread
cannot be stopped); either way the waiter gets :class:`Expired`, never to be
mistaken for a ``TimeoutError`` the function raised itself.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Coroutine, Generator
from typing import final

__all__ = [
    "Deadline",
    "Expired",
    "Resumed",
    "Unfinished",
    "Watchdog",
    "deadline_after",
]


def deadline_after(timeout: float, started: float) -> float:
    """When a call begun at *started* (``perf_counter``) is due, on the loop's clock."""
    elapsed = time.perf_counter() - started
    return asyncio.get_running_loop().time() + timeout - elapsed


#: ``Task.uncancel`` (Python 3.11+): tells the watchdog's cancellation from
#: another one that came at the same time. Python 3.10 counts no
#: cancellations, so there a fired deadline's ``CancelledError`` is taken to
#: be the watchdog's (as ``async-timeout`` does).
_uncancel: Callable[[asyncio.Task[object]], int] | None = getattr(
    asyncio.Task, "uncancel", None
)


class Expired(Exception):
    """A call ran past its deadline (never the function's own ``TimeoutError``)."""


@final
class Deadline:
    """When *target* is due: a task to cancel, or a future to fail with Expired."""

    __slots__ = ("at", "fired", "target")

    def __init__(self, target: asyncio.Future[object], at: float) -> None:
        self.target = target
        self.at = at
        self.fired = False

    def fire(self) -> None:
        """The deadline has come: cancel the task, or fail the future."""
        self.fired = True
        target = self.target
        if isinstance(target, asyncio.Task):
            target.cancel()
        elif not target.done():
            target.set_exception(Expired())


class Watchdog:
    """Stops waiting for calls that run past their deadline: ``functionTimeout``.

    One task per event loop looks at every call in flight a few times a
    second (every twentieth of the shortest timeout, at most every 50 ms),
    instead of a timer per call: a call costs a set insertion, and the
    deadline is kept to within that resolution. The task ends when no call
    is in flight. A coroutine past its deadline is cancelled
    (:meth:`bounded`); a thread's future is failed (:meth:`expire`).
    """

    __slots__ = ("_deadlines", "_loop", "_resolution", "_shortest", "_task")

    def __init__(self) -> None:
        self._deadlines: set[Deadline] = set()
        #: The loop the watching task runs on; ``None`` when none is running.
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._shortest = float("inf")
        self._resolution = 0.05

    async def bounded(
        self, awaitable: Awaitable[object], deadline: float, timeout: float
    ) -> object:
        """Await *awaitable* in this task, cancelled at *deadline*: then ``Expired``.

        *deadline* is on the loop's clock; *timeout* is the time the call was
        given, which sets how often to look.
        """
        task = asyncio.current_task()
        assert task is not None
        entry = self._watch_for(task, deadline, timeout)
        uncancel = _uncancel
        try:
            result = await awaitable
        except asyncio.CancelledError:
            if entry.fired and (uncancel is None or uncancel(task) == 0):
                raise Expired from None
            raise
        finally:
            self._deadlines.discard(entry)
        if entry.fired and uncancel is not None:
            uncancel(task)  # the call swallowed the cancellation and returned
        return result

    def expire(
        self, future: asyncio.Future[object], deadline: float, timeout: float
    ) -> Deadline:
        """Fail *future* with ``Expired`` at *deadline*, unless forgotten first."""
        return self._watch_for(future, deadline, timeout)

    def forget(self, entry: Deadline) -> None:
        """No more need to watch *entry*'s deadline."""
        self._deadlines.discard(entry)

    def _watch_for(
        self, target: asyncio.Future[object], deadline: float, timeout: float
    ) -> Deadline:
        entry = Deadline(target, deadline)
        self._deadlines.add(entry)
        if timeout < self._shortest:
            self._shortest = timeout
            self._resolution = min(0.05, max(0.001, timeout / 20))
        loop = target.get_loop()
        if self._loop is not loop:
            self._loop = loop
            self._task = loop.create_task(self._watch(), name="functionTimeout")
        return entry

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._deadlines:
                await asyncio.sleep(self._resolution)
                now = loop.time()
                for deadline in list(self._deadlines):
                    if not deadline.fired and now >= deadline.at:
                        deadline.fire()
        finally:
            if self._loop is loop:
                self._loop = None


@final
class Unfinished:
    """A call still running, and when it must be done (loop time; ``None``: never).

    ``in_thread``: the awaitable is the pool's future of a plain ``def`` call.
    """

    __slots__ = ("awaitable", "deadline", "in_thread")

    def __init__(
        self, awaitable: Awaitable[object], deadline: float | None, *, in_thread: bool
    ) -> None:
        self.awaitable = awaitable
        self.deadline = deadline
        self.in_thread = in_thread


@final
class Resumed:
    """A coroutine already past its first step, to be awaited for the rest.

    Awaiting it hands what the coroutine is waiting on to the task, and
    passes the task's values, exceptions and cancellation back in: the same
    as awaiting the coroutine itself had it not been started.
    """

    __slots__ = ("_coroutine", "_suspended_on")

    def __init__(
        self, coroutine: Coroutine[object, object, object], suspended_on: object
    ) -> None:
        self._coroutine = coroutine
        self._suspended_on = suspended_on

    def __await__(self) -> Generator[object, object, object]:
        coroutine = self._coroutine
        waiting_on = self._suspended_on
        self._suspended_on = None
        try:
            while True:
                try:
                    sent = yield waiting_on
                except GeneratorExit:
                    raise
                except BaseException as exc:  # the task's: cancellation and the like
                    try:
                        waiting_on = coroutine.throw(exc)
                    except StopIteration as finished:
                        return finished.value
                else:
                    try:
                        waiting_on = coroutine.send(sent)
                    except StopIteration as finished:
                        return finished.value
        finally:
            coroutine.close()  # a no-op once it has finished
