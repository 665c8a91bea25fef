"""The MCP tool, resource and prompt triggers."""

from __future__ import annotations

import base64
import dataclasses
import datetime
import json
import sys
import types
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func
from azure.functions import mcp as public_mcp
from azure.functions._bindings.mcp import (
    MCP_CONTENT_MARKER,
    MCPPromptTriggerConverter,
    MCPResourceTriggerConverter,
    MCPToolContext,
    MCPToolTriggerConverter,
    PromptInvocationContext,
    encode_result,
    has_mcp_content_marker,
    is_call_tool_result,
    is_mcp_sdk_object,
    to_json_value,
)
from azure.functions.meta import Datum, build_metadata, get_binding_registry
from tests._wire import WorkerDatum, collection_message

TOOL_CONTEXT = {
    "name": "get_snippet",
    "arguments": {"snippetname": "hello", "limit": 3, "tags": ["a", "b"]},
    "sessionid": "6e1c5b0b-3f0c-4d6a-9d5e-0f4b0c7f5a11",
    "clientinfo": {"name": "Visual Studio Code", "version": "1.99.0"},
    "transport": {
        "name": "http-streamable",
        "sesssionId": "6e1c5b0b-3f0c-4d6a-9d5e-0f4b0c7f5a11",
        "properties": {
            "headers": {
                "Accept": "application/json, text/event-stream",
                "Mcp-Session-Id": "6e1c5b0b-3f0c-4d6a-9d5e-0f4b0c7f5a11",
            }
        },
    },
}
TOOL_TEXT = json.dumps(TOOL_CONTEXT)

RESOURCE_TEXT = json.dumps(
    {
        "uri": "file://readme.md",
        "sessionId": "s-1",
        "clientInfo": {"name": "inspector", "version": "0.1"},
        "transport": {"name": "http-sse", "properties": {}},
    }
)

PROMPT_CONTEXT = {
    "name": "code_review",
    "arguments": {"code": "print('hi')", "language": "python"},
    "sessionid": "s-42",
    "clientinfo": {"name": "inspector", "version": "0.1"},
    "transport": {"name": "http-streamable", "properties": {"headers": {}}},
}

# The metadata the host adds to a tool call (none of it is read by the converter).
TOOL_METADATA = build_metadata(
    {
        "mcptoolcontext": TOOL_CONTEXT,
        "mcpsessionid": TOOL_CONTEXT["sessionid"],
        "mcptoolargs": {"snippetname": "hello", "limit": "3"},
    }
)

RAW_CONVERTERS = (MCPToolTriggerConverter, MCPResourceTriggerConverter)
ALL_CONVERTERS = (*RAW_CONVERTERS, MCPPromptTriggerConverter)


# --- registration and public names -----------------------------------------


@pytest.mark.parametrize(
    ("binding", "converter"),
    [
        ("mcpToolTrigger", MCPToolTriggerConverter),
        ("mcpResourceTrigger", MCPResourceTriggerConverter),
        ("mcpPromptTrigger", MCPPromptTriggerConverter),
    ],
)
def test_each_trigger_is_registered_under_its_name(
    binding: str, converter: type[func.meta.Converter]
) -> None:
    assert get_binding_registry().get(binding) is converter
    assert converter.binding_names() == (binding,)
    assert converter.has_trigger_support()
    assert converter.has_implicit_output()


def test_no_converter_is_registered_under_true() -> None:
    key: object = True  # the reference registered its triggers under True too
    assert key not in get_binding_registry()
    assert all(isinstance(name, str) for name in get_binding_registry())


def test_public_module_and_reference_aliases() -> None:
    assert public_mcp._MCPToolTriggerConverter is MCPToolTriggerConverter
    assert public_mcp._MCPPromptTriggerConverter is MCPPromptTriggerConverter
    assert public_mcp.MCPResourceTriggerConverter is MCPResourceTriggerConverter
    assert public_mcp.MCPToolContext is MCPToolContext
    assert public_mcp.PromptInvocationContext is PromptInvocationContext
    assert set(public_mcp.__all__) == {
        "MCPPromptTriggerConverter",
        "MCPResourceTriggerConverter",
        "MCPToolContext",
        "MCPToolTriggerConverter",
        "PromptInvocationContext",
    }


