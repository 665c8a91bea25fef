"""Form bodies: ``application/x-www-form-urlencoded`` and ``multipart/form-data``.

Urlencoded bodies are parsed by the standard library (``urllib.parse``),
multipart ones by the ``multipart`` package (an optional dependency: the
``forms`` extra), within :class:`FormLimits`, only when a function first reads
``req.form`` or ``req.files``.
"""

from __future__ import annotations

import io
from typing import TypeVar

from multidict import CIMultiDict, CIMultiDictProxy, MultiDict, MultiDictProxy

from ._errors import FormDataError, PayloadTooLargeError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import os
    from typing import BinaryIO

    import multipart

__all__ = ["FormData", "FormLimits", "UploadedFile", "parse_form"]

_V = TypeVar("_V")

_MiB = 1024 * 1024


class FormLimits:
    """Bounds on what form parsing will take on.

    :param max_size: largest body parsed as a form, in bytes (100 MiB, the
        deployed host's own request limit).
    :param max_fields: most urlencoded fields or multipart parts.
    """

    __slots__ = ("max_fields", "max_size")

    def __init__(self, *, max_size: int = 100 * _MiB, max_fields: int = 1000) -> None:
        self.max_size = max_size
        self.max_fields = max_fields

    def __repr__(self) -> str:
        return f"FormLimits(max_size={self.max_size}, max_fields={self.max_fields})"


DEFAULT_LIMITS = FormLimits()


class UploadedFile:
    """A file sent in a ``multipart/form-data`` body (``req.files[name]``)."""

    __slots__ = ("_content_type", "_data", "_filename", "_headers", "_name", "_stream")

    def __init__(
        self,
        data: bytes,
        *,
        name: str,
        filename: str | None,
        content_type: str = "application/octet-stream",
        headers: CIMultiDictProxy[str] | None = None,
    ) -> None:
        self._data = data
        self._name = name
        self._filename = filename
        self._content_type = content_type
        self._headers = (
            headers if headers is not None else CIMultiDictProxy(CIMultiDict())
        )
        self._stream: io.BytesIO | None = None

    @property
    def name(self) -> str:
        """The form field the file was sent under."""
        return self._name

    @property
    def filename(self) -> str | None:
        """The file name the client gave, if any (never trust it as a path)."""
        return self._filename

    @property
    def content_type(self) -> str:
        """The part's full ``Content-Type`` value."""
        return self._content_type

    @property
    def mimetype(self) -> str:
        """The ``Content-Type`` without parameters, lower-case."""
        return self._content_type.partition(";")[0].strip().lower()

    @property
    def headers(self) -> CIMultiDictProxy[str]:
        """The part's own headers."""
        return self._headers

    @property
    def content_length(self) -> int:
        """Size of the file in bytes."""
        return len(self._data)

    @property
    def stream(self) -> BinaryIO:
        """A binary stream over the contents (shared by :meth:`read`)."""
        if self._stream is None:
            self._stream = io.BytesIO(self._data)
        return self._stream

    def read(self, size: int = -1) -> bytes:
        """Read up to *size* bytes from :attr:`stream` (all by default)."""
        return self.stream.read(size)

    def getvalue(self) -> bytes:
        """The whole contents, wherever the stream stands."""
        return self._data

    def save(self, destination: str | os.PathLike[str] | BinaryIO) -> None:
        """Write the contents to a path or a binary file object."""
        if isinstance(destination, str) or hasattr(destination, "__fspath__"):
            with open(destination, "wb") as out:
                out.write(self._data)
        else:
            destination.write(self._data)

    def __repr__(self) -> str:
        return (
            f"<UploadedFile {self._name!r} filename={self._filename!r} "
            f"{self._content_type!r} {len(self._data)} bytes>"
        )


class FormData(MultiDictProxy[_V]):
    """Read-only, multi-valued form fields or files (``req.form``, ``req.files``).

    A ``multidict.MultiDictProxy``: ``form["k"]`` is the first value,
    ``form.getall("k")`` every one; ``getlist`` answers as werkzeug's did.
    """

    __slots__ = ()

    def getlist(self, key: str) -> list[_V]:
        """Every value sent under *key*, in order (empty if none)."""
        return self.getall(key, [])


Form = FormData[str]
Files = FormData[UploadedFile]


def parse_form(
    body: bytes, content_type: str, limits: FormLimits = DEFAULT_LIMITS
) -> tuple[Form, Files]:
    """Parse *body* as the form its *content_type* announces.

    Other content types give an empty form and no files, as the reference did.
    """
    mimetype, _, params = content_type.partition(";")
    mimetype = mimetype.strip().lower()
    if mimetype == "application/x-www-form-urlencoded":
        _check_size(body, limits)
        return _parse_urlencoded(body, _charset(params), limits), _NO_FILES
    if mimetype == "multipart/form-data":
        _check_size(body, limits)
        return _parse_multipart(body, content_type, limits)
    return _NO_FORM, _NO_FILES


_NO_FORM: Form = FormData(MultiDict())
_NO_FILES: Files = FormData(MultiDict())


def _check_size(body: bytes, limits: FormLimits) -> None:
    if len(body) > limits.max_size:
        raise PayloadTooLargeError("form body", len(body), limits.max_size)


