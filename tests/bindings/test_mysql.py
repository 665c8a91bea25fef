"""The ``mysql`` binding and ``mysqlTrigger`` (rows shaped as for SQL)."""

from __future__ import annotations

import json
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from azure.functions._bindings.mysql import (
    BaseMySqlRow,
    BaseMySqlRowList,
    MySqlConverter,
    MySqlRow,
    MySqlRowList,
    MySqlTriggerConverter,
)
from azure.functions._bindings.sql import SqlRow, SqlRowList
from azure.functions._errors import DatumTypeError, InvalidJSONError
from azure.functions.meta import Datum, get_binding_registry
from azure.functions.mysql import MySqlConverter as PublicMySqlConverter
from azure.functions.mysql import MySqlTriggerConverter as PublicTriggerConverter
from tests._wire import WorkerDatum

# What the MySQL trigger sends: one change per row, the row under "Item".
TRIGGER_CHANGES = (
    '[{"Operation":0,"Item":{"ProductId":1,"Name":"Chair","Cost":100}},'
    '{"Operation":1,"Item":{"ProductId":2,"Name":"Desk","Cost":250.5}}]'
)

CONVERTERS = [MySqlConverter, MySqlTriggerConverter]


def decode(
    converter: type[MySqlConverter], datum: WorkerDatum | None
) -> MySqlRowList | None:
    return converter.decode(datum, trigger_metadata={})  # type: ignore[arg-type]


def test_input_binding_reads_the_query_result() -> None:
    rows = decode(
        MySqlConverter,
        WorkerDatum(
            '[{"ProductId":1,"Name":"Chair"},{"ProductId":2,"Name":"Déjà"}]', "string"
        ),
    )
    assert type(rows) is MySqlRowList
    assert rows == [{"ProductId": 1, "Name": "Chair"}, {"ProductId": 2, "Name": "Déjà"}]
    assert all(type(row) is MySqlRow for row in rows)


def test_trigger_reads_each_change() -> None:
    changes = decode(MySqlTriggerConverter, WorkerDatum(TRIGGER_CHANGES, "json"))
    assert changes is not None
    assert [change["Operation"] for change in changes] == [0, 1]
    assert changes[1]["Item"] == {"ProductId": 2, "Name": "Desk", "Cost": 250.5}


@pytest.mark.parametrize("converter", CONVERTERS)
def test_bytes_single_objects_and_no_value(converter: type[MySqlConverter]) -> None:
    assert decode(converter, WorkerDatum(b'{"a": 1}', "bytes")) == [{"a": 1}]
    assert decode(converter, WorkerDatum(None, None)) is None
    assert decode(converter, None) is None
    assert decode(converter, WorkerDatum("null", "json")) == []


def test_errors_name_the_binding_the_worker_asked_for() -> None:
    with pytest.raises(DatumTypeError, match="binding 'mysqlTrigger'"):
        decode(MySqlTriggerConverter, WorkerDatum(5, "int"))
    with pytest.raises(DatumTypeError, match="binding 'mysql'"):
        decode(MySqlConverter, WorkerDatum("[1]", "json"))
    with pytest.raises(InvalidJSONError, match="binding 'mysqlTrigger'"):
        decode(MySqlTriggerConverter, WorkerDatum("[{", "json"))
    with pytest.raises(DatumTypeError, match=r"binding 'mysql'.*MySqlRow or dict"):
        MySqlConverter.encode("row", expected_type=None)


@pytest.mark.parametrize("converter", CONVERTERS)
def test_encode(converter: type[MySqlConverter]) -> None:
    for obj, expected in [
        (MySqlRow(ProductId=1), [{"ProductId": 1}]),
        (MySqlRowList([MySqlRow(a=1), MySqlRow(a=2)]), [{"a": 1}, {"a": 2}]),
        ([{"a": "é"}], [{"a": "é"}]),
    ]:
        datum = converter.encode(obj, expected_type=None)
        assert isinstance(datum, Datum)
        assert datum.type == "json"
        assert isinstance(datum.value, str)
        assert json.loads(datum.value) == expected


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.text(),
            st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
            max_size=4,
        ),
        max_size=4,
    )
)
def test_round_trip(rows: list[dict[str, str | int | bool | None]]) -> None:
    datum = MySqlConverter.encode(
        MySqlRowList(MySqlRow(r) for r in rows), expected_type=None
    )
    assert MySqlConverter.decode(datum, trigger_metadata=None) == rows


def test_row_type() -> None:
    row = MySqlRow.from_json('{"a": 1}')
    assert type(row) is MySqlRow
    assert isinstance(row, BaseMySqlRow)
    assert isinstance(row, dict)
    assert not isinstance(row, SqlRow)
    assert isinstance(MySqlRowList(), BaseMySqlRowList)
    assert row.to_json() == '{"a":1}'
    assert repr(row) == "MySqlRow({'a': 1})"
    assert repr(MySqlRowList()) == "MySqlRowList([])"


@pytest.mark.parametrize("converter", CONVERTERS)
@pytest.mark.parametrize(
    ("pytype", "as_input", "as_output"),
    [
        (MySqlRowList, True, True),
        (MySqlRow, False, True),
        (list[MySqlRow], True, True),
        (typing.List[MySqlRow], True, True),  # noqa: UP006
        (SqlRowList, False, False),
        (SqlRow, False, False),
        (list[SqlRow], False, False),
        (dict, False, False),
        (list[int], False, False),
        (typing.Optional[MySqlRow], False, False),  # noqa: UP045
        (None, False, False),
    ],
)
def test_annotations(
    converter: type[MySqlConverter], pytype: object, as_input: bool, as_output: bool
) -> None:
    assert converter.check_input_type_annotation(pytype) is as_input
    assert converter.check_output_type_annotation(pytype) is as_output


def test_converter_facts() -> None:
    assert PublicMySqlConverter is MySqlConverter
    assert PublicTriggerConverter is MySqlTriggerConverter
    registry = get_binding_registry()
    assert registry.get("mysql") is MySqlConverter
    assert registry.get("mysqlTrigger") is MySqlTriggerConverter
    assert not MySqlConverter.has_trigger_support()
    assert MySqlTriggerConverter.has_trigger_support()
    assert not MySqlConverter.has_implicit_output()
    assert not MySqlTriggerConverter.has_implicit_output()
