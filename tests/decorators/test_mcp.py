"""MCP decorators: tool, resource and prompt triggers, and ``mcp_tool``'s wrapper."""

import asyncio
import dataclasses
import datetime
import inspect
import json
import sys
import types
import typing
from typing import Any, List, Optional, Union  # noqa: UP035

import pytest

import azure.functions as func
from azure.functions.decorators import mcp
from tests.decorators._support import raw_bindings

# No `from __future__ import annotations` here: mcp_tool reads the annotations
# as objects (as the reference does, it does not resolve strings).


def tool_json(app: func.FunctionApp, name: str) -> str:
    """The JSON of the tool trigger (a tool's last binding)."""
    return raw_bindings(app)[name][-1]


def tool_properties(app: func.FunctionApp, name: str) -> list[dict[str, object]]:
    trigger = json.loads(tool_json(app, name))
    found: list[dict[str, object]] = json.loads(trigger["toolProperties"])
    return found


def define(app: func.FunctionApp | func.Blueprint, source: str) -> Any:
    """Runs *source* (decorated definitions) with ``app`` and the test's names."""
    namespace: dict[str, Any] = {
        "app": app,
        "func": func,
        "typing": typing,
        "datetime": datetime,
        "dataclasses": dataclasses,
        "Optional": Optional,
        "List": List,  # noqa: UP006
        "Union": Union,
        "Point": Point,
        "Snippet": Snippet,
        "TextContent": TextContent,
        "CallToolResult": CallToolResult,
    }
    exec(source, namespace)
    return namespace


def call(app: func.FunctionApp, name: str, context: object, **bound: object) -> object:
    """What the worker does: call the built function with the trigger's value."""
    (function,) = [f for f in app.get_functions() if f.get_function_name() == name]
    pending = function.get_user_function()(context=context, **bound)
    assert inspect.iscoroutine(pending)
    return asyncio.run(pending)


@dataclasses.dataclass
class Point:
    x: int
    y: int = 0


@func.mcp_content
class Snippet:
    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text


class _SdkModel:
    """Stands in for a pydantic model of the MCP SDK (``mcp.types``)."""

    __module__ = "mcp.types"

    def __init__(self, **fields: object) -> None:
        self.fields = fields

    def model_dump(self, **options: object) -> dict[str, object]:
        return {k: v for k, v in self.fields.items() if v is not None}


class TextContent(_SdkModel):
    __module__ = "mcp.types"


class CallToolResult(_SdkModel):
    __module__ = "mcp.types"


# --- the triggers declared by hand --------------------------------------------


def test_mcp_tool_trigger_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.mcp_tool_trigger(arg_name="context", tool_name="hello")
    def tool_min(context: str) -> str:
        return "hi"

    @app.mcp_tool_trigger(
        arg_name="context",
        tool_name="get_snippet",
        description="Gets a snippet.",
        tool_properties='[{"propertyName": "name", "propertyType": "string"}]',
        data_type=func.DataType.STRING,
        metadata='{"ui": {"icon": "x"}}',
        use_result_schema=True,
    )
    def tool_full(context: str) -> str:
        return "hi"

    assert raw_bindings(app) == {
        "tool_min": [
            '{"direction": "IN", "type": "mcpToolTrigger", "name": "context", "toolName": "hello", "useResultSchema": false}'
        ],
        "tool_full": [
            '{"direction": "IN", "dataType": "STRING", "type": "mcpToolTrigger", "name": "context", "toolName": "get_snippet", "description": "Gets a snippet.", "toolProperties": "[{\\"propertyName\\": \\"name\\", \\"propertyType\\": \\"string\\"}]", "metadata": "{\\"ui\\": {\\"icon\\": \\"x\\"}}", "useResultSchema": true}'
        ],
    }


