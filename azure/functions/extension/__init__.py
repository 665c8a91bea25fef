"""Python worker extensions: hooks around loading and invoking functions.

Subclass :class:`AppExtensionBase` for hooks on every function, or
:class:`FuncExtensionBase` for hooks on one; :class:`ExtensionMeta` keeps the
registry the Python worker reads.
"""

from .app_extension_base import AppExtensionBase
from .extension_meta import ExtensionMeta
from .func_extension_base import FuncExtensionBase
from .function_extension_exception import FunctionExtensionException

__all__ = [
    "AppExtensionBase",
    "ExtensionMeta",
    "FuncExtensionBase",
    "FunctionExtensionException",
]
