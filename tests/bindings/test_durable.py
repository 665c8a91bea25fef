"""Durable Functions: the trigger and client converters and the JSON codec."""

from __future__ import annotations

import json
import logging
import sys
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from azure.functions._bindings.durable import (
    STRICT_TYPING_ENV,
    ActivityTriggerConverter,
    DurableClientConverter,
    DurablePayloadError,
    EnitityTriggerConverter,
    EntityContext,
    EntityTriggerConverter,
    OrchestrationContext,
    OrchestrationTriggerConverter,
    deserialize_custom_object,
    df_dumps,
    df_loads,
    get_serialize_default,
    serialize_custom_object,
)
from azure.functions._errors import DatumTypeError
from azure.functions.durable_functions import (
    EnitityTriggerConverter as PublicEntityConverter,
)
from azure.functions.durable_functions import (
    EntityTriggerConverter as PublicEntityAlias,
)
from azure.functions.meta import Datum, get_binding_registry
from tests._wire import WorkerDatum

if typing.TYPE_CHECKING:
    from azure.functions import JSONValue

# The start of what the durable extension sends an orchestrator.
ORCHESTRATION_BODY = json.dumps(
    {
        "history": [
            {
                "EventType": 12,
                "EventId": -1,
                "IsPlayed": False,
                "Timestamp": "2024-05-01T10:00:00.123Z",
            },
            {"EventType": 0, "EventId": -1, "Name": "hello", "Input": '"Tokyo"'},
        ],
        "input": '"Tokyo"',
        "instanceId": "b2c6f3e0a7d94e0d8c4b1f5d2e3a4b5c",
        "isReplaying": False,
        "parentInstanceId": None,
        "upperSchemaVersion": 2,
    }
)


class Point:
    """A user class the codec carries with ``to_json``/``from_json``."""

    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    @staticmethod
    def to_json(obj: Point) -> dict[str, int]:
        return {"x": obj.x, "y": obj.y}

    @staticmethod
    def from_json(data: dict[str, int]) -> Point:
        return Point(data["x"], data["y"])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Point) and (other.x, other.y) == (self.x, self.y)

    def __hash__(self) -> int:
        return hash((self.x, self.y))


class Tag:
    """Uses instance-method ``to_json`` returning text, as some samples do."""

    def __init__(self, name: str) -> None:
        self.name = name

    def to_json(self) -> str:
        return json.dumps(self.name)

    @classmethod
    def from_json(cls, text: str) -> Tag:
        return cls(json.loads(text))


POINT = {"__class__": "Point", "__module__": __name__, "__data__": {"x": 1, "y": 2}}


@pytest.fixture(autouse=True)
def loose_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STRICT_TYPING_ENV, raising=False)


@pytest.fixture
def strict_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STRICT_TYPING_ENV, "True")


def encoded(datum: Datum | None) -> tuple[str | None, object]:
    assert isinstance(datum, Datum)
    return datum.type, datum.value


# -- orchestration and entity triggers ------------------------------------------------

TRIGGERS = [
    (OrchestrationTriggerConverter, OrchestrationContext),
    (EnitityTriggerConverter, EntityContext),
]


@pytest.mark.parametrize(("converter", "context"), TRIGGERS)
@pytest.mark.parametrize("wire", ["string", "json", "bytes"])
def test_trigger_wraps_the_json_text(
    converter: type[OrchestrationTriggerConverter], context: type[object], wire: str
) -> None:
    value: str | bytes = (
        ORCHESTRATION_BODY.encode() if wire == "bytes" else ORCHESTRATION_BODY
    )
    ctx = converter.decode(WorkerDatum(value, wire), trigger_metadata={})
    assert type(ctx) is context
    assert ctx.body == ORCHESTRATION_BODY
    assert str(ctx) == ORCHESTRATION_BODY
    assert json.loads(ctx.body)["instanceId"] == "b2c6f3e0a7d94e0d8c4b1f5d2e3a4b5c"


