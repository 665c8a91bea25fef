"""Queue and blob bindings of one function: inputs read, outputs delivered.

Before the call, each blob input's path is resolved from the invocation's
binding data and the blob read (``None`` when there is none); after it, the
datums the converters made of each queue or blob output are written, each
delivery logged with its target and size. A delivery that fails fails the
invocation, as in Azure.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from typing import Literal, final

from ..._datum import Datum
from ..._errors import InvalidJSONError
from ..._json import dumps, loads
from ..loading.model import BindingInfo, FunctionInfo
from ..logs import host_logger
from .api import StorageBackend
from .templates import BindingTemplate, TemplateError, check_name

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..._datum import DatumLike

__all__ = [
    "FunctionStorage",
    "MessageEncodingError",
    "bind_data",
    "decode_message",
    "encode_message",
    "queue_messages",
    "shown_value",
]

STORAGE_TYPES = frozenset({"queue", "blob"})

#: The backend for a binding (by its ``connection``), opened on first use.
BackendFor = Callable[[BindingInfo], StorageBackend]
#: Called after a write: the binding and the queue's name ("" for a blob).
Notify = Callable[[BindingInfo, str], None]


class MessageEncodingError(ValueError):
    """A queue message that is not valid base64 where ``messageEncoding`` says so."""


def encode_message(body: bytes, encoding: Literal["base64", "none"]) -> str:
    """A message body as the queue holds it (``messageEncoding``)."""
    if encoding == "base64":
        return base64.b64encode(body).decode("ascii")
    return body.decode("utf-8")


def decode_message(content: str, encoding: Literal["base64", "none"]) -> bytes:
    """What the queue holds → the body; ``MessageEncodingError`` for bad base64."""
    if encoding == "none":
        return content.encode("utf-8")
    try:
        return base64.b64decode(content.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise MessageEncodingError(
            "the message is not base64 (host.json extensions.queues.messageEncoding "
            'is "base64"; a tool that puts plain text needs "none")'
        ) from None


def queue_messages(datum: Datum) -> list[bytes]:
    """The messages an output datum sends: a JSON array is one message per item."""
    value = datum.value
    if datum.type == "bytes" and isinstance(value, (bytes, bytearray)):
        return [bytes(value)]
    if datum.type == "json" and isinstance(value, (str, bytes)):
        parsed = loads(value, source="the output")
        items = parsed if isinstance(parsed, list) else [parsed]
        return [
            (item if isinstance(item, str) else dumps(item, compact=True)).encode()
            for item in items
        ]
    if isinstance(value, str):
        return [value.encode("utf-8")]
    if isinstance(value, (bytes, bytearray)):
        return [bytes(value)]
    return [str(value).encode("utf-8")]


#: How much of an undelivered output's value the log shows.
SHOWN_CHARACTERS = 200


def shown_value(datum: Datum) -> str:
    """An output's value for the log, cut after ``SHOWN_CHARACTERS``."""
    value = datum.value
    if isinstance(value, (bytes, bytearray)):
        text = repr(bytes(value[: SHOWN_CHARACTERS + 1]))
        size = len(value)
    else:
        text = value if isinstance(value, str) else repr(value)
        size = len(text)
    if len(text) > SHOWN_CHARACTERS:
        text = f"{text[:SHOWN_CHARACTERS]}... ({size} in all)"
    return text


def _blob_content(datum: Datum) -> tuple[bytes, str]:
    value = datum.value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value), "application/octet-stream"
    if datum.type == "json" and isinstance(value, str):
        return value.encode("utf-8"), "application/json"
    text = value if isinstance(value, str) else str(value)
    return text.encode("utf-8"), "text/plain; charset=utf-8"


def _plain(datum: DatumLike) -> object:
    value = datum.value
    if datum.type == "json" and isinstance(value, (str, bytes)):
        try:
            return loads(value, source="trigger metadata")
        except InvalidJSONError:
            return value
    if datum.type in ("string", "int", "double"):
        return value
    return None


