"""Cosmos DB decorators (extension 4.x and the ``_v3`` ones): their JSON."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import azure.functions as func
from azure.functions.decorators._builder import FunctionDecorator
from azure.functions.decorators.core import InputBinding, OutputBinding, Trigger
from azure.functions.decorators.cosmosdb import (
    CosmosDBInput,
    CosmosDBInputV3,
    CosmosDBOutput,
    CosmosDBOutputV3,
    CosmosDBTrigger,
    CosmosDBTriggerV3,
)
from tests.decorators._support import raw_bindings


def test_cosmos_db_v4_minimal() -> None:
    app = func.FunctionApp()

    @app.cosmos_db_trigger(
        arg_name="docs",
        connection="CosmosConn",
        database_name="db",
        container_name="items",
    )
    def trigger_min(docs: func.DocumentList) -> None:
        pass

    @app.cosmos_db_trigger("docs", "CosmosConn", "db", "items")
    @app.cosmos_db_input(
        arg_name="doc",
        connection="CosmosConn",
        database_name="db",
        container_name="other",
    )
    @app.cosmos_db_output(
        arg_name="out",
        connection="CosmosConn",
        database_name="db",
        container_name="copy",
    )
    def bindings_min(
        docs: func.DocumentList, doc: func.DocumentList, out: func.Out[func.Document]
    ) -> None:
        pass

    assert raw_bindings(app) == {
        "trigger_min": [
            '{"direction": "IN", "type": "cosmosDBTrigger", "name": "docs", "connection": "CosmosConn", "databaseName": "db", "containerName": "items"}',
        ],
        "bindings_min": [
            '{"direction": "OUT", "type": "cosmosDB", "name": "out", "connection": "CosmosConn", "databaseName": "db", "containerName": "copy"}',
            '{"direction": "IN", "type": "cosmosDB", "name": "doc", "connection": "CosmosConn", "databaseName": "db", "containerName": "other"}',
            '{"direction": "IN", "type": "cosmosDBTrigger", "name": "docs", "connection": "CosmosConn", "databaseName": "db", "containerName": "items"}',
        ],
    }


def test_cosmos_db_v4_full() -> None:
    app = func.FunctionApp()

    @app.cosmos_db_trigger(
        arg_name="docs",
        connection="CosmosConn",
        database_name="db",
        container_name="items",
        lease_connection="LeaseConn",
        lease_database_name="leasedb",
        lease_container_name="leases",
        create_lease_container_if_not_exists=True,
        leases_container_throughput=400,
        lease_container_prefix="fn1",
        feed_poll_delay=5000,
        lease_acquire_interval=13000,
        lease_expiration_interval=60000,
        lease_renew_interval=17000,
        max_items_per_invocation=100,
        start_from_beginning=False,
        start_from_time="2021-02-16T14:19:29Z",
        preferred_locations="East US,West US",
        data_type="string",
        someHostProperty="x",
    )
    @app.cosmos_db_input(
        arg_name="doc",
        connection="CosmosConn",
        database_name="db",
        container_name="other",
        partition_key="{pk}",
        id="{id}",
        sql_query="SELECT * FROM c WHERE c.id = {id}",
        preferred_locations="East US",
        data_type=func.DataType.STRING,
    )
    @app.cosmos_db_output(
        arg_name="out",
        connection="CosmosConn",
        database_name="db",
        container_name="copy",
        create_if_not_exists=True,
        partition_key="/id",
        container_throughput=400,
        preferred_locations="East US",
        data_type="BINARY",
    )
    def full(
        docs: func.DocumentList, doc: func.DocumentList, out: func.Out[func.Document]
    ) -> None:
        pass

    assert raw_bindings(app) == {
        "full": [
            '{"direction": "OUT", "dataType": "BINARY", "type": "cosmosDB", "name": "out", "connection": "CosmosConn", "databaseName": "db", "containerName": "copy", "createIfNotExists": true, "partitionKey": "/id", "containerThroughput": 400, "preferredLocations": "East US"}',
            '{"direction": "IN", "dataType": "STRING", "type": "cosmosDB", "name": "doc", "connection": "CosmosConn", "databaseName": "db", "containerName": "other", "partitionKey": "{pk}", "id": "{id}", "sqlQuery": "SELECT * FROM c WHERE c.id = {id}", "preferredLocations": "East US"}',
            '{"direction": "IN", "dataType": "STRING", "type": "cosmosDBTrigger", "name": "docs", "connection": "CosmosConn", "databaseName": "db", "containerName": "items", "leaseConnection": "LeaseConn", "leaseDatabaseName": "leasedb", "leaseContainerName": "leases", "createLeaseContainerIfNotExists": true, "leasesContainerThroughput": 400, "leaseContainerPrefix": "fn1", "feedPollDelay": 5000, "leaseAcquireInterval": 13000, "leaseExpirationInterval": 60000, "leaseRenewInterval": 17000, "maxItemsPerInvocation": 100, "startFromBeginning": false, "startFromTime": "2021-02-16T14:19:29Z", "preferredLocations": "East US,West US", "someHostProperty": "x"}',
        ],
    }


def test_cosmos_db_v3_minimal() -> None:
    app = func.FunctionApp()

    @app.cosmos_db_trigger_v3(
        arg_name="docs",
        database_name="db",
        collection_name="items",
        connection_string_setting="CosmosConn",
    )
    def trigger_min(docs: func.DocumentList) -> None:
        pass

    @app.cosmos_db_trigger_v3("docs", "db", "items", "CosmosConn")
    @app.cosmos_db_input_v3(
        arg_name="doc",
        database_name="db",
        collection_name="other",
        connection_string_setting="CosmosConn",
    )
    @app.cosmos_db_output_v3(
        arg_name="$return",
        database_name="db",
        collection_name="copy",
        connection_string_setting="CosmosConn",
    )
    def bindings_min(docs: func.DocumentList, doc: func.DocumentList) -> func.Document:
        return doc[0]

    assert raw_bindings(app) == {
        "trigger_min": [
            '{"direction": "IN", "type": "cosmosDBTrigger", "name": "docs", "databaseName": "db", "collectionName": "items", "connectionStringSetting": "CosmosConn"}',
        ],
        "bindings_min": [
            '{"direction": "OUT", "type": "cosmosDB", "name": "$return", "databaseName": "db", "collectionName": "copy", "connectionStringSetting": "CosmosConn"}',
            '{"direction": "IN", "type": "cosmosDB", "name": "doc", "databaseName": "db", "collectionName": "other", "connectionStringSetting": "CosmosConn"}',
            '{"direction": "IN", "type": "cosmosDBTrigger", "name": "docs", "databaseName": "db", "collectionName": "items", "connectionStringSetting": "CosmosConn"}',
        ],
    }


def test_cosmos_db_v3_full() -> None:
    app = func.FunctionApp()

    @app.cosmos_db_trigger_v3(
        arg_name="docs",
        database_name="db",
        collection_name="items",
        connection_string_setting="CosmosConn",
        lease_collection_name="leases",
        lease_connection_string_setting="LeaseConn",
        lease_database_name="leasedb",
        create_lease_collection_if_not_exists=True,
        leases_collection_throughput=400,
        lease_collection_prefix="fn1",
        checkpoint_interval=1000,
        checkpoint_document_count=10,
        feed_poll_delay=5000,
        lease_renew_interval=17000,
        lease_acquire_interval=13000,
        lease_expiration_interval=60000,
        max_items_per_invocation=100,
        start_from_beginning=True,
        preferred_locations="East US",
        data_type=func.DataType.STRING,
    )
    @app.cosmos_db_input_v3(
        arg_name="doc",
        database_name="db",
        collection_name="other",
        connection_string_setting="CosmosConn",
        id="{id}",
        sql_query="SELECT * FROM c",
        partition_key="{pk}",
        data_type="string",
    )
    @app.cosmos_db_output_v3(
        arg_name="out",
        database_name="db",
        collection_name="copy",
        connection_string_setting="CosmosConn",
        create_if_not_exists=False,
        partition_key="/id",
        collection_throughput=1000,
        use_multiple_write_locations=True,
        preferred_locations="East US,West US",
        data_type=func.DataType.BINARY,
        someHostProperty=3,
    )
    def full(
        docs: func.DocumentList, doc: func.DocumentList, out: func.Out[func.Document]
    ) -> None:
        pass

    assert raw_bindings(app) == {
        "full": [
            '{"direction": "OUT", "dataType": "BINARY", "type": "cosmosDB", "name": "out", "databaseName": "db", "collectionName": "copy", "connectionStringSetting": "CosmosConn", "createIfNotExists": false, "collectionThroughput": 1000, "useMultipleWriteLocations": true, "preferredLocations": "East US,West US", "partitionKey": "/id", "someHostProperty": 3}',
            '{"direction": "IN", "dataType": "STRING", "type": "cosmosDB", "name": "doc", "databaseName": "db", "collectionName": "other", "connectionStringSetting": "CosmosConn", "id": "{id}", "sqlQuery": "SELECT * FROM c", "partitionKey": "{pk}"}',
            '{"direction": "IN", "dataType": "STRING", "type": "cosmosDBTrigger", "name": "docs", "databaseName": "db", "collectionName": "items", "connectionStringSetting": "CosmosConn", "leasesCollectionThroughput": 400, "checkpointInterval": 1000, "checkpointDocumentCount": 10, "feedPollDelay": 5000, "leaseRenewInterval": 17000, "leaseAcquireInterval": 13000, "leaseExpirationInterval": 60000, "maxItemsPerInvocation": 100, "startFromBeginning": true, "createLeaseCollectionIfNotExists": true, "preferredLocations": "East US", "leaseCollectionName": "leases", "leaseConnectionStringSetting": "LeaseConn", "leaseDatabaseName": "leasedb", "leaseCollectionPrefix": "fn1"}',
        ],
    }


def test_v3_names_are_refused_by_the_v4_decorators() -> None:
    # The 4.x extension ignores collectionName: a silently dead property.
    app = func.FunctionApp()
    # Called untyped, as a plain-Python caller would.
    cosmos_db_trigger: Callable[..., FunctionDecorator] = app.cosmos_db_trigger
    decorator = cosmos_db_trigger(
        "docs", "CosmosConn", "db", "items", collection_name="k"
    )

    def changed(docs: func.DocumentList) -> None:
        pass

    with pytest.raises(
        func.FunctionDefinitionError, match="is not an argument of this decorator"
    ) as caught:
        decorator(changed)
    assert (caught.value.decorator, caught.value.argument) == (
        "cosmos_db_trigger",
        "collection_name",
    )


@pytest.mark.parametrize(
    ("cls", "binding_type", "direction", "keys"),
    [
        (
            CosmosDBTrigger,
            "cosmosDBTrigger",
            0,
            ["connection", "databaseName", "containerName", "leaseContainerName"],
        ),
        (
            CosmosDBInput,
            "cosmosDB",
            0,
            ["connection", "databaseName", "containerName", "partitionKey"],
        ),
        (
            CosmosDBOutput,
            "cosmosDB",
            1,
            ["connection", "databaseName", "containerName", "partitionKey"],
        ),
        (
            CosmosDBTriggerV3,
            "cosmosDBTrigger",
            0,
            [
                "databaseName",
                "collectionName",
                "connectionStringSetting",
                "leaseCollectionName",
            ],
        ),
        (
            CosmosDBInputV3,
            "cosmosDB",
            0,
            [
                "databaseName",
                "collectionName",
                "connectionStringSetting",
                "partitionKey",
            ],
        ),
        (
            CosmosDBOutputV3,
            "cosmosDB",
            1,
            [
                "databaseName",
                "collectionName",
                "connectionStringSetting",
                "partitionKey",
            ],
        ),
    ],
)
def test_binding_classes_used_directly(
    cls: type[Trigger] | type[InputBinding] | type[OutputBinding],
    binding_type: str,
    direction: int,
    keys: list[str],
) -> None:
    values = {
        "connection": "c",
        "database_name": "db",
        "container_name": "k",
        "collection_name": "k",
        "connection_string_setting": "c",
        "lease_container_name": "l",
        "lease_collection_name": "l",
        "partition_key": "/id",
    }
    declared = {field.name for field in cls.fields}
    binding = cls("docs", **{k: v for k, v in values.items() if k in declared})
    assert cls.get_binding_name() == binding.type == binding_type
    assert binding.direction == direction
    assert list(binding.get_dict_repr())[3:] == keys


# -- change_feed_mode (azure-functions 2.3.0) ---------------------------------------


@pytest.mark.parametrize(
    ("given", "written"),
    [
        (func.CosmosDBChangeFeedMode.ALL_VERSIONS_AND_DELETES, "AllVersionsAndDeletes"),
        (func.CosmosDBChangeFeedMode.LATEST_VERSION, "LatestVersion"),
        ("AllVersionsAndDeletes", "AllVersionsAndDeletes"),
        ("all_versions_and_deletes", "AllVersionsAndDeletes"),
        ("latest_version", "LatestVersion"),
        ("SomeFutureMode", "SomeFutureMode"),  # other text is passed on as given
    ],
)
def test_change_feed_mode_is_written_as_the_hosts_value(
    given: func.CosmosDBChangeFeedMode | str, written: str
) -> None:
    app = func.FunctionApp()

    @app.cosmos_db_trigger(
        "docs",
        connection="Cosmos",
        database_name="db",
        container_name="items",
        preferred_locations="West Europe",
        change_feed_mode=given,
    )
    def changes(docs: func.DocumentList) -> None:
        pass

    assert raw_bindings(app)["changes"] == [
        '{"direction": "IN", "type": "cosmosDBTrigger", "name": "docs", '
        '"connection": "Cosmos", "databaseName": "db", "containerName": "items", '
        f'"preferredLocations": "West Europe", "changeFeedMode": "{written}"}}'
    ]


def test_change_feed_mode_must_be_text_or_the_enum() -> None:
    with pytest.raises(func.FunctionDefinitionError) as info:
        CosmosDBTrigger(
            "docs",
            connection="c",
            database_name="d",
            container_name="x",
            change_feed_mode=1,
        )
    assert info.value.argument == "change_feed_mode"
    assert "CosmosDBChangeFeedMode or str, got int" in str(info.value)


def test_change_feed_mode_is_at_every_2x_module_path() -> None:
    import azure.functions.cosmosdb
    import azure.functions.decorators
    import azure.functions.decorators.cosmosdb

    mode = func.CosmosDBChangeFeedMode
    assert azure.functions.cosmosdb.CosmosDBChangeFeedMode is mode
    assert azure.functions.decorators.CosmosDBChangeFeedMode is mode
    assert azure.functions.decorators.cosmosdb.CosmosDBChangeFeedMode is mode
    assert {m.name: m.value for m in mode} == {
        "LATEST_VERSION": "LatestVersion",
        "ALL_VERSIONS_AND_DELETES": "AllVersionsAndDeletes",
    }
