"""The converter API as the worker (and converter authors) use it."""

from __future__ import annotations

from collections.abc import Mapping

from typing_extensions import assert_type

import azure.functions as func
from azure.functions import meta


class ShoutConverter(meta.InConverter, meta.OutConverter, binding="typingShout"):
    @classmethod
    def check_input_type_annotation(cls, pytype: object) -> bool:
        return meta.is_subclass(pytype, str)

    @classmethod
    def decode(
        cls,
        data: meta.DatumLike,
        *,
        trigger_metadata: Mapping[str, meta.DatumLike] | None,
    ) -> str:
        value = data.value
        return value.upper() if isinstance(value, str) else ""

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> meta.Datum:
        return meta.Datum(str(obj).upper(), "string")


registry = func.get_binding_registry()
converter = registry.get("httpTrigger")
assert_type(converter, type[meta.Converter] | None)
assert_type(registry.resolve("anything"), type[meta.Converter])
assert_type(ShoutConverter.decode(meta.Datum("a", "string"), trigger_metadata={}), str)
