"""The MCP (Model Context Protocol) triggers: tools, resources and prompts.

The MCP extension of the Functions host calls a function for each ``tools/call``,
``resources/read`` or ``prompts/get`` request. The trigger value is the request's
invocation context, as JSON text::

    {"name": "get_weather", "arguments": {"city": "Oslo"}, "sessionid": "...",
     "clientinfo": {"name": "...", "version": "..."},
     "transport": {"name": "http-streamable", "properties": {...}}}

Tool and resource triggers hand that text on unparsed (apps ``json.loads`` it);
the prompt trigger parses it into a :class:`PromptInvocationContext`. The
function's return value goes back through the trigger as text: strings as they
are, content objects (``mcp.types`` models of MCP SDK 1.x or 2.x, ``@mcp_content``
classes, dataclasses) and dicts or lists as JSON.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Mapping
from typing import ClassVar

from .._converter import InConverter
from .._datum import Datum, datum_to_python
from .._errors import DatumTypeError
from .._json import dumps, loads
from ._base import BindingConverter, utf8_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .._datum import DatumLike
    from .._types import JSONValue

__all__ = [
    "MCP_CONTENT_MARKER",
    "MCPPromptTriggerConverter",
    "MCPResourceTriggerConverter",
    "MCPToolContext",
    "MCPToolTriggerConverter",
    "PromptInvocationContext",
    "TriggerValueConverter",
    "encode_result",
    "has_mcp_content_marker",
    "is_call_tool_result",
    "is_mcp_sdk_object",
    "raw_trigger_value",
    "to_json_value",
]

_TOOL = "mcpToolTrigger"
_RESOURCE = "mcpResourceTrigger"
_PROMPT = "mcpPromptTrigger"

#: Class attribute set to ``True`` by the ``@mcp_content`` decorator.
MCP_CONTENT_MARKER = "__mcp_content__"

_SDK_MODULE = "mcp.types"
#: Where MCP SDK 2.x defines the types ``mcp.types`` re-exports.
_SDK2_MODULE = "mcp_types"


# --- invocation contexts ------------------------------------------------------


class MCPToolContext(dict[str, "Any"]):
    """The invocation context of an MCP tool call: the host's JSON object as a dict.

    Keys as the host sends them: ``name``, ``arguments``, ``sessionid``,
    ``clientinfo``, ``transport``; the properties read them with their types.
    """

    __slots__ = ()

    @classmethod
    def from_json(cls, text: str | bytes) -> MCPToolContext:
        """Parse the host's JSON text; it must hold an object."""
        value = loads(text, source="the MCP tool invocation context")
        if not isinstance(value, dict):
            raise TypeError(
                "the MCP tool invocation context must be a JSON object, "
                f"got {type(value).__name__}"
            )
        return cls(value)

    @property
    def name(self) -> str:
        """The name of the tool called (``""`` when absent)."""
        return _str_key(self, "name") or ""

    @property
    def arguments(self) -> dict[str, Any]:
        """The arguments the client passed, by name (empty when absent)."""
        return _dict_key(self, "arguments") or {}

    @property
    def sessionid(self) -> str | None:
        """The MCP session id, if the transport has one."""
        return _str_key(self, "sessionid")

    @property
    def clientinfo(self) -> dict[str, JSONValue] | None:
        """The client's ``name`` and ``version``, when the host sent them."""
        return _dict_key(self, "clientinfo")

    @property
    def transport(self) -> dict[str, JSONValue] | None:
        """The transport's ``name`` and ``properties`` (e.g. request headers)."""
        return _dict_key(self, "transport")

    def __repr__(self) -> str:
        return f"MCPToolContext({dict.__repr__(self)})"


def _str_key(context: MCPToolContext, key: str) -> str | None:
    value = context.get(key)
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"MCP context key {key!r} holds {type(value).__name__}, not text")


def _dict_key(context: MCPToolContext, key: str) -> dict[str, JSONValue] | None:
    value = context.get(key)
    if value is None or isinstance(value, dict):
        return value
    raise TypeError(
        f"MCP context key {key!r} holds {type(value).__name__}, not an object"
    )


