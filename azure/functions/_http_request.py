"""``HttpRequest``: what an HTTP-triggered function receives."""

from __future__ import annotations

from types import MappingProxyType

from multidict import CIMultiDict, CIMultiDictProxy, MultiDict, MultiDictProxy

from ._errors import DatumTypeError, InvalidJSONError
from ._headers import pairs_of, request_headers
from ._json import loads

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any

    from yarl import URL

    from ._datum import DatumLike
    from ._form import FormData, FormLimits, UploadedFile
    from ._types import HeadersInput, ParamsInput

__all__ = ["HttpRequest"]

_EMPTY_ROUTE: Mapping[str, str] = MappingProxyType({})


class HttpRequest:
    """An HTTP request.

    :param method: the HTTP method (reported upper-case).
    :param url: the full request URL.
    :param headers: request headers: a mapping or ``(name, value)`` pairs;
        repeated names keep every value.
    :param params: query parameters: a mapping or pairs; when omitted they are
        read from *url*'s query string.
    :param route_params: values captured by the function's route template.
    :param body_type: the wire type the body came as (``"bytes"``,
        ``"string"``, ``"json"``), which the worker passes; accepted as the
        reference's ``azure.functions.http.HttpRequest`` accepts it. A ``str``
        body is read as text, bytes as bytes, whatever it says.
    :param body: the raw body (``str`` is stored UTF-8 encoded).
    :param form_limits: bounds for parsing :attr:`form` and :attr:`files`.

    Inputs given here are checked and copied at once, so a bad header fails at
    the call and later changes to the caller's dicts do not leak in. Requests
    from the worker (:meth:`_from_wire`) build headers, parameters and route
    values on first use, so an invocation pays only for what the function
    reads; the form is always parsed on first use.

    >>> import azure.functions as func
    >>> req = func.HttpRequest(
    ...     "post",
    ...     "http://localhost/api/items/7?tag=a&tag=b",
    ...     headers={"Content-Type": "application/json"},
    ...     route_params={"id": "7"},
    ...     body=b'{"name": "tea"}',
    ... )
    >>> req.method, req.params.getall("tag"), req.route_params["id"]
    ('POST', ['a', 'b'], '7')
    >>> req.headers["content-type"], req.get_json()
    ('application/json', {'name': 'tea'})
    """

    __slots__ = (
        "_body",
        "_body_text",
        "_cookies",
        "_files",
        "_form",
        "_form_limits",
        "_headers",
        "_method",
        "_params",
        "_raw_headers",
        "_raw_params",
        "_raw_route",
        "_route_params",
        "_url",
        "_wire",
    )

    def __init__(
        self,
        method: str,
        url: str,
        *,
        headers: HeadersInput | None = None,
        params: ParamsInput | None = None,
        route_params: Mapping[str, str] | None = None,
        body_type: str | None = None,
        body: bytes | bytearray | memoryview | str = b"",
        form_limits: FormLimits | None = None,
    ) -> None:
        if body_type is not None and not isinstance(body_type, str):
            raise TypeError(
                f"HttpRequest: body_type must be str, got {type(body_type).__name__}"
            )
        if not isinstance(method, str):
            raise TypeError(
                f"HttpRequest: method must be str, got {type(method).__name__}"
            )
        if not isinstance(url, str):
            raise TypeError(f"HttpRequest: url must be str, got {type(url).__name__}")
        if isinstance(body, str):
            self._body_text: str | None = body
            self._body: bytes | None = None
        elif isinstance(body, (bytes, bytearray, memoryview)):
            self._body_text = None
            self._body = bytes(body)
        else:
            raise TypeError(
                f"HttpRequest: body must be bytes or str, got {type(body).__name__}"
            )
        self._method = method
        self._url = url
        self._wire = False
        self._raw_headers: object = None
        self._raw_params: object = None
        self._raw_route: object = None
        self._form_limits = form_limits
        self._headers: CIMultiDictProxy[str] | None = request_headers(headers)
        self._params: MultiDictProxy[str] | None = None
        if params is not None:
            self._params = MultiDictProxy(MultiDict(_param_pairs(params)))
        self._route_params: Mapping[str, str] | None = _route_mapping(route_params)
        self._form: FormData[str] | None = None
        self._files: FormData[UploadedFile] | None = None
        self._cookies: Mapping[str, str] | None = None

    @classmethod
    def _from_wire(
        cls,
        method: str,
        url: str,
        headers: Mapping[str, DatumLike],
        query: Mapping[str, DatumLike],
        route: Mapping[str, DatumLike],
        body: bytes | str,
    ) -> HttpRequest:
        """Wrap the worker's values as they are; each part is converted on first use."""
        self = cls.__new__(cls)
        if isinstance(body, str):
            self._body_text, self._body = body, None
        else:
            self._body_text, self._body = None, body
        self._method = method
        self._url = url
        self._wire = True
        self._raw_headers = headers
        self._raw_params = query
        self._raw_route = route
        self._form_limits = None
        self._headers = self._params = self._route_params = None
        self._form = self._files = self._cookies = None
        return self

    @property
    def method(self) -> str:
        """The HTTP method, upper-case."""
        return self._method.upper()

    @property
    def url(self) -> str:
        """The full request URL, as received."""
        return self._url

    @property
    def parsed_url(self) -> URL:
        """The request URL as a :class:`yarl.URL` (scheme, host, path, query ...)."""
        from yarl import URL

        return URL(self._url)

    @property
    def headers(self) -> CIMultiDictProxy[str]:
        """Request headers: read-only, case-insensitive, every value of a repeated name.

        ``headers["X-Name"]`` and ``headers.get("x-name")`` give the first value;
        ``headers.getall("x-name")`` gives them all.
        """
        if self._headers is None:
            raw = self._raw_headers
            if self._wire:
                pairs = _wire_pairs(raw, "headers", lower=True)  # type: ignore[arg-type]
                self._headers = CIMultiDictProxy(CIMultiDict(pairs))
            else:
                self._headers = request_headers(raw)  # type: ignore[arg-type]
        return self._headers

    @property
    def params(self) -> MultiDictProxy[str]:
        """Query parameters: repeated keys and empty values are kept.

        ``params["k"]`` gives the first value, ``params.getall("k")`` all of them.
        """
        if self._params is None:
            raw = self._raw_params
            if self._wire:
                pairs = _wire_pairs(raw, "query", lower=False)  # type: ignore[arg-type]
            elif raw is None:
                from urllib.parse import parse_qsl, urlsplit

                pairs = parse_qsl(urlsplit(self._url).query, keep_blank_values=True)
            else:
                pairs = _param_pairs(raw)  # type: ignore[arg-type]
            self._params = MultiDictProxy(MultiDict(pairs))
        return self._params

    @property
    def route_params(self) -> Mapping[str, str]:
        """Values captured by the route template (``{id}`` in ``items/{id}``)."""
        if self._route_params is None:
            raw = self._raw_route
            if self._wire:
                pairs = _wire_pairs(raw, "params", lower=False)  # type: ignore[arg-type]
                self._route_params = MappingProxyType(dict(pairs))
            else:
                self._route_params = _route_mapping(raw)  # type: ignore[arg-type]
        return self._route_params

    def get_body(self) -> bytes:
        """The raw request body."""
        if self._body is None:
            assert self._body_text is not None
            # "surrogatepass": a str with a lone surrogate still has bytes.
            self._body = self._body_text.encode("utf-8", "surrogatepass")
        return self._body

    def get_json(self) -> Any:
        """The body parsed as JSON.

        Raises :class:`~azure.functions.InvalidJSONError` (a ``ValueError``) when
        the body is empty or is not JSON.
        """
        data: bytes | str | None = self._body_text
        if data is None:
            data = self._body
        if not data:
            raise InvalidJSONError(self._describe_body(), "the body is empty")
        return loads(data, source=self._describe_body)

    def _describe_body(self) -> str:
        content_type = self.headers.get("content-type", "no Content-Type")
        size = len(self.get_body())
        return f"HTTP request body ({content_type}, {size} bytes)"

    @property
    def form(self) -> FormData[str]:
        """Fields of a urlencoded or multipart form body (empty for other bodies).

        A read-only multidict: ``form["k"]`` gives the first value,
        ``form.getall("k")`` all of them.
        """
        if self._form is None:
            self._parse_form()
        assert self._form is not None
        return self._form

    @property
    def files(self) -> FormData[UploadedFile]:
        """Files of a multipart form body, by field name."""
        if self._files is None:
            self._parse_form()
        assert self._files is not None
        return self._files

    def _parse_form(self) -> None:
        from ._form import DEFAULT_LIMITS, parse_form

        self._form, self._files = parse_form(
            self.get_body(),
            self.headers.get("content-type", ""),
            self._form_limits or DEFAULT_LIMITS,
        )

    @property
    def cookies(self) -> Mapping[str, str]:
        """Cookies from the ``Cookie`` header(s), by name (read-only)."""
        if self._cookies is None:
            from ._cookies import parse_cookie_header

            self._cookies = MappingProxyType(
                parse_cookie_header(self.headers.getall("cookie", ()))
            )
        return self._cookies

    def __repr__(self) -> str:
        return f"<HttpRequest {self.method} {self._url}>"