@pytest.mark.parametrize(("converter", "context"), TRIGGERS)
def test_trigger_reads_the_value_whatever_the_type_says(
    converter: type[OrchestrationTriggerConverter], context: type[object]
) -> None:
    # The reference read only the value; old tests pass the Python class as type.
    ctx = converter.decode(WorkerDatum('{"a": 1}', str), trigger_metadata=None)  # type: ignore[arg-type]
    assert ctx.body == '{"a": 1}'


@pytest.mark.parametrize(("converter", "context"), TRIGGERS)
@pytest.mark.parametrize(
    ("datum", "fragment"),
    [
        (WorkerDatum(None, None), "the context is missing"),
        (WorkerDatum(5, "int"), "a int datum holding int"),
        (WorkerDatum(b"\xff", "bytes"), "bytes that are not UTF-8"),
    ],
)
def test_trigger_refuses_values_without_text(
    converter: type[OrchestrationTriggerConverter],
    context: type[object],
    datum: WorkerDatum,
    fragment: str,
) -> None:
    with pytest.raises(DatumTypeError, match=fragment) as info:
        converter.decode(datum, trigger_metadata=None)
    assert info.value.binding == converter.binding_names()[0]


@pytest.mark.parametrize(("converter", "context"), TRIGGERS)
def test_trigger_sends_json_text_unchanged(
    converter: type[OrchestrationTriggerConverter], context: type[object]
) -> None:
    state = '{"isDone":false,"actions":[[{"actionType":0,"functionName":"hello"}]]}'
    assert encoded(converter.encode(state, expected_type=None)) == ("json", state)
    # Not checked: the durable library's text goes through as it is.
    assert encoded(converter.encode("not json", expected_type=None)) == (
        "json",
        "not json",
    )
    assert encoded(converter.encode(b'{"a":1}', expected_type=None)) == (
        "json",
        '{"a":1}',
    )


@pytest.mark.parametrize(("converter", "context"), TRIGGERS)
def test_trigger_serialises_other_values(
    converter: type[OrchestrationTriggerConverter], context: type[object]
) -> None:
    assert encoded(converter.encode({"a": 1}, expected_type=None)) == (
        "json",
        '{"a": 1}',
    )
    assert encoded(converter.encode(None, expected_type=None)) == ("json", "null")
    with pytest.raises(DurablePayloadError, match="not JSON serialisable"):
        converter.encode(object(), expected_type=None)


@pytest.mark.parametrize(("converter", "context"), TRIGGERS)
def test_trigger_annotations_and_facts(
    converter: type[OrchestrationTriggerConverter], context: type[object]
) -> None:
    other = EntityContext if context is OrchestrationContext else OrchestrationContext
    assert converter.check_input_type_annotation(context)
    for pytype in (
        other,
        str,
        bytes,
        int,
        dict,
        None,
        list[int],
        "OrchestrationContext",
    ):
        assert not converter.check_input_type_annotation(pytype)
    outputs: tuple[object, ...] = (str, dict, int, None, list[int], context)
    for output in outputs:
        assert converter.check_output_type_annotation(output)
    assert converter.has_trigger_support()
    assert converter.has_implicit_output()


def test_contexts() -> None:
    ctx = OrchestrationContext(b'{"a": 1}')
    assert ctx.body == '{"a": 1}'
    assert repr(ctx) == '<azure.OrchestrationContext body={"a": 1}>'
    assert repr(EntityContext("x" * 100)).endswith("xx...>")
    assert not isinstance(EntityContext("{}"), OrchestrationContext)
    with pytest.raises(TypeError, match="must be str or bytes"):
        OrchestrationContext(5)  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        ctx.body = "{}"  # type: ignore[misc]


# -- activity trigger ---------------------------------------------------------------


def activity_in(value: object, wire: str = "json") -> object:
    return ActivityTriggerConverter.decode(
        WorkerDatum(value, wire), trigger_metadata=None
    )


