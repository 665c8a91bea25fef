"""One extension registry per process, however often this package is imported.

The Python worker drops ``azure.functions`` from ``sys.modules`` and imports
it again (to load the SDK from the app's own packages), and test harnesses drop
every ``azure.functions*`` module between tests. Executing
``extension_meta.py`` again would define a second :class:`ExtensionMeta` with
empty registries: extensions defined against the first would be invisible to
a worker asking the second, and the other way round. So the modules here keep
the class an earlier import defined, while it is alive, instead of their own.
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["first_generation"]

C = TypeVar("C", bound=type)

# Set on a class that a module defined and then dropped for an earlier one,
# so that a third import does not pick the dropped class.
_DROPPED = "_azure_functions_dropped_for"


def first_generation(cls: C) -> C:
    """The class an earlier import of *cls*'s module defined, if alive; else *cls*.

    Found among the subclasses of *cls*'s bases (which must be classes that
    outlive a re-import: ``abc.ABCMeta``, ``enum.Enum``), by module and name.
    """
    for base in cls.__bases__:
        siblings: list[type] = type.__subclasses__(base)
        for sibling in siblings:
            if (
                sibling is not cls
                and sibling.__module__ == cls.__module__
                and sibling.__qualname__ == cls.__qualname__
                and _DROPPED not in vars(sibling)
            ):
                setattr(cls, _DROPPED, sibling)
                return sibling  # type: ignore[return-value]
    return cls