def test_mcp_resource_trigger_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.mcp_resource_trigger(
        arg_name="context", uri="file://readme.md", resource_name="readme"
    )
    def resource_min(context: str) -> str:
        return "# readme"

    @app.mcp_resource_trigger(
        arg_name="context",
        uri="file://logo.png",
        resource_name="logo",
        title="Logo",
        description="The logo.",
        mime_type="image/png",
        size=1024,
        metadata='{"k": 1}',
        data_type="STRING",
    )
    def resource_full(context: str) -> bytes:
        return b""

    @app.mcp_resource_trigger(
        arg_name="context",
        uri="file://a",
        resource_name="a",
        use_result_schema=False,
    )
    def resource_schema(context: str) -> str:
        return ""

    assert raw_bindings(app) == {
        "resource_min": [
            '{"direction": "IN", "type": "mcpResourceTrigger", "name": "context", "uri": "file://readme.md", "resourceName": "readme"}'
        ],
        "resource_full": [
            '{"direction": "IN", "dataType": "STRING", "type": "mcpResourceTrigger", "name": "context", "uri": "file://logo.png", "resourceName": "logo", "title": "Logo", "description": "The logo.", "mimeType": "image/png", "size": 1024, "metadata": "{\\"k\\": 1}"}'
        ],
        "resource_schema": [
            '{"direction": "IN", "type": "mcpResourceTrigger", "name": "context", "uri": "file://a", "resourceName": "a", "useResultSchema": false}'
        ],
    }


def test_mcp_prompt_trigger_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.mcp_prompt_trigger(arg_name="context", prompt_name="review")
    def prompt_min(context: func.PromptInvocationContext) -> str:
        return "Review this."

    @app.mcp_prompt_trigger(
        arg_name="context",
        prompt_name="review",
        prompt_arguments=[
            func.PromptArgument("code", "The code to review", required=True),
            func.PromptArgument(name="language"),
        ],
        title="Code review",
        description="Reviews code.",
        metadata='{"a": 1}',
        icons='[{"src": "https://x/icon.png"}]',
        data_type=func.DataType.STRING,
    )
    def prompt_full(context: func.PromptInvocationContext) -> str:
        return "Review this."

    @app.mcp_prompt_trigger(arg_name="context", prompt_name="p", prompt_arguments=[])
    def prompt_no_arguments(context: func.PromptInvocationContext) -> str:
        return ""

    assert raw_bindings(app) == {
        "prompt_min": [
            '{"direction": "IN", "type": "mcpPromptTrigger", "name": "context", "promptName": "review"}'
        ],
        "prompt_full": [
            '{"direction": "IN", "dataType": "STRING", "type": "mcpPromptTrigger", "name": "context", "promptName": "review", "promptArguments": "[{\\"name\\":\\"code\\",\\"description\\":\\"The code to review\\",\\"required\\":true},{\\"name\\":\\"language\\",\\"description\\":null,\\"required\\":false}]", "title": "Code review", "description": "Reviews code.", "metadata": "{\\"a\\": 1}", "icons": "[{\\"src\\": \\"https://x/icon.png\\"}]"}'
        ],
        "prompt_no_arguments": [
            '{"direction": "IN", "type": "mcpPromptTrigger", "name": "context", "promptName": "p"}'
        ],
    }


def test_prompt_arguments_must_be_prompt_arguments() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="PromptArgument") as caught:

        @app.mcp_prompt_trigger(
            arg_name="context",
            prompt_name="p",
            prompt_arguments=[{"name": "x"}],  # type: ignore[list-item]
        )
        def prompt(context: str) -> str:
            return ""

    assert caught.value.argument == "prompt_arguments"
    trigger = mcp.MCPPromptTrigger("context", prompt_name="p", prompt_arguments="[]")
    assert trigger.get_dict_repr()["promptArguments"] == "[]"


def test_prompt_argument_and_mcp_content() -> None:
    argument = func.PromptArgument("code")
    assert argument == func.PromptArgument(
        name="code", description=None, required=False
    )
    assert argument.to_dict() == {
        "name": "code",
        "description": None,
        "required": False,
    }
    assert json.dumps([argument], default=func.PromptArgument.serializer) == (
        '[{"name": "code", "description": null, "required": false}]'
    )
    assert func.decorators.PromptArgument is func.PromptArgument
    assert mcp.PromptArgument is func.PromptArgument
    assert mcp.mcp_content is func.mcp_content
    assert Snippet.__mcp_content__ is True  # type: ignore[attr-defined]
    assert mcp.has_mcp_content_marker(Snippet("a", "b"))
    assert mcp.should_create_structured_content(Snippet("a", "b"))
    assert not mcp.should_create_structured_content(Point(1))
    assert not mcp.should_create_structured_content({"a": 1})
    assert not mcp.should_create_structured_content(None)
    assert mcp._MCPToolTrigger is mcp.MCPToolTrigger
    assert mcp.MCPToolContext is func.MCPToolContext