def _charset(params: str) -> str:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return _text_codec(value.strip().strip('"'), "form body")
    return "utf-8"


def _text_codec(charset: str, what: str) -> str:
    """The codec name for *charset*; :class:`FormDataError` if it is not a text one.

    ``codecs.lookup`` also knows bytes-to-bytes codecs such as ``base64``, which
    ``bytes.decode`` refuses, so the check is a decode (of one byte: decoding
    nothing skips the check).
    """
    try:
        b"a".decode(charset, "replace")
    except (LookupError, ValueError):
        raise FormDataError(f"{what}: unknown charset {charset!r}") from None
    import codecs

    return codecs.lookup(charset).name


def _parse_urlencoded(body: bytes, charset: str, limits: FormLimits) -> Form:
    from urllib.parse import parse_qsl

    text = body.decode(charset, "replace")
    try:
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            encoding=charset,
            errors="replace",
            max_num_fields=limits.max_fields,
        )
    except ValueError:
        # parse_qsl counts the fields as it does here: one more than the "&"s.
        raise PayloadTooLargeError(
            "urlencoded form (fields)", text.count("&") + 1, limits.max_fields
        ) from None
    return FormData(MultiDict(pairs))


def _parse_multipart(
    body: bytes, content_type: str, limits: FormLimits
) -> tuple[Form, Files]:
    """Parse with the ``multipart`` package (RFC 7578), the body's bytes kept as sent.

    The standard library has no robust multipart/form-data parser (``email``
    rewrites parts: it decodes transfer encodings, nests ``message/rfc822``
    uploads, mangles UTF-8 names), so this needs the optional dependency
    ``multipart`` (``pip install azure-functions[forms]``).
    """
    try:
        import multipart
    except ModuleNotFoundError as exc:
        raise FormDataError(
            "parsing multipart/form-data needs the optional 'multipart' package: "
            "install azure-functions[forms]"
        ) from exc
    if not body or body.isspace():
        return _NO_FORM, _NO_FILES  # nothing sent, as the reference read it
    boundary = multipart.parse_options_header(content_type)[1].get("boundary")
    if not boundary:
        raise FormDataError(
            "multipart/form-data body cannot be parsed: no boundary in its Content-Type"
        )
    form: MultiDict[str] = MultiDict()
    files: MultiDict[UploadedFile] = MultiDict()
    segment: multipart.MultipartSegment | None = None
    chunks: list[bytes] = []
    try:
        with multipart.PushMultipartParser(
            boundary,
            content_length=len(body),
            max_segment_count=limits.max_fields,
        ) as parser:
            for event in parser.parse(body):
                if isinstance(event, multipart.MultipartSegment):
                    segment, chunks = event, []
                elif event is not None:
                    chunks.append(event)
                elif segment is not None:
                    _add_part(
                        segment, b"".join(chunks), len(form) + len(files), form, files
                    )
            for _ in parser.parse(b""):  # end of input: report what is missing
                pass
    except multipart.ParserLimitReached:
        raise PayloadTooLargeError(
            "multipart form (parts)", limits.max_fields + 1, limits.max_fields
        ) from None
    except multipart.MultipartError as exc:
        raise FormDataError(
            f"multipart/form-data body cannot be parsed: {exc}"
        ) from None
    return FormData(form), FormData(files)


def _add_part(
    segment: multipart.MultipartSegment,
    data: bytes,
    index: int,
    form: MultiDict[str],
    files: MultiDict[UploadedFile],
) -> None:
    """Add one parsed part to *form* or, when it names a file, to *files*."""
    name, filename = segment.name, segment.filename
    disposition = segment.header("Content-Disposition") or ""
    if "*=" in disposition:  # RFC 2231 names (filename*=UTF-8''...) win
        extended = _extended_params(disposition)
        name = extended.get("name", name)
        filename = extended.get("filename", filename)
    if not name:
        raise FormDataError(
            f"multipart/form-data part {index}: no name in its Content-Disposition"
        )
    if filename is not None:
        headers: CIMultiDict[str] = CIMultiDict(segment.headerlist)
        files.add(
            name,
            UploadedFile(
                data,
                name=name,
                filename=filename,
                content_type=headers.get("content-type", "application/octet-stream"),
                headers=CIMultiDictProxy(headers),
            ),
        )
    else:
        codec = _text_codec(
            segment.charset or "utf-8", f"multipart/form-data field {name!r}"
        )
        form.add(name, data.decode(codec, "replace"))


def _extended_params(disposition: str) -> dict[str, str]:
    """The RFC 2231 parameters (``key*=charset'lang'text``) of a disposition."""
    from email.message import Message
    from email.utils import collapse_rfc2231_value

    message = Message()
    message["Content-Disposition"] = disposition
    params: dict[str, str] = {}
    # The email package decodes RFC 2231 values into (charset, language, text).
    found: list[tuple[str, object]] = message.get_params(  # type: ignore[assignment]
        [], header="content-disposition"
    )
    for key, value in found[1:]:
        if isinstance(value, tuple):
            params[key] = collapse_rfc2231_value(value)
    return params
