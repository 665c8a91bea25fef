"""The ``sql`` binding and the JSON-object records shared with MySQL and Cosmos DB."""

from __future__ import annotations

import json
import typing
from collections.abc import Iterable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from azure.functions._bindings.sql import (
    BaseSqlRow,
    BaseSqlRowList,
    JsonRecord,
    RecordList,
    SqlConverter,
    SqlRow,
    SqlRowList,
    decode_records,
    encode_records,
)
from azure.functions._errors import DatumTypeError, InvalidJSONError
from azure.functions.meta import Datum, get_binding_registry
from azure.functions.sql import SqlConverter as PublicSqlConverter
from tests._wire import WorkerDatum, collection_message

if typing.TYPE_CHECKING:
    from azure.functions import JSONValue

# What the SQL input binding sends for `SELECT * FROM dbo.ToDo`: a JSON array.
TODO_ROWS = (
    '[{"Id":"6bf5c5a8-7d3e-4b4f-a2e3-54a1b0f3e6f1","order":1,'
    '"title":"Buy milk","url":"https://example.net/api/todo/1","completed":false},'
    '{"Id":"a1c0e7f2-0d8b-4a0b-9a52-4e0c7c0f2b6d","order":2,"title":"Write \\u00e9",'
    '"url":null,"completed":true}]'
)


def decode(datum: WorkerDatum | None) -> SqlRowList | None:
    return SqlConverter.decode(datum, trigger_metadata=None)  # type: ignore[arg-type]


def decoded(datum: WorkerDatum) -> SqlRowList:
    rows = decode(datum)
    assert rows is not None
    return rows


# -- decode -------------------------------------------------------------------------


@pytest.mark.parametrize("wire", ["string", "json"])
def test_decode_reads_every_row_of_a_query(wire: str) -> None:
    rows = decoded(WorkerDatum(TODO_ROWS, wire))
    assert type(rows) is SqlRowList
    assert [type(row) for row in rows] == [SqlRow, SqlRow]
    assert rows[0] == {
        "Id": "6bf5c5a8-7d3e-4b4f-a2e3-54a1b0f3e6f1",
        "order": 1,
        "title": "Buy milk",
        "url": "https://example.net/api/todo/1",
        "completed": False,
    }
    assert rows[1]["title"] == "Write é"
    assert rows[1]["url"] is None


def test_decode_reads_utf8_bytes() -> None:
    rows = decoded(WorkerDatum('[{"name": "Zoë"}]'.encode(), "bytes"))
    assert rows == [{"name": "Zoë"}]


def test_a_single_object_is_one_row() -> None:
    assert decoded(WorkerDatum('{"Id": 7}', "json")) == [{"Id": 7}]


def test_an_empty_result_is_an_empty_list() -> None:
    rows = decoded(WorkerDatum("[]", "json"))
    assert type(rows) is SqlRowList
    assert rows == []
    assert not rows


def test_json_null_is_no_rows_and_null_items_are_skipped() -> None:
    assert decoded(WorkerDatum("null", "json")) == []
    assert decoded(WorkerDatum('[null, {"a": 1}, null]', "json")) == [{"a": 1}]


@pytest.mark.parametrize(
    "datum", [None, WorkerDatum(None, None), WorkerDatum("x", None)]
)
def test_no_value_decodes_to_none(datum: WorkerDatum | None) -> None:
    assert decode(datum) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("5", "a JSON number"),
        ('"row"', "a JSON string"),
        ("true", "a JSON boolean"),
        ('[{"a": 1}, 3]', "item 1 of the value is a JSON number"),
        ('[[{"a": 1}]]', "item 0 of the value is a JSON array"),
    ],
)
def test_values_that_are_not_rows_are_refused(text: str, fragment: str) -> None:
    with pytest.raises(DatumTypeError, match=fragment) as info:
        decode(WorkerDatum(text, "json"))
    assert info.value.binding == "sql"


@pytest.mark.parametrize(
    "datum",
    [
        WorkerDatum(3, "int"),
        WorkerDatum(1.5, "double"),
        WorkerDatum(
            collection_message("collection_string", ["{}"]), "collection_string"
        ),
        WorkerDatum({}, "http"),
    ],
)
def test_other_wire_types_are_refused(datum: WorkerDatum) -> None:
    with pytest.raises(DatumTypeError, match="'sql'") as info:
        decode(datum)
    assert isinstance(info.value, NotImplementedError)


def test_a_text_datum_holding_no_text_is_refused() -> None:
    with pytest.raises(DatumTypeError, match="a json datum holding int"):
        decode(WorkerDatum(5, "json"))