# --- annotations ------------------------------------------------------------


@pytest.mark.parametrize("converter", RAW_CONVERTERS)
@pytest.mark.parametrize(
    ("annotation", "accepted"),
    [
        (str, True),
        (bytes, True),
        (dict, True),
        (MCPToolContext, True),
        (PromptInvocationContext, False),
        (int, False),
        (list, False),
        (object, False),
        (func.HttpRequest, False),
        (list[str], False),
        (typing.List[str], False),  # noqa: UP006
        (typing.Optional[str], False),  # noqa: UP045
        ("str", False),
        (None, False),
    ],
)
def test_tool_and_resource_input_annotations(
    converter: type[func.meta.Converter], annotation: object, accepted: bool
) -> None:
    assert converter.check_input_type_annotation(annotation) is accepted


@pytest.mark.parametrize(
    ("annotation", "accepted"),
    [
        (PromptInvocationContext, True),
        (str, True),
        (bytes, True),
        (dict, True),
        (int, False),
        (list[str], False),
        (typing.Optional[PromptInvocationContext], False),  # noqa: UP045
        (42, False),
    ],
)
def test_prompt_input_annotations(annotation: object, accepted: bool) -> None:
    assert MCPPromptTriggerConverter.check_input_type_annotation(annotation) is accepted


@pytest.mark.parametrize("converter", ALL_CONVERTERS)
@pytest.mark.parametrize(
    ("annotation", "accepted"),
    [
        (str, True),
        (bytes, True),
        (dict, True),
        (int, True),
        (list[dict[str, int]], True),
        (typing.Optional[str], True),  # noqa: UP045
        ("str", False),
        (None, False),
        (3, False),
    ],
)
def test_output_annotations(
    converter: type[func.meta.Converter], annotation: object, accepted: bool
) -> None:
    assert converter.check_output_type_annotation(annotation) is accepted


# --- decoding the tool and resource triggers --------------------------------


@pytest.mark.parametrize(
    ("converter", "text"),
    [
        (MCPToolTriggerConverter, TOOL_TEXT),
        (MCPResourceTriggerConverter, RESOURCE_TEXT),
    ],
)
@pytest.mark.parametrize("kind", ["json", "string"])
def test_the_context_arrives_as_its_json_text(
    converter: type[func.meta.Converter], text: str, kind: str
) -> None:
    got = converter.decode(WorkerDatum(text, kind), trigger_metadata=TOOL_METADATA)
    assert type(got) is str
    assert got == text
    # What apps do with it (the reference's samples: json.loads(context)).
    assert json.loads(got) == json.loads(text)


@pytest.mark.parametrize("converter", RAW_CONVERTERS)
@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (WorkerDatum(TOOL_TEXT.encode(), "bytes"), TOOL_TEXT.encode()),
        (WorkerDatum(bytearray(b"\xff\x00"), "bytes"), b"\xff\x00"),
        (WorkerDatum(TOOL_TEXT.encode(), "json"), TOOL_TEXT),
        (WorkerDatum("not json at all", "string"), "not json at all"),
        (WorkerDatum("[1, 2]", "json"), "[1, 2]"),
        (WorkerDatum(7, "int"), 7),
        (WorkerDatum(0.25, "double"), 0.25),
        (
            WorkerDatum(
                collection_message("collection_string", ["a", "b"]), "collection_string"
            ),
            ["a", "b"],
        ),
        (WorkerDatum(None, None), None),
        (WorkerDatum(None, "string"), None),
    ],
)
def test_other_values_pass_through(
    converter: type[func.meta.Converter], datum: WorkerDatum, expected: object
) -> None:
    got = converter.decode(datum, trigger_metadata=None)
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize("converter", RAW_CONVERTERS)
@pytest.mark.parametrize(
    "datum",
    [
        WorkerDatum({}, "http"),
        WorkerDatum(b"x", "model_binding_data"),
        WorkerDatum({"name": "x"}, "json"),
        WorkerDatum(3, "string"),
        WorkerDatum("text", "bytes"),
        WorkerDatum(b"\xff\xfe", "json"),
    ],
)
def test_values_without_a_text_form_are_refused(
    converter: type[func.meta.Converter], datum: WorkerDatum
) -> None:
    binding = converter.binding_names()[0]
    with pytest.raises(func.DatumTypeError, match=repr(binding)) as info:
        converter.decode(datum, trigger_metadata={})
    assert isinstance(info.value, NotImplementedError)


