"""The ``connectorTrigger`` converter: events from Logic Apps connectors.

The trigger value is handed on as sent (JSON stays text); the function's return
value goes back to the connector as text, with dicts, lists and dataclasses as
JSON text.
"""

from __future__ import annotations

from .._converter import InConverter, is_subclass
from .mcp import encode_result, raw_trigger_value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from .._datum import Datum, DatumLike

__all__ = ["ConnectorTriggerConverter"]

_BINDING = "connectorTrigger"


class ConnectorTriggerConverter(InConverter, binding=_BINDING, trigger=True):
    """``connectorTrigger``: the connector's payload as text or bytes."""

    @classmethod
    def check_input_type_annotation(cls, pytype: object) -> bool:
        """Accepts ``str``, ``bytes`` and ``dict`` (JSON arrives as its text)."""
        return is_subclass(pytype, (str, bytes, dict))

    @classmethod
    def check_output_type_annotation(cls, pytype: object) -> bool:
        """Accepts any annotation: every value has a wire form."""
        import typing

        return isinstance(pytype, type) or typing.get_origin(pytype) is not None

    @classmethod
    def has_implicit_output(cls) -> bool:
        """The function's return value is the connector's response."""
        return True

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> object:
        """The payload as sent: JSON and text as ``str``, bytes as ``bytes``."""
        return raw_trigger_value(data, binding=_BINDING)

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """Text and bytes as they are; dicts, lists and dataclasses as JSON text."""
        return encode_result(obj, binding=_BINDING)
