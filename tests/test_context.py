from __future__ import annotations

import threading

import pytest

import azure.functions as func


def test_context_is_constructible_with_defaults() -> None:
    ctx = func.Context(invocation_id="42", function_name="hello")
    assert ctx.invocation_id == "42"
    assert ctx.function_name == "hello"
    assert ctx.function_directory == ""
    assert ctx.trace_context == func.TraceContext()
    assert ctx.retry_context == func.RetryContext()
    assert ctx.retry_context.exception is None
    assert isinstance(ctx.thread_local_storage, threading.local)
    assert ctx.thread_local_storage.invocation_id == "42"


def test_context_keeps_what_it_is_given() -> None:
    trace = func.TraceContext("00-abc-def-01", "k=v", {"a": "1"})
    failure = func.RpcException("boom", "user code", "Traceback ...")
    retry = func.RetryContext(retry_count=2, max_retry_count=5, exception=failure)
    storage = threading.local()
    ctx = func.Context(
        invocation_id="1",
        function_name="f",
        function_directory="/app/f",
        trace_context=trace,
        retry_context=retry,
        thread_local_storage=storage,
    )
    assert ctx.function_directory == "/app/f"
    assert ctx.trace_context.trace_parent == "00-abc-def-01"
    assert ctx.trace_context.trace_state == "k=v"
    assert dict(ctx.trace_context.attributes) == {"a": "1"}
    assert ctx.retry_context.retry_count == 2
    assert ctx.retry_context.max_retry_count == 5
    assert ctx.retry_context.exception is failure
    assert failure.message == "boom"
    assert failure.source == "user code"
    assert failure.stack_trace == "Traceback ..."
    assert ctx.thread_local_storage is storage


def test_context_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        func.Context("1", "f")  # type: ignore[call-arg]


def test_properties_are_read_only() -> None:
    ctx = func.Context(invocation_id="1", function_name="f")
    with pytest.raises(AttributeError):
        ctx.invocation_id = "2"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ctx.extra = 1  # type: ignore[attr-defined]


def test_trace_attributes_are_a_read_only_copy() -> None:
    source = {"a": "1"}
    trace = func.TraceContext(attributes=source)
    source["b"] = "2"
    assert dict(trace.attributes) == {"a": "1"}
    with pytest.raises(TypeError):
        trace.attributes["c"] = "3"  # type: ignore[index]


def test_value_equality_and_repr() -> None:
    assert func.TraceContext("p", "s", {"a": "1"}) == func.TraceContext(
        "p", "s", {"a": "1"}
    )
    assert func.TraceContext("p") != func.TraceContext("q")
    assert func.RetryContext(1, 3) == func.RetryContext(1, 3)
    assert func.RetryContext(1, 3) != func.RetryContext(2, 3)
    assert func.RpcException("m") != func.RpcException("n")
    assert "trace_parent='p'" in repr(func.TraceContext("p"))
    assert "retry_count=1" in repr(func.RetryContext(1, 3))
    assert "message='m'" in repr(func.RpcException("m"))
    assert repr(func.Context(invocation_id="9", function_name="f")) == (
        "<Context 'f' invocation_id='9'>"
    )
