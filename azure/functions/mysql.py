"""MySQL converters, at the module path the reference used."""

from ._bindings.mysql import MySqlConverter, MySqlTriggerConverter

__all__ = ["MySqlConverter", "MySqlTriggerConverter"]
