"""MCP (Model Context Protocol) servers: tool, resource and prompt triggers.

The host's MCP extension serves the app as an MCP server; each function is a
tool (``mcpToolTrigger``), a resource (``mcpResourceTrigger``) or a prompt
(``mcpPromptTrigger``). :meth:`~_McpTriggerApi.mcp_tool` makes a plain Python
function a tool: its name, docstring and parameters become the tool's name,
description and input properties, and a wrapper hands each call's arguments to
it. The trigger values and return values are converted by
:mod:`azure.functions._bindings.mcp`.

This module holds the decorators and is the public path of the MCP names; the
bindings are described in :mod:`azure.functions.decorators._mcp_triggers`,
and ``mcp_tool``'s machinery is in :mod:`azure.functions.decorators._mcp_tool`
(with :mod:`azure.functions.decorators._mcp_signature`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .._bindings.mcp import MCPToolContext, has_mcp_content_marker
from .._errors import FunctionDefinitionError
from ._builder import DecoratorApi, FunctionBuilder, FunctionDecorator
from ._mcp_tool import _OVERRIDES, _make_tool, _McpToolBuilder
from ._mcp_triggers import (
    MCPPromptTrigger,
    MCPResourceTrigger,
    MCPToolTrigger,
    PromptArgument,
    mcp_content,
    should_create_structured_content,
)
from .core import DataType, McpPropertyType
from .utils import parse_singular_param_to_enum

__all__ = [
    "MCPPromptTrigger",
    "MCPResourceTrigger",
    "MCPToolContext",
    "MCPToolTrigger",
    "McpPropertyType",
    "PromptArgument",
    "has_mcp_content_marker",
    "mcp_content",
    "should_create_structured_content",
]

# The reference's (private) class name.
_MCPToolTrigger = MCPToolTrigger


class _McpTriggerApi(DecoratorApi):
    def mcp_tool_trigger(
        self,
        arg_name: str,
        tool_name: str,
        description: str | None = None,
        tool_properties: str | None = None,
        data_type: DataType | str | None = None,
        *,
        metadata: str | None = None,
        use_result_schema: bool | None = False,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function as the MCP tool *tool_name* (declared by hand).

        :meth:`mcp_tool` derives all of this from the function itself.

        :param arg_name: The parameter receiving the invocation context (JSON
            text, or an :class:`~azure.functions.MCPToolContext`).
        :param tool_name: The tool's name, as clients call it.
        :param description: What the tool does, for the model.
        :param tool_properties: The tool's input properties as JSON text
            (a list of ``propertyName``, ``propertyType``, ``description``,
            ``isArray``, ``isRequired`` objects).
        :param data_type: How the host hands the value over.
        :param metadata: JSON text of the tool's metadata.
        :param use_result_schema: Whether the function reports the result's
            schema (structured content) instead of the host.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(MCPToolTrigger, locals())

    def mcp_resource_trigger(
        self,
        arg_name: str,
        uri: str,
        resource_name: str,
        title: str | None = None,
        description: str | None = None,
        mime_type: str | None = None,
        size: int | None = None,
        metadata: str | None = None,
        data_type: DataType | str | None = None,
        *,
        use_result_schema: bool | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function to read the MCP resource *uri*; it returns the contents.

        :param arg_name: The parameter receiving the request context (JSON text).
        :param uri: The resource's absolute URI.
        :param resource_name: The resource's name.
        :param title: A title to display.
        :param description: What the resource holds.
        :param mime_type: The contents' MIME type.
        :param size: The contents' size in bytes.
        :param metadata: JSON text of the resource's metadata.
        :param data_type: How the host hands the value over.
        :param use_result_schema: Whether the function reports the result's schema.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(MCPResourceTrigger, locals())

    def mcp_prompt_trigger(
        self,
        arg_name: str,
        prompt_name: str,
        prompt_arguments: Sequence[PromptArgument] | None = None,
        title: str | None = None,
        description: str | None = None,
        metadata: str | None = None,
        icons: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function to render the MCP prompt *prompt_name*.

        The parameter receives a
        :class:`~azure.functions.PromptInvocationContext`; the function returns
        the prompt's text (or a ``GetPromptResult``).

        :param arg_name: The parameter receiving the invocation context.
        :param prompt_name: The prompt's name.
        :param prompt_arguments: The arguments the prompt takes.
        :param title: A title to display.
        :param description: What the prompt is for.
        :param metadata: JSON text of the prompt's metadata.
        :param icons: JSON text of the prompt's icons (a list of objects).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(MCPPromptTrigger, locals())

    def mcp_tool(
        self, metadata: str | None = None, use_result_schema: bool | None = False
    ) -> FunctionDecorator:
        """Makes the function an MCP tool, described by the function itself.

        The tool is named after the function, described by its docstring, and
        takes its parameters as input properties (``str``, ``int``, ``float``,
        ``bool``, ``object``, ``datetime`` and ``list[...]`` of them; other
        types are strings; ``Optional`` and defaulted ones are not required);
        :meth:`mcp_tool_property` (applied below) adds a description or
        overrides a property. Parameters of other bindings (applied below) and
        those annotated :class:`~azure.functions.MCPToolContext` (which
        receive the invocation context) are not properties.

        The function is called with the arguments the client gave; it may be
        async. Calling the decorated function directly calls it as written.

        :param metadata: JSON text of the tool's metadata.
        :param use_result_schema: Whether the result is returned as structured
            content with its schema; the default turns it on when the return
            annotation is an ``mcp.types`` or ``@mcp_content`` class.
        """
        if callable(metadata):
            raise FunctionDefinitionError(
                None,
                "write @app.mcp_tool() with parentheses",
                decorator="mcp_tool",
            )

        def apply(builder: FunctionBuilder[..., object]) -> None:
            _make_tool(builder, metadata, use_result_schema)

        return self._decorate(apply)

    def mcp_tool_property(
        self,
        arg_name: str,
        description: str | None = None,
        property_type: McpPropertyType | str | None = None,
        is_required: bool | None = True,
        as_array: bool | None = False,
    ) -> FunctionDecorator:
        """Describes one input property of an :meth:`mcp_tool` (applied below it).

        The values given (not ``None``) replace those derived from the
        parameter: note that *is_required* and *as_array* have defaults.

        :param arg_name: The parameter the property is.
        :param description: What the property is, for the model.
        :param property_type: Its JSON type.
        :param is_required: Whether clients must give it.
        :param as_array: Whether it is an array of *property_type*.
        """
        try:
            kind = parse_singular_param_to_enum(property_type, McpPropertyType)
        except FunctionDefinitionError as error:
            raise FunctionDefinitionError(
                None,
                error.detail,
                argument="property_type",
                decorator="mcp_tool_property",
            ) from None
        override: dict[str, object] = {
            "description": description,
            "propertyType": None if kind is None else kind.value,
            "isRequired": is_required,
            "isArray": as_array,
        }

        def apply(builder: FunctionBuilder[..., object]) -> None:
            if isinstance(builder, _McpToolBuilder):
                raise FunctionDefinitionError(
                    None,
                    "it is applied above @mcp_tool, which has already described "
                    "the tool: apply it below @mcp_tool",
                    argument=arg_name,
                )
            _OVERRIDES.setdefault(builder, {})[arg_name] = override

        return self._decorate(apply)