# --- mcp_tool: the trigger JSON ----------------------------------------------------

# The description is the docstring as Python keeps it, dedented and stripped.
# Python 3.13 removes the common indentation of the lines after the first when
# it compiles a docstring; before, those keep it, since the first line has none.
SAVES_A_SNIPPET = (
    "Saves a snippet.\n\nArgs:\n    name: The snippet's name."
    if sys.version_info >= (3, 13)
    else "Saves a snippet.\n\n    Args:\n        name: The snippet's name."
)


def test_mcp_tool_describes_the_function() -> None:
    app = func.FunctionApp()
    define(
        app,
        '''
@app.mcp_tool()
def save_snippet(
    name: str,
    count: int,
    ratio: float,
    public: bool,
    tags: list,
    extra: dict,
    note: Optional[str],
    sizes: List[int],
    weights: Optional[List[float]],
    where: Point,
    context: func.MCPToolContext,
    untyped,
    mode: str = "fast",
    when: datetime.datetime = None,
    payload: object = None,
    labels: list[str] = None,
    either: Union[int, str] = 0,
    anything: typing.Any = None,
    maybe: int | None = None,
) -> str:
    """Saves a snippet.

    Args:
        name: The snippet's name.
    """
    return name
''',
    )
    assert tool_json(app, "save_snippet") == (
        '{"direction": "IN", "type": "mcpToolTrigger", "name": "context", "toolName": "save_snippet", "description": '
        + json.dumps(SAVES_A_SNIPPET)
        + ', "toolProperties": "[{\\"propertyName\\": \\"name\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": true}, {\\"propertyName\\": \\"count\\", \\"propertyType\\": \\"integer\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": true}, {\\"propertyName\\": \\"ratio\\", \\"propertyType\\": \\"number\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": true}, {\\"propertyName\\": \\"public\\", \\"propertyType\\": \\"boolean\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": true}, {\\"propertyName\\": \\"tags\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": true}, {\\"propertyName\\": \\"extra\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": true}, {\\"propertyName\\": \\"note\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": false}, {\\"propertyName\\": \\"sizes\\", \\"propertyType\\": \\"integer\\", \\"description\\": \\"\\", \\"isArray\\": true, \\"isRequired\\": true}, {\\"propertyName\\": \\"weights\\", \\"propertyType\\": \\"number\\", \\"description\\": \\"\\", \\"isArray\\": true, \\"isRequired\\": false}, {\\"propertyName\\": \\"where\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": true}, {\\"propertyName\\": \\"untyped\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": true}, {\\"propertyName\\": \\"mode\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": false}, {\\"propertyName\\": \\"when\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": false}, {\\"propertyName\\": \\"payload\\", \\"propertyType\\": \\"object\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": false}, {\\"propertyName\\": \\"labels\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": true, \\"isRequired\\": false}, {\\"propertyName\\": \\"either\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": false}, {\\"propertyName\\": \\"anything\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": false}, {\\"propertyName\\": \\"maybe\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": false}]", "useResultSchema": false}'
    )


def test_mcp_tool_minimal_and_with_metadata() -> None:
    app = func.FunctionApp()
    define(
        app,
        '''
@app.mcp_tool()
def ping():
    pass

@app.function_name("described")
@app.mcp_tool(metadata='{"x": 1}', use_result_schema=True)
def hello(who):
    """
        Says hello.
    """
    return who

@app.mcp_tool(use_result_schema=None)
def unset(a: int) -> str:
    "One line."
    return str(a)
''',
    )
    assert raw_bindings(app) == {
        "ping": [
            '{"direction": "IN", "type": "mcpToolTrigger", "name": "context", "toolName": "ping", "description": "", "toolProperties": "[]", "useResultSchema": false}'
        ],
        "described": [
            '{"direction": "IN", "type": "mcpToolTrigger", "name": "context", "toolName": "hello", "description": "Says hello.", "toolProperties": "[{\\"propertyName\\": \\"who\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": true}]", "metadata": "{\\"x\\": 1}", "useResultSchema": true}'
        ],
        "unset": [
            '{"direction": "IN", "type": "mcpToolTrigger", "name": "context", "toolName": "unset", "description": "One line.", "toolProperties": "[{\\"propertyName\\": \\"a\\", \\"propertyType\\": \\"integer\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": true}]"}'
        ],
    }