@given(st.text())
def test_any_text_is_handed_on_unchanged(text: str) -> None:
    for kind in ("string", "json"):
        datum = Datum(text, kind)
        assert MCPToolTriggerConverter.decode(datum, trigger_metadata={}) == text


# --- MCPToolContext -----------------------------------------------------------


def test_tool_context_from_the_decoded_text() -> None:
    text = MCPToolTriggerConverter.decode(Datum(TOOL_TEXT, "json"), trigger_metadata={})
    assert isinstance(text, str)
    context = MCPToolContext.from_json(text)
    assert isinstance(context, dict)
    assert context == TOOL_CONTEXT
    assert context.name == "get_snippet"
    assert context.arguments == {"snippetname": "hello", "limit": 3, "tags": ["a", "b"]}
    assert context.sessionid == TOOL_CONTEXT["sessionid"]
    assert context.clientinfo == {"name": "Visual Studio Code", "version": "1.99.0"}
    transport = context.transport
    assert transport is not None
    assert transport["name"] == "http-streamable"
    assert repr(context).startswith("MCPToolContext({'name': 'get_snippet'")


def test_tool_context_is_a_mutable_dict_with_defaults() -> None:
    context = MCPToolContext()
    assert context.name == ""
    assert context.arguments == {}
    assert context.sessionid is None
    assert context.clientinfo is None
    assert context.transport is None
    context["name"] = "renamed"
    context["arguments"] = {"x": 1}
    assert context.name == "renamed"
    assert context.arguments == {"x": 1}
    assert MCPToolContext({"name": "a"}) == {"name": "a"}


@pytest.mark.parametrize(
    ("key", "value", "read"),
    [
        ("name", 3, lambda c: c.name),
        ("arguments", ["x"], lambda c: c.arguments),
        ("sessionid", {}, lambda c: c.sessionid),
        ("transport", "http", lambda c: c.transport),
        ("clientinfo", 1, lambda c: c.clientinfo),
    ],
)
def test_tool_context_properties_name_a_mistyped_key(
    key: str, value: object, read: typing.Callable[[MCPToolContext], object]
) -> None:
    context = MCPToolContext.from_json(json.dumps({key: value}))
    with pytest.raises(TypeError, match=repr(key)):
        read(context)


def test_tool_context_from_json_rejects_non_objects_and_bad_json() -> None:
    with pytest.raises(TypeError, match="JSON object"):
        MCPToolContext.from_json("[1, 2]")
    with pytest.raises(func.InvalidJSONError, match="MCP tool invocation context"):
        MCPToolContext.from_json("{oops")
    assert MCPToolContext.from_json(b'{"name": "b"}').name == "b"


# --- the prompt trigger -------------------------------------------------------


@pytest.mark.parametrize(
    "datum",
    [
        WorkerDatum(json.dumps(PROMPT_CONTEXT), "json"),
        WorkerDatum(json.dumps(PROMPT_CONTEXT), "string"),
        WorkerDatum(json.dumps(PROMPT_CONTEXT).encode(), "bytes"),
        WorkerDatum(bytearray(json.dumps(PROMPT_CONTEXT).encode()), "bytes"),
        WorkerDatum(PROMPT_CONTEXT, "json"),
    ],
)
def test_prompt_context_is_parsed(datum: WorkerDatum) -> None:
    metadata = build_metadata(
        {"mcppromptcontext": PROMPT_CONTEXT, "mcpsessionid": "s-42"}
    )
    context = MCPPromptTriggerConverter.decode(datum, trigger_metadata=metadata)
    assert isinstance(context, PromptInvocationContext)
    assert context.name == "code_review"
    assert context.arguments == {"code": "print('hi')", "language": "python"}
    assert context.sessionid == "s-42"
    assert context.clientinfo == {"name": "inspector", "version": "0.1"}
    assert context.transport == {
        "name": "http-streamable",
        "properties": {"headers": {}},
    }
    assert context == PromptInvocationContext(PROMPT_CONTEXT)


