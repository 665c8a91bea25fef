"""The worker's side of the wire, for the adapter tests.

The Python worker hands converters datums of its own class, built from the
host's protobuf messages, and reads our output datums field by field; these
helpers play that part without the worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from http.cookies import SimpleCookie

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import Message

from azure.functions.meta import DatumLike


class WorkerDatum:
    """Stand-in for the worker's own ``Datum``: not our class, same attributes."""

    __slots__ = ("type", "value")

    def __init__(self, value: object, type: str | None) -> None:
        self.value = value
        self.type = type

    def __repr__(self) -> str:
        return f"WorkerDatum({self.value!r}, {self.type!r})"


# --- the worker's protobuf messages -------------------------------------------
#
# The worker builds datums from the host's ``TypedData`` message. These are
# equivalent messages, built at run time from a descriptor (no protoc, no
# generated code): their collections are real protobuf repeated containers,
# which (protobuf 5 and later) iterate without an ``__iter__`` attribute.

_F = descriptor_pb2.FieldDescriptorProto
_REPEATED = _F.LABEL_REPEATED
_OPTIONAL = _F.LABEL_OPTIONAL

#: Collection wire type -> (message name, repeated field, its protobuf type).
COLLECTIONS: dict[str, tuple[str, str, int]] = {
    "collection_string": ("CollectionString", "string", _F.TYPE_STRING),
    "collection_bytes": ("CollectionBytes", "bytes", _F.TYPE_BYTES),
    "collection_double": ("CollectionDouble", "double", _F.TYPE_DOUBLE),
    "collection_sint64": ("CollectionSInt64", "sint64", _F.TYPE_SINT64),
}

#: ``TypedData``'s ``data`` one-of: field name -> (number, type, message type).
_TYPED_DATA_FIELDS: dict[str, tuple[int, int, str | None]] = {
    "string": (1, _F.TYPE_STRING, None),
    "json": (2, _F.TYPE_STRING, None),
    "bytes": (3, _F.TYPE_BYTES, None),
    "stream": (4, _F.TYPE_BYTES, None),
    "http": (5, _F.TYPE_MESSAGE, "RpcHttp"),
    "int": (6, _F.TYPE_SINT64, None),
    "double": (7, _F.TYPE_DOUBLE, None),
    "collection_bytes": (8, _F.TYPE_MESSAGE, "CollectionBytes"),
    "collection_string": (9, _F.TYPE_MESSAGE, "CollectionString"),
    "collection_double": (10, _F.TYPE_MESSAGE, "CollectionDouble"),
    "collection_sint64": (11, _F.TYPE_MESSAGE, "CollectionSInt64"),
    "model_binding_data": (12, _F.TYPE_MESSAGE, "ModelBindingData"),
    "collection_model_binding_data": (
        13,
        _F.TYPE_MESSAGE,
        "CollectionModelBindingData",
    ),
}


def _add_field(
    message: descriptor_pb2.DescriptorProto,
    name: str,
    number: int,
    kind: int,
    *,
    label: int = _OPTIONAL,
    type_name: str | None = None,
    oneof: int | None = None,
) -> None:
    field = message.field.add(name=name, number=number, type=kind, label=label)
    if type_name is not None:
        field.type_name = f".wire.{type_name}"
    if oneof is not None:
        field.oneof_index = oneof


def _string_map(
    message: descriptor_pb2.DescriptorProto, name: str, number: int
) -> None:
    """A ``map<string, string>`` field: a repeated nested entry message."""
    entry_name = "".join(part.title() for part in name.split("_")) + "Entry"
    entry = message.nested_type.add(name=entry_name)
    entry.options.map_entry = True
    _add_field(entry, "key", 1, _F.TYPE_STRING)
    _add_field(entry, "value", 2, _F.TYPE_STRING)
    _add_field(
        message,
        name,
        number,
        _F.TYPE_MESSAGE,
        label=_REPEATED,
        type_name=f"{message.name}.{entry_name}",
    )


def _wire_file() -> descriptor_pb2.FileDescriptorProto:
    file = descriptor_pb2.FileDescriptorProto(
        name="wire.proto", package="wire", syntax="proto3"
    )
    for message_name, field, kind in COLLECTIONS.values():
        message = file.message_type.add(name=message_name)
        _add_field(message, field, 1, kind, label=_REPEATED)
    binding_data = file.message_type.add(name="ModelBindingData")
    for number, name in enumerate(("version", "source", "content_type"), 1):
        _add_field(binding_data, name, number, _F.TYPE_STRING)
    _add_field(binding_data, "content", 4, _F.TYPE_BYTES)
    _add_field(
        file.message_type.add(name="CollectionModelBindingData"),
        "model_binding_data",
        1,
        _F.TYPE_MESSAGE,
        label=_REPEATED,
        type_name="ModelBindingData",
    )
    http = file.message_type.add(name="RpcHttp")
    _add_field(http, "method", 1, _F.TYPE_STRING)
    _add_field(http, "url", 2, _F.TYPE_STRING)
    _string_map(http, "headers", 3)
    _add_field(http, "body", 4, _F.TYPE_MESSAGE, type_name="TypedData")
    _string_map(http, "params", 10)
    _add_field(http, "status_code", 12, _F.TYPE_STRING)
    _string_map(http, "query", 15)
    typed = file.message_type.add(name="TypedData")
    typed.oneof_decl.add(name="data")
    for name, (number, kind, type_name) in _TYPED_DATA_FIELDS.items():
        _add_field(typed, name, number, kind, type_name=type_name, oneof=0)
    return file