def _json_object(text: object) -> dict[str, object]:
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", errors="replace")
    if not isinstance(text, str) or not text.lstrip().startswith("{"):
        return {}
    try:
        value = loads(text, source="the trigger payload")
    except InvalidJSONError:
        return {}
    return dict(value) if isinstance(value, dict) else {}


def bind_data(
    trigger: DatumLike, metadata: Mapping[str, DatumLike] | None
) -> dict[str, object]:
    """The names binding expressions can use, from the trigger and its metadata.

    The trigger metadata (``QueueTrigger``, route parameters, ``name`` ...);
    a JSON queue message's properties (over the metadata of the same name,
    as the host merges them); an HTTP request's query parameters and JSON
    body properties where no route parameter has the name.
    """
    data: dict[str, object] = {}
    for key, datum in (metadata or {}).items():
        value = _plain(datum)
        if value is not None:
            data[key] = value
    extra: dict[str, object] = {}
    if trigger.type == "http" and isinstance(trigger.value, Mapping):
        body = trigger.value.get("body")
        if isinstance(body, Datum):
            extra.update(_json_object(body.value))
        query = data.get("Query")
        if isinstance(query, dict):
            extra.update(query)
    elif "QueueTrigger" in data:
        # A JSON message's properties win over the metadata ({id} is its id).
        for key, value in _json_object(data["QueueTrigger"]).items():
            for name in [name for name in data if name.lower() == key.lower()]:
                del data[name]
            data[key] = value
    lowered = {key.lower() for key in data}
    for key, value in extra.items():
        if key.lower() not in lowered:
            data[key] = value
    return data


def _has(binding: BindingInfo, key: str) -> bool:
    value = binding.get(key)
    return isinstance(value, str) and bool(value.strip())


@final
class _Io:
    """One queue or blob binding: its parameter, path template and connection."""

    __slots__ = ("binding", "data_type", "name", "template")

    def __init__(self, name: str, binding: BindingInfo, key: str) -> None:
        self.name = name
        self.binding = binding
        raw = binding.get(key)
        self.template = BindingTemplate(raw if isinstance(raw, str) else "")
        self.data_type = (binding.data_type or "").lower()