def test_mcp_tool_property_overrides_what_the_signature_says() -> None:
    app = func.FunctionApp()
    define(
        app,
        """
@app.mcp_tool()
@app.mcp_tool_property(arg_name="name", description="The snippet's name.")
@app.mcp_tool_property(
    arg_name="size",
    description="How big.",
    property_type=func.McpPropertyType.INTEGER,
    is_required=False,
    as_array=True,
)
@app.mcp_tool_property(arg_name="when", property_type="datetime", is_required=None, as_array=None)
def describe(name: str, size, when: str = "now", kind: float = 1.0):
    return name
""",
    )
    assert tool_json(app, "describe") == (
        '{"direction": "IN", "type": "mcpToolTrigger", "name": "context", "toolName": "describe", "description": "", "toolProperties": "[{\\"propertyName\\": \\"name\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"The snippet\'s name.\\", \\"isArray\\": false, \\"isRequired\\": true}, {\\"propertyName\\": \\"size\\", \\"propertyType\\": \\"integer\\", \\"description\\": \\"How big.\\", \\"isArray\\": true, \\"isRequired\\": false}, {\\"propertyName\\": \\"when\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": false}, {\\"propertyName\\": \\"kind\\", \\"propertyType\\": \\"number\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": false}]", "useResultSchema": false}'
    )


def test_a_second_property_decorator_for_one_parameter_replaces_the_first() -> None:
    app = func.FunctionApp()
    define(
        app,
        """
@app.mcp_tool()
@app.mcp_tool_property(arg_name="a", description="outer")
@app.mcp_tool_property(arg_name="a", property_type=func.McpPropertyType.FLOAT)
def tool(a: int = 5):
    return a
""",
    )
    # The outer decorator's defaults (is_required=True) win, as in the reference.
    assert tool_properties(app, "tool") == [
        {
            "propertyName": "a",
            "propertyType": "integer",
            "description": "outer",
            "isArray": False,
            "isRequired": True,
        }
    ]


def test_parameters_of_other_bindings_are_not_tool_properties() -> None:
    app = func.FunctionApp()
    define(
        app,
        """
@app.mcp_tool()
@app.generic_input_binding(arg_name="snippet", type="blob", path="snippets/{mcptoolargs.name}")
@app.generic_output_binding(arg_name="$return", type="queue", queueName="q")
def get_snippet(name: str, snippet: str) -> str:
    return snippet
""",
    )
    assert raw_bindings(app)["get_snippet"] == [
        '{"direction": "OUT", "type": "queue", "name": "$return", "queueName": "q"}',
        '{"direction": "IN", "type": "blob", "name": "snippet", "path": "snippets/{mcptoolargs.name}"}',
        '{"direction": "IN", "type": "mcpToolTrigger", "name": "context", "toolName": "get_snippet", "description": "", "toolProperties": "[{\\"propertyName\\": \\"name\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", \\"isArray\\": false, \\"isRequired\\": true}]", "useResultSchema": false}',
    ]
    (function,) = app.get_functions()
    wrapper = function.get_user_function()
    assert list(inspect.signature(wrapper).parameters) == ["snippet", "context"]
    assert wrapper.__name__ == "get_snippet"
    assert inspect.iscoroutinefunction(wrapper)


