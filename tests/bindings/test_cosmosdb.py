"""The ``cosmosDB`` binding and ``cosmosDBTrigger``: JSON documents."""

from __future__ import annotations

import json
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from azure.functions._bindings.cosmosdb import (
    CosmosDBConverter,
    CosmosDBTriggerConverter,
    Document,
    DocumentList,
)
from azure.functions._bindings.sql import SqlRow
from azure.functions._errors import DatumTypeError, InvalidJSONError
from azure.functions.cosmosdb import CosmosDBConverter as PublicConverter
from azure.functions.cosmosdb import CosmosDBTriggerConverter as PublicTrigger
from azure.functions.meta import Datum, get_binding_registry
from tests._wire import WorkerDatum

if typing.TYPE_CHECKING:
    from azure.functions import JSONValue

# A change feed batch as the trigger sends it, system properties included.
CHANGE_FEED = json.dumps(
    [
        {
            "id": "order-1",
            "customer": {"name": "Ada", "tier": "gold"},
            "lines": [{"sku": "A-1", "qty": 2}],
            "total": 19.99,
            "_rid": "pXkLAOy6kG8BAAAAAAAAAA==",
            "_self": "dbs/pXkLAA==/colls/pXkLAOy6kG8=/docs/pXkLAOy6kG8BAAAAAAAAAA==/",
            "_etag": '"0b00a1b2-0000-0d00-0000-65f0a1b20000"',
            "_attachments": "attachments/",
            "_ts": 1710268850,
            "_lsn": 12,
        },
        {"id": "order-2", "customer": {"name": "Zoë"}, "lines": [], "total": 0},
    ]
)

CONVERTERS = [CosmosDBConverter, CosmosDBTriggerConverter]


def decode(
    converter: type[CosmosDBConverter], datum: WorkerDatum | None
) -> DocumentList | None:
    return converter.decode(datum, trigger_metadata={})  # type: ignore[arg-type]


@pytest.mark.parametrize("wire", ["string", "json"])
def test_trigger_reads_a_change_feed_batch(wire: str) -> None:
    docs = decode(CosmosDBTriggerConverter, WorkerDatum(CHANGE_FEED, wire))
    assert type(docs) is DocumentList
    assert [type(doc) for doc in docs] == [Document, Document]
    assert docs[0]["id"] == "order-1"
    assert docs[0]["customer"] == {"name": "Ada", "tier": "gold"}
    assert docs[0]["_ts"] == 1710268850
    assert docs[0]["_etag"] == '"0b00a1b2-0000-0d00-0000-65f0a1b20000"'
    assert docs[1]["customer"] == {"name": "Zoë"}


@pytest.mark.parametrize("converter", CONVERTERS)
def test_a_lookup_by_id_is_one_document(converter: type[CosmosDBConverter]) -> None:
    docs = decode(converter, WorkerDatum('{"id": "1", "name": "Ada"}', "json"))
    assert docs == [{"id": "1", "name": "Ada"}]


@pytest.mark.parametrize("converter", CONVERTERS)
def test_bytes_are_utf8_json(converter: type[CosmosDBConverter]) -> None:
    assert decode(converter, WorkerDatum('[{"n": "é"}]'.encode(), "bytes")) == [
        {"n": "é"}
    ]


@pytest.mark.parametrize("converter", CONVERTERS)
def test_no_document(converter: type[CosmosDBConverter]) -> None:
    # No value (the host found nothing): None, as in the reference.
    assert decode(converter, None) is None
    assert decode(converter, WorkerDatum(None, None)) is None
    # JSON null, or nulls in an array: no documents there.
    empty = decode(converter, WorkerDatum("null", "json"))
    assert type(empty) is DocumentList
    assert not empty
    assert decode(converter, WorkerDatum('[{"id": "1"}, null]', "json")) == [
        {"id": "1"}
    ]


@pytest.mark.parametrize(
    ("datum", "error", "fragment"),
    [
        (
            WorkerDatum("[1]", "json"),
            DatumTypeError,
            "item 0 of the value is a JSON number",
        ),
        (WorkerDatum('"doc"', "string"), DatumTypeError, "a JSON string"),
        (WorkerDatum(3, "int"), DatumTypeError, "of wire type 'int'"),
        (WorkerDatum("[{", "json"), InvalidJSONError, "binding 'cosmosDBTrigger'"),
    ],
)
def test_bad_values_name_the_trigger(
    datum: WorkerDatum, error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error, match=fragment):
        decode(CosmosDBTriggerConverter, datum)


def test_input_errors_name_the_input_binding() -> None:
    with pytest.raises(DatumTypeError, match="binding 'cosmosDB'"):
        decode(CosmosDBConverter, WorkerDatum(1.5, "double"))


# -- encode -------------------------------------------------------------------------


def encode(
    obj: object, converter: type[CosmosDBConverter] = CosmosDBConverter
) -> object:
    datum = converter.encode(obj, expected_type=None)
    assert isinstance(datum, Datum)
    assert datum.type == "json"
    assert isinstance(datum.value, str)
    return json.loads(datum.value)


