"""``FuncExtensionBase``: the base of worker extensions that serve one function."""

from __future__ import annotations

import abc
import os
from typing import ClassVar

from .extension_meta import ExtensionMeta
from .extension_scope import ExtensionScope
from .function_extension_exception import FunctionExtensionException

TYPE_CHECKING = False
if TYPE_CHECKING:
    from logging import Logger

    from .._context import Context

__all__ = ["FuncExtensionBase"]

# The Functions host sets it to the app's root folder (/home/site/wwwroot).
_SCRIPT_ROOT = "AzureWebJobsScriptRoot"


def _trigger_name(file_path: str | os.PathLike[str]) -> str:
    """The function a script belongs to: its first folder below the app root."""
    script_root = os.environ.get(_SCRIPT_ROOT)
    if script_root is None:
        raise FunctionExtensionException(
            f"the {_SCRIPT_ROOT} environment variable is not set: function "
            "extensions only work inside an Azure Functions app"
        )
    try:
        relative = os.path.relpath(
            os.path.normpath(file_path), os.path.normpath(script_root)
        )
    except ValueError:  # another drive than the root's, on Windows
        relative = ""
    name = relative.split(os.sep)[0]
    if not name or name.startswith("."):
        raise FunctionExtensionException(
            f"cannot tell which function {os.fspath(file_path)!r} belongs to: "
            "create a function extension in a script inside a function's "
            f"folder under {script_root!r}, passing __file__"
        )
    return name


class FuncExtensionBase(metaclass=ExtensionMeta):
    """Subclass to hook into the life cycle of one function.

    Instantiate the subclass in the function's script with ``__file__``
    (``ext = MyExtension(__file__)``): the function it serves is the first
    folder of that path below the app's root (``$AzureWebJobsScriptRoot``),
    e.g. ``HttpTrigger`` for ``<root>/HttpTrigger/__init__.py``. The subclass
    must define ``__init__`` and call ``super().__init__(file_path)``.

    Override any of the hooks; the Python worker calls them, in registration
    order, for that function only, and logs, without stopping, an exception
    one raises.
    """

    _scope: ClassVar[ExtensionScope] = ExtensionScope.FUNCTION
    _trigger_name: str

    @abc.abstractmethod
    def __init__(self, file_path: str | os.PathLike[str]) -> None:
        """Tie the extension to the function whose script is *file_path*.

        Raises :class:`FunctionExtensionException` when the app root is not
        known or *file_path* is not inside one of its function folders.
        """
        self._trigger_name = _trigger_name(file_path)

    def post_function_load(
        self,
        function_name: str,
        function_directory: str,
        *args: object,
        **kwargs: object,
    ) -> None:
        """Called after the function is loaded, with its name and folder.

        The worker's logging is not ready yet at this point; use ``print()``.
        """

    def pre_invocation(
        self,
        logger: Logger,
        context: Context,
        func_args: dict[str, object] | None = None,
        *args: object,
        **kwargs: object,
    ) -> None:
        """Called before every invocation of the function.

        *logger* is the extension's logger from the worker, *context* the
        invocation's context and *func_args* the function's arguments by
        parameter name.
        """

    def post_invocation(
        self,
        logger: Logger,
        context: Context,
        func_args: dict[str, object] | None = None,
        func_ret: object = None,
        *args: object,
        **kwargs: object,
    ) -> None:
        """Called after every invocation of the function, with its return value.

        The arguments are as for :meth:`pre_invocation`, plus *func_ret*, the
        value the function returned.
        """