@pytest.mark.parametrize(
    ("annotation", "structured"),
    [
        ("Snippet", True),
        ("Optional[Snippet]", True),
        ("Union[Snippet, str]", True),
        ("TextContent", True),
        ("Optional[TextContent]", True),
        ("List[TextContent]", True),
        ("list[TextContent]", True),
        ("List[Union[TextContent, CallToolResult]]", True),
        ("CallToolResult", True),
        # azure-functions 2.3.0 looks into List and Union at any depth:
        ("Optional[List[TextContent]]", True),
        ("List[List[TextContent]]", True),
        ("Union[str, List[Optional[CallToolResult]]]", True),
        # Not detected by the reference, so not here either:
        ("List[Snippet]", False),
        ("Snippet | None", False),
        ("Point", False),
        ("str", False),
        ("'Snippet'", False),
    ],
)
def test_a_content_return_annotation_turns_the_result_schema_on(
    annotation: str, structured: bool
) -> None:
    app = func.FunctionApp()
    define(app, f"@app.mcp_tool()\ndef tool(a: str) -> {annotation}:\n    pass\n")
    trigger = json.loads(tool_json(app, "tool"))
    assert trigger["useResultSchema"] is structured


# --- mcp_tool: the wrapper the worker calls ---------------------------------------

CONTEXT = json.dumps(
    {
        "name": "tool",
        "arguments": {"name": "hello", "count": 3, "unused": True},
        "sessionid": "s1",
    }
)


def test_the_wrapper_passes_arguments_context_and_bindings() -> None:
    app = func.FunctionApp()
    seen: list[object] = []

    @app.mcp_tool()
    @app.generic_input_binding(arg_name="blob", type="blob", path="p")
    def tool(
        name: str,
        blob: str,
        context: func.MCPToolContext,
        count: int = 1,
        missing: str = "default",
    ) -> str:
        seen.extend([name, blob, context, count, missing])
        return f"{name}:{count}"

    assert call(app, "tool", CONTEXT, blob="blob text") == "hello:3"
    name, blob, context, count, missing = seen
    assert (name, blob, count, missing) == ("hello", "blob text", 3, "default")
    assert type(context) is func.MCPToolContext
    assert context == json.loads(CONTEXT)
    assert context.sessionid == "s1"
    assert context.arguments["count"] == 3


def test_the_wrapper_takes_bytes_and_awaits_async_tools() -> None:
    app = func.FunctionApp()

    @app.mcp_tool()
    async def tool(name: str) -> str:
        await asyncio.sleep(0)
        return name.upper()

    assert call(app, "tool", CONTEXT.encode()) == "HELLO"
    assert call(app, "tool", json.loads(CONTEXT)) == "HELLO"


def test_calling_the_decorated_function_calls_it_as_written() -> None:
    app = func.FunctionApp()

    @app.mcp_tool()
    def add(a: int, b: int = 2) -> int:
        return a + b

    assert add(1) == 3
    assert add(a=1, b=5) == 6
    assert str(inspect.signature(add)) == "(a: int, b: int = 2) -> int"

    @app.mcp_tool()
    async def slow_add(a: int) -> int:
        return a + 1

    assert asyncio.run(slow_add(1)) == 2
    # The worker's function is the wrapper.
    assert call(app, "add", json.dumps({"arguments": {"a": 1}})) == "3"


class _Plain:
    def __init__(self) -> None:
        self.z = "q"


@pytest.mark.parametrize(
    ("result", "text"),
    [
        (None, ""),
        ("text", "text"),
        (5, "5"),
        (True, "True"),
        ({"k": "v"}, "{'k': 'v'}"),
        ([1, 2], "[1, 2]"),
        (Point(1, 2), "Point(x=1, y=2)"),
        (datetime.date(2024, 1, 2), "2024-01-02"),
        (b"xy", "b'xy'"),
    ],
)
def test_without_result_schema_the_result_is_its_str(result: object, text: str) -> None:
    app = func.FunctionApp()

    @app.mcp_tool()
    def tool():  # type: ignore[no-untyped-def]
        return result

    assert call(app, "tool", CONTEXT) == text


