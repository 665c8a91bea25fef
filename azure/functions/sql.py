"""The Azure SQL converter, at the module path the reference used."""

from ._bindings.sql import SqlConverter

__all__ = ["SqlConverter"]