@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (WorkerDatum("sample", "string"), "sample"),
        (WorkerDatum("123", "string"), 123),
        (WorkerDatum("1234.56", "string"), 1234.56),
        (WorkerDatum('[ "do", "re", "mi" ]', "string"), ["do", "re", "mi"]),
        (WorkerDatum('{ "number": "42" }', "string"), {"number": "42"}),
        (WorkerDatum('"sample_json_string"', "json"), "sample_json_string"),
        (WorkerDatum('{ "invalid": "json"', "json"), '{ "invalid": "json"'),
        (WorkerDatum("true", "json"), True),
        (WorkerDatum("null", "json"), None),
        (WorkerDatum("", "string"), ""),
        (WorkerDatum("12345678901234567890123", "json"), 12345678901234567890123),
        (WorkerDatum(None, None), None),
    ],
)
def test_activity_input(datum: WorkerDatum, expected: object) -> None:
    value = ActivityTriggerConverter.decode(datum, trigger_metadata=None)
    assert value == expected
    assert type(value) is type(expected)


def test_activity_input_rebuilds_custom_objects() -> None:
    text = json.dumps(
        [
            POINT,
            {"tag": {"__class__": "Tag", "__module__": __name__, "__data__": '"v"'}},
        ]
    )
    value = activity_in(text)
    assert isinstance(value, list)
    assert value[0] == Point(1, 2)
    assert isinstance(value[1]["tag"], Tag)
    assert value[1]["tag"].name == "v"


@pytest.mark.parametrize(
    ("envelope", "cause"),
    [
        (
            {"__class__": "Point", "__module__": "not.imported.module", "__data__": 1},
            ValueError,
        ),
        (
            {"__class__": "Missing", "__module__": __name__, "__data__": 1},
            AttributeError,
        ),
        (
            {"__class__": "Datum", "__module__": "azure.functions.meta", "__data__": 1},
            TypeError,
        ),
    ],
)
def test_activity_input_that_cannot_be_rebuilt(
    envelope: dict[str, object], cause: type[Exception]
) -> None:
    with pytest.raises(ValueError, match="activityTrigger") as info:
        activity_in(json.dumps(envelope))
    assert isinstance(info.value, DurablePayloadError)
    assert type(info.value.__cause__) is cause


@pytest.mark.parametrize("datum", [WorkerDatum(b"1", "bytes"), WorkerDatum(3, "int")])
def test_activity_input_of_other_wire_types(datum: WorkerDatum) -> None:
    with pytest.raises(NotImplementedError, match="activityTrigger"):
        ActivityTriggerConverter.decode(datum, trigger_metadata=None)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("sample", '"sample"'),
        (123, "123"),
        (1234.56, "1234.56"),
        (["do", "re", "mi"], '["do", "re", "mi"]'),
        ({"number": "42"}, '{"number": "42"}'),
        (None, "null"),
        (True, "true"),
        ("é", '"\\u00e9"'),
        (Point(1, 2), json.dumps(POINT)),
    ],
)
def test_activity_output_is_written_as_the_reference_wrote_it(
    value: object, text: str
) -> None:
    assert encoded(ActivityTriggerConverter.encode(value, expected_type=None)) == (
        "json",
        text,
    )


def test_activity_output_that_cannot_be_written() -> None:
    with pytest.raises(ValueError, match="activityTrigger") as info:
        ActivityTriggerConverter.encode({"when": object()}, expected_type=None)
    assert isinstance(info.value.__cause__, TypeError)


json_values: st.SearchStrategy[JSONValue] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=80, deadline=None)
@given(json_values)
def test_activity_round_trip(value: JSONValue) -> None:
    datum = ActivityTriggerConverter.encode(value, expected_type=None)
    assert ActivityTriggerConverter.decode(datum, trigger_metadata=None) == value


@settings(max_examples=40, deadline=None)
@given(st.lists(st.builds(Point, st.integers(), st.integers()), max_size=3))
def test_custom_objects_round_trip(points: list[Point]) -> None:
    assert df_loads(df_dumps({"points": points})) == {"points": points}


