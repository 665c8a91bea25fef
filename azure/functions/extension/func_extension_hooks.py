"""``FuncExtensionHooks``: the hooks of the extensions of one function, by hook."""

from __future__ import annotations

from typing import NamedTuple

from .extension_hook_meta import ExtensionHookMeta

__all__ = ["FuncExtensionHooks"]


class FuncExtensionHooks(NamedTuple):
    """The function-level hooks of one function, each a list in registration order.

    The field names are the hook method names of :class:`FuncExtensionBase`;
    the worker looks a hook up with ``getattr(hooks, hook_name)``.
    """

    post_function_load: list[ExtensionHookMeta]
    pre_invocation: list[ExtensionHookMeta]
    post_invocation: list[ExtensionHookMeta]
