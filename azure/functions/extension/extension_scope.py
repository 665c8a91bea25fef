"""``ExtensionScope``: whether a worker extension serves the app or one function."""

from __future__ import annotations

from enum import Enum

from ._generations import first_generation

__all__ = ["ExtensionScope"]

TYPE_CHECKING = False


class ExtensionScope(Enum):
    """Where a worker extension's hooks apply; read from its ``_scope`` attribute.

    ``APPLICATION`` extensions (:class:`AppExtensionBase`) are used as classes and
    serve every function; ``FUNCTION`` extensions (:class:`FuncExtensionBase`)
    are instantiated in one function's script and serve that function only. A
    class without a ``_scope`` is ``UNKNOWN`` and is never registered.
    """

    UNKNOWN = 0
    APPLICATION = 1
    FUNCTION = 2


if not TYPE_CHECKING:
    # ExtensionMeta compares scopes by identity: one enum across re-imports.
    ExtensionScope = first_generation(ExtensionScope)