@pytest.mark.parametrize(
    ("result", "text"),
    [
        (None, ""),
        (
            "text",
            '{"type": "text", "content": "{\\"type\\": \\"text\\", \\"text\\": \\"text\\"}", "structuredContent": "text"}',
        ),
        (
            5,
            '{"type": "text", "content": "{\\"type\\": \\"text\\", \\"text\\": \\"5\\"}", "structuredContent": "5"}',
        ),
        (
            True,
            '{"type": "text", "content": "{\\"type\\": \\"text\\", \\"text\\": \\"true\\"}", "structuredContent": "true"}',
        ),
        (
            {"k": "v"},
            '{"type": "text", "content": "{\\"type\\": \\"text\\", \\"text\\": \\"{\\\\\\"k\\\\\\": \\\\\\"v\\\\\\"}\\"}", "structuredContent": "{\\"k\\": \\"v\\"}"}',
        ),
        (
            [],
            '{"type": "text", "content": "{\\"type\\": \\"text\\", \\"text\\": \\"[]\\"}", "structuredContent": "[]"}',
        ),
        (
            Point(1, 2),
            '{"type": "text", "content": "{\\"type\\": \\"text\\", \\"text\\": \\"{\\\\\\"x\\\\\\": 1, \\\\\\"y\\\\\\": 2}\\"}", "structuredContent": "{\\"x\\": 1, \\"y\\": 2}"}',
        ),
        (
            Snippet("a", "é"),
            '{"type": "text", "content": "{\\"type\\": \\"text\\", \\"text\\": \\"{\\\\\\"name\\\\\\": \\\\\\"a\\\\\\", \\\\\\"text\\\\\\": \\\\\\"\\\\\\\\u00e9\\\\\\"}\\"}", "structuredContent": "{\\"name\\": \\"a\\", \\"text\\": \\"\\\\u00e9\\"}"}',
        ),
        (
            _Plain(),
            '{"type": "text", "content": "{\\"type\\": \\"text\\", \\"text\\": \\"{\\\\\\"z\\\\\\": \\\\\\"q\\\\\\"}\\"}", "structuredContent": "{\\"z\\": \\"q\\"}"}',
        ),
        (
            TextContent(type="text", text="hi", annotations=None),
            '{"type": "text", "content": "{\\"type\\": \\"text\\", \\"text\\": \\"hi\\"}", "structuredContent": "{\\"type\\": \\"text\\", \\"text\\": \\"hi\\"}"}',
        ),
        (
            TextContent(type="image", data="AAA", mimeType="image/png"),
            '{"type": "image", "content": "{\\"type\\": \\"image\\", \\"data\\": \\"AAA\\", \\"mimeType\\": \\"image/png\\"}", "structuredContent": "{\\"type\\": \\"image\\", \\"data\\": \\"AAA\\", \\"mimeType\\": \\"image/png\\"}"}',
        ),
        (
            CallToolResult(
                content=[{"type": "text", "text": "x"}],
                structuredContent={"a": 1},
                isError=False,
            ),
            '{"type": "call_tool_result", "content": "{\\"content\\": [{\\"type\\": \\"text\\", \\"text\\": \\"x\\"}], \\"structuredContent\\": {\\"a\\": 1}, \\"isError\\": false}", "structuredContent": "{\\"a\\": 1}"}',
        ),
        (
            CallToolResult(content=[], structuredContent=None),
            '{"type": "call_tool_result", "content": "{\\"content\\": []}", "structuredContent": null}',
        ),
        (
            [TextContent(type="text", text="a"), TextContent(type="text", text="b")],
            '{"type": "call_tool_result", "content": "{\\"content\\": [{\\"type\\": \\"text\\", \\"text\\": \\"a\\"}, {\\"type\\": \\"text\\", \\"text\\": \\"b\\"}]}", "structuredContent": null}',
        ),
    ],
)
def test_with_result_schema_the_result_is_text_and_structured_content(
    result: object, text: str
) -> None:
    app = func.FunctionApp()

    @app.mcp_tool(use_result_schema=True)
    def tool():  # type: ignore[no-untyped-def]
        return result

    assert call(app, "tool", CONTEXT) == text


@pytest.mark.parametrize(
    ("result", "structured"),
    [
        # The reference returned nothing for a list of plain values, and
        # failed on bytes and dates.
        ([1, "a"], '[1, "a"]'),
        (b"xy", '"eHk="'),
        (datetime.date(2024, 1, 2), '"2024-01-02"'),
    ],
)
def test_with_result_schema_any_value_has_a_json_form(
    result: object, structured: str
) -> None:
    app = func.FunctionApp()

    @app.mcp_tool(use_result_schema=True)
    def tool():  # type: ignore[no-untyped-def]
        return result

    answer = call(app, "tool", CONTEXT)
    assert isinstance(answer, str)
    assert json.loads(answer) == {
        "type": "text",
        "content": json.dumps({"type": "text", "text": structured}),
        "structuredContent": structured,
    }


