"""``AppExtensionBase``: the base of worker extensions that serve every function."""

from __future__ import annotations

from typing import ClassVar

from .extension_meta import ExtensionMeta
from .extension_scope import ExtensionScope

TYPE_CHECKING = False
if TYPE_CHECKING:
    from logging import Logger

    from .._context import Context

__all__ = ["AppExtensionBase"]


class AppExtensionBase(metaclass=ExtensionMeta):
    """Subclass to hook into the life cycle of every function of the app.

    An application extension is a class, never instantiated (that raises
    :class:`FunctionExtensionException`): defining the subclass registers it
    and runs its :meth:`init`. Override any of the ``*_app_level`` hooks as
    classmethods; the Python worker calls them in registration order and logs,
    without stopping, an exception one raises. Offer settings to app authors
    through :meth:`configure`.
    """

    _scope: ClassVar[ExtensionScope] = ExtensionScope.APPLICATION

    @classmethod
    def init(cls) -> None:
        """Runs once, when the subclass is defined (when its module is imported)."""

    @classmethod
    def configure(cls, *args: object, **kwargs: object) -> None:
        """Settings for the extension, called by the app's code; free-form."""

    @classmethod
    def post_function_load_app_level(
        cls,
        function_name: str,
        function_directory: str,
        *args: object,
        **kwargs: object,
    ) -> None:
        """Called after each function is loaded, with its name and folder.

        The worker's logging is not ready yet at this point; use ``print()``.
        """

    @classmethod
    def pre_invocation_app_level(
        cls,
        logger: Logger,
        context: Context,
        func_args: dict[str, object] | None = None,
        *args: object,
        **kwargs: object,
    ) -> None:
        """Called before every invocation of every function.

        *logger* is the extension's logger from the worker, *context* the
        invocation's context and *func_args* the function's arguments by
        parameter name.
        """

    @classmethod
    def post_invocation_app_level(
        cls,
        logger: Logger,
        context: Context,
        func_args: dict[str, object] | None = None,
        func_ret: object = None,
        *args: object,
        **kwargs: object,
    ) -> None:
        """Called after every invocation of every function, with its return value.

        The arguments are as for :meth:`pre_invocation_app_level`, plus
        *func_ret*, the value the function returned.
        """
