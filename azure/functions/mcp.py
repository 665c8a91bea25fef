"""MCP (Model Context Protocol) types and converters, at the reference's path."""

from ._bindings.mcp import (
    MCPPromptTriggerConverter,
    MCPResourceTriggerConverter,
    MCPToolContext,
    MCPToolTriggerConverter,
    PromptInvocationContext,
)
from ._bindings.mcp import (
    _MCPPromptTriggerConverter as _MCPPromptTriggerConverter,
)
from ._bindings.mcp import (
    _MCPToolTriggerConverter as _MCPToolTriggerConverter,
)

__all__ = [
    "MCPPromptTriggerConverter",
    "MCPResourceTriggerConverter",
    "MCPToolContext",
    "MCPToolTriggerConverter",
    "PromptInvocationContext",
]
