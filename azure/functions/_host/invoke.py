"""The invocation pipeline: datums in, converters, the call, datums out.

As the Python worker does it: the trigger's datum (and its metadata) is decoded
by ``registry.resolve(converter).decode``; ``Out`` parameters and a
:class:`~azure.functions.Context` are made; an ``async def`` runs on the event
loop, a plain ``def`` in a bounded thread pool
(``PYTHON_THREADPOOL_THREAD_COUNT``, 1 to 32; default ``min(32, cpus + 4)``);
what was set on each ``Out`` and the return value are encoded by their
converters. The host's ``Executing`` / ``Executed`` lines frame each call, and
``functionTimeout`` bounds it.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import os
import threading
import time
from collections.abc import Callable, Coroutine, Mapping
from typing import cast, final

from .._context import Context, RetryContext
from .._datum import Datum
from .._errors import FunctionsError
from .._out import Out
from .._registry import BindingRegistry, get_binding_registry
from . import console, logs
from .deadlines import (
    Expired,
    Resumed,
    Unfinished,
    Watchdog,
    deadline_after,
)
from .ids import new_invocation_id, trace_context_for
from .loading.model import BindingInfo, FunctionInfo
from .plan import InvocationPlan
from .pool import SyncPool
from .storage.bindings import shown_value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .._datum import DatumLike
    from .storage.runtime import StorageRuntime

__all__ = [
    "FunctionTimeoutError",
    "InvocationResult",
    "Invoker",
    "format_timespan",
    "thread_count_from_environment",
]

THREAD_COUNT_SETTING = "PYTHON_THREADPOOL_THREAD_COUNT"
MAX_THREADS = 32


class FunctionTimeoutError(FunctionsError, TimeoutError):
    """An invocation ran past ``functionTimeout``."""


def thread_count_from_environment() -> int:
    """``PYTHON_THREADPOOL_THREAD_COUNT`` if valid (1-32), else ``min(32, cpus+4)``."""
    default = min(MAX_THREADS, (os.cpu_count() or 1) + 4)
    value = os.environ.get(THREAD_COUNT_SETTING)
    if not value:
        return default
    try:
        count = int(value)
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_THREADS:
        logs.host_logger().warning(
            "%s=%r is not a whole number from 1 to %d; using %d threads.",
            THREAD_COUNT_SETTING,
            value,
            MAX_THREADS,
            default,
        )
        return default
    return count


def format_timespan(seconds: float) -> str:
    """``90.5`` → ``00:01:30.5000000``: a .NET TimeSpan, as the host prints them."""
    whole = int(seconds)
    fraction = seconds - whole
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    if days:
        text = f"{days}.{text}"
    if fraction:
        text += f".{round(fraction * 10**7):07d}"
    return text


@final
class InvocationResult:
    """What one invocation did: its outputs as datums and values, its logs, its error.

    ``outputs`` and ``values`` are keyed by binding name, ``"$return"`` for the
    return value; ``values`` hold what the function set or returned, ``outputs``
    the datums its converters made of them. ``logs`` holds the records the
    user's code emitted (when captured). ``function_name`` and
    ``invocation_id`` name the invocation, ``duration`` its wall time in
    seconds, ``error`` the exception it raised (``None`` on success).
    """

    __slots__ = (
        "duration",
        "error",
        "function_name",
        "invocation_id",
        "logs",
        "outputs",
        "values",
    )

    def __init__(
        self,
        *,
        function_name: str,
        invocation_id: str,
        outputs: Mapping[str, Datum],
        values: Mapping[str, object],
        error: BaseException | None,
        duration: float,
        logs: list[logging.LogRecord],
    ) -> None:
        self.function_name = function_name
        self.invocation_id = invocation_id
        self.outputs = dict(outputs)
        self.values = dict(values)
        self.error = error
        self.duration = duration
        self.logs = logs

    @classmethod
    def _of(
        cls,
        function_name: str,
        invocation_id: str,
        outputs: dict[str, Datum],
        values: dict[str, object],
        error: BaseException | None,
        duration: float,
        logs: list[logging.LogRecord],
    ) -> InvocationResult:
        """The constructor without its copies, for the invoker's own fresh dicts."""
        result = cls.__new__(cls)
        result.function_name = function_name
        result.invocation_id = invocation_id
        result.outputs = outputs
        result.values = values
        result.error = error
        result.duration = duration
        result.logs = logs
        return result

    @property
    def succeeded(self) -> bool:
        """Whether the function ran and its outputs were encoded."""
        return self.error is None

    @property
    def timed_out(self) -> bool:
        """Whether the invocation ran past ``functionTimeout``."""
        return isinstance(self.error, FunctionTimeoutError)

    @property
    def return_value(self) -> object:
        """What the function returned (``None`` when it returns to no binding)."""
        return self.values.get("$return")

    def __repr__(self) -> str:
        status = "Succeeded" if self.error is None else "Failed"
        return (
            f"<InvocationResult {self.function_name!r} {status} {self.invocation_id}>"
        )


