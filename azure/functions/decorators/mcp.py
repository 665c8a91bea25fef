"""MCP (Model Context Protocol) servers: tool, resource and prompt triggers.

The host's MCP extension serves the app as an MCP server; each function is a
tool (``mcpToolTrigger``), a resource (``mcpResourceTrigger``) or a prompt
(``mcpPromptTrigger``). :meth:`~_McpTriggerApi.mcp_tool` makes a plain Python
function a tool: its name, docstring and parameters become the tool's name,
description and input properties, and a wrapper hands each call's arguments to
it. The trigger values and return values are converted by
:mod:`azure.functions._bindings.mcp`.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import inspect
import json
import textwrap
import typing
import weakref
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from .._bindings.mcp import (
    MCP_CONTENT_MARKER,
    MCPToolContext,
    _is_sdk_class,
    has_mcp_content_marker,
    is_call_tool_result,
    is_mcp_sdk_object,
    to_json_value,
)
from .._errors import FunctionDefinitionError
from ._builder import RETURN, DecoratorApi, FunctionBuilder, FunctionDecorator
from .constants import MCP_PROMPT_TRIGGER, MCP_RESOURCE_TRIGGER, MCP_TOOL_TRIGGER
from .core import DataType, Field, McpPropertyType, Trigger
from .utils import parse_singular_param_to_enum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing_extensions import ParamSpec

    from .._types import JSONValue

    _P = ParamSpec("_P")
    _R = TypeVar("_R")

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

_C = TypeVar("_C", bound=type)

#: The name of the trigger ``mcp_tool`` adds (the wrapper's parameter).
_TOOL_TRIGGER_NAME = "context"


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
        Field("tool_name"),
        Field("description"),
        Field("tool_properties"),
        Field("metadata"),
        Field("use_result_schema", default=False),
    )


class MCPResourceTrigger(Trigger):
    """Runs the function to read an MCP resource (``mcpResourceTrigger``)."""

    binding_type = MCP_RESOURCE_TRIGGER
    fields = (
        Field("uri"),
        Field("resource_name"),
        Field("title"),
        Field("description"),
        Field("mime_type"),
        Field("size"),
        Field("metadata"),
        Field("use_result_schema"),
    )


class MCPPromptTrigger(Trigger):
    """Runs the function to render an MCP prompt (``mcpPromptTrigger``)."""

    binding_type = MCP_PROMPT_TRIGGER
    fields = (
        Field("prompt_name"),
        Field("prompt_arguments", convert=_prompt_arguments_json),
        Field("title"),
        Field("description"),
        Field("metadata"),
        Field("icons"),
    )


# The reference's (private) class name.
_MCPToolTrigger = MCPToolTrigger


# --- tool properties from a signature ---------------------------------------------

_TYPE_NAMES: dict[object, str] = {
    int: "integer",
    float: "number",
    str: "string",
    bool: "boolean",
    object: "object",
    datetime.datetime: "string",
}


def _without_none(hint: object) -> object:
    """``T`` for ``Optional[T]`` (the first of several), else *hint*."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) is typing.Union and type(None) in args:
        rest = [arg for arg in args if arg is not type(None)]
        return rest[0] if rest else str
    return hint


def _type_name(hint: object) -> str:
    try:
        return _TYPE_NAMES.get(hint, "string")
    except TypeError:  # an unhashable annotation
        return "string"


def _property(parameter: inspect.Parameter) -> dict[str, object]:
    """A parameter as a tool property, typed from its annotation.

    Unannotated parameters are strings; ``Optional[T]`` is ``T``; ``list[T]``
    (or ``List[T]``) is an array of ``T``; other types than ``int``, ``float``,
    ``str``, ``bool``, ``object`` and ``datetime`` are strings. A property is
    required unless it has a default or is ``Optional``.
    """
    hint: object = parameter.annotation
    if hint is inspect.Parameter.empty:
        hint = str
    required = parameter.default is inspect.Parameter.empty and not (
        typing.get_origin(hint) is typing.Union and type(None) in typing.get_args(hint)
    )
    base = _without_none(hint)
    is_array = typing.get_origin(base) is list
    if isinstance(hint, McpPropertyType):
        type_name = str(hint.value)
    elif is_array:
        items = typing.get_args(base)
        type_name = _type_name(_without_none(items[0]) if items else str)
    else:
        type_name = _type_name(base)
    return {
        "propertyName": parameter.name,
        "propertyType": type_name,
        "description": "",
        "isArray": is_array,
        "isRequired": required,
    }


def _tool_properties(
    signature: inspect.Signature,
    skip: Iterable[str] = (),
    overrides: Mapping[str, Mapping[str, object]] | None = None,
) -> list[dict[str, object]]:
    """The tool properties (``toolProperties``) of a function's parameters.

    Parameters named in *skip* (filled by other bindings) and those annotated
    :class:`~azure.functions.MCPToolContext` are left out; *overrides* (from
    ``mcp_tool_property``) replace the derived values they give (not ``None``).
    """
    skipped = set(skip)
    found: list[dict[str, object]] = []
    for name, parameter in signature.parameters.items():
        if name in skipped or parameter.annotation is MCPToolContext:
            continue
        item = _property(parameter)
        for key, value in (overrides or {}).get(name, {}).items():
            if value is not None:
                item[key] = value
        found.append(item)
    return found


# --- return annotations that ask for a result schema --------------------------


def _is_content_class(hint: object, *, marker: bool = True) -> bool:
    return isinstance(hint, type) and (
        _is_sdk_class(hint) or (marker and has_mcp_content_marker(hint))
    )


def _returns_content(annotation: object) -> bool:
    """Whether a return annotation names MCP content (as the reference detects it).

    An ``mcp.types`` class or an ``@mcp_content`` class; ``List[...]`` of
    ``mcp.types`` classes (or a ``Union`` of them); ``Optional``/``Union`` with
    one of those classes. ``X | None`` and string annotations are not looked at.
    """
    if _is_content_class(annotation):
        return True
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and args:
        item = args[0]
        if isinstance(item, type):
            if _is_content_class(item, marker=False):
                return True
        elif typing.get_origin(item) is typing.Union and any(
            _is_content_class(arg, marker=False) for arg in typing.get_args(item)
        ):
            return True
    return origin is typing.Union and any(_is_content_class(arg) for arg in args)


# --- the tool wrapper ------------------------------------------------------------


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
