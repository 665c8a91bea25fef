"""HTTP on the host's side of the wire: requests, responses, and the ``http`` datum.

Host-free (no routing, no keys, no app): the aiohttp server and the test
client build an :class:`HttpRequestData`; :func:`http_datum` turns it into the
``http`` datum the worker receives (method, url, headers as string datums,
repeated ones joined with ``", "``; query values, repeated ones joined with
``","`` as .NET does; route ``params``; the body as bytes) and its trigger
metadata; :func:`response_from_datum` turns the function's ``http`` output
datum (status, headers, cookies, body) into what :class:`HttpResponseData`
holds; :func:`http_output` names the output a function answers with.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import final
from urllib.parse import parse_qsl

from .._datum import Datum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .invoke import InvocationResult
    from .loading.model import FunctionInfo

__all__ = [
    "FRAMING_HEADERS",
    "HttpRequestData",
    "HttpResponseData",
    "http_datum",
    "http_output",
    "response_from_datum",
]


@final
class HttpRequestData:
    """A request as it came off the wire (or from the test client)."""

    __slots__ = ("body", "headers", "method", "path", "query_string", "url")

    def __init__(
        self,
        *,
        method: str,
        path: str,
        query_string: str = "",
        headers: Iterable[tuple[str, str]] = (),
        body: bytes = b"",
        url: str = "",
    ) -> None:
        self.method = method if method.isupper() else method.upper()
        self.path = path or "/"
        self.query_string = query_string
        self.headers = list(headers)
        self.body = body
        self.url = url or f"http://localhost{self.path}" + (
            f"?{query_string}" if query_string else ""
        )

    def header(self, name: str) -> str | None:
        """The first value of header *name* (any case)."""
        lowered = name.lower()
        for key, value in self.headers:
            if key.lower() == lowered:
                return value
        return None

    def query_value(self, name: str) -> str | None:
        """The first value of query parameter *name*."""
        for key, value in parse_qsl(self.query_string, keep_blank_values=True):
            if key == name:
                return value
        return None


@final
class HttpResponseData:
    """A response to write: status, headers (repeats allowed), body.

    ``invocation`` is the invocation that produced it, if a function ran.
    """

    __slots__ = ("body", "headers", "invocation", "status")

    def __init__(
        self,
        status: int,
        headers: Sequence[tuple[str, str]] = (),
        body: bytes = b"",
        *,
        invocation: InvocationResult | None = None,
    ) -> None:
        self.status = status
        # A list is taken as it is (the pipeline's own): the rest are copied.
        self.headers = headers if type(headers) is list else list(headers)
        self.body = body
        self.invocation = invocation

    def __repr__(self) -> str:
        return f"<HttpResponseData {self.status} {len(self.body)} bytes>"


def http_datum(
    request: HttpRequestData, route_values: Mapping[str, str]
) -> tuple[Datum, Mapping[str, Datum], dict[str, Datum]]:
    """The worker's ``http`` datum, the trigger metadata, and the headers.

    The metadata holds the route values, and ``Query`` and ``Headers`` as
    JSON; those two are serialised when first read (no converter of this
    package reads them; an extension's may). The headers map each lower-case
    name to its datum (repeated ones joined).
    """
    headers: dict[str, Datum] = {}
    for name, value in request.headers:
        key = name.lower()
        joined = headers.get(key)
        headers[key] = Datum(
            value if joined is None else f"{joined.value}, {value}", "string"
        )
    query: dict[str, Datum] = {}
    if request.query_string:
        for key, value in parse_qsl(request.query_string, keep_blank_values=True):
            joined = query.get(key)
            query[key] = Datum(
                value if joined is None else f"{joined.value},{value}", "string"
            )
    params = (
        {name: Datum(value, "string") for name, value in route_values.items()}
        if route_values
        else {}
    )
    datum = Datum(
        {
            "method": Datum(request.method, "string"),
            "url": Datum(request.url, "string"),
            "headers": headers,
            "query": query,
            "params": params,
            "body": Datum(request.body, "bytes"),
        },
        "http",
    )
    return datum, _HttpMetadata(params, query, headers), headers


class _HttpMetadata(Mapping[str, Datum]):
    """An HTTP trigger's metadata: route values, ``Query`` and ``Headers`` (JSON).

    The JSON is written when the metadata is first read, not per request.
    """

    __slots__ = ("_built", "_headers", "_params", "_query")

    def __init__(
        self,
        params: dict[str, Datum],
        query: dict[str, Datum],
        headers: dict[str, Datum],
    ) -> None:
        self._params = params
        self._query = query
        self._headers = headers
        self._built: dict[str, Datum] | None = None

    def _data(self) -> dict[str, Datum]:
        built = self._built
        if built is None:
            built = self._built = dict(self._params)
            built["Query"] = _json_of(self._query)
            built["Headers"] = _json_of(self._headers)
        return built

    def __getitem__(self, key: str) -> Datum:
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._params) + 2

    def __repr__(self) -> str:
        return f"<HttpMetadata {sorted(self._data())}>"


def _json_of(datums: dict[str, Datum]) -> Datum:
    return Datum(
        json.dumps({key: datum.value for key, datum in datums.items()}), "json"
    )


def http_output(function: FunctionInfo) -> str | None:
    """The name the function's ``http`` output is reported under (``$return`` ...)."""
    info = function.return_info
    if (
        info is not None
        and info.binding.name == "$return"
        and info.binding.type == "http"
    ):
        return "$return"
    for param in function.outputs:
        if param.binding.type == "http":
            return param.name
    return None


#: Headers about the connection and the body's framing, which the server writes.
FRAMING_HEADERS = frozenset({"content-length", "transfer-encoding", "connection"})

_CONTENT_TYPES = {
    "string": "text/plain; charset=utf-8",
    "int": "text/plain; charset=utf-8",
    "double": "text/plain; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "bytes": "application/octet-stream",
}


def response_from_datum(
    datum: Datum | None,
) -> tuple[int, list[tuple[str, str]], bytes]:
    """An ``http`` output datum → status, headers (one per cookie too), body.

    A plain ``string``/``bytes``/``json`` datum is a 200 with that body; no
    datum is a 204, as the host answers when the function sets no response.
    """
    if datum is None or datum.type is None or datum.value is None:
        return 204, [], b""
    if datum.type != "http":
        content_type = _CONTENT_TYPES.get(datum.type)
        if content_type is None:
            raise TypeError(f"a {datum.type!r} datum is not an HTTP response")
        return 200, [("Content-Type", content_type)], _body_bytes(datum)
    value = datum.value
    if not isinstance(value, dict):
        raise TypeError(f"the http datum holds a {type(value).__name__}, not a dict")
    status_datum = value.get("status_code")
    raw_status = getattr(status_datum, "value", None)
    if raw_status is None:
        status = 200
    else:
        # The converter writes the code as text: most are found in the table.
        known = _STATUS_CODES.get(raw_status) if type(raw_status) is str else None
        status = known if known is not None else _status(raw_status)
    headers: list[tuple[str, str]] = []
    header_datums = value.get("headers") or {}
    if not isinstance(header_datums, dict):
        raise TypeError("headers is not a dict of datums")
    for name, header in header_datums.items():
        if type(name) is not str:
            name = str(name)
        if name.lower() in FRAMING_HEADERS:
            continue  # the server frames the body itself
        header_value = (
            header.value if type(header) is Datum else getattr(header, "value", header)
        )
        headers.append(
            (name, header_value if type(header_value) is str else str(header_value))
        )
    for cookie in value.get("cookies") or ():
        for morsel in cookie.values():
            headers.append(("Set-Cookie", morsel.OutputString()))
    body_datum = value.get("body")
    body = b"" if body_datum is None else _body_bytes(body_datum)
    return status, headers, body


#: ``"200"`` → 200: the final status codes, as the converter writes them.
_STATUS_CODES = {str(code): code for code in range(200, 600)}


def _status(raw: object) -> int:
    """A status code the table does not hold: checked, with a clear error.

    An informational one (1xx) is refused too: written as the response, it
    would leave a keep-alive client waiting for the final one, out of step
    with the connection.
    """
    if isinstance(raw, bool) or not isinstance(raw, (int, str)):
        raise TypeError(f"status_code is a {type(raw).__name__}")
    status = int(raw)
    if 100 <= status <= 199:
        raise ValueError(
            f"status code {status} is informational (1xx); a response needs a "
            "final status, 200 to 599"
        )
    if not 200 <= status <= 599:
        raise ValueError(f"status code {status} is out of range (200 to 599)")
    return status


def _body_bytes(datum: Datum) -> bytes:
    body = datum.value
    if body is None:
        return b""
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (int, float)) and not isinstance(body, bool):
        return str(body).encode()
    raise TypeError(f"a response body of {type(body).__name__}")
