"""The generic converter: plain values for bindings without a converter of their own.

It is not in the registry the worker reads (the worker has its own generic
binding); the local host falls back to it through ``registry.resolve``.
"""

from __future__ import annotations

from .._converter import InConverter, OutConverter
from .._datum import Datum, datum_to_python, to_datum
from ._base import BindingConverter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from .._datum import DatumLike

__all__ = ["GenericConverter"]


class GenericConverter(BindingConverter, InConverter, OutConverter):
    """Text, bytes, numbers and JSON values, passed through as they are."""

    input_types = (str, bytes)
    output_types = (str, bytes, bytearray)

    @classmethod
    def has_implicit_output(cls, bind_name: str | None = None) -> bool:
        """A generic binding sends the return value on, except for durable clients."""
        return bind_name != "durableClient"

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> object:
        """The plain value; ``json`` stays text, as in the worker's generic binding."""
        if data.type == "json":
            return data.value
        return datum_to_python(data, binding="generic", what="the value")

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """``str`` → string, bytes-like → bytes, numbers, ``dict``/``list`` → json."""
        return to_datum(obj, binding="generic")
