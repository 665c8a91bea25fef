"""``register_converter``: another converter for a Durable Functions binding.

Apart from the registry because it checks converter classes: the registry sits
below them (converter classes declare themselves to it when defined).
"""

from __future__ import annotations

from ._converter import Converter, InConverter, OutConverter
from ._errors import ConverterRegistrationError
from ._registry import OVERRIDABLE_BINDINGS, describe, registry

__all__ = ["register_converter"]


def register_converter(
    binding_name: str,
    converter_cls: type[Converter],
    *,
    overwrite: bool = False,
) -> None:
    """Replace the converter of a Durable Functions binding (azure-functions 2.x).

    For integration packages such as ``azure-functions-durable``: only the
    bindings in :data:`OVERRIDABLE_BINDINGS` (``orchestrationTrigger``,
    ``entityTrigger``, ``activityTrigger``, ``durableClient``) can be given
    another converter, and since each already has one, *overwrite* must be
    ``True``. Declare the class without ``binding=`` (which would claim the
    name when the class is created). Raises
    :class:`~azure.functions.ConverterRegistrationError`: a ``TypeError`` for
    a *converter_cls* that is not an ``InConverter``/``OutConverter`` class, a
    ``ValueError`` for another binding, a ``RuntimeError`` without *overwrite*.
    """
    where = f"register_converter({binding_name!r})"
    if not isinstance(converter_cls, type):
        raise ConverterRegistrationError(
            f"{where}: converter_cls must be a class, "
            f"got {type(converter_cls).__name__}"
        )
    if not issubclass(converter_cls, (InConverter, OutConverter)):
        raise ConverterRegistrationError(
            f"{where}: {describe(converter_cls)} is not a subclass of "
            "azure.functions.meta.InConverter or OutConverter"
        )
    if binding_name not in OVERRIDABLE_BINDINGS:
        raise ConverterRegistrationError(
            f"{where}: only the Durable Functions bindings can be given another "
            f"converter: {', '.join(sorted(OVERRIDABLE_BINDINGS))}"
        )
    if not overwrite:
        current = registry[binding_name]
        raise ConverterRegistrationError(
            f"{where}: the binding already has a converter ({describe(current)}); "
            "pass overwrite=True to replace it"
        )
    registry._replace(binding_name, converter_cls)