def test_prompt_without_a_value_gives_an_empty_context() -> None:
    for datum in (WorkerDatum(None, None), WorkerDatum(None, "string")):
        context = MCPPromptTriggerConverter.decode(datum, trigger_metadata=None)
        assert context == PromptInvocationContext()
        assert context.name == ""
        assert context.arguments == {}
        assert context.sessionid is None
        assert context.transport is None
        assert context.clientinfo is None


def test_prompt_fields_that_are_null_take_their_defaults() -> None:
    text = '{"name": null, "arguments": null, "sessionid": null, "transport": null}'
    context = MCPPromptTriggerConverter.decode(Datum(text, "json"), trigger_metadata={})
    assert context == PromptInvocationContext({})


def test_prompt_arguments_are_text() -> None:
    context = PromptInvocationContext(
        {"name": "p", "arguments": {"n": 3, "ok": True, "x": None, "o": {"a": [1]}}}
    )
    assert context.arguments == {"n": "3", "ok": "true", "x": "null", "o": '{"a":[1]}'}


@pytest.mark.parametrize(
    "datum",
    [
        WorkerDatum("[1, 2]", "json"),
        WorkerDatum('"just text"', "string"),
        WorkerDatum('{"name": ["x"]}', "json"),
        WorkerDatum('{"arguments": ["x"]}', "json"),
        WorkerDatum('{"transport": "http"}', "json"),
        WorkerDatum('{"sessionid": {}}', "json"),
        WorkerDatum(5, "int"),
        WorkerDatum(
            collection_message("collection_string", ["{}"]), "collection_string"
        ),
        WorkerDatum({}, "http"),
    ],
)
def test_malformed_prompt_contexts_are_refused(datum: WorkerDatum) -> None:
    with pytest.raises(func.DatumTypeError, match="'mcpPromptTrigger'"):
        MCPPromptTriggerConverter.decode(datum, trigger_metadata={})


@pytest.mark.parametrize(
    "datum",
    [WorkerDatum("{not json", "string"), WorkerDatum(b"\xff\xfe\x00", "bytes")],
)
def test_prompt_context_that_is_not_json(datum: WorkerDatum) -> None:
    with pytest.raises(func.InvalidJSONError, match="'mcpPromptTrigger'") as info:
        MCPPromptTriggerConverter.decode(datum, trigger_metadata={})
    assert isinstance(info.value, json.JSONDecodeError)


def test_prompt_context_constructor() -> None:
    from_text = PromptInvocationContext(json.dumps(PROMPT_CONTEXT))
    from_bytes = PromptInvocationContext(json.dumps(PROMPT_CONTEXT).encode())
    assert from_text == from_bytes == PromptInvocationContext(PROMPT_CONTEXT)
    assert from_text != PromptInvocationContext({"name": "other"})
    assert from_text != "code_review"
    assert repr(from_text) == (
        "PromptInvocationContext(name='code_review', arguments={'code': "
        "\"print('hi')\", 'language': 'python'}, sessionid='s-42')"
    )
    with pytest.raises(TypeError, match="JSON object"):
        PromptInvocationContext("[]")
    with pytest.raises(func.InvalidJSONError):
        PromptInvocationContext("{")


def test_prompt_context_is_read_only() -> None:
    context = PromptInvocationContext(PROMPT_CONTEXT)
    context.arguments["code"] = "changed"
    transport = context.transport
    assert transport is not None
    transport["name"] = "changed"
    assert context.arguments["code"] == "print('hi')"
    assert context.transport == PROMPT_CONTEXT["transport"]
    with pytest.raises(AttributeError):
        context.name = "x"  # type: ignore[misc]


_names = st.text(max_size=20)


@given(
    name=_names,
    arguments=st.dictionaries(_names, st.text(max_size=40), max_size=5),
    sessionid=st.none() | _names,
)
def test_prompt_context_round_trip(
    name: str, arguments: dict[str, str], sessionid: str | None
) -> None:
    text = json.dumps({"name": name, "arguments": arguments, "sessionid": sessionid})
    context = MCPPromptTriggerConverter.decode(Datum(text, "json"), trigger_metadata={})
    assert (context.name, context.arguments, context.sessionid) == (
        name,
        arguments,
        sessionid,
    )


