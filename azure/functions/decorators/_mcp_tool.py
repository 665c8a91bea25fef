"""``mcp_tool``'s machinery: a plain Python function made an MCP tool.

:func:`_make_tool` adds the tool's trigger, described from the function
(:mod:`azure.functions.decorators._mcp_signature`), and puts in the function's
place a wrapper (:func:`_tool_wrapper`) that hands each call's arguments to it
and returns its result as text. The builder becomes an
:class:`_McpToolBuilder`, so that calling the decorated function calls the
tool as written. ``mcp_tool_property`` records its overrides in
:data:`_OVERRIDES`.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import json
import textwrap
import weakref
from collections.abc import Awaitable, Callable, Mapping, Sequence

from .._bindings.mcp import (
    MCPToolContext,
    has_mcp_content_marker,
    is_call_tool_result,
    is_mcp_sdk_object,
    to_json_value,
)
from .._errors import FunctionDefinitionError
from ._builder import RETURN, DecoratorApi, FunctionBuilder
from ._mcp_signature import _returns_content, _tool_properties
from ._mcp_triggers import MCPToolTrigger
from .core import Trigger

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .._types import JSONValue

__all__: list[str] = []

#: The name of the trigger ``mcp_tool`` adds (the wrapper's parameter).
_TOOL_TRIGGER_NAME = "context"


def _json_data(obj: object) -> JSONValue:
    """*obj* as JSON data; an ordinary object as the object of its attributes."""
    if (
        hasattr(obj, "__dict__")
        and not isinstance(obj, (type, Mapping, list, tuple, set, frozenset))
        and not is_mcp_sdk_object(obj)
        and not dataclasses.is_dataclass(obj)
        and not has_mcp_content_marker(obj)
    ):
        return to_json_value(vars(obj))
    return to_json_value(obj)


def _structured_result(result: object) -> str:
    """A tool's result as text and structured content (``useResultSchema``).

    ``{"type", "content", "structuredContent"}`` as JSON text: a
    ``CallToolResult`` as is; a list of ``mcp.types`` blocks in a
    ``CallToolResult``; another ``mcp.types`` object as its own type; any
    other value as a text block of its JSON (a ``str`` as it is).
    """
    if is_call_tool_result(result):
        data = to_json_value(result)
        structured = data.get("structuredContent") if isinstance(data, dict) else None
        return json.dumps(
            {
                "type": "call_tool_result",
                "content": json.dumps(data),
                "structuredContent": None
                if structured is None
                else json.dumps(structured),
            }
        )
    if isinstance(result, list) and result and is_mcp_sdk_object(result[0]):
        blocks = [_json_data(block) for block in result]
        return json.dumps(
            {
                "type": "call_tool_result",
                "content": json.dumps({"content": blocks}),
                "structuredContent": None,
            }
        )
    if is_mcp_sdk_object(result):
        data = to_json_value(result)
        text = json.dumps(data)
        kind = data.get("type", "text") if isinstance(data, dict) else "text"
        return json.dumps({"type": kind, "content": text, "structuredContent": text})
    text = result if isinstance(result, str) else json.dumps(_json_data(result))
    return json.dumps(
        {
            "type": "text",
            "content": json.dumps({"type": "text", "text": text}),
            "structuredContent": text,
        }
    )


def _tool_context(value: object) -> MCPToolContext:
    """The invocation context the host sent (JSON text, bytes or a mapping)."""
    if isinstance(value, (str, bytes, bytearray)):
        text = bytes(value) if isinstance(value, bytearray) else value
        return MCPToolContext.from_json(text)
    if isinstance(value, Mapping):
        data = to_json_value(value)
        if isinstance(data, dict):
            return MCPToolContext(data)
    raise TypeError(
        "an MCP tool's trigger value is the invocation context as JSON text, "
        f"not {type(value).__name__}"
    )


def _tool_wrapper(
    tool: Callable[..., object],
    signature: inspect.Signature,
    bound: Sequence[str],
    structured: bool,
) -> Callable[..., Awaitable[str]]:
    """The function the worker calls for a tool: it calls *tool* with the arguments.

    Its parameters are the other bindings' (*bound*) and ``context`` (the
    trigger). Each of *tool*'s parameters gets the call's argument of its name
    (if given), an ``MCPToolContext`` parameter the whole context, a bound one
    its binding's value. The result goes back as text: ``None`` as ``""``,
    else ``str(result)``, or :func:`_structured_result` when *structured*.
    """
    parameters = list(signature.parameters.values())

    @functools.wraps(tool)
    async def call_tool(context: object, *args: object, **kwargs: object) -> str:
        invocation = _tool_context(context)
        arguments = invocation.arguments
        values: dict[str, object] = {}
        for parameter in parameters:
            if parameter.annotation is MCPToolContext:
                values[parameter.name] = invocation
            elif parameter.name in arguments:
                values[parameter.name] = arguments[parameter.name]
        values.update(kwargs)
        result = tool(**values)
        if inspect.isawaitable(result):
            result = await result
        if result is None:
            return ""
        if structured:
            return _structured_result(result)
        return result if isinstance(result, str) else str(result)

    call_tool.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD)
            for name in (*bound, _TOOL_TRIGGER_NAME)
        ]
    )
    return call_tool


class _McpToolBuilder(FunctionBuilder[..., object]):
    """The builder of an ``mcp_tool`` function: calling it calls the tool itself.

    The worker calls the built function's wrapper (``get_user_function()``);
    a direct call (a unit test) keeps the decorated function's signature.
    """

    _mcp_tool: Callable[..., object]

    def __call__(self, *args: object, **kwargs: object) -> object:
        """Calls the tool function."""
        return self._mcp_tool(*args, **kwargs)


# The mcp_tool_property overrides recorded on each builder, by parameter name.
_OVERRIDES: weakref.WeakKeyDictionary[
    FunctionBuilder[..., object], dict[str, dict[str, object]]
] = weakref.WeakKeyDictionary()


def _make_tool(
    builder: FunctionBuilder[..., object],
    metadata: str | None,
    use_result_schema: bool | None,
) -> None:
    """Adds the tool's trigger and puts the wrapper in place of the function."""
    function = builder._function
    tool = function._func
    name = getattr(tool, "__name__", None)
    if not isinstance(name, str):
        raise FunctionDefinitionError(
            None, f"{tool!r} has no __name__ to name the tool after"
        )
    try:
        signature = inspect.signature(tool)
    except (TypeError, ValueError) as error:
        raise FunctionDefinitionError(
            None, f"its signature cannot be read: {error}"
        ) from None
    overrides = _OVERRIDES.get(builder, {})
    unknown = sorted(set(overrides) - set(signature.parameters))
    if unknown:
        raise FunctionDefinitionError(
            None,
            f"@mcp_tool_property describes {', '.join(map(repr, unknown))}, "
            "which the function has no parameter for",
            argument="arg_name",
        )
    bindings = function.get_bindings()
    bound = [b.name for b in bindings if b.name != RETURN]
    others = [b.name for b in bindings if not isinstance(b, Trigger)]
    if _TOOL_TRIGGER_NAME in others:
        raise FunctionDefinitionError(
            None,
            f"the tool's trigger is named {_TOOL_TRIGGER_NAME!r}: another binding "
            "cannot have that name",
            argument=_TOOL_TRIGGER_NAME,
        )
    structured = use_result_schema
    annotation = signature.return_annotation
    if (
        annotation is not inspect.Signature.empty
        and not structured
        and _returns_content(annotation)
    ):
        structured = True
    properties = _tool_properties(signature, bound, overrides)
    trigger = DecoratorApi._binding(
        MCPToolTrigger,
        _TOOL_TRIGGER_NAME,
        properties={
            "tool_name": name,
            "description": textwrap.dedent(tool.__doc__ or "").strip(),
            "tool_properties": json.dumps(properties),
            "metadata": metadata,
            "use_result_schema": structured,
        },
    )
    builder.add_trigger(trigger)
    function._func = _tool_wrapper(tool, signature, bound, bool(structured))
    builder.__class__ = _McpToolBuilder
    assert isinstance(builder, _McpToolBuilder)
    builder._mcp_tool = tool
