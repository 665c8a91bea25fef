"""The connector trigger converter, at the module path the reference used."""

from ._bindings.connectors import ConnectorTriggerConverter

__all__ = ["ConnectorTriggerConverter"]