# --- return values --------------------------------------------------------------


@dataclasses.dataclass
class Weather:
    city: str
    degrees: float
    icon: bytes = b""


class Snippet:
    """A class marked as ``@mcp_content`` would mark it."""

    def __init__(self, name: str, when: datetime.date) -> None:
        self.name = name
        self.when = when


setattr(Snippet, MCP_CONTENT_MARKER, True)


class _Model:
    """Stands in for a pydantic model."""

    def __init__(self, **fields: object) -> None:
        self.fields = fields

    def model_dump(
        self, *, mode: str, exclude_none: bool, by_alias: bool
    ) -> dict[str, object]:
        assert (mode, exclude_none, by_alias) == ("json", True, True)
        return {
            ("_meta" if k == "meta" else k): v
            for k, v in self.fields.items()
            if v is not None
        }


class _SdkModel(_Model):
    """Stands in for a model of the MCP SDK 1.x (``mcp.types``)."""

    __module__ = "mcp.types"


class TextContent(_SdkModel):
    __module__ = "mcp.types"


class CallToolResult(_SdkModel):
    __module__ = "mcp.types"


class MyText(TextContent):
    """A user's subclass of an SDK type."""

    __module__ = "myapp.content"


def encode(obj: object, converter: type[func.meta.Converter]) -> Datum:
    datum = converter.encode(obj, expected_type=None)
    assert isinstance(datum, Datum)
    return datum


@pytest.mark.parametrize("converter", ALL_CONVERTERS)
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, Datum("", "string")),
        ("", Datum("", "string")),
        ("héllo", Datum("héllo", "string")),
        (b"\x00\x01", Datum(b"\x00\x01", "bytes")),
        (bytearray(b"ab"), Datum(b"ab", "bytes")),
        (memoryview(b"mv"), Datum(b"mv", "bytes")),
        (42, Datum("42", "string")),
        (1.5, Datum("1.5", "string")),
        (True, Datum("True", "string")),
    ],
)
def test_plain_results_as_the_reference_sent_them(
    converter: type[func.meta.Converter], value: object, expected: Datum
) -> None:
    got = encode(value, converter)
    assert got == expected
    assert type(got.value) is type(expected.value)


@pytest.mark.parametrize("converter", ALL_CONVERTERS)
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"a": [1, "é"]}, {"a": [1, "é"]}),
        (["x", None, 2.5], ["x", None, 2.5]),
        ((1, 2), [1, 2]),
        (frozenset({"only"}), ["only"]),
        ({2: "a", None: "b", False: "c"}, {"2": "a", "null": "b", "false": "c"}),
        (
            Weather("Oslo", -3.5, b"\x89PNG"),
            {
                "city": "Oslo",
                "degrees": -3.5,
                "icon": base64.b64encode(b"\x89PNG").decode(),
            },
        ),
        (
            Snippet("hello", datetime.date(2024, 5, 1)),
            {"name": "hello", "when": "2024-05-01"},
        ),
        (
            {"at": datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.timezone.utc)},
            {"at": "2024-05-01T12:00:00+00:00"},
        ),
        ({"other": object}, {"other": "<class 'object'>"}),
    ],
)
def test_structured_results_are_json_text(
    converter: type[func.meta.Converter], value: object, expected: object
) -> None:
    got = encode(value, converter)
    assert got.type == "string"
    assert isinstance(got.value, str)
    assert json.loads(got.value) == expected


