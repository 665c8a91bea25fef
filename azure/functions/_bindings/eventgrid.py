"""Event Grid: the ``eventGridTrigger`` input and the ``eventGrid`` output.

A trigger receives one event per invocation, in the Event Grid schema
(:class:`EventGridEvent`) or the CloudEvents 1.0 schema (:class:`CloudEvent`),
told apart by the CloudEvents ``specversion`` attribute.
"""

from __future__ import annotations

import datetime
import typing
from collections.abc import Mapping
from operator import methodcaller

from .._converter import InConverter, OutConverter
from .._datum import Datum
from .._errors import DatumTypeError
from .._json import dumps, loads
from .._metadata import (
    DefaultedProperty,
    Field,
    LazyMetadata,
    MetadataProperty,
    text,
    timestamp,
)
from ._base import BindingConverter, encode_text_or_json, json_text
from ._serialize import Serializable, serialized

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar, TypeVar

    from .._datum import DatumLike
    from .._types import JSONValue

    E = TypeVar("E", bound="_Received")
    V = TypeVar("V")

__all__ = [
    "CloudEvent",
    "EventGridEvent",
    "EventGridEventInConverter",
    "EventGridEventOutConverter",
    "EventGridOutputEvent",
]

_TRIGGER = "eventGridTrigger"
_OUTPUT = "eventGrid"
_WIRE_TYPES = ("json", "string", "bytes")
_new = object.__new__

#: The ``data`` entry of ``to_dict()``: the event's ``get_json()``.
_DATA = ("data", methodcaller("get_json"))
_CE_KNOWN = frozenset(
    {
        "id",
        "source",
        "type",
        "specversion",
        "time",
        "subject",
        "datacontenttype",
        "dataschema",
        "data",
    }
)


class _EventGridSchema(Serializable):
    """What received and published events of the Event Grid schema share."""

    __slots__ = ("_data", "_data_version", "_event_type", "_id", "_subject")

    _id: str
    _subject: str
    _event_type: str
    _data: JSONValue
    _data_version: str

    @property
    def id(self) -> str:
        """The event's unique id."""
        return self._id

    @property
    def subject(self) -> str:
        """The publisher-defined path of the event's subject."""
        return self._subject

    @property
    def event_type(self) -> str:
        """The event type, e.g. ``Microsoft.Storage.BlobCreated``."""
        return self._event_type

    @property
    def data_version(self) -> str:
        """The schema version of :meth:`get_json`'s data."""
        return self._data_version

    def get_json(self) -> typing.Any:
        """The event's ``data`` (JSON values)."""
        return self._data


class _Received(LazyMetadata):
    """An event's members, read from the received JSON object on first access.

    A received event keeps the decoded object (``_members``); an event built
    in code keeps its values. A required member that is missing raises
    :class:`~azure.functions.DatumTypeError` when read, as does a member of
    the wrong kind.
    """

    __slots__ = ()

    _members: Mapping[str, JSONValue] | None
    #: Members the schema requires, and its name for the error.
    _required: ClassVar[frozenset[str]] = frozenset()
    _schema: ClassVar[str] = ""

    def _read(self, field: Field[V]) -> V | None:
        # Only a received event reads (an event built in code has every value).
        members = self._members or {}
        value = members.get(field.key)
        if value is None:
            if field.key in self._required:
                raise DatumTypeError(
                    _TRIGGER,
                    f"event member {field.key!r}",
                    "missing",
                    f"a string (required by the {self._schema} schema)",
                )
            return None
        if type(value) is field.native:
            return value  # type: ignore[return-value]  # already of the kind
        return field.convert(value, _TRIGGER, f"event member {field.key!r}")

    def get_json(self) -> typing.Any:
        """The event's ``data`` (JSON values)."""
        members = self._members
        return self._values.get("data") if members is None else members.get("data")


def _received(cls: type[E], members: dict[str, JSONValue]) -> E:
    event = _new(cls)
    event._members = members
    event._values = {}
    return event


