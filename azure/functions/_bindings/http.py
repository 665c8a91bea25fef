"""The ``httpTrigger`` input and ``http`` output converters."""

from __future__ import annotations

from .._converter import InConverter, OutConverter
from .._datum import Datum
from .._errors import DatumTypeError
from .._http_request import HttpRequest
from .._http_response import HttpResponse
from ._base import BindingConverter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from http.cookies import SimpleCookie

    from .._datum import DatumLike

__all__ = ["HttpRequestConverter", "HttpResponseConverter"]

_EMPTY: dict[str, DatumLike] = {}
_new = object.__new__


class HttpRequestConverter(
    BindingConverter, InConverter, binding="httpTrigger", trigger=True
):
    """Wire ``http`` value → :class:`~azure.functions.HttpRequest`."""

    input_types = (HttpRequest,)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> HttpRequest:
        """Build the request lazily from the worker's dict of datums."""
        if data.type != "http":
            raise DatumTypeError(
                "httpTrigger",
                "the trigger value",
                f"of wire type {data.type!r}",
                "'http'",
            )
        value = data.value
        if not isinstance(value, dict):
            raise DatumTypeError(
                "httpTrigger",
                "the http value",
                f"a {type(value).__name__}",
                "a dict of datums",
            )
        return HttpRequest._from_wire(
            _string(value, "method"),
            _string(value, "url"),
            _map(value, "headers"),
            _map(value, "query"),
            _map(value, "params"),
            _body(value.get("body")),
        )


def _string(value: dict[str, DatumLike], field: str) -> str:
    datum = value.get(field)
    text = getattr(datum, "value", None)
    if not isinstance(text, str):
        got = "missing" if datum is None else _describe(datum)
        raise DatumTypeError("httpTrigger", f"field {field!r}", got, "a string datum")
    return text


def _map(value: dict[str, DatumLike], field: str) -> Mapping[str, DatumLike]:
    """A ``{name: Datum}`` map; its entries are read when the function uses them."""
    datums: object = value.get(field)
    if not datums:
        return _EMPTY
    if not isinstance(datums, dict):
        raise DatumTypeError(
            "httpTrigger",
            f"field {field!r}",
            f"a {type(datums).__name__}",
            "a dict of string datums",
        )
    return datums


def _describe(datum: object) -> str:
    if hasattr(datum, "value") and hasattr(datum, "type"):
        return f"of type {type(datum.value).__name__}"
    return f"a {type(datum).__name__}, not a datum"


def _body(datum: DatumLike | None) -> bytes | str:
    if datum is None:
        return b""
    if not (hasattr(datum, "type") and hasattr(datum, "value")):
        raise DatumTypeError(
            "httpTrigger", "the body", _describe(datum), "a bytes, string or json datum"
        )
    if datum.type is None or datum.value is None:
        return b""
    value = datum.value
    if isinstance(value, (bytes, str)):
        return value
    if datum.type in ("int", "double") and isinstance(value, (int, float)):
        return str(value)
    raise DatumTypeError(
        "httpTrigger",
        "the body",
        f"of wire type {datum.type!r} holding {type(value).__name__}",
        "bytes, string or json",
    )


class HttpResponseConverter(BindingConverter, OutConverter, binding="http"):
    """:class:`~azure.functions.HttpResponse` (or ``str``) → wire ``http`` value."""

    output_types = (HttpResponse, str)

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """Status, headers (checked), cookies and body, as the worker sends them.

        Every header is checked (see ``check_header``); ``Set-Cookie`` headers
        become the separate cookies of the ``cookies`` list; other repeated
        names are joined with ``", "``, which HTTP defines as equivalent.
        """
        if not isinstance(obj, HttpResponse):
            if isinstance(obj, str):
                return Datum(obj, "string")
            raise DatumTypeError(
                "http",
                "the returned value",
                f"of type {type(obj).__name__}",
                "azure.functions.HttpResponse or str",
            )
        response = obj
        # The response's checked headers as they are when .headers was never
        # read (the common case); _wire_headers() checks a changed multidict.
        given = response._header_pairs
        pairs = (
            (given.items() if isinstance(given, dict) else given or ())
            if response._headers is None
            else response._wire_headers()
        )
        headers: dict[str, Datum] = {}
        lowered: set[str] = set()
        cookies: list[SimpleCookie] | None = None
        for name, value in pairs:
            key = name.lower()
            if key in lowered or key == "set-cookie":
                cookies = _repeated(headers, cookies, name, key, value)
            else:
                lowered.add(key)
                # Datum(value, "string") without its __init__ frame: ~500
                # instructions less for each of the datums a response makes.
                datum = headers[name] = _new(Datum)
                datum.value = value
                datum.type = "string"
        if "content-type" not in lowered:
            parts = (response._mimetype, response._charset)
            default = _CONTENT_TYPES.get(parts)
            if default is None:
                default = _SharedDatum(_default_content_type(response), "string")
                if len(_CONTENT_TYPES) < 256:
                    _CONTENT_TYPES[parts] = default
            headers["content-type"] = default
        status = _STATUS.get(response._status_code)
        if status is None:  # at most 900 codes (100-999)
            status = _STATUS[response._status_code] = _SharedDatum(
                str(response._status_code), "string"
            )
        body = _new(Datum)
        body.value = response._body
        body.type = "bytes"
        wire = _new(Datum)
        wire.value = {
            "status_code": status,
            "headers": headers,
            "cookies": cookies,
            "body": body,
        }
        wire.type = "http"
        return wire


def _repeated(
    headers: dict[str, Datum],
    cookies: list[SimpleCookie] | None,
    name: str,
    key: str,
    value: str,
) -> list[SimpleCookie] | None:
    """A ``Set-Cookie`` header, or a name already seen (in any case): added.

    A cookie is parsed into *cookies*; another name's value is joined to the
    first spelling's with ``", "``. Answers the cookie list.
    """
    if key == "set-cookie":
        return _cookie(cookies, value)
    first = next(spelled for spelled in headers if spelled.lower() == key)
    headers[first] = Datum(f"{headers[first].value}, {value}", "string")
    return cookies


class _SharedDatum(Datum):
    """A datum that cannot change, so that responses can share it."""

    __slots__ = ()

    def __init__(self, value: str, type: str) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "type", type)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"this datum is shared: its {name!r} cannot change")


# Datums that responses repeat, made once each (an immutable datum is ~2k
# instructions less than a new one): the default Content-Type of each
# (mimetype, charset), and the status codes.
_CONTENT_TYPES: dict[tuple[str, str], Datum] = {}
_STATUS: dict[int, Datum] = {}


def _cookie(cookies: list[SimpleCookie] | None, header: str) -> list[SimpleCookie]:
    """*cookies* with the ``Set-Cookie`` value *header* parsed and added."""
    from .._cookies import parse_set_cookie

    if cookies is None:
        cookies = []
    cookies.append(parse_set_cookie(header))
    return cookies


def _default_content_type(response: HttpResponse) -> str:
    """The mimetype, with the charset for text types that do not name one."""
    mimetype = response.mimetype
    lowered = mimetype.lower()
    if lowered.startswith("text/") and "charset=" not in lowered:
        return f"{mimetype}; charset={response.charset}"
    return mimetype
