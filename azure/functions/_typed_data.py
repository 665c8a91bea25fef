"""The reference's converter helpers: a wire value or metadata field as a type.

Every converter class of the reference package had ``_decode_typed_data``,
``_decode_trigger_metadata_field``, ``_parse_datetime_metadata`` and
``_parse_timedelta_metadata`` (and the ``_parse_datetime`` / ``_parse_timedelta``
they use); converters written for it, and the worker's tests, call them. The
class methods on :class:`~azure.functions.meta.Converter` delegate here.

What they accept and return follows the reference: ``string``, ``json``
(decoded), ``int``, ``double`` and the ``collection_bytes`` /
``collection_string`` / ``collection_sint64`` values are read, any other wire
type is refused; a value that is not of *python_type* is passed to
``python_type(value)``. Collections come out as a list of their items (the
reference handed on the worker's protobuf message). Every failure is a
:class:`~azure.functions.DatumValueError`, a ``ValueError`` as the reference
raised, or for JSON an :class:`~azure.functions.InvalidJSONError`.
"""

from __future__ import annotations

from typing import TypeVar, cast

from ._datum import _COLLECTION_FIELDS, _items
from ._errors import DatumValueError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable, Mapping

    from ._datum import DatumLike

    #: A class, or a tuple of classes, as ``isinstance`` takes them.
    PythonType = type | tuple[type, ...]

T = TypeVar("T")

__all__ = [
    "decode_metadata_field",
    "decode_typed_data",
    "metadata_datetime",
    "metadata_timedelta",
    "parse_datetime_text",
    "parse_timedelta_text",
]

#: Wire types read as they are (the reference's list, which leaves out bytes).
_PLAIN = frozenset({"string", "int", "double"})
#: The collections the reference read (``collection_double`` was left out).
_COLLECTIONS = frozenset({"collection_bytes", "collection_string", "collection_sint64"})


def decode_typed_data(
    data: DatumLike | None,
    *,
    python_type: PythonType,
    context: str,
    binding: str | None,
) -> object:
    """*data*'s value as *python_type*; ``None`` for no datum or no value type."""
    if data is None or data.type is None:
        return None
    kind = data.type
    result: object
    if kind == "json":
        from ._datum import json_value

        result = json_value(data, binding=binding or "converter", what=context)
    elif kind in _PLAIN:
        result = data.value
    elif kind in _COLLECTIONS:
        field = _COLLECTION_FIELDS[kind]
        result = _items(
            data.value, kind, field, binding=binding or "converter", what=context
        )
    else:
        raise DatumValueError(
            binding,
            context,
            f"of wire type {kind!r}",
            "string, json, int, double or a collection of bytes, strings or integers",
        )
    if isinstance(result, python_type):
        return result
    if isinstance(python_type, tuple):
        names = ", ".join(t.__name__ for t in python_type)
        raise DatumValueError(
            binding, context, f"a {type(result).__name__}", f"one of: {names}"
        )
    try:
        return python_type(result)
    except (TypeError, ValueError, OverflowError) as exc:
        raise DatumValueError(
            binding,
            context,
            f"a {type(result).__name__} that {python_type.__name__}() refuses ({exc})",
            f"a value convertible to {python_type.__name__}",
        ) from None


def decode_metadata_field(
    trigger_metadata: Mapping[str, DatumLike],
    field: str,
    *,
    python_type: PythonType,
    binding: str | None,
) -> object:
    """Metadata *field* as *python_type*; ``None`` when it is absent."""
    return decode_typed_data(
        trigger_metadata.get(field),
        python_type=python_type,
        context=f"field {field!r} in trigger metadata",
        binding=binding,
    )


def parse_datetime_text(
    text: str | None, *, binding: str | None, what: str = "the timestamp"
) -> datetime.datetime | None:
    """A timestamp; ``None`` for ``None`` or empty text.

    ISO 8601 or ``MM/DD/YYYY`` as the Functions host writes them: UTC (``Z``,
    ``+00:00``) gives an aware ``datetime`` in ``timezone.utc``, no zone a
    naive one, and fractions beyond microseconds are dropped, as in the
    reference; other offsets are kept (the reference refused them).
    """
    if not text:
        return None
    from ._metadata import parse_datetime

    return _parsed(parse_datetime, text, binding, what, "an ISO 8601 timestamp")


def parse_timedelta_text(
    text: str | None, *, binding: str | None, what: str = "the duration"
) -> datetime.timedelta | None:
    """A duration: ``hh:mm:ss``, ``mm:ss`` or whole seconds; ``None`` when empty.

    .NET ``TimeSpan`` text (days, fractions) is read too.
    """
    if not text:
        return None
    from ._metadata import parse_timedelta

    return _parsed(
        parse_timedelta, text, binding, what, "hh:mm:ss, mm:ss or a number of seconds"
    )


def metadata_datetime(
    trigger_metadata: Mapping[str, DatumLike], field: str, *, binding: str | None
) -> datetime.datetime | None:
    """Metadata *field* read as text and parsed as a timestamp."""
    text = cast(
        "str | None",
        decode_metadata_field(
            trigger_metadata, field, python_type=str, binding=binding
        ),
    )
    return parse_datetime_text(
        text, binding=binding, what=f"field {field!r} in trigger metadata"
    )


def metadata_timedelta(
    trigger_metadata: Mapping[str, DatumLike], field: str, *, binding: str | None
) -> datetime.timedelta | None:
    """Metadata *field* read as text and parsed as a duration."""
    text = cast(
        "str | None",
        decode_metadata_field(
            trigger_metadata, field, python_type=str, binding=binding
        ),
    )
    return parse_timedelta_text(
        text, binding=binding, what=f"field {field!r} in trigger metadata"
    )


def _parsed(
    parse: Callable[[str], T],
    text: object,
    binding: str | None,
    what: str,
    expected: str,
) -> T:
    if not isinstance(text, str):
        raise DatumValueError(binding, what, f"a {type(text).__name__}", expected)
    try:
        return parse(text)
    except (ValueError, OverflowError):
        shown = repr(text) if len(text) <= 60 else f"{len(text)} characters of text"
        raise DatumValueError(binding, what, shown, expected) from None
