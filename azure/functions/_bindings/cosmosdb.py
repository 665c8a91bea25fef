"""The Cosmos DB ``cosmosDB`` binding and ``cosmosDBTrigger``: JSON documents."""

from __future__ import annotations

from .._converter import InConverter, OutConverter
from ._base import BindingConverter
from .sql import JsonRecord, RecordList, decode_records, encode_records

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from .._datum import Datum, DatumLike

__all__ = [
    "CosmosDBConverter",
    "CosmosDBTriggerConverter",
    "Document",
    "DocumentList",
]


class Document(JsonRecord):
    """A Cosmos DB document: a ``dict`` of property name to JSON value."""

    __slots__ = ()


class DocumentList(RecordList[Document]):
    """A ``list`` of :class:`Document`; ``to_dict()`` lists their dicts."""

    __slots__ = ()


class CosmosDBConverter(
    BindingConverter, InConverter, OutConverter, binding="cosmosDB"
):
    """Cosmos DB input and output: documents as JSON on the wire."""

    input_types = (DocumentList,)
    output_types = (DocumentList, Document)
    input_item_types = output_item_types = (Document,)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> DocumentList | None:
        """The documents sent (one object is one document); ``None`` for no value."""
        binding = cls._binding or "cosmosDB"
        return decode_records(data, binding=binding, record=Document, into=DocumentList)

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """One document, a list of them (``Document`` or dict) → a JSON array."""
        return encode_records(
            obj, binding=cls._binding or "cosmosDB", record_name="Document"
        )


class CosmosDBTriggerConverter(
    CosmosDBConverter, binding="cosmosDBTrigger", trigger=True
):
    """The Cosmos DB change feed trigger: the changed documents."""
