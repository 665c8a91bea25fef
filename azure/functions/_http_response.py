"""``HttpResponse``: what an HTTP-triggered function returns."""

from __future__ import annotations

from ._errors import ResponseBodyError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from typing import Literal

    from multidict import CIMultiDict
    from typing_extensions import Self

    from ._types import HeadersInput

__all__ = ["HttpResponse"]


class HttpResponse:
    """An HTTP response.

    :param body: ``str`` (encoded with *charset*) or ``bytes``; none is empty.
    :param status_code: an ``int`` or ``http.HTTPStatus``; 200 by default.
    :param headers: a mapping or ``(name, value)`` pairs; repeated names are
        kept (several ``Set-Cookie`` headers reach the client as such).
    :param mimetype: the media type sent when no ``Content-Type`` header is
        given; ``text/plain`` by default.
    :param charset: the body's text encoding; ``utf-8`` by default.
    """

    __slots__ = ("_body", "_charset", "_headers", "_mimetype", "_status_code")

    def __init__(
        self,
        body: str | bytes | bytearray | memoryview | None = None,
        *,
        status_code: int | None = None,
        headers: HeadersInput | None = None,
        mimetype: str | None = None,
        charset: str | None = None,
    ) -> None:
        self._status_code = _status(status_code)
        self._mimetype = _content_type_part("mimetype", mimetype, "text/plain")
        self._charset = _content_type_part("charset", charset, "utf-8")
        self._headers: CIMultiDict[str] | None = None
        if headers is not None:
            from ._headers import response_headers

            self._headers = response_headers(headers)
        self._body = _encode_body(body, self._charset)

    @classmethod
    def json(
        cls,
        value: object,
        *,
        status_code: int | None = None,
        headers: HeadersInput | None = None,
    ) -> Self:
        """A response with *value* serialised as JSON, as ``application/json``."""
        from ._json import dumps

        try:
            text = dumps(value)
        except (TypeError, ValueError) as exc:
            raise ResponseBodyError(
                f"HttpResponse.json: cannot serialise the value: {exc}"
            ) from None
        return cls(
            text, status_code=status_code, headers=headers, mimetype="application/json"
        )

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self._status_code

    @property
    def mimetype(self) -> str:
        """The media type sent when no ``Content-Type`` header is set."""
        return self._mimetype

    @property
    def charset(self) -> str:
        """The text encoding of the body."""
        return self._charset

    @property
    def headers(self) -> CIMultiDict[str]:
        """Response headers: case-insensitive and multi-valued; mutable.

        ``headers["X-A"] = "1"`` replaces, ``headers.add("Set-Cookie", ...)``
        appends. Every value is checked again when the response is sent.
        """
        if self._headers is None:
            from multidict import CIMultiDict

            self._headers = CIMultiDict()
        return self._headers

    def get_body(self) -> bytes:
        """The body as bytes."""
        return self._body

    def set_cookie(
        self,
        name: str,
        value: str = "",
        *,
        max_age: int | None = None,
        expires: datetime.datetime | str | None = None,
        path: str | None = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: Literal["Strict", "Lax", "None"] | None = None,
    ) -> None:
        """Add a ``Set-Cookie`` header; each call sends one more cookie."""
        from ._cookies import build_set_cookie

        self.headers.add(
            "Set-Cookie",
            build_set_cookie(
                name,
                value,
                max_age=max_age,
                expires=expires,
                path=path,
                domain=domain,
                secure=secure,
                httponly=httponly,
                samesite=samesite,
            ),
        )

    def delete_cookie(
        self,
        name: str,
        *,
        path: str | None = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: Literal["Strict", "Lax", "None"] | None = None,
    ) -> None:
        """Tell the client to drop cookie *name* (give the path and domain it had)."""
        self.set_cookie(
            name,
            "",
            max_age=0,
            expires="Thu, 01 Jan 1970 00:00:00 GMT",
            path=path,
            domain=domain,
            secure=secure,
            httponly=httponly,
            samesite=samesite,
        )

    def __repr__(self) -> str:
        return (
            f"<HttpResponse {self._status_code} {self._mimetype} "
            f"{len(self._body)} bytes>"
        )


def _status(status_code: object) -> int:
    if status_code is None:
        return 200
    # http.HTTPStatus is an int: no need to import it to accept it.
    if not isinstance(status_code, int) or isinstance(status_code, bool):
        raise TypeError(
            f"HttpResponse: status_code must be an int or http.HTTPStatus, "
            f"got {type(status_code).__name__}"
        )
    if not 100 <= status_code <= 999:
        raise ValueError(
            f"HttpResponse: status_code must be 100-999, got {status_code}"
        )
    return int(status_code)


def _content_type_part(what: str, value: object, default: str) -> str:
    """*value* checked for the ``Content-Type`` header it ends up in."""
    if value is None:
        return default
    if not isinstance(value, str):
        raise TypeError(f"HttpResponse: {what} must be str, got {type(value).__name__}")
    if "\r" in value or "\n" in value or "\0" in value:
        from ._errors import InvalidHeaderError

        raise InvalidHeaderError(
            "Content-Type",
            f"the {what} contains CR, LF or NUL, which could inject headers",
        )
    return value


def _encode_body(body: object, charset: str) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        try:
            return body.encode(charset)
        except LookupError:
            raise ResponseBodyError(
                f"HttpResponse: unknown charset {charset!r}"
            ) from None
        except UnicodeEncodeError as exc:
            raise ResponseBodyError(
                f"HttpResponse: the body cannot be encoded as {charset}: {exc.reason} "
                f"at position {exc.start}"
            ) from None
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    raise TypeError(
        f"HttpResponse: body must be str, bytes, bytearray, memoryview or None, "
        f"got {type(body).__name__}"
    )
