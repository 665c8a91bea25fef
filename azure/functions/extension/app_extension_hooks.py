"""``AppExtensionHooks``: the hooks of every application extension, by hook."""

from __future__ import annotations

from typing import NamedTuple

from .extension_hook_meta import ExtensionHookMeta

__all__ = ["AppExtensionHooks"]


class AppExtensionHooks(NamedTuple):
    """The application-level hooks, each a list in registration order.

    The field names are the hook method names of :class:`AppExtensionBase`;
    the worker looks a hook up with ``getattr(hooks, hook_name)``.
    """

    post_function_load_app_level: list[ExtensionHookMeta]
    pre_invocation_app_level: list[ExtensionHookMeta]
    post_invocation_app_level: list[ExtensionHookMeta]
