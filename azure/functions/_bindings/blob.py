"""Azure Storage blobs: the ``blobTrigger`` and ``blob`` input/output converter."""

from __future__ import annotations

import io
import typing
from typing import Any, Final, overload

from .._converter import InConverter, OutConverter
from .._datum import Datum
from .._errors import DatumTypeError, InvalidJSONError
from .._metadata import LazyMetadata, MetadataProperty, integer, json_object, text
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


#: ``InputStream._buffer`` after a read() of everything, before any BytesIO.
_ALL_READ: Final = object()
_IOBASE_CLOSE = io.BufferedIOBase.close

# Keys of ``Properties`` holding the size (``ContentLength`` wins).
LENGTH_KEYS = ("ContentLength", "Length")


def _has_content(stream: InputStream) -> bool:
    return stream._data is not None


class _UserMetadata(MetadataProperty[dict[str, Any]]):
    """``Metadata``: ``None`` when it is not a JSON object (as the reference)."""

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _UserMetadata: ...
    @overload
    def __get__(
        self, obj: LazyMetadata, owner: type | None = None
    ) -> dict[str, Any] | None: ...
    def __get__(
        self, obj: LazyMetadata | None, owner: type | None = None
    ) -> _UserMetadata | dict[str, Any] | None:
        if obj is None:
            return self
        try:
            return super().__get__(obj, owner)
        except (DatumTypeError, InvalidJSONError):
            obj._values[self.name] = None
            return None


class InputStream(LazyMetadata, io.BufferedIOBase, Serializable):
    """A blob's content as a binary file, with the blob's name, URI and properties.

    Read it like any binary file (``read``, ``readline``, iteration, ``seek``);
    ``InputStream(data=b"...", name="container/blob.txt")`` builds one in tests.
    ``InputStream(name=..., uri=..., length=...)`` describes a blob without its
    content: such a stream is not readable (reading it raises
    ``io.UnsupportedOperation``). ``to_dict()`` shows the blob's name, URI,
    length, properties and metadata, never its content. A stream from a
    trigger reads them from the trigger metadata when first used.
    """

    __slots__ = ("_batch", "_buffer", "_data", "_datums", "_index", "_values")
    _binding = _BINDING

    _serialized = serialized(
        "name",
        "uri",
        "length",
        # A stream without content (2.3.0's func.InputStream) shows three keys.
        ("blob_properties", omitted_when_none("blob_properties", unless=_has_content)),
        ("metadata", omitted_when_none("metadata", unless=_has_content)),
    )

    name = MetadataProperty(
        "BlobTrigger",
        text,
        "The blob's path, ``container/blob`` (``None`` when unknown).",
    )
    uri = MetadataProperty(
        "Uri", text, "The blob's primary URI (``None`` when unknown)."
    )
    blob_properties = MetadataProperty(
        "Properties",
        json_dict,
        "The blob's system properties (``ContentType``, ``ETag`` ...), as sent.",
    )
    metadata = _UserMetadata("Metadata", json_dict, "The blob's user-defined metadata.")

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
        self._data = content
        self._buffer: io.BytesIO | object | None = None
        if length is None and content is not None:
            length = len(content)
        self._set_values(
            {
                "name": name,
                "uri": uri,
                "length": length,
                "blob_properties": _copy(blob_properties),
                "metadata": _copy(metadata),
            }
        )

    @property
    def length(self) -> int | None:
        """The blob's size in bytes (``None`` when unknown).

        From a trigger: the ``Properties``' ``ContentLength`` (or ``Length``),
        else the size of the content.
        """
        values = self._values
        if "length" not in values:  # read on first access, as the others
            length = _length(self.blob_properties)
            if length is None and self._data is not None:
                length = len(self._data)
            values["length"] = length
        return values["length"]  # type: ignore[return-value]

    def _content(self) -> io.BytesIO:
        buffer = self._buffer
        if not isinstance(buffer, io.BytesIO):  # none yet, or everything read
            if self._data is None:
                raise io.UnsupportedOperation(
                    f"InputStream {self._peek('name')!r} was built without data: "
                    "there is no content to read"
                )
            # Made on first use: a function that reads only the name pays nothing.
            made = io.BytesIO(self._data)
            if buffer is _ALL_READ:
                made.seek(0, io.SEEK_END)
            buffer = self._buffer = made
        # IOBase's own flag: close() is not overridden (see __del__).
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        return buffer

    def read(self, size: int | None = -1) -> bytes:
        """Up to *size* bytes (everything left when *size* is negative or None)."""
        if (
            self._buffer is None
            and self._data is not None
            and (size is None or size < 0)
            and not self.closed
        ):
            # All of it in one read, the common case: no BytesIO made for it.
            self._buffer = _ALL_READ
            return self._data
        return self._content().read(size)

    def __del__(self) -> None:
        # IOBase's finalizer calls close(), which an in-memory stream does not
        # need (~180 ns per blob); a subclass that overrides close() gets it.
        if type(self).close is not _IOBASE_CLOSE:
            self.close()

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
        return self._data is not None

    def seekable(self) -> bool:
        """Whether the stream has content: in memory, it can seek anywhere."""
        return self._data is not None

    def writable(self) -> bool:
        """Always ``False``."""
        return False

    def __repr__(self) -> str:
        return (
            f"<InputStream name={self._peek('name')!r} length={self._peek('length')}>"
        )


_new_stream = InputStream.__new__


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
        """The blob as an :class:`InputStream`; ``None`` for a missing blob.

        Its name, URI and properties are read from the trigger metadata when
        first used (malformed ones raise ``DatumTypeError`` then).
        """
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
        stream = _new_stream(InputStream)
        stream._data = content if type(content) is bytes else bytes(content)
        stream._buffer = None
        stream._values = {}
        stream._datums = trigger_metadata
        stream._batch = None
        stream._index = -1
        return stream

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """Text as ``string``, bytes-like as ``bytes``; a file is read first."""
        if isinstance(obj, InputStream) and obj._data is None:
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