class Invoker:
    """Runs invocations of an app's functions; one per host.

    *timeout* is ``functionTimeout`` in seconds (``None``: unbounded).
    """

    def __init__(
        self,
        *,
        timeout: float | None,
        registry: BindingRegistry | None = None,
        thread_count: int | None = None,
    ) -> None:
        self.timeout = timeout
        self._registry = registry if registry is not None else get_binding_registry()
        self.thread_count = (
            thread_count
            if thread_count is not None
            else thread_count_from_environment()
        )
        self._pool: SyncPool | None = None
        self._pool_lock = threading.Lock()
        self._in_flight = 0
        #: The pool threads running user code now (a set: adding and removing
        #: are atomic, no lock needed).
        self._busy_threads: set[int] = set()
        self._warned: set[tuple[str, str]] = set()
        self._plans: dict[FunctionInfo, InvocationPlan] = {}
        self._watchdog = Watchdog()
        #: Reads and writes queue and blob bindings (set by the host).
        self.storage: StorageRuntime | None = None

    @property
    def in_flight(self) -> int:
        """Invocations started and not finished."""
        return self._in_flight

    @property
    def threads_busy(self) -> int:
        """Pool threads running user code (including calls past their timeout)."""
        return len(self._busy_threads)

    async def invoke(
        self,
        function: FunctionInfo,
        trigger: Datum,
        *,
        trigger_metadata: Mapping[str, DatumLike] | None = None,
        inputs: Mapping[str, object] | None = None,
        reason: str = "This function was programmatically called via the host APIs.",
        trace_parent: str = "",
        trace_state: str = "",
        capture_logs: bool = False,
    ) -> InvocationResult:
        """Run *function* once with *trigger*; never raises for the function's errors.

        *inputs* gives values for non-trigger input bindings by name (a
        :class:`Datum` is decoded by the binding's converter; anything else is
        passed as it is); an input binding given nothing gets ``None``.
        """
        plan = self._plans.get(function)
        invocation_id = new_invocation_id()
        log = logs.host_logger()
        emit = console.emit
        started = time.perf_counter()
        outputs: dict[str, Datum] = {}
        values: dict[str, object] = {}
        error: BaseException | None = None
        self._in_flight += 1  # only ever changed on the loop's thread: no lock
        scope = logs.InvocationScope(function.name, invocation_id, capture=capture_logs)
        token = logs.enter_scope(scope)
        try:
            emit(
                log,
                logging.INFO,
                "Executing 'Functions.%s' (Reason='%s', Id=%s)",
                function.name,
                reason,
                invocation_id,
            )
            try:
                if plan is None:  # converters looked up on the first call
                    plan = self._plans[function] = self._plan(function)
                io = plan.storage
                if io is not None:
                    data, inputs = await io.prepare(trigger, trigger_metadata, inputs)
                args = self._arguments(plan, trigger, trigger_metadata, inputs)
                if function.context_param is not None:  # made only for who takes it
                    args[function.context_param] = Context(
                        invocation_id=invocation_id,
                        function_name=function.name,
                        function_directory=str(function.directory),
                        trace_context=trace_context_for(trace_parent, trace_state),
                        retry_context=RetryContext(),
                        thread_local_storage=logs.thread_local_storage,
                    )
                result = self._start(function, args, invocation_id, started)
                if type(result) is Unfinished:
                    result = await self._finish(function, result, invocation_id)
                self._outputs(plan, args, result, outputs, values)
                if io is not None and outputs:
                    await io.deliver(outputs, data)
            except FunctionTimeoutError as exc:
                error = exc
                log.error("%s Initiating cancellation.", exc)
                if not function.is_async:
                    log.warning(
                        "Function '%s' is a plain def: its thread cannot be stopped "
                        "and runs on (Id=%s); restart the host if it never returns.",
                        function.name,
                        invocation_id,
                    )
            except (Exception, asyncio.CancelledError) as exc:
                error = exc
            duration = time.perf_counter() - started
            milliseconds = round(duration * 1000)
            if error is None:
                emit(
                    log,
                    logging.INFO,
                    "Executed 'Functions.%s' (Succeeded, Id=%s, Duration=%dms)",
                    function.name,
                    invocation_id,
                    milliseconds,
                )
                assert plan is not None
                if plan.undelivered and outputs:
                    self._report_undelivered(function, plan, outputs)
            else:
                log.error(
                    "Executed 'Functions.%s' (Failed, Id=%s, Duration=%dms)",
                    function.name,
                    invocation_id,
                    milliseconds,
                )
                if not isinstance(error, FunctionTimeoutError):
                    log.error(
                        "Exception while executing function: Functions.%s "
                        "(Id=%s). Result: Failure",
                        function.name,
                        invocation_id,
                        exc_info=error,
                    )
            records = scope.records if scope.records is not None else []
        finally:
            logs.exit_scope(scope, token)
            self._in_flight -= 1
        if isinstance(error, asyncio.CancelledError):
            raise error
        return InvocationResult._of(
            function.name, invocation_id, outputs, values, error, duration, records
        )

    # -- the steps --------------------------------------------------------------

    def _arguments(
        self,
        plan: InvocationPlan,
        trigger: Datum,
        trigger_metadata: Mapping[str, DatumLike] | None,
        inputs: Mapping[str, object] | None,
    ) -> dict[str, object]:
        args: dict[str, object] = {}
        for name, converter, is_trigger, binding in plan.inputs:
            if is_trigger:
                args[name] = converter.decode(
                    trigger,
                    trigger_metadata={}
                    if trigger_metadata is None
                    else trigger_metadata,
                )
                continue
            given = inputs.get(name, _MISSING) if inputs else _MISSING
            if given is _MISSING:
                self._warn_once(
                    plan.function,
                    binding,
                    "Function '%s': the input binding '%s' (%s) has no local "
                    "emulation; the function gets None for it.",
                )
                args[name] = None
            elif isinstance(given, Datum):
                args[name] = converter.decode(given, trigger_metadata=None)
            else:
                args[name] = given
        for output in plan.outputs:
            args[output.name] = Out()
        return args

    def _start(
        self,
        function: FunctionInfo,
        args: dict[str, object],
        invocation_id: str,
        started: float,
    ) -> object:
        """Start the call: its result if it is done already, else an ``Unfinished``.

        An ``async def`` takes its first step here: most functions finish in
        it, and then there is no deadline to watch (nothing could have
        cancelled them before they returned anyway). A plain ``def`` goes to
        the thread pool. *started* is when the invocation began
        (``time.perf_counter()``): the deadline counts from then.
        """
        timeout = self.timeout
        if function.is_async:
            coroutine = cast("Coroutine[object, object, object]", function.func(**args))
            if timeout is None:
                return Unfinished(coroutine, None, in_thread=False)
            try:
                suspended_on = coroutine.send(None)
            except StopIteration as finished:
                return finished.value
            return Unfinished(
                Resumed(coroutine, suspended_on),
                deadline_after(timeout, started),
                in_thread=False,
            )
        loop = asyncio.get_running_loop()
        pool = self._pool or self._executor()
        awaitable = pool.submit(
            loop,
            contextvars.copy_context().run,
            self._run_sync,
            function.func,
            args,
            invocation_id,
        )
        return Unfinished(
            awaitable,
            None if timeout is None else deadline_after(timeout, started),
            in_thread=True,
        )

    async def _finish(
        self, function: FunctionInfo, call: Unfinished, invocation_id: str
    ) -> object:
        """Wait for a call :meth:`_start` left running, up to its deadline."""
        deadline = call.deadline
        if deadline is None:
            return await call.awaitable
        timeout = self.timeout
        assert timeout is not None
        try:
            if call.in_thread:
                # The thread cannot be stopped: past the deadline, its future
                # gets Expired instead of a result, and it runs on unheeded.
                watchdog = self._watchdog
                future = cast("asyncio.Future[object]", call.awaitable)
                entry = watchdog.expire(future, deadline, timeout)
                try:
                    return await future
                finally:
                    watchdog.forget(entry)
            return await self._watchdog.bounded(call.awaitable, deadline, timeout)
        except Expired:
            raise FunctionTimeoutError(
                f"Timeout value of {format_timespan(timeout)} exceeded by function "
                f"'Functions.{function.name}' (Id: '{invocation_id}')."
            ) from None

    def _run_sync(
        self,
        func: Callable[..., object],
        args: dict[str, object],
        invocation_id: str,
    ) -> object:
        thread = threading.get_ident()
        busy = self._busy_threads
        busy.add(thread)
        # As the worker does: user threads read it via context.thread_local_storage.
        local = logs.thread_local_storage
        local.invocation_id = invocation_id
        try:
            return func(**args)
        finally:
            local.invocation_id = None
            busy.discard(thread)

    @staticmethod
    def _outputs(
        plan: InvocationPlan,
        args: dict[str, object],
        result: object,
        outputs: dict[str, Datum],
        values: dict[str, object],
    ) -> None:
        for output in plan.outputs:
            out = args[output.name]
            assert isinstance(out, Out)
            if not out.is_set:
                continue
            value = out.get()
            if value is None:
                continue
            values[output.name] = value
            datum = output.encode(value)
            if datum is not None:
                outputs[output.name] = datum
        returns = plan.returns
        if returns is not None:
            values["$return"] = result
            datum = returns.encode(result)
            if datum is not None:
                outputs["$return"] = datum

    def _report_undelivered(
        self, function: FunctionInfo, plan: InvocationPlan, outputs: Mapping[str, Datum]
    ) -> None:
        """Log each output the host cannot deliver, with its value, every time."""
        log = logs.host_logger()
        for name, datum in outputs.items():
            binding = plan.undelivered.get(name)
            if binding is not None:
                log.warning(
                    "Function '%s': the output binding '%s' (%s) has no local "
                    "emulation; not delivered: %s",
                    function.name,
                    binding.name,
                    binding.type,
                    shown_value(datum),
                )

    # -- storage ----------------------------------------------------------------------

    def _plan(self, function: FunctionInfo) -> InvocationPlan:
        plan = InvocationPlan(function, self._registry)
        storage = self.storage
        if storage is not None:
            plan.storage = io = storage.plan(function)
            if io is not None:
                for name in io.delivered:
                    plan.undelivered.pop(name, None)
        return plan

    def _warn_once(
        self, function: FunctionInfo, binding: BindingInfo, message: str
    ) -> None:
        key = (function.name, binding.name)
        if key in self._warned:
            return
        self._warned.add(key)
        logs.host_logger().warning(message, function.name, binding.name, binding.type)

    # -- resources ------------------------------------------------------------------

    def _executor(self) -> SyncPool:
        with self._pool_lock:
            if self._pool is None:
                self._pool = SyncPool(self.thread_count, "azfunc-invoke")
            return self._pool

    async def drain(self, timeout: float) -> bool:
        """Wait up to *timeout* seconds for invocations in flight; whether all ended."""
        deadline = time.monotonic() + timeout
        while self._in_flight and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        return not self._in_flight

    def close(self) -> None:
        """Stop the thread pool (threads still running user code are left to end)."""
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown()
                self._pool = None


_MISSING = object()
