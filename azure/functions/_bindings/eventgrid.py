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
from .._metadata import Field, text, timestamp
from ._base import BindingConverter, encode_text_or_json, json_text
from ._serialize import Serializable, serialized

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

    from .._datum import DatumLike
    from .._types import JSONValue

    T = TypeVar("T")

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

# Event Grid schema members.
EG_ID = Field("id", text)
EG_TOPIC = Field("topic", text)
EG_SUBJECT = Field("subject", text)
EG_EVENT_TYPE = Field("eventType", text)
EG_EVENT_TIME = Field("eventTime", timestamp)
EG_DATA_VERSION = Field("dataVersion", text)

# CloudEvents 1.0 context attributes; any other member is an extension.
CE_ID = Field("id", text)
CE_SOURCE = Field("source", text)
CE_TYPE = Field("type", text)
CE_SPECVERSION = Field("specversion", text)
CE_TIME = Field("time", timestamp)
CE_SUBJECT = Field("subject", text)
CE_DATACONTENTTYPE = Field("datacontenttype", text)
CE_DATASCHEMA = Field("dataschema", text)
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


class EventGridEvent(_EventGridSchema):
    """An event received in the Event Grid schema.

    ``to_dict()`` shows its fields, ``event_time`` as ISO 8601 text.
    """

    __slots__ = ("_event_time", "_topic")

    _serialized = serialized(
        "id", "topic", "subject", "event_type", "event_time", "data_version", _DATA
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
        self._id = id
        self._event_type = event_type
        self._data = typing.cast("JSONValue", data)
        self._topic = topic
        self._subject = subject
        self._event_time = event_time
        self._data_version = data_version

    @property
    def topic(self) -> str:
        """The resource path of the event source."""
        return self._topic

    @property
    def event_time(self) -> datetime.datetime | None:
        """When the publisher created the event."""
        return self._event_time

    def __repr__(self) -> str:
        return (
            f"<EventGridEvent id={self._id!r} event_type={self._event_type!r} "
            f"subject={self._subject!r}>"
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


class CloudEvent(Serializable):
    """An event in the CloudEvents 1.0 schema, received or to publish.

    Attributes beyond the standard ones are extensions
    (``CloudEvent(..., traceparent="00-...")``), read via :attr:`extension_attrs`.
    ``data`` and extensions to send must be JSON-serialisable (checked when the
    event is sent). ``to_dict()`` shows the attributes (``time`` as ISO 8601
    text), ``data`` and ``extension_attrs``.
    """

    __slots__ = (
        "_data",
        "_datacontenttype",
        "_dataschema",
        "_extensions",
        "_id",
        "_source",
        "_specversion",
        "_subject",
        "_time",
        "_type",
    )

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
        self._id = id
        self._source = source
        self._type = type
        self._specversion = specversion
        self._data = typing.cast("JSONValue", data)
        self._time = time
        self._subject = subject
        self._datacontenttype = datacontenttype
        self._dataschema = dataschema
        self._extensions = typing.cast("dict[str, JSONValue]", extensions)

    @property
    def id(self) -> str:
        """The event's id, unique per source."""
        return self._id

    @property
    def source(self) -> str:
        """The URI reference of the context the event happened in."""
        return self._source

    @property
    def type(self) -> str:
        """The event type, e.g. ``Microsoft.Storage.BlobCreated``."""
        return self._type

    @property
    def specversion(self) -> str:
        """The CloudEvents version, ``"1.0"``."""
        return self._specversion

    @property
    def time(self) -> datetime.datetime | None:
        """When the event happened."""
        return self._time

    @property
    def subject(self) -> str | None:
        """The subject of the event within its source."""
        return self._subject

    @property
    def datacontenttype(self) -> str | None:
        """The media type of the data."""
        return self._datacontenttype

    @property
    def dataschema(self) -> str | None:
        """The URI of the schema the data adheres to."""
        return self._dataschema

    @property
    def extension_attrs(self) -> dict[str, typing.Any]:
        """Extension attributes (a copy), e.g. ``traceparent``."""
        return dict(self._extensions)

    def get_json(self) -> typing.Any:
        """The event's ``data``."""
        return self._data

    def __repr__(self) -> str:
        return (
            f"<CloudEvent id={self._id!r} source={self._source!r} type={self._type!r}>"
        )


# --- decoding ---------------------------------------------------------------


def _member(body: Mapping[str, JSONValue], field: Field[T]) -> T | None:
    """Member *field* of an event, converted; ``None`` when absent or null."""
    value = body.get(field.key)
    if value is None:
        return None
    try:
        return field.kind(value)
    except (TypeError, ValueError) as exc:
        raise DatumTypeError(
            _TRIGGER,
            f"event member {field.key!r}",
            repr(value) if len(repr(value)) <= 60 else f"a {type(value).__name__}",
            f"{getattr(field.kind, '__name__', 'a value')} ({exc})",
        ) from None


def _required(body: Mapping[str, JSONValue], field: Field[str], schema: str) -> str:
    value = _member(body, field)
    if value is None:
        raise DatumTypeError(
            _TRIGGER,
            f"event member {field.key!r}",
            "missing",
            f"a string (required by the {schema} schema)",
        )
    return value


def _event_grid_event(body: Mapping[str, JSONValue]) -> EventGridEvent:
    schema = "Event Grid"
    return EventGridEvent(
        id=_required(body, EG_ID, schema),
        event_type=_required(body, EG_EVENT_TYPE, schema),
        data=body.get("data"),
        topic=_member(body, EG_TOPIC) or "",
        subject=_member(body, EG_SUBJECT) or "",
        event_time=_member(body, EG_EVENT_TIME),
        data_version=_member(body, EG_DATA_VERSION) or "",
    )


def _cloud_event(body: Mapping[str, JSONValue]) -> CloudEvent:
    schema = "CloudEvents"
    extensions = {k: v for k, v in body.items() if k not in _CE_KNOWN}
    return CloudEvent(
        id=_required(body, CE_ID, schema),
        source=_required(body, CE_SOURCE, schema),
        type=_required(body, CE_TYPE, schema),
        specversion=_required(body, CE_SPECVERSION, schema),
        data=body.get("data"),
        time=_member(body, CE_TIME),
        subject=_member(body, CE_SUBJECT),
        datacontenttype=_member(body, CE_DATACONTENTTYPE),
        dataschema=_member(body, CE_DATASCHEMA),
        **extensions,
    )


class EventGridEventInConverter(
    BindingConverter, InConverter, binding=_TRIGGER, trigger=True
):
    """One Event Grid event → :class:`EventGridEvent` or :class:`CloudEvent`."""

    input_types = (EventGridEvent, CloudEvent)  # one event per invocation

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> EventGridEvent | CloudEvent:
        """A :class:`CloudEvent` when the event has ``specversion``."""
        value = json_text(
            data, binding=_TRIGGER, what="the event", wire_types=_WIRE_TYPES
        )
        from .._json import loads

        body = loads(value, source=f"the event of binding {_TRIGGER!r}")
        if not isinstance(body, dict):
            raise DatumTypeError(
                _TRIGGER,
                "the event",
                f"a JSON {type(body).__name__}",
                "a JSON object (one event per invocation)",
            )
        if "specversion" in body:
            return _cloud_event(body)
        return _event_grid_event(body)


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
    from .._json import dumps

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
