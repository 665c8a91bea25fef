"""Lazy exports: a package's public names, each imported on first use.

A package lists its names in a table (name -> submodule, relative to the
package; ``""`` for a submodule of that very name) and installs the two module
hooks this builds. The first access imports the defining module and caches
the value in the package's namespace, so later accesses cost nothing.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of *package* for its *exports* table."""

    def __getattr__(name: str) -> object:
        module_name = exports.get(name)
        if module_name is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        from importlib import import_module

        if module_name:
            value = getattr(import_module(f"{package}.{module_name}"), name)
        else:
            value = import_module(f"{package}.{name}")
        # Looked up at each first use: the package may have been imported anew.
        vars(sys.modules[package])[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__
