"""What an ``mcp_tool`` function's signature says about the tool.

Its parameters become the tool's input properties (``toolProperties``,
:func:`_tool_properties`); its return annotation may ask for the result's
schema (``useResultSchema``, :func:`_returns_content`). Used by
:mod:`azure.functions.decorators._mcp_tool`.
"""

from __future__ import annotations

import datetime
import inspect
import typing
from collections.abc import Iterable, Mapping

from .._bindings.mcp import MCPToolContext, _is_sdk_class, has_mcp_content_marker
from .core import McpPropertyType

__all__: list[str] = []


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


def _names_sdk_type(annotation: object) -> bool:
    """Whether *annotation* is an MCP SDK class, or a ``List``/``Union`` of one.

    As azure-functions 2.3.0 reads it: ``List`` and ``Union`` (``Optional``)
    are looked into at any depth, ``None`` arguments skipped.
    """
    origin = typing.get_origin(annotation)
    if origin is list or origin is typing.Union:
        return any(
            arg is not type(None) and _names_sdk_type(arg)
            for arg in typing.get_args(annotation)
        )
    # Checked after the origin: on Python 3.10, list[X] passes isinstance(_, type).
    return isinstance(annotation, type) and _is_sdk_class(annotation)


def _has_marker(hint: object) -> bool:
    return isinstance(hint, type) and has_mcp_content_marker(hint)


def _returns_content(annotation: object) -> bool:
    """Whether a return annotation names MCP content (as the reference detects it).

    An MCP SDK class (``mcp.types``, SDK 1.x or 2.x), or a ``List``/``Union``
    holding one at any depth; an ``@mcp_content`` class, alone or in a
    ``Union`` (``Optional``). ``X | None`` and string annotations are not
    looked at.
    """
    if _names_sdk_type(annotation) or _has_marker(annotation):
        return True
    return typing.get_origin(annotation) is typing.Union and any(
        _has_marker(arg) for arg in typing.get_args(annotation)
    )
