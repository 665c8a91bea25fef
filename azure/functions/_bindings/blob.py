"""Azure Storage blobs: the ``blobTrigger`` and ``blob`` input/output converter."""

from __future__ import annotations

import io
import typing

from .._converter import InConverter, OutConverter
from .._datum import Datum
from .._errors import DatumTypeError, InvalidJSONError
from .._metadata import Field, MetadataView, integer, json_object, text
from ._base import BindingConverter, utf8_bytes
from ._serialize import Serializable, omitted_when_none, serialized

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from _typeshed import WriteableBuffer

    from .._datum import DatumLike
    from .._types import JSONValue

__all__ = ["BlobConverter", "InputStream"]

_BINDING = "blob"


def json_dict(value: object) -> dict[str, JSONValue]:
    """A JSON object from the wire (its values are JSON by construction)."""
    return typing.cast("dict[str, JSONValue]", json_object(value))


# Trigger metadata the host sends for a blob trigger.
NAME = Field("BlobTrigger", text)
URI = Field("Uri", text)
PROPERTIES = Field("Properties", json_dict)
METADATA = Field("Metadata", json_dict)
# Keys of ``Properties`` holding the size (``ContentLength`` wins).
LENGTH_KEYS = ("ContentLength", "Length")


def _has_content(stream: InputStream) -> bool:
    return stream._buffer is not None