def test_activity_facts() -> None:
    for pytype in (str, int, dict, Point, None, list[int], typing.Optional[str]):  # noqa: UP045
        assert ActivityTriggerConverter.check_input_type_annotation(pytype)
        assert ActivityTriggerConverter.check_output_type_annotation(pytype)
    assert ActivityTriggerConverter.has_trigger_support()
    assert ActivityTriggerConverter.has_implicit_output()


# -- durable client -----------------------------------------------------------------

CLIENT_CONFIG = json.dumps(
    {
        "taskHubName": "TestHubName",
        "creationUrls": {"createNewInstancePostUri": "http://localhost:7071/..."},
        "managementUrls": {"id": "INSTANCEID"},
        "baseUrl": "http://localhost:7071/runtime/webhooks/durabletask",
        "requiredQueryStringParameters": "code=abc",
        "rpcBaseUrl": "http://127.0.0.1:17071/durabletask/",
    }
)


@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (WorkerDatum(CLIENT_CONFIG, "string"), CLIENT_CONFIG),
        (WorkerDatum(CLIENT_CONFIG, "json"), CLIENT_CONFIG),
        (WorkerDatum(b"abc", "bytes"), b"abc"),
        (WorkerDatum(None, None), None),
        (None, None),
    ],
)
def test_client_passes_the_value_through(
    datum: WorkerDatum | None, expected: object
) -> None:
    assert DurableClientConverter.decode(datum, trigger_metadata=None) == expected


def test_client_refuses_other_wire_types() -> None:
    with pytest.raises(ValueError, match="durableClient"):
        DurableClientConverter.decode(WorkerDatum(1, "int"), trigger_metadata=None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("s", ("string", "s")),
        (b"b", ("bytes", b"b")),
        (bytearray(b"x"), ("bytes", b"x")),
        (None, (None, None)),
        (1, ("int", 1)),
        (1.5, ("double", 1.5)),
        (True, ("json", "true")),
        ({"a": 1}, ("json", '{"a":1}')),
        ([1], ("json", "[1]")),
    ],
)
def test_client_encode(value: object, expected: tuple[str | None, object]) -> None:
    assert encoded(DurableClientConverter.encode(value, expected_type=None)) == expected


def test_client_encode_refuses_other_values() -> None:
    with pytest.raises(NotImplementedError, match="durableClient"):
        DurableClientConverter.encode({1, 2}, expected_type=None)


def test_client_facts() -> None:
    assert DurableClientConverter.check_input_type_annotation(str)
    assert DurableClientConverter.check_input_type_annotation(bytes)
    assert not DurableClientConverter.check_input_type_annotation(bytearray)
    assert not DurableClientConverter.check_input_type_annotation(int)
    assert not DurableClientConverter.check_input_type_annotation(None)
    assert DurableClientConverter.check_output_type_annotation(bytearray)
    assert not DurableClientConverter.check_output_type_annotation(dict)
    assert not DurableClientConverter.has_trigger_support()
    assert not DurableClientConverter.has_implicit_output()


# -- the codec ----------------------------------------------------------------------


def test_envelopes() -> None:
    assert serialize_custom_object(Point(1, 2)) == POINT
    assert serialize_custom_object(Tag("v"))["__data__"] == '"v"'
    with pytest.raises(TypeError, match="does not expose a `to_json`"):
        serialize_custom_object(object())
    assert deserialize_custom_object(dict(POINT)) == Point(1, 2)
    plain: dict[str, object] = {"__class__": "Point", "__module__": __name__}
    assert deserialize_custom_object(plain) is plain
    with pytest.raises(ValueError, match="not loaded"):
        deserialize_custom_object({"__class__": "X", "__module__": 3, "__data__": 1})
    assert "not.imported.module" not in sys.modules


def test_loose_mode_wraps_nested_objects() -> None:
    assert get_serialize_default() is serialize_custom_object
    assert json.loads(df_dumps({"p": [Point(0, 0)]})) == {
        "p": [{**POINT, "__data__": {"x": 0, "y": 0}}]
    }