def _wire_pairs(
    datums: Mapping[str, DatumLike] | None, part: str, *, lower: bool
) -> list[tuple[str, str]]:
    """The ``(name, value)`` strings of the worker's ``{name: Datum}`` maps.

    Plain strings are taken as they are, in case a caller skips the datums.
    """
    pairs: list[tuple[str, str]] = []
    if datums:
        append = pairs.append
        for name, datum in datums.items():
            try:
                value = datum.value
            except AttributeError:
                value = datum
            if type(value) is not str and not isinstance(value, str):
                got = "not a datum but" if value is datum else "a datum holding"
                raise DatumTypeError(
                    "httpTrigger",
                    f"{part} entry {name!r}",
                    f"{got} {type(value).__name__}",
                    "a string datum",
                )
            append((name.lower() if lower else name, value))
    return pairs


def _route_mapping(source: Mapping[str, str] | None) -> Mapping[str, str]:
    if not source:
        return _EMPTY_ROUTE
    route: dict[str, str] = {}
    items: Iterable[tuple[object, object]] = source.items()  # checked: untyped callers
    for name, value in items:
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError(
                f"HttpRequest: route_params must map str to str, got "
                f"{type(name).__name__}={type(value).__name__}"
            )
        route[name] = value
    return MappingProxyType(route)


def _param_pairs(source: ParamsInput) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name, value in pairs_of(source):
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError(
                f"HttpRequest: query parameters must be str pairs, got "
                f"{type(name).__name__}={type(value).__name__}"
            )
        pairs.append((name, value))
    return pairs
