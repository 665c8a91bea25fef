"""Cosmos DB decorators (4.x and ``_v3``): accepted calls and kept signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func
from azure.functions.decorators.cosmosdb import CosmosDBInput, CosmosDBTriggerV3
from azure.functions.decorators.function_app import FunctionBuilder

app = func.FunctionApp()
bp = func.Blueprint()


@app.cosmos_db_trigger(
    arg_name="docs",
    connection="CosmosConn",
    database_name="db",
    container_name="items",
    lease_container_name="leases",
    create_lease_container_if_not_exists=True,
    max_items_per_invocation=10,
    start_from_beginning=False,
    start_from_time="2021-02-16T14:19:29Z",
    data_type=func.DataType.STRING,
)
@app.cosmos_db_input(
    arg_name="doc", connection="CosmosConn", database_name="db", container_name="x"
)
@app.cosmos_db_output(
    arg_name="out",
    connection="CosmosConn",
    database_name="db",
    container_name="copy",
    container_throughput=400,
    data_type="string",
)
def copy(
    docs: func.DocumentList, doc: func.DocumentList, out: func.Out[func.Document]
) -> None:
    out.set(docs[0])


@bp.cosmos_db_trigger_v3(
    arg_name="docs",
    database_name="db",
    collection_name="items",
    connection_string_setting="CosmosConn",
    checkpoint_interval=1000,
    start_from_beginning=True,
)
@bp.cosmos_db_input_v3(
    arg_name="doc",
    database_name="db",
    collection_name="x",
    connection_string_setting="CosmosConn",
    id="{id}",
)
@bp.cosmos_db_output_v3(
    arg_name="$return",
    database_name="db",
    collection_name="copy",
    connection_string_setting="CosmosConn",
    use_multiple_write_locations=False,
)
async def copy_v3(docs: func.DocumentList, doc: func.DocumentList) -> func.Document:
    return doc[0]


copy_builder: FunctionBuilder[
    [func.DocumentList, func.DocumentList, func.Out[func.Document]], None
] = copy
trigger = CosmosDBTriggerV3(
    "docs", database_name="db", collection_name="c", connection_string_setting="s"
)
reader = CosmosDBInput("doc", "string", connection="c", database_name="d")


async def test_copy(docs: func.DocumentList, out: func.Out[func.Document]) -> None:
    assert_type(copy(docs, docs, out), None)
    assert_type(await copy_v3(docs, docs), func.Document)
    assert_type(trigger.type, str)
    assert_type(reader.get_dict_repr(), dict[str, object])
