"""``HttpResponse``: what an HTTP-triggered function returns."""

from __future__ import annotations

from multidict import CIMultiDict, getversion

from ._errors import InvalidHeaderError, ResponseBodyError
from ._headers import check_header, checked_headers

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable
    from typing import Literal

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

    >>> import azure.functions as func
    >>> response = func.HttpResponse("created", status_code=201)
    >>> response.headers["Location"] = "/api/items/7"
    >>> response.set_cookie("session", "abc", httponly=True)
    >>> response
    <HttpResponse 201 text/plain 7 bytes>
    >>> response.headers.getall("Set-Cookie")
    ['session=abc; HttpOnly; Path=/']
    """

    __slots__ = (
        "_body",
        "_charset",
        "_checked_version",
        "_header_pairs",
        "_headers",
        "_mimetype",
        "_status_code",
    )

    def __init__(
        self,
        body: str | bytes | bytearray | memoryview | None = None,
        *,
        status_code: int | None = None,
        headers: HeadersInput | None = None,
        mimetype: str | None = None,
        charset: str | None = None,
    ) -> None:
        if status_code is None:
            self._status_code = 200
        elif type(status_code) is int and 100 <= status_code <= 999:
            self._status_code = status_code
        else:
            self._status_code = _status(status_code)
        if mimetype is None:
            self._mimetype = "text/plain"
        elif type(mimetype) is str and mimetype.isprintable():  # no CR, LF, NUL
            self._mimetype = mimetype
        else:
            self._mimetype = _content_type_part("mimetype", mimetype)
        self._charset = (
            "utf-8" if charset is None else _content_type_part("charset", charset)
        )
        # Headers stay checked pairs until someone reads .headers.
        self._headers: CIMultiDict[str] | None = None
        self._checked_version = -1
        self._header_pairs: dict[str, str] | list[tuple[str, str]] | None = (
            None if headers is None else checked_headers(headers)
        )
        if type(body) is str and charset is None:  # the common case, inline
            try:
                self._body = body.encode()
            except UnicodeEncodeError:
                self._body = _encode_body(body, "utf-8")  # raises, explaining
        else:
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
            text = dumps(value, compact=True)
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
            pairs = self._header_pairs
            self._headers = CIMultiDict() if pairs is None else CIMultiDict(pairs)
            self._header_pairs = None
            self._checked_version = _version(self._headers)
        return self._headers

    def _wire_headers(self) -> Iterable[tuple[str, str]]:
        """Every header, checked: those changed since the last check again."""
        if self._headers is None:
            pairs = self._header_pairs
            if pairs is None:
                return ()
            return pairs.items() if isinstance(pairs, dict) else pairs
        headers = self._headers
        if _version(headers) != self._checked_version:
            pairs = []
            unchanged = True  # no value needed turning into text (an int)
            for name, value in headers.items():
                pair = check_header(name, value)
                unchanged = unchanged and pair[1] is value
                pairs.append(pair)
            if unchanged:
                self._checked_version = _version(headers)
            return pairs
        return headers.items()

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


def _version(headers: CIMultiDict[str]) -> int:
    """The multidict's change counter: equal versions, unchanged contents."""
    return getversion(headers)  # type: ignore[arg-type]  # stub is invariant


def _status(status_code: object) -> int:
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


def _content_type_part(what: str, value: object) -> str:
    """*value* (not ``None``) checked for the ``Content-Type`` header it ends up in."""
    if not isinstance(value, str):
        raise TypeError(f"HttpResponse: {what} must be str, got {type(value).__name__}")
    if "\r" in value or "\n" in value or "\0" in value:
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