class PromptInvocationContext:
    """The invocation context of an MCP prompt request (``prompts/get``).

    Built from the host's JSON object (a mapping, or its JSON text): the prompt
    ``name``, its ``arguments`` (text by name), the ``sessionid``, and the
    ``clientinfo`` and ``transport`` objects. Read-only.
    """

    __slots__ = ("_arguments", "_clientinfo", "_name", "_sessionid", "_transport")

    def __init__(self, data: Mapping[str, object] | str | bytes | None = None) -> None:
        if isinstance(data, (str, bytes)):
            data = _as_object(loads(data, source="the MCP prompt invocation context"))
        fields: Mapping[str, object] = {} if data is None else _as_object(data)
        self._name = _text(fields.get("name"), "name") or ""
        self._arguments = _prompt_arguments(fields.get("arguments"))
        self._sessionid = _text(fields.get("sessionid"), "sessionid")
        self._clientinfo = _object(fields.get("clientinfo"), "clientinfo")
        self._transport = _object(fields.get("transport"), "transport")

    @property
    def name(self) -> str:
        """The name of the prompt requested (``""`` when absent)."""
        return self._name

    @property
    def arguments(self) -> dict[str, str]:
        """The prompt's arguments by name, as text (a fresh dict each time)."""
        return dict(self._arguments)

    @property
    def sessionid(self) -> str | None:
        """The MCP session id, if the transport has one."""
        return self._sessionid

    @property
    def clientinfo(self) -> dict[str, JSONValue] | None:
        """The client's ``name`` and ``version``, when the host sent them."""
        return None if self._clientinfo is None else dict(self._clientinfo)

    @property
    def transport(self) -> dict[str, JSONValue] | None:
        """The transport's ``name`` and ``properties`` (e.g. request headers)."""
        return None if self._transport is None else dict(self._transport)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PromptInvocationContext):
            return NotImplemented
        return (
            self._name == other._name
            and self._arguments == other._arguments
            and self._sessionid == other._sessionid
            and self._clientinfo == other._clientinfo
            and self._transport == other._transport
        )

    def __repr__(self) -> str:
        return (
            f"PromptInvocationContext(name={self._name!r}, "
            f"arguments={self._arguments!r}, sessionid={self._sessionid!r})"
        )


def _as_object(value: object) -> Mapping[str, object]:
    if isinstance(value, Mapping):
        return value
    raise TypeError(
        f"an MCP invocation context must be a JSON object, got {type(value).__name__}"
    )


def _text(value: object, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"MCP context key {key!r} holds {type(value).__name__}, not text")


def _object(value: object, key: str) -> dict[str, JSONValue] | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        return {str(k): to_json_value(v) for k, v in value.items()}
    raise TypeError(
        f"MCP context key {key!r} holds {type(value).__name__}, not an object"
    )


def _prompt_arguments(value: object) -> dict[str, str]:
    """Prompt arguments are text in MCP; other JSON values keep their JSON text."""
    arguments = _object(value, "arguments")
    if not arguments:
        return {}
    return {k: v if isinstance(v, str) else dumps(v) for k, v in arguments.items()}


# --- return values: content objects to JSON ----------------------------------


def is_mcp_sdk_object(obj: object) -> bool:
    """Whether *obj* is an instance of a class of the MCP SDK's ``mcp.types``.

    Checked by the module of each class in its MRO, so the SDK is never imported.
    """
    return any(_is_sdk_class(cls) for cls in type(obj).__mro__)


def is_call_tool_result(obj: object) -> bool:
    """Whether *obj* is an ``mcp.types.CallToolResult`` (or a subclass)."""
    return any(
        cls.__name__ == "CallToolResult" and _is_sdk_class(cls)
        for cls in type(obj).__mro__
    )


def _is_sdk_class(cls: type) -> bool:
    """Whether *cls* is an MCP SDK type.

    SDK 1.x defines its types in ``mcp.types``; SDK 2.x defines them in the
    ``mcp_types`` package and re-exports them from ``mcp.types``: such a class
    counts when ``mcp.types`` exports it (``mcp.types`` is then imported, if
    it is not already).
    """
    module = cls.__dict__.get("__module__")
    if not isinstance(module, str):
        return False
    if module == _SDK_MODULE or module.startswith(_SDK_MODULE + "."):
        return True
    if module != _SDK2_MODULE and not module.startswith(_SDK2_MODULE + "."):
        return False
    sdk = sys.modules.get(_SDK_MODULE)
    if sdk is None:
        try:
            sdk = importlib.import_module(_SDK_MODULE)
        except ImportError:
            return False
    return any(exported is cls for exported in vars(sdk).values())