@final
class FunctionStorage:
    """The queue and blob bindings of one function (not its trigger).

    ``delivered`` names the outputs it writes (``$return`` for the return
    value). Made once per function, by the host's storage runtime.
    """

    __slots__ = (
        "_backend_for",
        "_encoding",
        "_notify",
        "blob_inputs",
        "delivered",
        "function",
        "needs_data",
        "outputs",
    )

    def __init__(
        self,
        function: FunctionInfo,
        *,
        backend_for: BackendFor,
        notify: Notify,
        encoding: Literal["base64", "none"],
    ) -> None:
        self.function = function
        self._backend_for = backend_for
        self._notify = notify
        self._encoding: Literal["base64", "none"] = encoding
        self.blob_inputs = tuple(
            _Io(param.name, param.binding, "path")
            for param in function.inputs
            if param.binding.type == "blob"
            and param.binding is not function.trigger
            and _has(param.binding, "path")
        )
        outputs: list[_Io] = []
        candidates = [(param.name, param.binding) for param in function.outputs]
        info = function.return_info
        if info is not None and info.binding.name == "$return":
            candidates.append(("$return", info.binding))
        for name, binding in candidates:
            if not _has(binding, "queueName" if binding.type == "queue" else "path"):
                continue  # nowhere to write: reported as not delivered
            if binding.type == "queue":
                outputs.append(_Io(name, binding, "queueName"))
            elif binding.type == "blob":
                outputs.append(_Io(name, binding, "path"))
        self.outputs = tuple(outputs)
        self.delivered = frozenset(io.name for io in outputs)
        self.needs_data = any(
            io.template.names for io in (*self.blob_inputs, *self.outputs)
        )

    @property
    def empty(self) -> bool:
        """Whether the function has no queue or blob binding besides its trigger."""
        return not self.blob_inputs and not self.outputs

    def _error(self, io: _Io, detail: str) -> ValueError:
        return ValueError(
            f"Function '{self.function.name}', binding '{io.binding.name}' "
            f"({io.binding.type}): {detail}"
        )

    def _path(self, io: _Io, data: Mapping[str, object]) -> tuple[str, str]:
        try:
            path = io.template.resolve(data).strip().lstrip("/")
        except TemplateError as exc:
            raise self._error(io, str(exc)) from None
        container, _, name = path.partition("/")
        if not container or not name:
            raise self._error(io, f"the blob path {path!r} is not container/name")
        try:
            return check_name(container, "container"), name
        except TemplateError as exc:
            raise self._error(io, str(exc)) from None

    async def prepare(
        self,
        trigger: DatumLike,
        metadata: Mapping[str, DatumLike] | None,
        inputs: Mapping[str, object] | None,
    ) -> tuple[dict[str, object], Mapping[str, object] | None]:
        """The invocation's binding data, and *inputs* with each blob input read.

        Values the caller gave in *inputs* win over the blobs.
        """
        data = bind_data(trigger, metadata) if self.needs_data else {}
        if not self.blob_inputs:
            return data, inputs
        read = await self.read_inputs(data)
        if inputs:
            read.update(inputs)
        return data, read

    async def read_inputs(self, data: Mapping[str, object]) -> dict[str, object]:
        """Each blob input's datum by parameter name (``None``: no such blob)."""
        values: dict[str, object] = {}
        for io in self.blob_inputs:
            container, name = self._path(io, data)
            found = await self._backend_for(io.binding).download_blob(container, name)
            if found is None:
                values[io.name] = None
                continue
            content = found[0]
            if io.data_type == "string":
                values[io.name] = Datum(content.decode("utf-8", "replace"), "string")
            else:
                values[io.name] = Datum(content, "bytes")
        return values

    async def deliver(
        self, outputs: Mapping[str, Datum], data: Mapping[str, object]
    ) -> None:
        """Write each queue or blob output that was set, and log where it went."""
        log = host_logger()
        for io in self.outputs:
            datum = outputs.get(io.name)
            if datum is None or datum.value is None:
                continue
            backend = self._backend_for(io.binding)
            shown = "return value" if io.name == "$return" else f"output '{io.name}'"
            if io.binding.type == "queue":
                try:
                    queue = check_name(
                        io.template.resolve(data).strip().lower(), "queue"
                    )
                except TemplateError as exc:
                    raise self._error(io, str(exc)) from None
                bodies = queue_messages(datum)
                try:
                    messages = [encode_message(body, self._encoding) for body in bodies]
                except UnicodeDecodeError:
                    raise self._error(
                        io,
                        "bytes that are not UTF-8 text need host.json "
                        'extensions.queues.messageEncoding "base64"',
                    ) from None
                for message in messages:
                    await backend.put_message(queue, message)
                self._notify(io.binding, queue)
                log.info(
                    "Function '%s': %s → queue '%s' (%d message%s, %d bytes).",
                    self.function.name,
                    shown,
                    queue,
                    len(bodies),
                    "" if len(bodies) == 1 else "s",
                    sum(len(body) for body in bodies),
                )
            else:
                container, name = self._path(io, data)
                blob, content_type = _blob_content(datum)
                await backend.upload_blob(
                    container, name, blob, content_type=content_type
                )
                self._notify(io.binding, "")
                log.info(
                    "Function '%s': %s → blob '%s/%s' (%d bytes).",
                    self.function.name,
                    shown,
                    container,
                    name,
                    len(blob),
                )

    def __repr__(self) -> str:
        return (
            f"<FunctionStorage {self.function.name!r} inputs="
            f"{[io.name for io in self.blob_inputs]} outputs={sorted(self.delivered)}>"
        )
