"""Cosmos DB converters, at the module path the reference used."""

from ._bindings.cosmosdb import CosmosDBConverter, CosmosDBTriggerConverter
from .decorators.core import CosmosDBChangeFeedMode

__all__ = ["CosmosDBChangeFeedMode", "CosmosDBConverter", "CosmosDBTriggerConverter"]