def test_loose_expected_type_logs_a_mismatch(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="azure.functions.DurableFunctions"):
        assert df_loads(json.dumps(POINT), Point) == Point(1, 2)
        assert not caplog.records
        assert df_loads(json.dumps(POINT), Tag) == Point(1, 2)
        assert df_loads("[1]", dict) == [1]
        assert df_loads("[1]", list[int]) == [1]
    assert len(caplog.records) == 2
    assert f"declares class {__name__}.Point" in caplog.records[0].message
    assert "not compatible with expected type" in caplog.records[1].message


@pytest.mark.usefixtures("strict_mode")
def test_strict_mode_wraps_only_the_top_level() -> None:
    assert get_serialize_default() is None
    assert json.loads(df_dumps(Point(1, 2))) == POINT
    assert df_dumps({"a": 1}) == '{"a": 1}'
    with pytest.raises(TypeError):
        df_dumps([Point(1, 2)])


@pytest.mark.usefixtures("strict_mode")
def test_strict_mode_rebuilds_only_through_the_expected_type() -> None:
    text = json.dumps(POINT)
    assert df_loads(text, Point) == Point(1, 2)
    with pytest.raises(TypeError, match="needs expected_type"):
        df_loads(text)
    with pytest.raises(TypeError, match="but expected"):
        df_loads(text, Tag)
    with pytest.raises(TypeError, match="not compatible"):
        df_loads("[1]", dict)
    assert df_loads(json.dumps({"p": POINT}), dict) == {"p": POINT}
    with pytest.raises(ValueError, match="activityTrigger") as info:
        activity_in(text)
    assert isinstance(info.value.__cause__, TypeError)


# -- registration ---------------------------------------------------------------------


def test_registration_and_the_alias() -> None:
    assert EntityTriggerConverter is EnitityTriggerConverter
    assert PublicEntityConverter is EnitityTriggerConverter
    assert PublicEntityAlias is EnitityTriggerConverter
    registry = get_binding_registry()
    assert registry.get("orchestrationTrigger") is OrchestrationTriggerConverter
    assert registry.get("entityTrigger") is EnitityTriggerConverter
    assert registry.get("activityTrigger") is ActivityTriggerConverter
    assert registry.get("durableClient") is DurableClientConverter


# --- df_dumps(ensure_ascii=False), from azure-functions 2.4.0b1 -------------------


def test_ensure_ascii_false_writes_text_as_is_but_keeps_del_and_surrogates() -> None:
    value = {"name": "Zoë 😀", "raw": "\x7f", "lone": "\ud83d", "pair": "\ud83d\ude00"}
    text = df_dumps(value, ensure_ascii=False)
    assert text == (
        '{"name": "Zoë 😀", "raw": "\\u007f", "lone": "\\ud83d", '
        '"pair": "\\ud83d\\ude00"}'
    )
    text.encode("utf-8")  # no surrogate left to trip UTF-8
    # Read back as the default output reads (an escaped pair is one character).
    assert json.loads(text) == json.loads(df_dumps(value)) == {**value, "pair": "😀"}
    assert df_dumps(value) == json.dumps(value)  # the default is unchanged


@given(st.text(alphabet=st.characters(exclude_categories=())))
def test_ensure_ascii_false_reads_back_as_the_default_output(text: str) -> None:
    written = df_dumps({"t": [text]}, ensure_ascii=False)
    assert df_loads(written) == df_loads(df_dumps({"t": [text]}))
    written.encode("utf-8")
    assert "\x7f" not in written
    kept = [c for c in text if ord(c) > 0x7F and not 0xD800 <= ord(c) <= 0xDFFF]
    assert all(char in written for char in kept)


def test_ensure_ascii_false_keeps_envelopes() -> None:
    assert json.loads(df_dumps({"p": Point(1, 2), "n": "é"}, ensure_ascii=False)) == {
        "p": POINT,
        "n": "é",
    }


@pytest.mark.usefixtures("strict_mode")
def test_ensure_ascii_false_in_strict_mode() -> None:
    assert df_dumps(Point(1, 2), ensure_ascii=False) == df_dumps(Point(1, 2))
    assert df_dumps(["é"], ensure_ascii=False) == '["é"]'