class EventGridEvent(_Received, Serializable):
    """An event received in the Event Grid schema.

    ``to_dict()`` shows its fields, ``event_time`` as ISO 8601 text.
    """

    __slots__ = ("_members", "_values")
    _required = frozenset({"id", "eventType"})
    _schema = "Event Grid"

    _serialized = serialized(
        "id", "topic", "subject", "event_type", "event_time", "data_version", _DATA
    )

    id = DefaultedProperty("id", text, "The event's unique id.", default=str)
    topic = DefaultedProperty(
        "topic", text, "The resource path of the event source.", default=str
    )
    subject = DefaultedProperty(
        "subject",
        text,
        "The publisher-defined path of the event's subject.",
        default=str,
    )
    event_type = DefaultedProperty(
        "eventType",
        text,
        "The event type, e.g. ``Microsoft.Storage.BlobCreated``.",
        default=str,
    )
    event_time = MetadataProperty(
        "eventTime", timestamp, "When the publisher created the event."
    )
    data_version = DefaultedProperty(
        "dataVersion",
        text,
        "The schema version of :meth:`get_json`'s data.",
        default=str,
    )

    def __init__(
        self,
        *,
        id: str,
        event_type: str,
        data: object = None,
        topic: str = "",
        subject: str = "",
        event_time: datetime.datetime | None = None,
        data_version: str = "",
    ) -> None:
        self._members = None
        self._values = {
            "id": id,
            "event_type": event_type,
            "data": data,
            "topic": topic,
            "subject": subject,
            "event_time": event_time,
            "data_version": data_version,
        }

    def __repr__(self) -> str:
        return (
            f"<EventGridEvent id={self._peek('id')!r} "
            f"event_type={self._peek('event_type')!r} "
            f"subject={self._peek('subject')!r}>"
        )


class EventGridOutputEvent(_EventGridSchema):
    """An event to publish in the Event Grid schema.

    ``data`` is any JSON-serialisable value (checked when the event is sent);
    ``event_time`` defaults to the time the event is built (Event Grid requires
    one). ``to_dict()`` shows its fields, ``event_time`` as ISO 8601 text.
    """

    __slots__ = ("_event_time",)

    _serialized = serialized(
        "id", "subject", "event_type", "event_time", "data_version", _DATA
    )

    def __init__(
        self,
        *,
        id: str,
        subject: str,
        event_type: str,
        data: object = None,
        event_time: datetime.datetime | None = None,
        data_version: str = "",
    ) -> None:
        self._id = id
        self._subject = subject
        self._event_type = event_type
        self._data = typing.cast("JSONValue", data)
        if event_time is None:
            event_time = datetime.datetime.now(datetime.timezone.utc)
        self._event_time = event_time
        self._data_version = data_version

    @property
    def event_time(self) -> datetime.datetime:
        """When the event was created."""
        return self._event_time

    def __repr__(self) -> str:
        return (
            f"<EventGridOutputEvent id={self._id!r} event_type={self._event_type!r} "
            f"subject={self._subject!r}>"
        )


class CloudEvent(_Received, Serializable):
    """An event in the CloudEvents 1.0 schema, received or to publish.

    Attributes beyond the standard ones are extensions
    (``CloudEvent(..., traceparent="00-...")``), read via :attr:`extension_attrs`.
    ``data`` and extensions to send must be JSON-serialisable (checked when the
    event is sent). ``to_dict()`` shows the attributes (``time`` as ISO 8601
    text), ``data`` and ``extension_attrs``.
    """

    __slots__ = ("_members", "_values")
    _required = frozenset({"id", "source", "type", "specversion"})
    _schema = "CloudEvents"

    _serialized = serialized(
        "id",
        "source",
        "type",
        "specversion",
        "subject",
        "time",
        "datacontenttype",
        "dataschema",
        _DATA,
        "extension_attrs",
    )

    id = DefaultedProperty(
        "id", text, "The event's id, unique per source.", default=str
    )
    source = DefaultedProperty(
        "source",
        text,
        "The URI reference of the context the event happened in.",
        default=str,
    )
    type = DefaultedProperty(
        "type",
        text,
        "The event type, e.g. ``Microsoft.Storage.BlobCreated``.",
        default=str,
    )
    specversion = DefaultedProperty(
        "specversion", text, 'The CloudEvents version, ``"1.0"``.', default=str
    )
    time = MetadataProperty("time", timestamp, "When the event happened.")
    subject = MetadataProperty(
        "subject", text, "The subject of the event within its source."
    )
    datacontenttype = MetadataProperty(
        "datacontenttype", text, "The media type of the data."
    )
    dataschema = MetadataProperty(
        "dataschema", text, "The URI of the schema the data adheres to."
    )

    def __init__(
        self,
        *,
        id: str,
        source: str,
        type: str,
        specversion: str = "1.0",
        data: object = None,
        time: datetime.datetime | None = None,
        subject: str | None = None,
        datacontenttype: str | None = None,
        dataschema: str | None = None,
        **extensions: object,
    ) -> None:
        self._members = None
        self._values = {
            "id": id,
            "source": source,
            "type": type,
            "specversion": specversion,
            "data": data,
            "time": time,
            "subject": subject,
            "datacontenttype": datacontenttype,
            "dataschema": dataschema,
            "extension_attrs": extensions,
        }

    @property
    def extension_attrs(self) -> dict[str, typing.Any]:
        """Extension attributes (a copy), e.g. ``traceparent``."""
        members = self._members
        if members is None:
            return dict(
                typing.cast("dict[str, typing.Any]", self._values["extension_attrs"])
            )
        return {k: v for k, v in members.items() if k not in _CE_KNOWN}

    def __repr__(self) -> str:
        return (
            f"<CloudEvent id={self._peek('id')!r} source={self._peek('source')!r} "
            f"type={self._peek('type')!r}>"
        )