class InputStream(io.BufferedIOBase, Serializable):
    """A blob's content as a binary file, with the blob's name, URI and properties.

    Read it like any binary file (``read``, ``readline``, iteration, ``seek``);
    ``InputStream(data=b"...", name="container/blob.txt")`` builds one in tests.
    ``InputStream(name=..., uri=..., length=...)`` describes a blob without its
    content: such a stream is not readable (reading it raises
    ``io.UnsupportedOperation``). ``to_dict()`` shows the blob's name, URI,
    length, properties and metadata, never its content.
    """

    __slots__ = ("_blob_properties", "_buffer", "_length", "_metadata", "_name", "_uri")

    _serialized = serialized(
        "name",
        "uri",
        "length",
        # A stream without content (2.3.0's func.InputStream) shows three keys.
        ("blob_properties", omitted_when_none("_blob_properties", unless=_has_content)),
        ("metadata", omitted_when_none("_metadata", unless=_has_content)),
    )

    def __init__(
        self,
        *,
        data: bytes | bytearray | memoryview | str | None = None,
        name: str | None = None,
        uri: str | None = None,
        length: int | None = None,
        blob_properties: Mapping[str, JSONValue] | None = None,
        metadata: Mapping[str, JSONValue] | None = None,
    ) -> None:
        super().__init__()
        # Set first: closing (also on garbage collection) needs it.
        self._buffer: io.BytesIO | None = None
        if data is None:
            content = None
        elif isinstance(data, str):
            content = data.encode("utf-8")
        elif isinstance(data, (bytes, bytearray, memoryview)):
            content = bytes(data)
        else:
            raise TypeError(
                "InputStream data must be bytes-like, str or None, "
                f"got {type(data).__name__}"
            )
        if content is not None:
            self._buffer = io.BytesIO(content)
            if length is None:
                length = len(content)
        self._name = name
        self._uri = uri
        self._length = length
        self._blob_properties = _copy(blob_properties)
        self._metadata = _copy(metadata)

    @property
    def name(self) -> str | None:
        """The blob's path, ``container/blob`` (``None`` when unknown)."""
        return self._name

    @property
    def uri(self) -> str | None:
        """The blob's primary URI (``None`` when unknown)."""
        return self._uri

    @property
    def length(self) -> int | None:
        """The blob's size in bytes (``None`` when unknown)."""
        return self._length

    @property
    def blob_properties(self) -> dict[str, JSONValue] | None:
        """The blob's system properties (``ContentType``, ``ETag`` ...), as sent."""
        return self._blob_properties

    @property
    def metadata(self) -> dict[str, typing.Any] | None:
        """The blob's user-defined metadata."""
        return self._metadata

    def _content(self) -> io.BytesIO:
        if self._buffer is None:
            raise io.UnsupportedOperation(
                f"InputStream {self._name!r} was built without data: "
                "there is no content to read"
            )
        return self._buffer

    def read(self, size: int | None = -1) -> bytes:
        """Up to *size* bytes (everything left when *size* is negative or None)."""
        return self._content().read(size)

    def read1(self, size: int | None = -1) -> bytes:
        """Same as :meth:`read`: the content is already in memory."""
        return self._content().read(size)

    def readinto(self, buffer: WriteableBuffer) -> int:
        """Read into a pre-allocated writable buffer; the number of bytes read."""
        return self._content().readinto(buffer)

    def readinto1(self, buffer: WriteableBuffer) -> int:
        """Same as :meth:`readinto`."""
        return self._content().readinto(buffer)

    def readline(self, size: int | None = -1) -> bytes:
        """The next line, its newline included."""
        return self._content().readline(size)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move to *offset* (from the start, the position or the end)."""
        return self._content().seek(offset, whence)

    def tell(self) -> int:
        """The current position."""
        return self._content().tell()

    def readable(self) -> bool:
        """Whether the stream has content (it was built with ``data``)."""
        return self._buffer is not None

    def seekable(self) -> bool:
        """Whether the stream has content: in memory, it can seek anywhere."""
        return self._buffer is not None

    def writable(self) -> bool:
        """Always ``False``."""
        return False

    def close(self) -> None:
        """Release the content; reading afterwards raises ``ValueError``."""
        if self._buffer is not None:
            self._buffer.close()
        super().close()

    def __repr__(self) -> str:
        return f"<InputStream name={self._name!r} length={self._length}>"


def _copy(mapping: Mapping[str, JSONValue] | None) -> dict[str, JSONValue] | None:
    return None if mapping is None else dict(mapping)


def _is_file_type(pytype: object) -> bool:
    """``pytype`` is a class (or generic alias of one) with a ``read`` method."""
    target = pytype if isinstance(pytype, type) else typing.get_origin(pytype)
    if not isinstance(target, type):
        return False
    try:
        return callable(getattr(target, "read", None))
    except Exception:  # a metaclass with a failing __getattr__
        return False


class BlobConverter(
    BindingConverter, InConverter, OutConverter, binding=_BINDING, trigger="blobTrigger"
):
    """Blob content ↔ :class:`InputStream`, ``str`` or ``bytes``."""

    input_types = (InputStream, bytes, str)
    output_types = (str, bytes, bytearray, InputStream)

    @classmethod
    def check_output_type_annotation(cls, pytype: object) -> bool:
        """``output_types``, and any class with ``read()`` (its content is sent)."""
        return super().check_output_type_annotation(pytype) or _is_file_type(pytype)

    @classmethod
    def decode(
        cls, data: DatumLike | None, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> InputStream | None:
        """The blob as an :class:`InputStream`; ``None`` for a missing blob."""
        if data is None or data.type is None:
            return None
        value = data.value
        if data.type in ("bytes", "string", "json") and isinstance(
            value, (bytes, bytearray, str)
        ):
            content = (
                utf8_bytes(value, binding=_BINDING, what="the blob")
                if isinstance(value, str)
                else value
            )
        else:
            raise DatumTypeError(
                _BINDING,
                "the blob",
                f"of wire type {data.type!r} holding {type(value).__name__}",
                "bytes or string",
            )
        meta = MetadataView(trigger_metadata, _BINDING)
        properties = meta.get(PROPERTIES)
        return InputStream(
            data=content,
            name=meta.get(NAME),
            uri=meta.get(URI),
            length=_length(properties),
            blob_properties=properties,
            metadata=_user_metadata(meta),
        )

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """Text as ``string``, bytes-like as ``bytes``; a file is read first."""
        if isinstance(obj, InputStream) and obj._buffer is None:
            raise DatumTypeError(
                _BINDING,
                "the output value",
                f"an InputStream without data ({obj.name!r})",
                "str, bytes or a readable file-like object",
            )
        read = getattr(obj, "read", None)
        if callable(read):
            obj = read()
        if isinstance(obj, str):
            return Datum(obj, "string")
        if isinstance(obj, (bytes, bytearray, memoryview)):
            return Datum(bytes(obj), "bytes")
        raise DatumTypeError(
            _BINDING,
            "the output value",
            f"of type {type(obj).__name__}",
            "str, bytes or a file-like object",
        )


def _length(properties: Mapping[str, JSONValue] | None) -> int | None:
    if not properties:
        return None
    for key in LENGTH_KEYS:
        value = properties.get(key)
        if value is not None:
            try:
                return integer(value)
            except (TypeError, ValueError):
                raise DatumTypeError(
                    _BINDING,
                    f"trigger metadata 'Properties' field {key!r}",
                    repr(value),
                    "an integer",
                ) from None
    return None


def _user_metadata(meta: MetadataView) -> dict[str, JSONValue] | None:
    """``Metadata``, or ``None`` when it is not a JSON object (as the reference)."""
    try:
        return meta.get(METADATA)
    except (DatumTypeError, InvalidJSONError):
        return None
