"""The ``connectorTrigger`` converter: events from Logic Apps connectors.

The trigger value is handed on as sent (JSON stays text); the function's return
value goes back to the connector as text, with dicts, lists and dataclasses as
JSON text.
"""

from __future__ import annotations

from .mcp import TriggerValueConverter

__all__ = ["ConnectorTriggerConverter"]


class ConnectorTriggerConverter(
    TriggerValueConverter, binding="connectorTrigger", trigger=True
):
    """``connectorTrigger``: the connector's payload as text or bytes.

    Annotate it ``str``, ``bytes`` or ``dict`` (JSON arrives as its text); a
    batch (``cardinality=MANY``, a collection on the wire) arrives as a list,
    annotated ``list[str]``, ``list[bytes]`` ... The return value is the
    connector's response (see
    :func:`~azure.functions._bindings.mcp.encode_result`).
    """

    input_item_types = (str, bytes, dict)
