"""Helpers shared by the binding converters: annotation checks and payloads."""

from __future__ import annotations

import collections.abc
import typing

from .._converter import is_subclass
from .._datum import DatumLike, datum_to_python
from .._errors import DatumTypeError

__all__ = [
    "accepts",
    "body_bytes",
    "is_iterable_of",
    "payload_items",
]

_TEXT_TYPES = ("string", "json")


def is_iterable_of(annotation: object, types: type | tuple[type, ...]) -> bool:
    """Whether *annotation* is ``list[X]``, ``Iterable[X]``, ... with X one of *types*.

    Accepts the builtin generics (``list[X]``) and the ``typing`` ones
    (``typing.List[X]``); an unparameterised ``list`` is not enough.
    """
    origin = typing.get_origin(annotation)
    if not isinstance(origin, type) or not issubclass(origin, collections.abc.Iterable):
        return False
    if issubclass(origin, (str, bytes, collections.abc.Mapping)):
        return False
    args = typing.get_args(annotation)
    return len(args) == 1 and is_subclass(args[0], types)


def accepts(
    pytype: object,
    types: type | tuple[type, ...],
    *,
    iterables: type | tuple[type, ...] = (),
) -> bool:
    """``pytype`` is one of *types*, or an iterable annotation of *iterables*."""
    return is_subclass(pytype, types) or (
        bool(iterables) and is_iterable_of(pytype, iterables)
    )


def body_bytes(
    datum: DatumLike | None, *, binding: str, what: str = "the payload"
) -> bytes:
    """A payload as bytes: text (``string``, ``json``) UTF-8 encoded; none is empty."""
    if datum is None or datum.type is None:
        return b""
    value = datum.value
    if datum.type == "bytes" and isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if datum.type in _TEXT_TYPES and isinstance(value, str):
        return value.encode("utf-8")
    raise DatumTypeError(
        binding, what, f"of wire type {datum.type!r}", "bytes, string or json"
    )


def payload_items(
    datum: DatumLike, *, binding: str, what: str = "the batch"
) -> list[object]:
    """The items of a batch payload: a ``collection_*`` datum or a JSON array."""
    value = datum_to_python(datum, binding=binding, what=what)
    if not isinstance(value, list):
        raise DatumTypeError(
            binding,
            what,
            f"of wire type {datum.type!r}",
            "a collection or a JSON array",
        )
    return value