# --- decoding ---------------------------------------------------------------


class EventGridEventInConverter(
    BindingConverter, InConverter, binding=_TRIGGER, trigger=True
):
    """One Event Grid event → :class:`EventGridEvent` or :class:`CloudEvent`."""

    input_types = (EventGridEvent, CloudEvent)  # one event per invocation

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> EventGridEvent | CloudEvent:
        """A :class:`CloudEvent` when the event has ``specversion``.

        The members are read from the event when first used: a missing
        required member or a malformed one raises ``DatumTypeError`` then.
        """
        value = json_text(
            data, binding=_TRIGGER, what="the event", wire_types=_WIRE_TYPES
        )
        body = loads(value, source=f"the event of binding {_TRIGGER!r}")
        if not isinstance(body, dict):
            raise DatumTypeError(
                _TRIGGER,
                "the event",
                f"a JSON {type(body).__name__}",
                "a JSON object (one event per invocation)",
            )
        # The members are read when first used (a missing or malformed one
        # raises then).
        if "specversion" in body:
            return _received(CloudEvent, body)
        return _received(EventGridEvent, body)


# --- encoding ---------------------------------------------------------------

_EVENT_TYPES: tuple[type[EventGridOutputEvent | CloudEvent], ...] = (
    EventGridOutputEvent,
    CloudEvent,
)


def _event_json(event: EventGridOutputEvent | CloudEvent) -> JSONValue:
    if isinstance(event, EventGridOutputEvent):
        return {
            "id": event.id,
            "subject": event.subject,
            "dataVersion": event.data_version,
            "eventType": event.event_type,
            "data": event.get_json(),
            "eventTime": event.event_time.isoformat(),
        }
    out: dict[str, JSONValue] = {
        "specversion": event.specversion,
        "id": event.id,
        "source": event.source,
        "type": event.type,
    }
    optional: dict[str, JSONValue] = {
        "time": None if event.time is None else event.time.isoformat(),
        "subject": event.subject,
        "datacontenttype": event.datacontenttype,
        "dataschema": event.dataschema,
    }
    out.update((k, v) for k, v in optional.items() if v is not None)
    out.update(event.extension_attrs)
    if event.get_json() is not None:
        out["data"] = event.get_json()
    return out


def _list_item(item: object, index: int) -> JSONValue:
    if isinstance(item, str):
        return item
    if isinstance(item, _EVENT_TYPES):
        return _event_json(item)
    raise DatumTypeError(
        _OUTPUT,
        f"item {index} of the output list",
        f"of type {type(item).__name__}",
        "str, EventGridOutputEvent or CloudEvent",
    )


def _json_datum(value: JSONValue) -> Datum:
    try:
        return Datum(dumps(value), "json")
    except (TypeError, ValueError) as exc:
        raise DatumTypeError(
            _OUTPUT,
            "the event data",
            f"not JSON serialisable ({exc})",
            "JSON-serialisable data",
        ) from None


class EventGridEventOutConverter(BindingConverter, OutConverter, binding=_OUTPUT):
    """Events to publish: ``str``, ``bytes``, events, or a list of them."""

    output_types = (str, bytes, *_EVENT_TYPES)
    output_item_types = (str, *_EVENT_TYPES)

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """Text and bytes as they are (the host parses them); events as JSON."""
        return encode_text_or_json(
            obj,
            binding=_OUTPUT,
            objects=_EVENT_TYPES,
            to_json=_event_json,
            item=_list_item,
            expected="str, bytes, EventGridOutputEvent, CloudEvent or a list of them",
            as_datum=_json_datum,
        )
