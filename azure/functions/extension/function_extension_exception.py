"""``FunctionExtensionException``: a worker extension used the wrong way."""

from __future__ import annotations

from .._errors import FunctionsError

__all__ = ["FunctionExtensionException"]


class FunctionExtensionException(FunctionsError):
    """A worker extension was defined or instantiated the wrong way.

    For example an application extension instantiated, or a function extension
    created outside a function's folder. An ``Exception`` as in the reference
    package, and a :class:`~azure.functions.FunctionsError` like everything this
    package raises on purpose.
    """
