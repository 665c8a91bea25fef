"""Form bodies: ``application/x-www-form-urlencoded`` and ``multipart/form-data``.

Both are parsed by the standard library (``urllib.parse`` and the ``email``
MIME parser), within :class:`FormLimits`, only when a function first reads
``req.form`` or ``req.files``.
"""

from __future__ import annotations

import io

from multidict import CIMultiDict, CIMultiDictProxy, MultiDict, MultiDictProxy

from ._errors import FormDataError, PayloadTooLargeError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import os
    from email.message import Message
    from typing import BinaryIO

__all__ = ["FormLimits", "UploadedFile", "parse_form"]

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


Form = MultiDictProxy[str]
Files = MultiDictProxy[UploadedFile]


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


_NO_FORM: Form = MultiDictProxy(MultiDict())
_NO_FILES: Files = MultiDictProxy(MultiDict())


def _check_size(body: bytes, limits: FormLimits) -> None:
    if len(body) > limits.max_size:
        raise PayloadTooLargeError("form body", len(body), limits.max_size)


def _charset(params: str) -> str:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"')
            import codecs

            try:
                return codecs.lookup(charset).name
            except LookupError:
                raise FormDataError(f"form body: unknown charset {charset!r}") from None
    return "utf-8"


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
        raise PayloadTooLargeError(
            "urlencoded form (fields)",
            text.count("&") + text.count(";") + 1,
            limits.max_fields,
        ) from None
    return MultiDictProxy(MultiDict(pairs))


def _parse_multipart(
    body: bytes, content_type: str, limits: FormLimits
) -> tuple[Form, Files]:
    from email.errors import (
        CloseBoundaryNotFoundDefect,
        MultipartInvariantViolationDefect,
        NoBoundaryInMultipartDefect,
        StartBoundaryNotFoundDefect,
    )
    from email.parser import BytesFeedParser

    parser = BytesFeedParser()
    # The body's own headers are the request's: hand the parser its Content-Type.
    parser.feed(
        b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n"
    )
    parser.feed(body)
    message = parser.close()
    fatal = (
        NoBoundaryInMultipartDefect,
        StartBoundaryNotFoundDefect,
        CloseBoundaryNotFoundDefect,
        MultipartInvariantViolationDefect,
    )
    problems = [d for d in message.defects if isinstance(d, fatal)]
    if problems or not message.is_multipart():
        detail = type(problems[0]).__name__ if problems else "no parts"
        raise FormDataError(f"multipart/form-data body cannot be parsed: {detail}")
    parts: list[Message] = message.get_payload()  # type: ignore[assignment]
    if len(parts) > limits.max_fields:
        raise PayloadTooLargeError(
            "multipart form (parts)", len(parts), limits.max_fields
        )
    form: MultiDict[str] = MultiDict()
    files: MultiDict[UploadedFile] = MultiDict()
    for index, part in enumerate(parts):
        name = _text(part.get_param("name", header="content-disposition"))
        if name is None:
            raise FormDataError(
                f"multipart/form-data part {index}: no name in its Content-Disposition"
            )
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = _text(part.get_filename())
        if filename is not None or part.get_param(
            "filename", header="content-disposition"
        ):
            headers: CIMultiDict[str] = CIMultiDict(
                (key, _text(value) or "") for key, value in part.items()
            )
            files.add(
                name,
                UploadedFile(
                    data,
                    name=name,
                    filename=filename,
                    content_type=headers.get(
                        "content-type", "application/octet-stream"
                    ),
                    headers=CIMultiDictProxy(headers),
                ),
            )
        else:
            charset = part.get_content_charset() or "utf-8"
            try:
                form.add(name, data.decode(charset, "replace"))
            except LookupError:
                raise FormDataError(
                    f"multipart/form-data field {name!r}: unknown charset {charset!r}"
                ) from None
    return MultiDictProxy(form), MultiDictProxy(files)


def _text(value: object) -> str | None:
    """Header text as sent: the parser keeps raw non-ASCII bytes as surrogates."""
    if value is None:
        return None
    if isinstance(value, tuple):  # an RFC 2231 value: (charset, language, text)
        from email.utils import collapse_rfc2231_value

        return collapse_rfc2231_value(value)
    text = str(value)
    try:
        raw = text.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return text  # already decoded text
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
