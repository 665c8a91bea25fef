"""``ExtensionHookMeta``: one registered hook, as the Python worker reads it."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

__all__ = ["ExtensionHookMeta"]


class ExtensionHookMeta(NamedTuple):
    """One life-cycle hook of one extension.

    ``ext_name`` is the extension's class name (the worker names its logger
    after it); ``ext_impl`` is the bound method the worker calls.
    """

    ext_name: str
    ext_impl: Callable[..., object]
