"""Azure Cosmos DB: the ``cosmosDBTrigger`` and ``cosmosDB`` bindings and decorators.

Two generations of the Cosmos DB extension read different property names.
Extension 4.x (extension bundle 4.x and later) takes ``connection`` and
``containerName``: ``cosmos_db_trigger``, ``cosmos_db_input`` and
``cosmos_db_output``. Extension 3.x (bundles 2.x and 3.x) takes
``connectionStringSetting`` and ``collectionName``: the ``_v3`` decorators and
the ``...V3`` classes. The host type is the same for both; pick the decorators
that match the app's extension bundle.
"""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import COSMOS_DB, COSMOS_DB_TRIGGER
from .core import (
    BindingField,
    CosmosDBChangeFeedMode,
    DataType,
    InputBinding,
    OutputBinding,
    Trigger,
)

__all__ = [
    "CosmosDBChangeFeedMode",
    "CosmosDBInput",
    "CosmosDBInputV3",
    "CosmosDBOutput",
    "CosmosDBOutputV3",
    "CosmosDBTrigger",
    "CosmosDBTriggerV3",
]

# Where the documents are, the first properties of each binding of a generation.
_V3_COLLECTION = (
    BindingField("database_name"),
    BindingField("collection_name"),
    BindingField("connection_string_setting"),
)
_V4_CONTAINER = (
    BindingField("connection"),
    BindingField("database_name"),
    BindingField("container_name"),
)


class CosmosDBInputV3(InputBinding):
    """Reads documents from a Cosmos DB collection (``cosmosDB``, extension 3.x)."""

    binding_type = COSMOS_DB
    fields = (
        *_V3_COLLECTION,
        BindingField("id"),
        BindingField("sql_query"),
        BindingField("partition_key"),
    )


class CosmosDBOutputV3(OutputBinding):
    """Writes documents to a Cosmos DB collection (``cosmosDB``, extension 3.x)."""

    binding_type = COSMOS_DB
    fields = (
        *_V3_COLLECTION,
        BindingField("create_if_not_exists"),
        BindingField("collection_throughput"),
        BindingField("use_multiple_write_locations"),
        BindingField("preferred_locations"),
        BindingField("partition_key"),
    )


class CosmosDBTriggerV3(Trigger):
    """Runs on changes to a Cosmos DB collection (``cosmosDBTrigger``, 3.x)."""

    binding_type = COSMOS_DB_TRIGGER
    fields = (
        *_V3_COLLECTION,
        BindingField("leases_collection_throughput"),
        BindingField("checkpoint_interval"),
        BindingField("checkpoint_document_count"),
        BindingField("feed_poll_delay"),
        BindingField("lease_renew_interval"),
        BindingField("lease_acquire_interval"),
        BindingField("lease_expiration_interval"),
        BindingField("max_items_per_invocation"),
        BindingField("start_from_beginning"),
        BindingField("create_lease_collection_if_not_exists"),
        BindingField("preferred_locations"),
        BindingField("lease_collection_name"),
        BindingField("lease_connection_string_setting"),
        BindingField("lease_database_name"),
        BindingField("lease_collection_prefix"),
    )


# The 3.x extension's names, which the 4.x one ignores (silently dead
# properties): refused by the 4.x decorators, naming the argument to use.
_V3_NAMES = {
    "collection_name": "container_name",
    "connection_string_setting": "connection",
    "lease_collection_name": "lease_container_name",
    "lease_connection_string_setting": "lease_connection",
    "create_lease_collection_if_not_exists": "create_lease_container_if_not_exists",
    "leases_collection_throughput": "leases_container_throughput",
    "lease_collection_prefix": "lease_container_prefix",
    "collection_throughput": "container_throughput",
}


class CosmosDBInput(InputBinding):
    """Reads documents from a Cosmos DB container (``cosmosDB``, extension 4.x)."""

    binding_type = COSMOS_DB
    refused_keywords = _V3_NAMES
    fields = (
        *_V4_CONTAINER,
        BindingField("partition_key"),
        BindingField("id"),
        BindingField("sql_query"),
        BindingField("preferred_locations"),
    )


class CosmosDBOutput(OutputBinding):
    """Writes documents to a Cosmos DB container (``cosmosDB``, extension 4.x)."""

    binding_type = COSMOS_DB
    refused_keywords = _V3_NAMES
    fields = (
        *_V4_CONTAINER,
        BindingField("create_if_not_exists"),
        BindingField("partition_key"),
        BindingField("container_throughput"),
        BindingField("preferred_locations"),
    )


def change_feed_mode(value: object) -> str:
    """The host's spelling of a change feed mode: a member's value.

    A member's name (``"all_versions_and_deletes"``, any case) is read as the
    member; other text is written as given, for modes added to the host later.
    """
    if isinstance(value, CosmosDBChangeFeedMode):
        return str(value.value)
    if isinstance(value, str):
        member = CosmosDBChangeFeedMode.__members__.get(value.upper())
        return value if member is None else str(member.value)
    raise TypeError(
        f"expected a CosmosDBChangeFeedMode or str, got {type(value).__name__}"
    )


