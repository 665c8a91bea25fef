"""Cosmos DB converters, at the module path the reference used."""

from ._bindings.cosmosdb import CosmosDBConverter, CosmosDBTriggerConverter

__all__ = ["CosmosDBConverter", "CosmosDBTriggerConverter"]