def has_mcp_content_marker(obj: object) -> bool:
    """Whether *obj* (a class or an instance) was decorated with ``@mcp_content``."""
    cls = obj if isinstance(obj, type) else type(obj)
    return getattr(cls, MCP_CONTENT_MARKER, False) is True


def to_json_value(obj: object) -> JSONValue:
    """*obj* as plain JSON data, for MCP results.

    ``mcp.types`` models are dumped as the protocol spells them (aliases, no
    ``None`` fields); dataclasses and ``@mcp_content`` objects become objects of
    their fields; mappings, lists, tuples and sets are converted item by item;
    bytes become base64 text, dates ISO 8601 text; any other value its ``str()``.
    A container that holds itself raises ``ValueError``.
    """
    return _plain(obj, set())


def _plain(obj: object, active: set[int]) -> JSONValue:
    if obj is None or isinstance(obj, (str, int, float)):
        return obj  # bool is an int
    if isinstance(obj, (bytes, bytearray, memoryview)):
        import base64

        return base64.b64encode(obj).decode("ascii")
    if id(obj) in active:
        raise ValueError(f"a {type(obj).__name__} that contains itself")
    active.add(id(obj))
    try:
        return _plain_container(obj, active)
    finally:
        active.discard(id(obj))


def _plain_container(obj: object, active: set[int]) -> JSONValue:
    if isinstance(obj, Mapping):
        return {_json_key(k): _plain(v, active) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [_plain(item, active) for item in obj]
    if is_mcp_sdk_object(obj):
        return _plain(_model_dump(obj), active)
    import dataclasses

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            field.name: _plain(getattr(obj, field.name), active)
            for field in dataclasses.fields(obj)
        }
    if has_mcp_content_marker(obj) and hasattr(obj, "__dict__"):
        return {name: _plain(value, active) for name, value in vars(obj).items()}
    isoformat = getattr(obj, "isoformat", None)
    if callable(isoformat):  # datetime, date, time
        text = isoformat()
        if isinstance(text, str):
            return text
    return str(obj)


def _json_key(key: object) -> str:
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, int, float)):
        return dumps(key)  # as json.dumps writes keys: "null", "true", "1"
    return str(key)


def _model_dump(obj: object) -> object:
    """A pydantic model (v2, else v1) as the protocol spells it."""
    dump = getattr(obj, "model_dump", None)
    if callable(dump):
        return dump(mode="json", exclude_none=True, by_alias=True)
    legacy = getattr(obj, "dict", None)
    if callable(legacy):
        return legacy(exclude_none=True, by_alias=True)
    return {k: v for k, v in vars(obj).items() if v is not None}


def _is_structured(obj: object) -> bool:
    import dataclasses

    return (
        isinstance(obj, (Mapping, list, tuple, set, frozenset))
        or is_mcp_sdk_object(obj)
        or (dataclasses.is_dataclass(obj) and not isinstance(obj, type))
        or has_mcp_content_marker(obj)
    )


def encode_result(obj: object, *, binding: str) -> Datum:
    """The wire value of an MCP (or connector) function's return value.

    ``None`` → empty text; ``str`` → text; bytes-like → bytes; content objects,
    mappings and sequences → their JSON text (see :func:`to_json_value`); any
    other value → its ``str()``.
    """
    if obj is None:
        return Datum("", "string")
    if isinstance(obj, str):
        return Datum(str.__str__(obj), "string")
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return Datum(bytes(obj), "bytes")
    if _is_structured(obj):
        try:
            return Datum(dumps(to_json_value(obj)), "string")
        except ValueError as exc:
            raise DatumTypeError(
                binding, "the return value", str(exc), "a value without cycles"
            ) from None
    return Datum(str(obj), "string")


# --- trigger values -----------------------------------------------------------


