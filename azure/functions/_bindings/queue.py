"""Azure Storage queues: the ``queueTrigger`` input and the ``queue`` output."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from .._converter import InConverter, OutConverter
from .._datum import Datum
from .._errors import DatumTypeError
from .._json import loads
from .._metadata import (
    LazyMetadata,
    MetadataProperty,
    integer,
    text,
    timestamp,
)
from ._base import BindingConverter, encode_text_or_json, utf8_bytes, utf8_text
from ._serialize import BODY, Serializable, serialized

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .._datum import DatumLike
    from .._types import JSONValue

__all__ = ["QueueMessage", "QueueMessageInConverter", "QueueMessageOutConverter"]

_TRIGGER = "queueTrigger"
_new = object.__new__
_OUTPUT = "queue"


class QueueMessage(LazyMetadata, Serializable):
    """A storage queue message: received by a trigger, or built to be sent.

    ``QueueMessage(body="hello")`` or ``QueueMessage(id="42", body=b"...")`` for
    an output; messages from a ``queueTrigger`` also carry the dequeue count,
    the pop receipt and their times, read from the trigger metadata when first
    used. ``to_dict()`` shows them all.
    """

    __slots__ = ("_batch", "_body", "_datums", "_index", "_values")
    _binding = _TRIGGER

    _serialized = serialized(
        "id",
        BODY,
        "pop_receipt",
        "dequeue_count",
        "expiration_time",
        "insertion_time",
        "time_next_visible",
    )

    id = MetadataProperty("Id", text, "The message id.")
    pop_receipt = MetadataProperty(
        "PopReceipt", text, "The token needed to delete or update the received message."
    )
    dequeue_count = MetadataProperty(
        "DequeueCount", integer, "How many times the message has been dequeued."
    )
    expiration_time = MetadataProperty(
        "ExpirationTime", timestamp, "When the message expires."
    )
    insertion_time = MetadataProperty(
        "InsertionTime", timestamp, "When the message was added to the queue."
    )
    time_next_visible = MetadataProperty(
        "NextVisibleTime", timestamp, "When the message becomes visible again."
    )

    def __init__(
        self,
        *,
        id: str | None = None,
        body: str | bytes | bytearray | None = None,
        pop_receipt: str | None = None,
        dequeue_count: int | None = None,
        expiration_time: datetime.datetime | None = None,
        insertion_time: datetime.datetime | None = None,
        time_next_visible: datetime.datetime | None = None,
    ) -> None:
        if body is None:
            data = b""
        elif isinstance(body, str):
            data = body.encode("utf-8")
        elif isinstance(body, (bytes, bytearray)):
            data = bytes(body)
        else:
            raise TypeError(
                "QueueMessage body must be str, bytes or bytearray, "
                f"got {type(body).__name__}"
            )
        self._body = data
        self._set_values(
            {
                "id": id,
                "pop_receipt": pop_receipt,
                "dequeue_count": dequeue_count,
                "expiration_time": expiration_time,
                "insertion_time": insertion_time,
                "time_next_visible": time_next_visible,
            }
        )

    @classmethod
    def _from_wire(
        cls, body: bytes, datums: Mapping[str, DatumLike] | None
    ) -> QueueMessage:
        """A received message; its metadata is read from *datums* when first used."""
        self = _new(cls)
        self._body = body
        self._values = {}
        self._datums = datums
        self._batch = None
        self._index = -1
        return self

    def get_body(self) -> bytes:
        """The message content."""
        return self._body

    def get_json(self) -> Any:
        """The content parsed as JSON; ``InvalidJSONError`` when it is not JSON."""
        return loads(self._body, source=self._describe)

    def _describe(self) -> str:
        return f"queue message {self._peek('id')!r} ({len(self._body)} bytes)"

    def __repr__(self) -> str:
        parts = [f"id={self._peek('id')!r}"]
        for name in ("dequeue_count", "insertion_time", "expiration_time"):
            value = self._peek(name)
            if value is not None:
                shown = value.isoformat() if isinstance(value, datetime.date) else value
                parts.append(f"{name}={shown}")
        parts.append(f"body={len(self._body)} bytes")
        return f"<QueueMessage {' '.join(parts)}>"


class QueueMessageInConverter(
    BindingConverter, InConverter, binding=_TRIGGER, trigger=True
):
    """A queue message (text or bytes) and its metadata → :class:`QueueMessage`."""

    input_types = (QueueMessage,)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> QueueMessage:
        """Build the message; its metadata is converted when first read.

        Absent metadata leaves its properties ``None``; malformed metadata
        raises ``DatumTypeError`` when its property is read.
        """
        value = data.value
        if data.type in ("string", "bytes", "json") and isinstance(
            value, (str, bytes, bytearray)
        ):
            body = (
                utf8_bytes(value, binding=_TRIGGER, what="the message")
                if isinstance(value, str)
                else value
            )
        else:
            raise DatumTypeError(
                _TRIGGER,
                "the message",
                f"of wire type {data.type!r} holding {type(value).__name__}",
                "string or bytes",
            )
        return QueueMessage._from_wire(bytes(body), trigger_metadata or None)


class QueueMessageOutConverter(BindingConverter, OutConverter, binding=_OUTPUT):
    """``str``, ``bytes``, :class:`QueueMessage` or a list of them → queue messages.

    A list sends one message per item.
    """

    output_types = output_item_types = (QueueMessage, str, bytes)

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """A single text or bytes message as is; messages and lists as JSON."""
        return encode_text_or_json(
            obj,
            binding=_OUTPUT,
            objects=QueueMessage,
            to_json=_message_json,
            item=_list_item,
            expected="str, bytes, QueueMessage or a list of them",
        )


def _utf8(body: bytes, what: str) -> str:
    return utf8_text(
        body,
        binding=_OUTPUT,
        what=what,
        got="bytes that are not UTF-8 text",
        expected="UTF-8 text (send binary content as a single bytes message)",
    )


def _message_json(message: QueueMessage, what: str = "the message") -> JSONValue:
    return {"id": message.id, "body": _utf8(message.get_body(), f"the body of {what}")}


def _list_item(item: object, index: int) -> JSONValue:
    what = f"item {index} of the output list"
    if isinstance(item, str):
        return item
    if isinstance(item, QueueMessage):
        return _message_json(item, what)
    if isinstance(item, (bytes, bytearray)):
        return _utf8(bytes(item), what)
    raise DatumTypeError(
        _OUTPUT, what, f"of type {type(item).__name__}", "str, bytes or QueueMessage"
    )
