"""The MCP triggers' binding descriptions, and the values they take or return.

``mcpToolTrigger``, ``mcpResourceTrigger`` and ``mcpPromptTrigger`` as
bindings; :class:`PromptArgument` (a prompt's declared arguments); and
:func:`mcp_content`, which marks a class an MCP tool returns as structured
content. The decorators are in :mod:`azure.functions.decorators.mcp`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import TypeVar

from .._bindings.mcp import MCP_CONTENT_MARKER, has_mcp_content_marker
from .constants import MCP_PROMPT_TRIGGER, MCP_RESOURCE_TRIGGER, MCP_TOOL_TRIGGER
from .core import BindingField, Trigger

__all__ = [
    "MCPPromptTrigger",
    "MCPResourceTrigger",
    "MCPToolTrigger",
    "PromptArgument",
    "mcp_content",
    "should_create_structured_content",
]

_C = TypeVar("_C", bound=type)


@dataclasses.dataclass
class PromptArgument:
    """An argument of an MCP prompt: its name, description, and whether required."""

    name: str
    description: str | None = None
    required: bool = False

    def to_dict(self) -> dict[str, object]:
        """The argument as the host reads it (``description`` ``None`` included)."""
        return {
            "name": self.name,
            "description": self.description,
            "required": self.required,
        }

    @staticmethod
    def serializer(obj: object) -> dict[str, object] | None:
        """``json.dumps(..., default=PromptArgument.serializer)``'s hook."""
        return obj.to_dict() if isinstance(obj, PromptArgument) else None


def mcp_content(cls: _C) -> _C:
    """Marks a class whose instances an MCP tool returns as structured content.

    A tool whose return annotation is such a class reports its result schema
    (``useResultSchema``) and returns the object both as JSON text and as
    structured content.
    """
    setattr(cls, MCP_CONTENT_MARKER, True)
    return cls


def should_create_structured_content(obj: object) -> bool:
    """Whether *obj* is an ``@mcp_content`` object (not a primitive, dict or list)."""
    if obj is None or isinstance(obj, (str, int, float, bool, dict, list)):
        return False
    return has_mcp_content_marker(obj)


def _prompt_arguments_json(value: object) -> str | None:
    """``PromptArgument`` objects as the compact JSON text the host reads."""
    if isinstance(value, str):
        return value or None
    if not isinstance(value, Iterable):
        raise TypeError(
            f"expected a list of PromptArgument, got {type(value).__name__}"
        )
    arguments = list(value)
    for argument in arguments:
        if not isinstance(argument, PromptArgument):
            raise TypeError(
                f"expected PromptArgument items, got {type(argument).__name__}"
            )
    if not arguments:
        return None
    return json.dumps([a.to_dict() for a in arguments], separators=(",", ":"))


class MCPToolTrigger(Trigger):
    """Runs the function as an MCP tool (``mcpToolTrigger``)."""

    binding_type = MCP_TOOL_TRIGGER
    fields = (
        BindingField("tool_name"),
        BindingField("description"),
        BindingField("tool_properties"),
        BindingField("metadata"),
        BindingField("use_result_schema", default=False),
    )


class MCPResourceTrigger(Trigger):
    """Runs the function to read an MCP resource (``mcpResourceTrigger``)."""

    binding_type = MCP_RESOURCE_TRIGGER
    fields = (
        BindingField("uri"),
        BindingField("resource_name"),
        BindingField("title"),
        BindingField("description"),
        BindingField("mime_type"),
        BindingField("size"),
        BindingField("metadata"),
        BindingField("use_result_schema"),
    )


class MCPPromptTrigger(Trigger):
    """Runs the function to render an MCP prompt (``mcpPromptTrigger``)."""

    binding_type = MCP_PROMPT_TRIGGER
    fields = (
        BindingField("prompt_name"),
        BindingField("prompt_arguments", convert=_prompt_arguments_json),
        BindingField("title"),
        BindingField("description"),
        BindingField("metadata"),
        BindingField("icons"),
    )
