"""The worker adapter: wire values, converter base classes and the registry.

The Azure Functions Python worker imports this module path; its names and
behaviour are a contract. Converter modules share the helpers below to read
wire values and trigger metadata.
"""

from __future__ import annotations

from ._converter import Converter, InConverter, OutConverter, is_subclass
from ._datum import (
    WIRE_TYPES,
    Datum,
    DatumLike,
    build_metadata,
    datum_to_python,
    json_value,
    to_datum,
)
from ._register import register_converter
from ._registry import BindingRegistry, get_binding_registry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "WIRE_TYPES",
    "BindingRegistry",
    "Converter",
    "Datum",
    "DatumLike",
    "InConverter",
    "OutConverter",
    "build_metadata",
    "datum_to_python",
    "get_binding_registry",
    "is_iterable_type_annotation",
    "is_subclass",
    "json_value",
    "metadata_value",
    "register_converter",
    "to_datum",
]


def metadata_value(
    trigger_metadata: Mapping[str, DatumLike] | None, field: str, *, binding: str
) -> object:
    """The plain value of metadata *field* (``None`` when absent).

    JSON fields are decoded; a field of a wire type with no plain value raises
    :class:`~azure.functions.DatumTypeError` naming *binding* and *field*.
    """
    if not trigger_metadata:
        return None
    return datum_to_python(
        trigger_metadata.get(field), binding=binding, what=f"trigger metadata {field!r}"
    )


def is_iterable_type_annotation(annotation: object, pytype: object) -> bool:
    """Whether *annotation* is an iterable generic (``list[X]`` ...) that *pytype* fits.

    As in the reference: true when *pytype* (a class, or a tuple of classes)
    is a subclass of one of the annotation's type arguments. Converters here
    use the stricter ``_bindings._base.is_iterable_of``.
    """
    import typing

    from ._bindings._base import iterable_origin

    if iterable_origin(annotation) is None:
        return False
    candidates = pytype if isinstance(pytype, tuple) else (pytype,)
    return any(
        is_subclass(candidate, arg)
        for candidate in candidates
        for arg in typing.get_args(annotation)
        if isinstance(arg, type)
    )
