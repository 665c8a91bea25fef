"""Type aliases for values users pass in and get back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeAlias

from multidict import CIMultiDict, CIMultiDictProxy, MultiDict, MultiDictProxy

__all__ = ["HeadersInput", "JSONValue", "ParamsInput"]

#: Any value ``json.loads`` can return.
JSONValue: TypeAlias = (
    bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"] | None
)

#: Header input: a mapping, a multidict, or ``(name, value)`` pairs (repeats allowed).
HeadersInput: TypeAlias = (
    Mapping[str, str]
    | CIMultiDict[str]
    | CIMultiDictProxy[str]
    | Iterable[tuple[str, str]]
)

#: Query parameter input: a mapping, a multidict, or ``(name, value)`` pairs.
ParamsInput: TypeAlias = (
    Mapping[str, str] | MultiDict[str] | MultiDictProxy[str] | Iterable[tuple[str, str]]
)