def test_sdk_content_is_dumped_as_the_protocol_spells_it() -> None:
    text = TextContent(type="text", text="hi", annotations=None, meta={"k": 1})
    result = CallToolResult(
        content=[text, Weather("Oslo", 1.0)], structuredContent={"x": 1}, isError=False
    )
    assert is_mcp_sdk_object(text)
    assert is_mcp_sdk_object(MyText(type="text", text="sub"))
    assert not is_mcp_sdk_object(Weather("a", 1))
    assert is_call_tool_result(result)
    assert not is_call_tool_result(text)

    got = encode(text, MCPToolTriggerConverter)
    assert got.type == "string"
    assert isinstance(got.value, str)
    assert json.loads(got.value) == {"type": "text", "text": "hi", "_meta": {"k": 1}}
    got = encode(result, MCPToolTriggerConverter)
    assert isinstance(got.value, str)
    assert json.loads(got.value) == {
        "content": [
            {"type": "text", "text": "hi", "_meta": {"k": 1}},
            {"city": "Oslo", "degrees": 1.0, "icon": ""},
        ],
        "structuredContent": {"x": 1},
        "isError": False,
    }
    got = encode([text, MyText(type="text", text="b")], MCPPromptTriggerConverter)
    assert isinstance(got.value, str)
    assert json.loads(got.value) == [
        {"type": "text", "text": "hi", "_meta": {"k": 1}},
        {"type": "text", "text": "b"},
    ]


def test_mcp_content_marker() -> None:
    assert has_mcp_content_marker(Snippet)
    assert has_mcp_content_marker(Snippet("a", datetime.date.today()))
    assert not has_mcp_content_marker(Weather)
    assert not has_mcp_content_marker(None)


def test_other_objects_are_written_with_str() -> None:
    class Temperature:
        def __str__(self) -> str:
            return "21 °C"

    assert encode(Temperature(), MCPToolTriggerConverter) == Datum("21 °C", "string")

    class Label(str):
        def __str__(self) -> str:
            return "not this"

    got = encode(Label("this"), MCPResourceTriggerConverter)
    assert got == Datum("this", "string")
    assert type(got.value) is str


def test_a_result_that_contains_itself_is_refused() -> None:
    loop: list[object] = [1]
    loop.append(loop)
    with pytest.raises(func.DatumTypeError, match="'mcpToolTrigger'"):
        encode(loop, MCPToolTriggerConverter)
    shared = {"a": 1}
    # The same object twice is not a cycle.
    got = encode([shared, shared], MCPToolTriggerConverter)
    assert got.value == '[{"a":1},{"a":1}]'


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)  # orjson reads only 64-bit ints exactly
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(
    st.dictionaries(st.text(max_size=8), _json, max_size=5)
    | st.lists(_json, max_size=5)
)
def test_json_results_round_trip(value: dict[str, object] | list[object]) -> None:
    got = encode_result(value, binding="mcpToolTrigger")
    assert got.type == "string"
    assert isinstance(got.value, str)
    assert json.loads(got.value) == value
    assert to_json_value(value) == value


# --- MCP SDK 2.x: types defined in mcp_types, re-exported from mcp.types ---------


class Sdk2Text(_Model):
    __module__ = "mcp_types"


# Named as the SDK names it.
Sdk2CallToolResult = type("CallToolResult", (_Model,), {"__module__": "mcp_types.x"})


class Sdk2Internal(_Model):
    """Defined in mcp_types but not exported by mcp.types."""

    __module__ = "mcp_types._internal"


def sdk2_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """``mcp.types`` of SDK 2.x: re-exports from ``mcp_types``."""
    module = types.ModuleType("mcp.types")
    module.TextContent = Sdk2Text  # type: ignore[attr-defined]
    module.CallToolResult = Sdk2CallToolResult  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mcp.types", module)


def test_sdk2_types_exported_by_mcp_types_are_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sdk2_module(monkeypatch)
    text = Sdk2Text(type="text", text="hi")
    assert is_mcp_sdk_object(text)
    assert is_call_tool_result(Sdk2CallToolResult(content=[text]))
    assert not is_call_tool_result(text)
    assert not is_mcp_sdk_object(Sdk2Internal(type="x"))
    got = encode(text, MCPToolTriggerConverter)
    assert isinstance(got.value, str)
    assert json.loads(got.value) == {"type": "text", "text": "hi"}


def test_sdk2_types_are_not_content_without_the_sdk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(sys.modules, "mcp.types", raising=False)
    monkeypatch.setitem(sys.modules, "mcp", None)  # makes `import mcp.types` fail
    assert not is_mcp_sdk_object(Sdk2Text(type="text", text="hi"))
    # An SDK 1.x class is told by its module alone.
    assert is_mcp_sdk_object(TextContent(type="text", text="hi"))
