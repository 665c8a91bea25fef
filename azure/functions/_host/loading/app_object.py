"""A v2 app object (``func.FunctionApp`` ...) loaded as the test client loads it."""

from __future__ import annotations

from pathlib import Path

from ..._errors import AppLoadError, FunctionLoadError
from .app_loader import FunctionRegisterLike, functions_from_register
from .config import read_host_config
from .model import AppInfo, HostConfig

__all__ = ["app_from_register"]


def app_from_register(register: FunctionRegisterLike, root: Path) -> AppInfo:
    """A v2 app object as an :class:`AppInfo` (``host.json`` of *root* if present)."""
    root = root.resolve()
    try:
        host = (
            read_host_config(root) if (root / "host.json").is_file() else HostConfig()
        )
    except FunctionLoadError as exc:
        raise AppLoadError([exc]) from None
    functions, errors = functions_from_register(
        register, root=root, script_file=root / "function_app.py"
    )
    if errors:
        raise AppLoadError(errors)
    return AppInfo(
        root=root,
        kind="v2",
        host=host,
        settings={},
        functions=tuple(functions),
        app_object=register,
    )