_POOL = descriptor_pool.DescriptorPool()
_POOL.Add(_wire_file())


def message_class(name: str) -> Callable[..., Message]:
    """The message class *name* (``TypedData``, ``CollectionString`` ...)."""
    return message_factory.GetMessageClass(_POOL.FindMessageTypeByName(f"wire.{name}"))


TypedData = message_class("TypedData")
RpcHttp = message_class("RpcHttp")


def collection_message(kind: str, items: Iterable[object]) -> Message:
    """The worker's message for collection wire type *kind* holding *items*."""
    message_name, field, _ = COLLECTIONS[kind]
    return message_class(message_name)(**{field: list(items)})


def repeated_field(kind: str, items: Iterable[object]) -> object:
    """The bare repeated container of a collection message (no ``__iter__``)."""
    field = COLLECTIONS[kind][1]
    container: object = getattr(collection_message(kind, items), field)
    assert not hasattr(container, "__iter__"), "protobuf's containers changed"
    return container


def from_typed_data(data: Message) -> WorkerDatum | None:
    """The datum the worker builds from a ``TypedData`` message.

    The worker hands on the one-of's value: text, bytes, numbers, and for
    collections and model binding data the protobuf message itself; an
    ``http`` value becomes a dict of string datums and a body datum (an
    empty bytes datum when the request has none). ``None`` when no field is set.
    """
    kind = data.WhichOneof("data")
    if kind is None:
        return None
    value = getattr(data, kind)
    if kind == "http":
        body = from_typed_data(value.body) if value.HasField("body") else None
        return WorkerDatum(
            {
                "method": WorkerDatum(value.method, "string"),
                "url": WorkerDatum(value.url, "string"),
                "headers": strings(dict(value.headers)),
                "query": strings(dict(value.query)),
                "params": strings(dict(value.params)),
                "body": body if body is not None else WorkerDatum(b"", "bytes"),
            },
            "http",
        )
    return WorkerDatum(value, "bytes" if kind == "stream" else kind)


def worker_datum(kind: str, value: object) -> WorkerDatum:
    """A ``TypedData`` with field *kind* set to *value*, as the worker's datum.

    For collections *value* is the items: ``worker_datum("collection_string",
    ["a", "b"])``; for other message fields a dict of the message's fields:
    ``worker_datum("model_binding_data", {"source": "AzureStorageBlobs"})``.
    """
    if kind in COLLECTIONS:
        value = collection_message(kind, value)  # type: ignore[arg-type]
    elif isinstance(value, Mapping):
        message_name = _TYPED_DATA_FIELDS[kind][2]
        assert message_name is not None
        value = message_class(message_name)(**value)
    datum = from_typed_data(TypedData(**{kind: value}))
    assert datum is not None
    return datum


def strings(values: Mapping[str, str] | None) -> dict[str, WorkerDatum]:
    """A ``{name: string datum}`` map, as the worker builds for headers and such."""
    return {k: WorkerDatum(v, "string") for k, v in (values or {}).items()}


def http_datum(
    method: str = "GET",
    url: str = "https://example.net/api/fn",
    *,
    headers: Mapping[str, str] | None = None,
    query: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    body: WorkerDatum | None = None,
) -> WorkerDatum:
    """The ``http`` datum the worker passes to the ``httpTrigger`` converter.

    Without *body* the worker sends an empty bytes datum, as it does for a
    request without one.
    """
    return WorkerDatum(
        {
            "method": WorkerDatum(method, "string"),
            "url": WorkerDatum(url, "string"),
            "headers": strings(headers),
            "query": strings(query),
            "params": strings(params),
            "body": body if body is not None else WorkerDatum(b"", "bytes"),
        },
        "http",
    )


@dataclass(frozen=True)
class WireCookie:
    """One cookie as the worker reads it from a ``SimpleCookie`` morsel."""

    name: str
    value: str
    domain: str
    path: str
    expires: str
    max_age: str
    secure: bool
    httponly: bool
    samesite: str


@dataclass(frozen=True)
class WireResponse:
    """An ``http`` output datum read field by field, the way the worker does."""

    status_code: str
    headers: dict[str, str]
    cookies: list[WireCookie]
    body: bytes
    body_type: str | None


def read_http_output(datum: DatumLike) -> WireResponse:
    """Read an ``http`` output datum as the worker turns it into its protobuf.

    Header values must be strings (they go into a proto ``map<string,
    string>``); ``cookies`` is ``None`` or a list of ``SimpleCookie``.
    """
    assert datum.type == "http"
    value = datum.value
    assert isinstance(value, dict)
    status = value["status_code"].value
    assert isinstance(status, str)
    headers: dict[str, str] = {}
    for name, header in value["headers"].items():
        assert isinstance(name, str)
        assert isinstance(header.value, str)
        headers[name] = header.value
    cookies: list[WireCookie] = []
    raw_cookies = value.get("cookies")
    if raw_cookies is not None:
        assert isinstance(raw_cookies, list)
        for cookie in raw_cookies:
            assert isinstance(cookie, SimpleCookie)
            for name, morsel in cookie.items():
                cookies.append(
                    WireCookie(
                        name=name,
                        value=morsel.value,
                        domain=morsel["domain"],
                        path=morsel["path"],
                        expires=morsel["expires"],
                        max_age=str(morsel["max-age"]),
                        secure=bool(morsel["secure"]),
                        httponly=bool(morsel["httponly"]),
                        samesite=morsel["samesite"],
                    )
                )
    body = value["body"]
    assert isinstance(body.value, bytes)
    return WireResponse(status, headers, cookies, body.value, body.type)