def raw_trigger_value(data: DatumLike, *, binding: str) -> object:
    """The trigger value as sent: JSON and text as ``str``, bytes as ``bytes``.

    Numbers and collections are passed on as plain values; ``http`` and other
    wire types without a plain value raise :class:`DatumTypeError`.
    """
    kind, value = data.type, data.value
    if value is None:
        return None
    if kind in ("json", "string"):
        if isinstance(value, str):
            return value
        if isinstance(value, (bytes, bytearray)):
            return utf8_text(
                value,
                binding=binding,
                what="the trigger value",
                got=f"{kind} that is not UTF-8",
                expected="text",
            )
        raise DatumTypeError(
            binding,
            "the trigger value",
            f"a {kind} datum holding {type(value).__name__}",
            "text",
        )
    if kind == "bytes":
        if isinstance(value, (bytes, bytearray)):
            return bytes(value)
        raise DatumTypeError(
            binding,
            "the trigger value",
            f"a bytes datum holding {type(value).__name__}",
            "bytes",
        )
    return datum_to_python(data, binding=binding, what="the trigger value")


# --- converters ---------------------------------------------------------------


class TriggerValueConverter(BindingConverter, InConverter):
    """A trigger whose value goes on as sent, and whose return value goes back.

    MCP tools and resources and Logic Apps connectors are such triggers.

    ``decode`` is :func:`raw_trigger_value`, ``encode`` :func:`encode_result`;
    the trigger value is text whatever the annotation (the worker does not tell
    ``decode`` the annotation), so ``dict`` only documents what it holds.
    """

    input_types: ClassVar[tuple[type, ...]] = (str, bytes, dict)
    output_types = None  # every value has a wire form
    implicit_output = True

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> object:
        """The value as sent: JSON and text as ``str``, bytes as ``bytes``."""
        return raw_trigger_value(data, binding=cls.binding_name())

    @classmethod
    def encode(cls, obj: object, *, expected_type: object = None) -> Datum:
        """The result: text, bytes, or content objects, dicts and lists as JSON text.

        *expected_type* may be left out, as the reference's MCP and connector
        converters allow.
        """
        return encode_result(obj, binding=cls.binding_name())


class MCPToolTriggerConverter(TriggerValueConverter, binding=_TOOL, trigger=True):
    """``mcpToolTrigger``: the tool invocation context, as its JSON text.

    Annotate it ``str``, ``bytes``, ``dict`` or :class:`MCPToolContext`; the
    return value is the tool's result (see :func:`encode_result`).
    """


class MCPResourceTriggerConverter(
    TriggerValueConverter, binding=_RESOURCE, trigger=True
):
    """``mcpResourceTrigger``: the resource request context, as its JSON text.

    The return value is the resource's contents: text, or bytes (a blob).
    """


class MCPPromptTriggerConverter(TriggerValueConverter, binding=_PROMPT, trigger=True):
    """``mcpPromptTrigger``: a :class:`PromptInvocationContext`.

    The value is a :class:`PromptInvocationContext` whatever the annotation;
    ``str``, ``bytes`` and ``dict`` are accepted as the reference package did.
    The return value is the prompt: text (the host makes it one user message),
    or a ``GetPromptResult`` as an object or its JSON text.
    """

    input_types = (PromptInvocationContext, str, bytes, dict)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> PromptInvocationContext:
        """Parse the context (JSON text or UTF-8 bytes); no value: an empty one."""
        kind, value = data.type, data.value
        if kind is None or value is None:
            return PromptInvocationContext()
        if kind not in ("json", "string", "bytes") or not isinstance(
            value, (str, bytes, bytearray, Mapping)
        ):
            raise DatumTypeError(
                _PROMPT,
                "the trigger value",
                f"a {kind} datum holding {type(value).__name__}",
                "the invocation context as JSON text",
            )
        if isinstance(value, (str, bytes, bytearray)):
            value = loads(
                bytes(value) if isinstance(value, bytearray) else value,
                source=f"the trigger value of binding {_PROMPT!r}",
            )
        try:
            return PromptInvocationContext(_as_object(value))
        except (TypeError, ValueError) as exc:
            raise DatumTypeError(
                _PROMPT, "the trigger value", str(exc), "an MCP invocation context"
            ) from None


# The reference package's names for the tool and prompt converters.
_MCPToolTriggerConverter = MCPToolTriggerConverter
_MCPPromptTriggerConverter = MCPPromptTriggerConverter