@pytest.mark.parametrize("converter", CONVERTERS)
def test_encode_documents(converter: type[CosmosDBConverter]) -> None:
    doc = Document.from_json('{"id": "1", "tags": ["a"]}')
    assert encode(doc, converter) == [{"id": "1", "tags": ["a"]}]
    assert encode(DocumentList([doc, Document(id="2")]), converter) == [
        {"id": "1", "tags": ["a"]},
        {"id": "2"},
    ]
    assert encode([doc], converter) == [{"id": "1", "tags": ["a"]}]
    assert encode(DocumentList(), converter) == []


def test_encode_accepts_plain_dicts() -> None:
    assert encode({"id": "1"}) == [{"id": "1"}]
    assert encode([{"id": "1"}, Document(id="2")]) == [{"id": "1"}, {"id": "2"}]


def test_encode_keeps_nested_documents() -> None:
    parent = Document(id="p", child=Document(id="c"))
    assert encode(parent) == [{"id": "p", "child": {"id": "c"}}]


@pytest.mark.parametrize(
    ("obj", "fragment"),
    [
        ("{}", "of type str"),
        (7, "of type int"),
        ([Document(id="1"), None], "item 1 of the output is of type NoneType"),
        (Document(when=typing.cast("JSONValue", {1, 2})), "not JSON serialisable"),
    ],
)
def test_encode_refuses(obj: object, fragment: str) -> None:
    with pytest.raises(DatumTypeError, match=fragment) as info:
        CosmosDBConverter.encode(obj, expected_type=None)
    assert info.value.binding == "cosmosDB"


json_values: st.SearchStrategy[JSONValue] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)  # orjson reads only 64-bit ints exactly
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.text(), json_values, max_size=4), max_size=4))
def test_trigger_round_trip(docs: list[dict[str, JSONValue]]) -> None:
    datum = CosmosDBTriggerConverter.encode(
        DocumentList(Document.from_dict(d) for d in docs), expected_type=None
    )
    back = CosmosDBTriggerConverter.decode(datum, trigger_metadata=None)
    assert isinstance(back, DocumentList)
    assert back == docs
    assert all(type(doc) is Document for doc in back)


# -- Document -----------------------------------------------------------------------


def test_document_is_a_mutable_dict() -> None:
    doc = Document.from_dict({"id": "1"})
    doc["count"] = 2
    doc.update(name="Ada")
    del doc["id"]
    assert doc == {"count": 2, "name": "Ada"}
    assert isinstance(doc, dict)
    assert doc.get("missing") is None
    assert "name" in doc


def test_document_conversions() -> None:
    doc = Document.from_json('{"id": "1", "nested": {"a": [1, 2]}}')
    assert json.loads(doc.to_json()) == {"id": "1", "nested": {"a": [1, 2]}}
    plain = doc.to_dict()
    assert type(plain) is dict
    assert plain == doc
    assert type(doc.copy()) is Document
    with pytest.raises(ValueError, match=r"Document.from_json\(\) needs a JSON object"):
        Document.from_json("[]")


def test_document_and_sql_row_are_distinct_types() -> None:
    assert not isinstance(Document(), SqlRow)
    assert not CosmosDBConverter.check_output_type_annotation(SqlRow)


def test_reprs() -> None:
    assert repr(Document(id="1")) == "Document({'id': '1'})"
    assert repr(DocumentList([Document(a=1)])) == "DocumentList([Document({'a': 1})])"


# -- annotations and registration ---------------------------------------------------


@pytest.mark.parametrize("converter", CONVERTERS)
@pytest.mark.parametrize(
    ("pytype", "as_input", "as_output"),
    [
        (DocumentList, True, True),
        (Document, False, True),
        (list[Document], True, True),
        (typing.List[Document], True, True),  # noqa: UP006
        (typing.Sequence[Document], True, True),
        (list[dict[str, object]], False, False),
        (list[int], False, False),
        (dict, False, False),
        (list, False, False),
        (str, False, False),
        (typing.Optional[Document], False, False),  # noqa: UP045
        (None, False, False),
        (42, False, False),
    ],
)
def test_annotations(
    converter: type[CosmosDBConverter], pytype: object, as_input: bool, as_output: bool
) -> None:
    assert converter.check_input_type_annotation(pytype) is as_input
    assert converter.check_output_type_annotation(pytype) is as_output


def test_converter_facts() -> None:
    assert PublicConverter is CosmosDBConverter
    assert PublicTrigger is CosmosDBTriggerConverter
    registry = get_binding_registry()
    assert registry.get("cosmosDB") is CosmosDBConverter
    assert registry.get("cosmosDBTrigger") is CosmosDBTriggerConverter
    assert not CosmosDBConverter.has_trigger_support()
    assert CosmosDBTriggerConverter.has_trigger_support()
    assert not CosmosDBConverter.has_implicit_output()
    assert not CosmosDBTriggerConverter.has_implicit_output()