class CosmosDBTrigger(Trigger):
    """Runs on changes to a Cosmos DB container (``cosmosDBTrigger``, extension 4.x)."""

    binding_type = COSMOS_DB_TRIGGER
    refused_keywords = _V3_NAMES
    fields = (
        *_V4_CONTAINER,
        BindingField("lease_connection"),
        BindingField("lease_database_name"),
        BindingField("lease_container_name"),
        BindingField("create_lease_container_if_not_exists"),
        BindingField("leases_container_throughput"),
        BindingField("lease_container_prefix"),
        BindingField("feed_poll_delay"),
        BindingField("lease_acquire_interval"),
        BindingField("lease_expiration_interval"),
        BindingField("lease_renew_interval"),
        BindingField("max_items_per_invocation"),
        BindingField("start_from_beginning"),
        BindingField("start_from_time"),
        BindingField("preferred_locations"),
        BindingField("change_feed_mode", convert=change_feed_mode),
    )


class _CosmosDBTriggerApi(DecoratorApi):
    def cosmos_db_trigger_v3(
        self,
        arg_name: str,
        database_name: str,
        collection_name: str,
        connection_string_setting: str,
        lease_collection_name: str | None = None,
        lease_connection_string_setting: str | None = None,
        lease_database_name: str | None = None,
        create_lease_collection_if_not_exists: bool | None = None,
        leases_collection_throughput: int | None = None,
        lease_collection_prefix: str | None = None,
        checkpoint_interval: int | None = None,
        checkpoint_document_count: int | None = None,
        feed_poll_delay: int | None = None,
        lease_renew_interval: int | None = None,
        lease_acquire_interval: int | None = None,
        lease_expiration_interval: int | None = None,
        max_items_per_invocation: int | None = None,
        start_from_beginning: bool | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function on changes to a Cosmos DB collection (extension 3.x).

        For extension bundles 2.x and 3.x; with bundle 4.x use
        :meth:`cosmos_db_trigger`. Unset options take the host's defaults.

        :param arg_name: The :class:`~azure.functions.DocumentList` parameter.
        :param database_name: The database of the watched collection.
        :param collection_name: The watched collection.
        :param connection_string_setting: The app setting that says how to
            connect to the watched account.
        :param lease_collection_name: The collection keeping the leases.
        :param lease_connection_string_setting: The app setting that says how
            to connect to the account of the lease collection.
        :param lease_database_name: The database of the lease collection.
        :param create_lease_collection_if_not_exists: Create the lease
            collection when it is missing.
        :param leases_collection_throughput: Request units of a created lease
            collection.
        :param lease_collection_prefix: Prefix of this function's leases (lets
            functions share a lease collection).
        :param checkpoint_interval: Milliseconds between lease checkpoints.
        :param checkpoint_document_count: Documents processed between lease
            checkpoints.
        :param feed_poll_delay: Milliseconds between polls of a drained
            partition.
        :param lease_renew_interval: Milliseconds between lease renewals.
        :param lease_acquire_interval: Milliseconds between checks of how
            partitions spread over instances.
        :param lease_expiration_interval: Milliseconds a lease is held.
        :param max_items_per_invocation: The most documents per call.
        :param start_from_beginning: Read the change feed from its start rather
            than from now.
        :param preferred_locations: Preferred regions of a geo-replicated
            account, comma-separated.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(CosmosDBTriggerV3, locals())

    def cosmos_db_trigger(
        self,
        arg_name: str,
        connection: str,
        database_name: str,
        container_name: str,
        lease_connection: str | None = None,
        lease_database_name: str | None = None,
        lease_container_name: str | None = None,
        create_lease_container_if_not_exists: bool | None = None,
        leases_container_throughput: int | None = None,
        lease_container_prefix: str | None = None,
        feed_poll_delay: int | None = None,
        lease_acquire_interval: int | None = None,
        lease_expiration_interval: int | None = None,
        lease_renew_interval: int | None = None,
        max_items_per_invocation: int | None = None,
        start_from_beginning: bool | None = None,
        start_from_time: str | None = None,
        preferred_locations: str | None = None,
        change_feed_mode: CosmosDBChangeFeedMode | str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function on changes to a Cosmos DB container (extension 4.x).

        For extension bundle 4.x and later; older bundles take
        :meth:`cosmos_db_trigger_v3`. Unset options take the host's defaults.

        :param arg_name: The :class:`~azure.functions.DocumentList` parameter.
        :param connection: The app setting (or setting prefix) that says how
            to connect to the watched account.
        :param database_name: The database of the watched container.
        :param container_name: The watched container.
        :param lease_connection: The app setting (or prefix) for the account
            of the lease container (default: *connection*).
        :param lease_database_name: The database of the lease container.
        :param lease_container_name: The container keeping the leases (the
            host's default: ``"leases"``).
        :param create_lease_container_if_not_exists: Create the lease
            container when it is missing (not allowed with Entra ID identities).
        :param leases_container_throughput: Request units of a created lease
            container.
        :param lease_container_prefix: Prefix of this function's leases (lets
            functions share a lease container).
        :param feed_poll_delay: Milliseconds between polls of a drained
            partition.
        :param lease_acquire_interval: Milliseconds between checks of how
            partitions spread over instances.
        :param lease_expiration_interval: Milliseconds a lease is held.
        :param lease_renew_interval: Milliseconds between lease renewals.
        :param max_items_per_invocation: The most documents per call.
        :param start_from_beginning: Read the change feed from its start rather
            than from now (only while the trigger has no lease state).
        :param start_from_time: Read the change feed from this ISO 8601 UTC
            time (``"2021-02-16T14:19:29Z"``; only while there is no lease state).
        :param preferred_locations: Preferred regions of a geo-replicated
            account, comma-separated.
        :param change_feed_mode: ``LATEST_VERSION`` (the host's default: the
            latest version of each changed item) or
            ``ALL_VERSIONS_AND_DELETES`` (every change, deletes included), as a
            :class:`~azure.functions.CosmosDBChangeFeedMode` or its value.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(CosmosDBTrigger, locals())


class _CosmosDBBindingApi(DecoratorApi):
    def cosmos_db_output_v3(
        self,
        arg_name: str,
        database_name: str,
        collection_name: str,
        connection_string_setting: str,
        create_if_not_exists: bool | None = None,
        partition_key: str | None = None,
        collection_throughput: int | None = None,
        use_multiple_write_locations: bool | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Writes documents to a Cosmos DB collection (extension 3.x).

        For extension bundles 2.x and 3.x; with bundle 4.x use
        :meth:`cosmos_db_output`.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param database_name: The database of the collection.
        :param collection_name: The collection written to.
        :param connection_string_setting: The app setting that says how to
            connect to the account.
        :param create_if_not_exists: Create the collection when it is missing.
        :param partition_key: The partition key path of a created collection.
        :param collection_throughput: Request units of a created collection.
        :param use_multiple_write_locations: Write to several regions (needs
            *preferred_locations* and a multi-region account).
        :param preferred_locations: Preferred regions, comma-separated.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(CosmosDBOutputV3, locals())

    def cosmos_db_output(
        self,
        arg_name: str,
        connection: str,
        database_name: str,
        container_name: str,
        create_if_not_exists: bool | None = None,
        partition_key: str | None = None,
        container_throughput: int | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Writes documents to a Cosmos DB container (extension 4.x).

        For extension bundle 4.x and later; older bundles take
        :meth:`cosmos_db_output_v3`.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param connection: The app setting (or setting prefix) that says how
            to connect to the account.
        :param database_name: The database of the container.
        :param container_name: The container written to.
        :param create_if_not_exists: Create the container when it is missing.
        :param partition_key: The partition key path of a created container.
        :param container_throughput: Request units of a created container.
        :param preferred_locations: Preferred regions, comma-separated.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(CosmosDBOutput, locals())

    def cosmos_db_input_v3(
        self,
        arg_name: str,
        database_name: str,
        collection_name: str,
        connection_string_setting: str,
        id: str | None = None,
        sql_query: str | None = None,
        partition_key: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Reads documents from a Cosmos DB collection (extension 3.x).

        For extension bundles 2.x and 3.x; with bundle 4.x use
        :meth:`cosmos_db_input`.

        :param arg_name: The :class:`~azure.functions.DocumentList` parameter.
        :param database_name: The database of the collection.
        :param collection_name: The collection read from.
        :param connection_string_setting: The app setting that says how to
            connect to the account.
        :param id: The id of the one document to read (binding expressions
            such as ``"{id}"`` allowed).
        :param sql_query: The query whose results are read.
        :param partition_key: The partition key of the document to read.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(CosmosDBInputV3, locals())

    def cosmos_db_input(
        self,
        arg_name: str,
        connection: str,
        database_name: str,
        container_name: str,
        partition_key: str | None = None,
        id: str | None = None,
        sql_query: str | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Reads documents from a Cosmos DB container (extension 4.x).

        For extension bundle 4.x and later; older bundles take
        :meth:`cosmos_db_input_v3`.

        :param arg_name: The :class:`~azure.functions.DocumentList` parameter.
        :param connection: The app setting (or setting prefix) that says how
            to connect to the account.
        :param database_name: The database of the container.
        :param container_name: The container read from.
        :param partition_key: The partition key of the document to read.
        :param id: The id of the one document to read (binding expressions
            such as ``"{id}"`` allowed).
        :param sql_query: The query whose results are read.
        :param preferred_locations: Preferred regions, comma-separated.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(CosmosDBInput, locals())