def test_a_context_that_is_not_an_object_is_refused() -> None:
    app = func.FunctionApp()

    @app.mcp_tool()
    def tool() -> str:
        return ""

    with pytest.raises(TypeError, match="JSON object"):
        call(app, "tool", "[1]")
    with pytest.raises(TypeError, match="invocation context"):
        call(app, "tool", 5)


# --- mistakes -----------------------------------------------------------------------


def test_mcp_tool_property_above_mcp_tool_is_refused() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="below @mcp_tool") as caught:
        define(
            app,
            """
@app.mcp_tool_property(arg_name="a", description="A")
@app.mcp_tool()
def tool(a: str):
    return a
""",
        )
    assert caught.value.decorator == "mcp_tool_property"
    assert caught.value.function == "tool"


def test_mcp_tool_property_for_no_parameter_is_refused() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="'nope'") as caught:

        @app.mcp_tool()
        @app.mcp_tool_property(arg_name="nope", description="?")
        def tool(a: str) -> str:
            return a

    assert caught.value.decorator == "mcp_tool"


def test_bad_property_type_and_bare_mcp_tool_are_refused() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="McpPropertyType"):
        app.mcp_tool_property(arg_name="a", property_type="number")
    with pytest.raises(func.FunctionDefinitionError, match="parentheses"):

        @app.mcp_tool  # type: ignore[arg-type]
        def tool(a: str) -> str:
            return a


def test_a_tool_has_one_trigger_and_no_other_context_binding() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="exactly one trigger"):

        @app.mcp_tool()
        @app.mcp_tool_trigger(arg_name="context", tool_name="t")
        def twice(context: str) -> str:
            return context

    with pytest.raises(func.FunctionDefinitionError, match="'context'"):

        @app.mcp_tool()
        @app.generic_input_binding(arg_name="context", type="blob", path="p")
        def clash(context: str) -> str:
            return context


def test_tools_work_in_blueprints() -> None:
    app = func.FunctionApp()
    bp = func.Blueprint()

    @bp.mcp_tool()
    @bp.mcp_tool_property(arg_name="n", description="A number.")
    def double(n: int) -> int:
        return n * 2

    app.register_functions(bp)
    assert tool_properties(app, "double") == [
        {
            "propertyName": "n",
            "propertyType": "integer",
            "description": "A number.",
            "isArray": False,
            "isRequired": True,
        }
    ]
    assert call(app, "double", json.dumps({"arguments": {"n": 4}})) == "8"
    assert double(2) == 4


def test_an_sdk2_return_annotation_turns_the_result_schema_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # MCP SDK 2.x defines its types in mcp_types; mcp.types re-exports them.
    exported = type("TextContent", (), {"__module__": "mcp_types"})
    unexported = type("Internal", (), {"__module__": "mcp_types"})
    module = types.ModuleType("mcp.types")
    module.TextContent = exported  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mcp.types", module)
    app = func.FunctionApp()
    namespace = define(app, "")
    namespace.update(Exported=exported, Unexported=unexported)
    exec(
        "@app.mcp_tool()\ndef a(x: str) -> Exported:\n    pass\n"
        "@app.mcp_tool()\ndef b(x: str) -> Optional[List[Exported]]:\n    pass\n"
        "@app.mcp_tool()\ndef c(x: str) -> Unexported:\n    pass\n",
        namespace,
    )
    schema = {
        name: json.loads(tool_json(app, name))["useResultSchema"]
        for name in ("a", "b", "c")
    }
    assert schema == {"a": True, "b": True, "c": False}


def test_a_float_property_is_written_as_the_stable_release_writes_it() -> None:
    # 2.3.0 writes "float"; the 2.4.0b1 preview writes "number". The stable wins.
    app = func.FunctionApp()
    define(
        app,
        """
@app.mcp_tool()
@app.mcp_tool_property(arg_name="ratio", property_type=func.McpPropertyType.FLOAT)
def tool(ratio: float):
    return ratio
""",
    )
    assert tool_properties(app, "tool")[0]["propertyType"] == "float"
    assert func.McpPropertyType.FLOAT.value == "float"
