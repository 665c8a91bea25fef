"""Out[T] and Context as user code and tests use them."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func


def main(msg: str, out: func.Out[str], context: func.Context) -> None:
    out.set(f"{context.function_name}: {msg}")
    assert_type(out.get(), str)
    assert_type(context.invocation_id, str)
    assert_type(context.trace_context.trace_parent, str)
    assert_type(context.retry_context.retry_count, int)
    assert_type(context.retry_context.exception, func.RpcException | None)


def test_main() -> None:
    out: func.Out[str] = func.Out()
    main("hi", out, func.Context(invocation_id="1", function_name="echo"))
    assert out.get() == "echo: hi"


def catch_everything(req: func.HttpRequest) -> str:
    try:
        req.get_json()
    except func.InvalidJSONError as exc:
        return exc.msg
    except func.FunctionsError:
        return "other"
    return "ok"
