"""MCP decorators: each one's arguments, and functions keeping their signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func
from azure.functions.decorators.mcp import (
    MCPPromptTrigger,
    MCPResourceTrigger,
    MCPToolTrigger,
)

app = func.FunctionApp()
bp = func.Blueprint()


@app.mcp_tool_trigger(
    arg_name="context",
    tool_name="hello",
    description="Says hello.",
    tool_properties="[]",
    metadata="{}",
    use_result_schema=True,
)
def hello(context: str) -> str:
    return "hello"


@app.mcp_resource_trigger(
    arg_name="context",
    uri="file://readme.md",
    resource_name="readme",
    mime_type="text/markdown",
    size=10,
    use_result_schema=False,
)
def readme(context: str) -> str:
    return "# readme"


@bp.mcp_prompt_trigger(
    arg_name="context",
    prompt_name="review",
    prompt_arguments=[func.PromptArgument("code", "The code", required=True)],
    title="Review",
)
def review(context: func.PromptInvocationContext) -> str:
    return context.arguments.get("code", "")


@func.mcp_content
class Snippet:
    def __init__(self, name: str) -> None:
        self.name = name


@app.mcp_tool(metadata='{"k": 1}')
@app.mcp_tool_property(
    arg_name="name",
    description="The snippet's name.",
    property_type=func.McpPropertyType.STRING,
)
@app.mcp_tool_property(arg_name="count", property_type="integer", as_array=True)
def get_snippet(name: str, count: list[int], context: func.MCPToolContext) -> Snippet:
    """Gets a snippet."""
    return Snippet(name)


@bp.mcp_tool(use_result_schema=None)
async def add(a: int, b: int = 1) -> int:
    return a + b


def test_signatures(context: func.MCPToolContext) -> None:
    assert_type(hello("{}"), str)
    assert_type(readme("{}"), str)
    assert_type(get_snippet("a", [1], context), Snippet)
    assert_type(func.mcp_content(Snippet), type[Snippet])
    assert_type(func.PromptArgument("x").to_dict(), dict[str, object])
    assert_type(MCPToolTrigger("c", tool_name="t").type, str)
    assert_type(MCPResourceTrigger.get_binding_name(), str | None)
    assert_type(MCPPromptTrigger("c", prompt_name="p").name, str)


async def test_async_tool() -> None:
    assert_type(await add(1, b=2), int)
