"""The thread pool plain ``def`` functions run in: bounded, with a cheap hand-off.

What ``loop.run_in_executor(ThreadPoolExecutor(n), ...)`` does, at less cost
per call: the caller gets a plain asyncio future (no ``concurrent.futures``
future, no chaining of the two); the worker threads put their results on a
list and wake the event loop once for as many results as come in before it
gets to them (one ``call_soon_threadsafe``, one write to the loop's self-pipe,
per batch instead of per call).

As with the executor: threads are started as calls need them, up to the
bound (``azfunc-invoke_0`` ...); a call whose future was cancelled before a
thread took it up is not run; a call that is running runs to its end (a
thread cannot be stopped), its result dropped if nobody waits for it any
more; :meth:`SyncPool.shutdown` cancels the calls not started and lets the
threads end; at interpreter exit idle threads are woken to end, and running
ones are waited for. The threads are plain ones, with the process's scheduling
policy and priority: a function, and any thread it starts, runs as it would
in the worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import weakref
from collections.abc import Callable

__all__ = ["SyncPool"]

#: (loop, future, function, arguments): a call to make, or ``None`` to stop.
_Item = tuple[
    asyncio.AbstractEventLoop,
    "asyncio.Future[object]",
    Callable[..., object],
    tuple[object, ...],
]
#: (future, succeeded, result or exception): a finished call, for its loop.
_Done = tuple["asyncio.Future[object]", bool, object]


class SyncPool:
    """Up to *max_workers* threads running calls for asyncio callers."""

    def __init__(self, max_workers: int, thread_name_prefix: str) -> None:
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self.max_workers = max_workers
        self._prefix = thread_name_prefix
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._idle = 0
        self._closed = False
        #: Finished calls not yet handed to their loop, by loop.
        self._done: dict[asyncio.AbstractEventLoop, list[_Done]] = {}
        _pools.add(self)

    def submit(
        self,
        loop: asyncio.AbstractEventLoop,
        function: Callable[..., object],
        *args: object,
    ) -> asyncio.Future[object]:
        """Run ``function(*args)`` in a pool thread; a *loop* future of its result."""
        future: asyncio.Future[object] = loop.create_future()
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot schedule new calls after shutdown")
            if self._idle:
                self._idle -= 1
                start = False
            else:
                start = len(self._threads) < self.max_workers
                if start:
                    thread = threading.Thread(
                        target=self._work,
                        name=f"{self._prefix}_{len(self._threads)}",
                    )
                    self._threads.append(thread)
            self._queue.put((loop, future, function, args))
        if start:
            thread.start()
        return future

    def _work(self) -> None:
        get = self._queue.get
        finish = self._finish
        while True:
            item = get()
            if item is None:
                return
            loop, future, function, args = item
            if not future.cancelled():  # as the executor: a cancelled call never runs
                try:
                    result = function(*args)
                except BaseException as exc:  # handed to the caller, as the executor
                    finish(loop, (future, False, exc))
                else:
                    finish(loop, (future, True, result))
            del item, loop, future, function, args
            with self._lock:
                self._idle += 1

    def _finish(self, loop: asyncio.AbstractEventLoop, done: _Done) -> None:
        with self._lock:
            batch = self._done.get(loop)
            if batch is not None:  # the loop is already told: it takes this one too
                batch.append(done)
                return
            self._done[loop] = [done]
        try:
            loop.call_soon_threadsafe(self._deliver, loop)
        except RuntimeError:  # the loop is closed: nobody waits for the result
            with self._lock:
                self._done.pop(loop, None)

    def _deliver(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            batch = self._done.pop(loop, ())
        for future, succeeded, value in batch:
            if future.done():  # cancelled meanwhile (functionTimeout)
                continue
            if succeeded:
                future.set_result(value)
            else:
                assert isinstance(value, BaseException)
                if isinstance(value, StopIteration):  # a future cannot hold one
                    error = RuntimeError("the function raised StopIteration")
                    error.__cause__ = value
                    value = error
                future.set_exception(value)

    def shutdown(self) -> None:
        """Cancel the calls not started; the threads end once idle (not waited for)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = len(self._threads)
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                loop, future = item[0], item[1]
                with contextlib.suppress(RuntimeError):  # the loop is closed
                    loop.call_soon_threadsafe(future.cancel)
        for _ in range(threads):
            self._queue.put(None)

    def _wake_at_exit(self) -> None:
        with self._lock:
            threads = len(self._threads)
        for _ in range(threads):
            self._queue.put(None)


_pools: weakref.WeakSet[SyncPool] = weakref.WeakSet()


def _at_exit() -> None:  # pragma: no cover - runs as the interpreter ends
    for pool in list(_pools):
        pool._wake_at_exit()


# As concurrent.futures does: before non-daemon threads are joined at exit,
# wake the idle ones so they end (running calls are waited for).
_register: Callable[[Callable[[], None]], None] | None = getattr(
    threading, "_register_atexit", None
)
if _register is not None:
    _register(_at_exit)
else:  # pragma: no cover
    import atexit

    atexit.register(_at_exit)