@pytest.mark.parametrize(
    "datum", [WorkerDatum('[{"a": 1}', "json"), WorkerDatum(b"\xff\xfe[", "bytes")]
)
def test_malformed_json_names_the_binding(datum: WorkerDatum) -> None:
    with pytest.raises(InvalidJSONError, match="binding 'sql'"):
        decode(datum)


def test_decoded_rows_are_independent_mutable_dicts() -> None:
    rows = decoded(WorkerDatum('[{"a": 1}, {"a": 1}]', "json"))
    rows[0]["a"] = 2
    rows[0]["b"] = [1, 2]
    rows.append(SqlRow(a=3))
    assert rows == [{"a": 2, "b": [1, 2]}, {"a": 1}, {"a": 3}]


# -- encode -------------------------------------------------------------------------


def encode(obj: object) -> list[object]:
    datum = SqlConverter.encode(obj, expected_type=None)
    assert isinstance(datum, Datum)
    assert datum.type == "json"
    assert isinstance(datum.value, str)
    value = json.loads(datum.value)
    assert isinstance(value, list)
    return value


def test_encode_one_row_is_an_array_of_one() -> None:
    assert encode(SqlRow(Id=1, title="é")) == [{"Id": 1, "title": "é"}]


def test_encode_a_row_list_keeps_the_order() -> None:
    rows = SqlRowList([SqlRow(Id=2), SqlRow(Id=1)])
    assert encode(rows) == [{"Id": 2}, {"Id": 1}]


def test_encode_accepts_dicts_lists_tuples_and_generators() -> None:
    assert encode({"Id": 1}) == [{"Id": 1}]
    assert encode([{"Id": 1}, SqlRow(Id=2)]) == [{"Id": 1}, {"Id": 2}]
    assert encode(({"Id": 1},)) == [{"Id": 1}]
    assert encode(SqlRow(Id=n) for n in range(3)) == [{"Id": 0}, {"Id": 1}, {"Id": 2}]
    assert encode([]) == []


def test_encode_keeps_nested_json_values() -> None:
    row = SqlRow(tags=["a", "b"], meta={"x": None, "y": 1.5}, big=10**20)
    assert encode(row) == [
        {"tags": ["a", "b"], "meta": {"x": None, "y": 1.5}, "big": 10**20}
    ]


@pytest.mark.parametrize(
    ("obj", "fragment"),
    [
        ("a string", "the output value is of type str"),
        (b"bytes", "the output value is of type bytes"),
        (42, "the output value is of type int"),
        (None, "the output value is of type NoneType"),
        ([SqlRow(a=1), 3], "item 1 of the output is of type int"),
        (["not a row"], "item 0 of the output is of type str"),
        ({"when": object()}, "not JSON serialisable"),
    ],
)
def test_encode_refuses_what_is_not_rows(obj: object, fragment: str) -> None:
    with pytest.raises(DatumTypeError, match=fragment) as info:
        SqlConverter.encode(obj, expected_type=None)
    assert info.value.binding == "sql"
    assert isinstance(info.value, NotImplementedError)


def test_encode_refuses_a_cycle() -> None:
    row: dict[str, object] = {}
    row["self"] = row
    with pytest.raises(DatumTypeError, match="not JSON serialisable"):
        SqlConverter.encode(row, expected_type=None)


# -- round trips --------------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)  # orjson: 64-bit ints
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values: st.SearchStrategy[JSONValue] = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=12,
)
json_objects = st.dictionaries(st.text(), json_values, max_size=5)


@settings(max_examples=60, deadline=None)
@given(st.lists(json_objects, max_size=4))
def test_encode_then_decode_gives_the_rows_back(
    rows: list[dict[str, JSONValue]],
) -> None:
    datum = SqlConverter.encode(SqlRowList(SqlRow(r) for r in rows), expected_type=None)
    back = SqlConverter.decode(datum, trigger_metadata=None)
    assert back == rows
    assert all(type(row) is SqlRow for row in back or ())


@settings(max_examples=60, deadline=None)
@given(json_objects)
def test_record_json_round_trip(data: dict[str, JSONValue]) -> None:
    row = SqlRow.from_dict(data)
    assert SqlRow.from_json(row.to_json()) == data
    assert json.loads(row.to_json()) == data


# -- the row type -------------------------------------------------------------------


def test_row_is_a_dict_and_a_base_sql_row() -> None:
    row = SqlRow({"a": 1}, b=2)
    assert isinstance(row, dict)
    assert isinstance(row, BaseSqlRow)
    assert isinstance(SqlRowList(), list)
    assert isinstance(SqlRowList(), BaseSqlRowList)
    assert row == {"a": 1, "b": 2}


