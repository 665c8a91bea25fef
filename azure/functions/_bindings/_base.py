"""Helpers shared by the binding converters: annotation checks and payloads."""

from __future__ import annotations

import collections.abc
import typing
from typing import ClassVar

from .._converter import InConverter, OutConverter, is_subclass
from .._datum import DatumLike, datum_to_python
from .._errors import DatumTypeError

__all__ = [
    "BindingConverter",
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


class BindingConverter(InConverter, OutConverter):
    """A converter whose annotation checks follow from what it declares.

    Subclasses state which annotations they take, and write only ``decode``
    and/or ``encode``::

        class QueueIn(BindingConverter, binding="queueTrigger", trigger=True):
            input_types = (QueueMessage,)

    ``output_types = None`` accepts any annotation (every value has a wire
    form); ``input_item_types`` / ``output_item_types`` accept ``list[X]``,
    ``Iterable[X]`` ... of those item types too.
    """

    #: Classes a parameter may be annotated with (their subclasses too).
    input_types: ClassVar[tuple[type, ...]] = ()
    #: Item classes accepted inside iterable input annotations (``list[X]``).
    input_item_types: ClassVar[tuple[type, ...]] = ()
    #: Classes an output may be annotated with; ``None``: any annotation.
    output_types: ClassVar[tuple[type, ...] | None] = ()
    #: Item classes accepted inside iterable output annotations.
    output_item_types: ClassVar[tuple[type, ...]] = ()
    #: Whether the function's return value goes out through this binding.
    implicit_output: ClassVar[bool] = False

    @classmethod
    def check_input_type_annotation(cls, pytype: object) -> bool:
        """Whether *pytype* is one of ``input_types`` (or an iterable of items)."""
        return accepts(pytype, cls.input_types, iterables=cls.input_item_types)

    @classmethod
    def check_output_type_annotation(cls, pytype: object) -> bool:
        """Whether *pytype* is one of ``output_types`` (or an iterable of items)."""
        if cls.output_types is None:
            return isinstance(pytype, type) or typing.get_origin(pytype) is not None
        return accepts(pytype, cls.output_types, iterables=cls.output_item_types)

    @classmethod
    def has_implicit_output(cls) -> bool:
        """``implicit_output``."""
        return cls.implicit_output
