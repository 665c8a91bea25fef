"""The invocation context passed to a function's ``context`` parameter."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["Context", "RetryContext", "RpcException", "TraceContext"]

_EMPTY: Mapping[str, str] = MappingProxyType({})


class TraceContext:
    """W3C distributed-tracing context of an invocation."""

    __slots__ = ("_attributes", "_trace_parent", "_trace_state")

    def __init__(
        self,
        trace_parent: str = "",
        trace_state: str = "",
        attributes: Mapping[str, str] | None = None,
    ) -> None:
        self._trace_parent = trace_parent
        self._trace_state = trace_state
        self._attributes: Mapping[str, str] = (
            MappingProxyType(dict(attributes)) if attributes else _EMPTY
        )

    @property
    def trace_parent(self) -> str:
        """The ``traceparent`` value (version, trace id, parent id, flags)."""
        return self._trace_parent

    @property
    def trace_state(self) -> str:
        """The ``tracestate`` value: vendor-specific trace data."""
        return self._trace_state

    @property
    def attributes(self) -> Mapping[str, str]:
        """Extra attributes the host attached to the trace (read-only)."""
        return self._attributes

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TraceContext):
            return NotImplemented
        return (self._trace_parent, self._trace_state, dict(self._attributes)) == (
            other._trace_parent,
            other._trace_state,
            dict(other._attributes),
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"TraceContext(trace_parent={self._trace_parent!r}, "
            f"trace_state={self._trace_state!r}, attributes={dict(self._attributes)!r})"
        )


class RpcException:
    """The failure of a previous attempt, as reported to a retried invocation."""

    __slots__ = ("_message", "_source", "_stack_trace")

    def __init__(
        self, message: str = "", source: str = "", stack_trace: str = ""
    ) -> None:
        self._message = message
        self._source = source
        self._stack_trace = stack_trace

    @property
    def message(self) -> str:
        """Text describing the failure."""
        return self._message

    @property
    def source(self) -> str:
        """Where the failure came from."""
        return self._source

    @property
    def stack_trace(self) -> str:
        """Stack trace of the failure."""
        return self._stack_trace

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RpcException):
            return NotImplemented
        return (self._message, self._source, self._stack_trace) == (
            other._message,
            other._source,
            other._stack_trace,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RpcException(message={self._message!r}, source={self._source!r})"


class RetryContext:
    """Where an invocation stands in its retry policy."""

    __slots__ = ("_exception", "_max_retry_count", "_retry_count")

    def __init__(
        self,
        retry_count: int = 0,
        max_retry_count: int = 0,
        exception: RpcException | None = None,
    ) -> None:
        self._retry_count = retry_count
        self._max_retry_count = max_retry_count
        self._exception = exception

    @property
    def retry_count(self) -> int:
        """How many times this invocation has been retried (0 on the first try)."""
        return self._retry_count

    @property
    def max_retry_count(self) -> int:
        """How many retries the policy allows (-1: without limit)."""
        return self._max_retry_count

    @property
    def exception(self) -> RpcException | None:
        """The failure that caused this retry, if any."""
        return self._exception

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RetryContext):
            return NotImplemented
        return (self._retry_count, self._max_retry_count, self._exception) == (
            other._retry_count,
            other._max_retry_count,
            other._exception,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"RetryContext(retry_count={self._retry_count}, "
            f"max_retry_count={self._max_retry_count}, exception={self._exception!r})"
        )


class Context:
    """Facts about the running invocation; declare a ``context`` parameter to get it.

    Constructible in tests:

    >>> import azure.functions as func
    >>> context = func.Context(invocation_id="1", function_name="hello")
    >>> context
    <Context 'hello' invocation_id='1'>
    >>> context.retry_context.retry_count, context.thread_local_storage.invocation_id
    (0, '1')
    """

    __slots__ = (
        "_function_directory",
        "_function_name",
        "_invocation_id",
        "_retry_context",
        "_thread_local_storage",
        "_trace_context",
    )

    def __init__(
        self,
        *,
        invocation_id: str,
        function_name: str,
        function_directory: str = "",
        trace_context: TraceContext | None = None,
        retry_context: RetryContext | None = None,
        thread_local_storage: threading.local | None = None,
    ) -> None:
        self._invocation_id = invocation_id
        self._function_name = function_name
        self._function_directory = function_directory
        self._trace_context = (
            trace_context if trace_context is not None else TraceContext()
        )
        self._retry_context = (
            retry_context if retry_context is not None else RetryContext()
        )
        if thread_local_storage is None:
            thread_local_storage = threading.local()
            thread_local_storage.invocation_id = invocation_id
        self._thread_local_storage = thread_local_storage

    @property
    def invocation_id(self) -> str:
        """Unique id of this invocation."""
        return self._invocation_id

    @property
    def function_name(self) -> str:
        """Name of the function being invoked."""
        return self._function_name

    @property
    def function_directory(self) -> str:
        """Directory the function was loaded from."""
        return self._function_directory

    @property
    def trace_context(self) -> TraceContext:
        """Distributed-tracing context."""
        return self._trace_context

    @property
    def retry_context(self) -> RetryContext:
        """Retry state of this invocation."""
        return self._retry_context

    @property
    def thread_local_storage(self) -> threading.local:
        """Thread-local storage; its ``invocation_id`` ties user threads' logs to it."""
        return self._thread_local_storage

    def __repr__(self) -> str:
        return (
            f"<Context {self._function_name!r} invocation_id={self._invocation_id!r}>"
        )
