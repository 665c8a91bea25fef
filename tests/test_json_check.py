"""check_json: the value comes back typed only after every part was checked."""

from __future__ import annotations

import json
import pickle
import sys
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, NewType, Optional, TypedDict, Union

import pytest
import typing_extensions as te
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func


class Line(TypedDict):
    sku: str
    qty: int


class Order(TypedDict, total=False):
    id: te.Required[str]
    lines: list[Line]
    status: Literal["new", "paid"]
    note: str | None
    extra: func.JSONValue
    price: float
    paid: bool


class Node(TypedDict):
    name: str
    children: list[Node]


class Reading(te.TypedDict):
    sensor: str
    value: te.NotRequired[Annotated[float, "celsius"]]
    unit: te.ReadOnly[str]


class Event(TypedDict):
    data: func.JSONValue
    tags: list[Literal["a", "b"] | None]
    lines: dict[str, list[Line]]


class Abstract(TypedDict):
    items: Sequence[int]
    by_name: Mapping[str, Sequence[int]]


SKU = NewType("SKU", str)


def shape_error(value: object, tp: Any) -> func.JSONShapeError:
    with pytest.raises(func.JSONShapeError) as caught:
        func.check_json(value, tp)
    return caught.value


def test_returns_the_value_itself_once_it_fits() -> None:
    value = json.loads(
        '{"id": "o1", "lines": [{"sku": "a", "qty": 2}], "status": "paid",'
        ' "note": null, "extra": {"any": [1, "x", null]}, "price": 3, "paid": true,'
        ' "undeclared": {"left": "alone"}}'
    )
    assert func.check_json(value, Order) is value


@pytest.mark.parametrize(
    ("value", "tp", "message"),
    [
        ({"lines": []}, Order, "$.id is missing; expected str (a required key)"),
        (
            {"id": "o", "lines": [{"sku": "a", "qty": True}]},
            Order,
            "$.lines[0].qty is a JSON boolean; expected int",
        ),
        (
            {"id": "o", "lines": [{"sku": "a", "qty": 1}, {"qty": 1}]},
            Order,
            "$.lines[1].sku is missing; expected str (a required key)",
        ),
        (
            {"id": "o", "status": "old"},
            Order,
            "$.status is a JSON string; expected 'new' or 'paid'",
        ),
        ({"id": "o", "note": 3}, Order, "$.note is a JSON number; expected str | None"),
        ({"id": "o", "price": "3"}, Order, "$.price is a JSON string; expected float"),
        (
            {"id": "o", "price": False},
            Order,
            "$.price is a JSON boolean; expected float",
        ),
        ({"id": "o", "paid": 1}, Order, "$.paid is a JSON number; expected bool"),
        ([], Order, "$ is a JSON array; expected object (Order)"),
        (
            {"id": "o", "extra": {"k": [1, {2, 3}]}},
            Order,
            "$.extra.k[1] is a set, not a JSON value; expected a JSON value",
        ),
        ({"a b": "x"}, dict[str, int], "$['a b'] is a JSON string; expected int"),
        ({1: 2}, dict[str, int], "$ key 1 is a JSON number; expected str"),
        ("[]", list[str], "$ is a JSON string; expected array"),
        ([None], list[str], "$[0] is a JSON null; expected str"),
        ([1], list[None], "$[0] is a JSON number; expected null"),
        (1.5, int, "$ is a JSON number; expected int"),
        ({}, str, "$ is a JSON object; expected str"),
    ],
)
def test_names_the_first_place_that_differs(
    value: object, tp: Any, message: str
) -> None:
    error = shape_error(value, tp)
    assert str(error) == f"check_json(): {message}"
    assert isinstance(error, ValueError)
    assert message.startswith(f"{error.path} is ")


def test_numbers_bools_and_none() -> None:
    assert func.check_json(1, float) == 1  # an int is a float, as in typing
    assert func.check_json(True, bool) is True
    assert func.check_json(None, type(None)) is None
    assert shape_error(True, int).expected == "int"
    assert shape_error(0, bool).got == "a JSON number"


def test_required_and_not_required_keys() -> None:
    assert func.check_json({"sensor": "s", "unit": "C"}, Reading)
    assert func.check_json({"sensor": "s", "unit": "C", "value": 1}, Reading)
    assert shape_error({"sensor": "s"}, Reading).path == "$.unit"
    error = shape_error({"sensor": "s", "unit": "C", "value": "1"}, Reading)
    assert str(error).endswith("$.value is a JSON string; expected float")
    assert func.check_json({"id": "only the required key"}, Order)


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        ("data", "JSONValue"),
        ("tags", "list[Literal['a', 'b'] | None]"),
        ("lines", "dict[str, list[Line]]"),
    ],
)
def test_a_missing_key_says_the_type_it_wants(missing: str, expected: str) -> None:
    event: dict[str, object] = {"data": None, "tags": [], "lines": {}}
    del event[missing]
    error = shape_error(event, Event)
    assert (error.path, error.got) == (f"$.{missing}", "missing")
    assert error.expected == f"{expected} (a required key)"