def test_from_json_accepts_text_and_bytes() -> None:
    assert SqlRow.from_json('{"a": [1, "é"]}') == {"a": [1, "é"]}
    assert SqlRow.from_json(b'{"a": 1}') == {"a": 1}
    assert type(SqlRow.from_json("{}")) is SqlRow


@pytest.mark.parametrize("text", ["[1]", "3", "null", '"x"'])
def test_from_json_needs_an_object(text: str) -> None:
    with pytest.raises(ValueError, match=r"SqlRow.from_json\(\) needs a JSON object"):
        SqlRow.from_json(text)


def test_from_json_names_itself_on_malformed_json() -> None:
    with pytest.raises(InvalidJSONError, match=r"SqlRow.from_json\(\)"):
        SqlRow.from_json("{")


def test_from_dict_and_to_dict_copy() -> None:
    source: dict[str, JSONValue] = {"a": 1}
    row = SqlRow.from_dict(source)
    assert type(row) is SqlRow
    row["a"] = 2
    assert source == {"a": 1}
    plain = row.to_dict()
    assert type(plain) is dict
    plain["a"] = 3
    assert row["a"] == 2


def test_copy_keeps_the_class() -> None:
    row = SqlRow(a=1)
    copied = row.copy()
    assert type(copied) is SqlRow
    assert copied == row
    assert copied is not row


def test_to_json_is_compact_json() -> None:
    assert json.loads(SqlRow(a=1, b="é").to_json()) == {"a": 1, "b": "é"}


def test_reprs_show_the_content() -> None:
    assert repr(SqlRow(a=1)) == "SqlRow({'a': 1})"
    assert repr(SqlRowList([SqlRow(a=1)])) == "SqlRowList([SqlRow({'a': 1})])"


def test_a_user_row_class_can_implement_the_base() -> None:
    class Row(BaseSqlRow):
        @classmethod
        def from_json(cls, json_data: str) -> Row:
            return cls()

        @classmethod
        def from_dict(cls, dct: typing.Mapping[str, JSONValue]) -> Row:
            return cls()

        def to_json(self) -> str:
            return "{}"

    assert SqlConverter.check_output_type_annotation(Row)
    with pytest.raises(TypeError):
        BaseSqlRow()  # type: ignore[abstract]


# -- the shared helpers -------------------------------------------------------------


class Record(JsonRecord):
    __slots__ = ()


@pytest.mark.parametrize(
    "text", ['[{"a": 1}]', '{"a": 1}', '[{"a": 1}, null]', '[null, {"a": 1}]']
)
def test_decode_records_builds_the_given_classes(text: str) -> None:
    records = decode_records(
        WorkerDatum(text, "json"), binding="x", record=Record, into=RecordList[Record]
    )
    assert records == [{"a": 1}]
    assert type(records) is RecordList
    assert [type(r) for r in records or ()] == [Record]


def test_encode_records_names_the_binding_and_record() -> None:
    with pytest.raises(DatumTypeError, match=r"binding 'custom'.*Thing or dict"):
        encode_records(1, binding="custom", record_name="Thing")


def test_encode_records_accepts_any_mapping() -> None:
    class Rows(Iterable[typing.Mapping[str, int]]):
        def __iter__(self) -> Iterator[typing.Mapping[str, int]]:
            yield {"a": 1}

    datum = encode_records(Rows(), binding="x", record_name="Row")
    assert datum == Datum('[{"a":1}]', "json")


# -- annotations and registration ---------------------------------------------------


@pytest.mark.parametrize(
    ("pytype", "as_input", "as_output"),
    [
        (SqlRowList, True, True),
        (SqlRow, False, True),
        (BaseSqlRowList, True, True),
        (BaseSqlRow, False, True),
        (list[SqlRow], True, True),
        (typing.List[SqlRow], True, True),  # noqa: UP006
        (typing.Iterable[SqlRow], True, True),
        (list[dict[str, object]], False, False),
        (list[int], False, False),
        (dict, False, False),
        (list, False, False),
        (str, False, False),
        (typing.Optional[SqlRowList], False, False),  # noqa: UP045
        (None, False, False),
        ("SqlRowList", False, False),
    ],
)
def test_annotations(pytype: object, as_input: bool, as_output: bool) -> None:
    assert SqlConverter.check_input_type_annotation(pytype) is as_input
    assert SqlConverter.check_output_type_annotation(pytype) is as_output


def test_converter_facts() -> None:
    assert PublicSqlConverter is SqlConverter
    assert get_binding_registry().get("sql") is SqlConverter
    assert not SqlConverter.has_trigger_support()
    assert not SqlConverter.has_implicit_output()
