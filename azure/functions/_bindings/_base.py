"""Helpers shared by the binding converters: annotation checks and payloads."""

from __future__ import annotations

import collections.abc
import typing
from typing import ClassVar, TypeVar

from .._converter import Converter, is_subclass
from .._datum import Datum, DatumLike, datum_to_python
from .._errors import DatumTypeError
from .._json import dumps

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from .._types import JSONValue

__all__ = [
    "BindingConverter",
    "accepts",
    "body_bytes",
    "encode_text_or_json",
    "is_iterable_of",
    "iterable_origin",
    "json_datum",
    "json_kind",
    "json_text",
    "payload_items",
    "utf8_bytes",
    "utf8_text",
]

_TEXT_TYPES = ("string", "json")

Obj = TypeVar("Obj")


def iterable_origin(annotation: object) -> type | None:
    """The iterable class of a generic annotation (``list`` for ``list[X]``) or None."""
    origin = typing.get_origin(annotation)
    if isinstance(origin, type) and issubclass(origin, collections.abc.Iterable):
        return origin
    return None


def is_iterable_of(annotation: object, types: type | tuple[type, ...]) -> bool:
    """Whether *annotation* is ``list[X]``, ``Iterable[X]``, ... with X one of *types*.

    Accepts the builtin generics (``list[X]``) and the ``typing`` ones
    (``typing.List[X]``); an unparameterised ``list`` is not enough.
    """
    origin = iterable_origin(annotation)
    if origin is None or issubclass(origin, (str, bytes, collections.abc.Mapping)):
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
    if datum is None:
        return b""
    kind = datum.type
    value = datum.value
    # Text, the common case, encoded inline (utf8_bytes only explains a failure).
    if kind in _TEXT_TYPES and isinstance(value, str):
        try:
            return value.encode()
        except UnicodeEncodeError:
            return utf8_bytes(value, binding=binding, what=what)
    if kind is None:
        return b""
    if kind == "bytes" and isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise DatumTypeError(
        binding, what, f"of wire type {kind!r}", "bytes, string or json"
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


def json_kind(value: object) -> str:
    """The JSON name of a decoded value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__


def utf8_bytes(value: str, *, binding: str, what: str) -> bytes:
    """*value* UTF-8 encoded; ``DatumTypeError`` for text with a lone surrogate.

    Text from the worker is valid Unicode (protobuf checks it); a ``str`` built
    in Python may hold half of a surrogate pair, which has no UTF-8 form.
    """
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DatumTypeError(
            binding,
            what,
            f"text with a lone surrogate at index {exc.start}",
            "text that can be encoded as UTF-8",
        ) from None


def utf8_text(
    value: bytes | bytearray,
    *,
    binding: str,
    what: str,
    got: str = "bytes that are not UTF-8",
    expected: str = "JSON text",
) -> str:
    """*value* decoded as UTF-8; ``DatumTypeError`` (*got*, *expected*) if it is not."""
    try:
        return bytes(value).decode("utf-8")
    except UnicodeDecodeError:
        raise DatumTypeError(binding, what, got, expected) from None


def json_text(
    data: DatumLike, *, binding: str, what: str, wire_types: Collection[str]
) -> str | bytes:
    """The JSON text of a datum of one of *wire_types*, still to be parsed."""
    value = data.value
    if data.type not in wire_types or not isinstance(value, (str, bytes)):
        raise DatumTypeError(
            binding,
            what,
            f"of wire type {data.type!r} holding {type(value).__name__}",
            "JSON text",
        )
    return value


def json_datum(value: object) -> Datum:
    """A ``json`` datum holding *value* serialised (how the host sends non-text)."""
    return Datum(dumps(value), "json")


def encode_text_or_json(
    obj: object,
    *,
    binding: str,
    objects: type[Obj] | tuple[type[Obj], ...],
    to_json: Callable[[Obj], JSONValue],
    item: Callable[[object, int], JSONValue],
    expected: str,
    as_datum: Callable[[JSONValue], Datum] = json_datum,
) -> Datum:
    """An output of text, bytes, *objects*, or a list of them.

    ``str`` and bytes-like values are sent as they are (the host parses them);
    one of *objects* as its ``to_json`` JSON, and any iterable but a mapping
    (whose keys would become messages) as a JSON array of ``item(item, index)``.
    """
    if isinstance(obj, str):
        return Datum(obj, "string")
    if isinstance(obj, (bytes, bytearray)):
        return Datum(bytes(obj), "bytes")
    if isinstance(obj, objects):
        return as_datum(to_json(obj))
    if isinstance(obj, collections.abc.Iterable) and not isinstance(
        obj, collections.abc.Mapping
    ):
        return as_datum([item(value, index) for index, value in enumerate(obj)])
    raise DatumTypeError(
        binding, "the output value", f"of type {type(obj).__name__}", expected
    )


class BindingConverter(Converter):
    """A converter whose annotation checks follow from what it declares.

    Subclasses state which annotations they take, and write only ``decode``
    and/or ``encode``; they name their direction(s) after it, as the
    reference's classes do::

        class QueueOut(BindingConverter, OutConverter, binding="queue"):
            output_types = output_item_types = (QueueMessage, str, bytes)

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

    @classmethod
    def binding_name(cls) -> str:
        """The binding its errors name: the first the class, or a base, declares."""
        for klass in cls.__mro__:
            names = klass.binding_names() if issubclass(klass, Converter) else ()
            if names:
                return names[0]
        return cls.__name__