def test_recursive_typeddict() -> None:
    def tree(leaf: object) -> object:
        return {"name": "a", "children": [{"name": "b", "children": [leaf]}]}

    good = tree({"name": "c", "children": []})
    assert func.check_json(good, Node) is good
    bad = tree({"name": 7, "children": []})
    assert shape_error(bad, Node).path == "$.children[0].children[0].name"


def test_unions_optionals_annotated_and_newtypes() -> None:
    assert func.check_json([1, "a", None], list[Union[int, str, None]])  # noqa: UP007
    assert func.check_json(["a"], list[Optional[SKU]])  # noqa: UP045
    assert func.check_json([2.5], list[Annotated[float, "unit"]])
    assert shape_error([b"x"], list[int | str]).expected == "int | str"
    assert shape_error([1], list[SKU]).expected == "str"
    assert func.check_json({"k": [1, [2]]}, dict[str, Any])
    assert func.check_json({"k": object()}, dict[str, object])


def test_bare_and_abstract_containers() -> None:
    assert func.check_json([1, "x"], list)
    assert func.check_json({"a": 1}, dict)
    assert shape_error((1, 2), list).got == "a tuple, not a JSON value"
    value = {"items": [1], "by_name": {"a": [2]}}
    assert func.check_json(value, Abstract) is value
    assert shape_error({**value, "items": (1,)}, Abstract).path == "$.items"


def test_a_document_is_an_object() -> None:
    doc = func.Document.from_dict({"id": "1", "lines": []})
    assert func.check_json(doc, Order) is doc


def test_json_value_defined_in_the_typeddicts_own_module() -> None:
    module = types.ModuleType("check_json_user_module")
    sys.modules[module.__name__] = module
    try:
        exec(
            "from __future__ import annotations\n"
            "from typing import TypedDict\n"
            "from azure.functions import JSONValue\n"
            "class Event(TypedDict):\n"
            "    data: JSONValue\n",
            module.__dict__,
        )
        event = module.Event
        assert func.check_json({"data": [1, {"a": None}]}, event)
        assert shape_error({"data": [1, {"a": ...}]}, event).path == "$.data[1].a"
    finally:
        del sys.modules[module.__name__]


@pytest.mark.parametrize(
    "tp",
    [tuple[int, int], set, dict[int, str], bytes],
    ids=["tuple", "set", "int keys", "bytes"],
)
def test_types_that_are_not_json_shapes_are_type_errors(tp: Any) -> None:
    with pytest.raises(TypeError, match="check_json"):
        func.check_json({}, tp)


def test_classes_are_not_built() -> None:
    @dataclass
    class Point:
        x: int

    with pytest.raises(TypeError, match=r"cannot check .*Point"):
        func.check_json({"x": 1}, Point)


def test_an_unresolvable_forward_reference_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="forward reference"):
        func.check_json(["x"], list["Line"])


def test_shape_error_pickles() -> None:
    error = shape_error({"id": 1}, Order)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.got, copy.expected) == ("$.id", "a JSON number", "str")
    assert str(copy) == str(error)


json_values: st.SearchStrategy[func.JSONValue] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_any_parsed_json_is_a_json_value(value: func.JSONValue) -> None:
    parsed = json.loads(json.dumps(value))
    assert func.check_json([parsed], list[func.JSONValue]) == [parsed]
    if isinstance(parsed, dict):
        assert func.check_json(parsed, dict[str, Any]) is parsed
    else:
        assert shape_error(parsed, dict[str, Any]).path == "$"


def _paths(value: object, path: str = "$") -> list[tuple[str, list[object]]]:
    """Every place in *value*, as its check_json path and the keys to reach it."""
    found: list[tuple[str, list[object]]] = [(path, [])]
    items: list[tuple[object, str]] = []
    if isinstance(value, list):
        items = [(i, f"{path}[{i}]") for i in range(len(value))]
    elif isinstance(value, dict):
        items = [
            (k, f"{path}.{k}" if k.isidentifier() else f"{path}[{k!r}]") for k in value
        ]
    for key, sub in items:
        child = value[key]  # type: ignore[index]
        found += [(p, [key, *keys]) for p, keys in _paths(child, sub)]
    return found


@given(json_values, st.data())
def test_a_non_json_leaf_is_found_where_it_is(
    value: func.JSONValue, data: st.DataObject
) -> None:
    parsed = json.loads(json.dumps(value))
    path, keys = data.draw(st.sampled_from(_paths(parsed)))
    if not keys:
        parsed = {1, 2}
    else:
        holder: Any = parsed
        for key in keys[:-1]:
            holder = holder[key]
        holder[keys[-1]] = {1, 2}
    error = shape_error([parsed], list[func.JSONValue])
    assert error.path == "$[0]" + path[1:]
    assert error.got == "a set, not a JSON value"
