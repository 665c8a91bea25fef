"""``WsgiMiddleware``: a WSGI application (Flask, Django ...) behind an HTTP trigger.

The request becomes a PEP 3333 ``environ``; the application's status, headers
and body become an :class:`~azure.functions.HttpResponse`. Helpers shared with
``_asgi`` (server address, context keys, response assembly) live here too.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Protocol, TypeAlias
from urllib.parse import SplitResult, unquote_to_bytes, urlsplit

# Imported at run time, not only for type checkers: the Python worker resolves
# the annotations of ``main`` with typing.get_type_hints().
from ._context import Context
from ._http_request import HttpRequest
from ._http_response import HttpResponse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from multidict import CIMultiDictProxy

__all__ = ["StartResponse", "WsgiApp", "WsgiEnviron", "WsgiMiddleware"]

#: A PEP 3333 ``environ``: CGI variables, ``wsgi.*`` and ``azure_functions.*`` keys.
WsgiEnviron: TypeAlias = dict[str, object]

#: ``sys.exc_info()`` of a handled exception, or three ``None``.
OptExcInfo: TypeAlias = (
    tuple[type[BaseException], BaseException, TracebackType] | tuple[None, None, None]
)


class StartResponse(Protocol):
    """The ``start_response`` callable a WSGI application is given."""

    def __call__(
        self,
        status: str,
        headers: list[tuple[str, str]],
        exc_info: OptExcInfo | None = ...,
        /,
    ) -> Callable[[bytes], object]:
        """Begin the response; answers the legacy ``write`` callable."""
        ...


#: A WSGI application: ``app(environ, start_response)`` -> iterable of bytes.
WsgiApp: TypeAlias = Callable[[WsgiEnviron, StartResponse], Iterable[bytes]]

_logger = logging.getLogger("azure.functions.WsgiMiddleware")

_CONTEXT_KEYS = (
    "function_directory",
    "function_name",
    "invocation_id",
    "thread_local_storage",
    "trace_context",
    "retry_context",
)

# Framing is the host's business: a buffered body must not claim to be chunked.
_DROPPED_RESPONSE_HEADERS = frozenset({"transfer-encoding"})


class WsgiMiddleware:
    """Run a WSGI application (``flask_app.wsgi_app``, Django's ...) per request.

    >>> import azure.functions as func
    >>> def wsgi_app(environ, start_response):  # Flask's app.wsgi_app, Django's ...
    ...     start_response("200 OK", [("Content-Type", "text/plain")])
    ...     return [f"hello from {environ['PATH_INFO']}".encode()]
    >>> wsgi = func.WsgiMiddleware(wsgi_app)
    >>> def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    ...     return wsgi.handle(req, context)
    >>> context = func.Context(invocation_id="1", function_name="app")
    >>> main(func.HttpRequest("GET", "http://localhost/api/hi"), context).get_body()
    b'hello from /api/hi'

    The ``environ`` follows PEP 3333: ``PATH_INFO`` is the percent-decoded URL
    path, ``SCRIPT_NAME`` is empty, ``QUERY_STRING`` is the raw query, every
    request header is an ``HTTP_*`` variable (repeated headers joined with
    ``", "``, cookies with ``"; "``), ``wsgi.input`` holds the body and
    ``wsgi.errors`` writes each line to the ``azure.functions.WsgiMiddleware``
    logger. The invocation's context is under ``azure_functions.*`` keys.

    Every response header is kept, so several ``Set-Cookie`` headers all reach
    the client. An exception from the application propagates (the host answers
    500 and records the failure); a status the application chose, 5xx included,
    is returned as it is.
    """

    __slots__ = ("_app",)

    def __init__(self, app: WsgiApp) -> None:
        self._app = app

    @property
    def main(self) -> Callable[[HttpRequest, Context], HttpResponse]:
        """A function entry point: ``main = func.WsgiMiddleware(app).main``."""
        return self._handle

    def handle(self, req: HttpRequest, context: Context | None = None) -> HttpResponse:
        """Run the application for *req* and answer its response."""
        errors = _LogStream(_logger)
        try:
            environ = wsgi_environ(req, context, errors)
            return _run(self._app, environ)
        finally:
            errors.flush()

    def _handle(self, req: HttpRequest, context: Context) -> HttpResponse:
        return self.handle(req, context)

    def __repr__(self) -> str:
        return f"<WsgiMiddleware {self._app!r}>"


def wsgi_environ(
    req: HttpRequest, context: Context | None, errors: io.TextIOBase
) -> WsgiEnviron:
    """The PEP 3333 environ for *req*; *errors* becomes ``wsgi.errors``."""
    parts = urlsplit(req.url)
    body = req.get_body()
    headers = req.headers
    environ: WsgiEnviron = {
        "REQUEST_METHOD": req.method,
        "SCRIPT_NAME": "",
        # PEP 3333 strings carry bytes as latin-1 code points.
        "PATH_INFO": unquote_to_bytes(parts.path or "/").decode("latin-1"),
        "QUERY_STRING": _latin1(parts.query),
        "CONTENT_LENGTH": str(len(body)),
        "SERVER_NAME": _latin1(parts.hostname or "localhost"),
        "SERVER_PORT": str(server_port(parts, headers)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": parts.scheme or "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": errors,
        # The worker runs synchronous functions on a thread pool.
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    content_type = headers.get("content-type")
    if content_type is not None:
        environ["CONTENT_TYPE"] = _latin1(content_type)
    environ.update(_cgi_headers(headers))
    if context is not None:
        environ.update(context_keys(context))
    return environ


def _cgi_headers(headers: CIMultiDictProxy[str]) -> dict[str, str]:
    """``HTTP_*`` variables; a repeated header's values joined as RFC 9110 allows."""
    grouped: dict[str, list[str]] = {}
    for name, value in headers.items():
        key = "HTTP_" + name.upper().replace("-", "_")
        grouped.setdefault(key, []).append(value)
    # CGI passes these two as CONTENT_TYPE and CONTENT_LENGTH, not HTTP_*.
    grouped.pop("HTTP_CONTENT_TYPE", None)
    grouped.pop("HTTP_CONTENT_LENGTH", None)
    return {
        key: _latin1(("; " if key == "HTTP_COOKIE" else ", ").join(values))
        for key, values in grouped.items()
    }


def _latin1(text: str) -> str:
    """*text*'s UTF-8 bytes as a PEP 3333 "bytes-as-latin-1" string."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def server_port(parts: SplitResult, headers: CIMultiDictProxy[str]) -> int:
    """The port the client connected to.

    The first number in ``X-Forwarded-Port`` (a proxy in front of the host
    knows it best), else the URL's port, else the scheme's default.
    """
    for value in headers.getall("x-forwarded-port", ()):
        for hop in value.split(","):
            digits = _leading_digits(hop.strip())
            if digits and 0 < int(digits) < 65536:
                return int(digits)
        _logger.warning("ignoring X-Forwarded-Port %r: no port number in it", value)
    try:
        port = parts.port
    except ValueError:  # a URL port that is not a number
        port = None
    if port is not None:
        return port
    return 443 if parts.scheme in ("https", "wss") else 80


def _leading_digits(text: str) -> str:
    end = 0
    while end < len(text) and text[end] in "0123456789":
        end += 1
    return text[:end]


def context_keys(context: Context | None) -> dict[str, object]:
    """The ``azure_functions.*`` environ/scope entries for *context*."""
    return {
        f"azure_functions.{name}": getattr(context, name, None)
        for name in _CONTEXT_KEYS
    }


def build_response(
    status: int, headers: Iterable[tuple[str, str]], body: bytes
) -> HttpResponse:
    """An :class:`HttpResponse` from a gateway app's status, headers and body.

    Every header is kept (checked by ``HttpResponse``); ``mimetype`` and
    ``charset`` are read from ``Content-Type``.
    """
    kept = [
        (name, value)
        for name, value in headers
        if name.lower() not in _DROPPED_RESPONSE_HEADERS
    ]
    mimetype: str | None = None
    charset: str | None = None
    for name, value in kept:
        if name.lower() == "content-type":
            mimetype, charset = _split_content_type(value)
            break
    return HttpResponse(
        body,
        status_code=status,
        headers=kept,
        mimetype=mimetype,
        charset=charset,
    )


def _split_content_type(value: str) -> tuple[str | None, str | None]:
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, param_value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = param_value.strip().strip('"') or None
    return media_type.strip() or None, charset


def wire_text(raw: bytes) -> str:
    """A header from an app's bytes: UTF-8 when it decodes, else latin-1."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


class _LogStream(io.TextIOBase):
    """``wsgi.errors``: each line written becomes an error record of *logger*."""

    def __init__(self, logger: logging.Logger) -> None:
        super().__init__()
        self._logger = logger
        self._pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"wsgi.errors takes str, got {type(text).__name__}")
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        for line in lines:
            self._emit(line)
        return len(text)

    def flush(self) -> None:
        if self._pending:
            line, self._pending = self._pending, ""
            self._emit(line)

    def _emit(self, line: str) -> None:
        line = line.rstrip("\r")
        if line:
            self._logger.error("%s", line)


class _Response:
    """Collects what a WSGI application answers, as PEP 3333 sets out."""

    __slots__ = ("chunks", "headers", "status")

    def __init__(self) -> None:
        self.status: int | None = None
        self.headers: list[tuple[str, str]] = []
        self.chunks: list[bytes] = []

    def start_response(
        self,
        status: str,
        headers: list[tuple[str, str]],
        exc_info: OptExcInfo | None = None,
        /,
    ) -> Callable[[bytes], object]:
        if exc_info is not None and exc_info[1] is not None:
            if self.chunks:  # headers are "sent" with the first body bytes
                raise exc_info[1].with_traceback(exc_info[2])
        elif self.status is not None:
            raise RuntimeError(
                "WSGI app called start_response() twice without exc_info"
            )
        self.status = _status_code(status)
        self.headers = _header_pairs(headers)
        return self.add  # the legacy write() callable

    def add(self, chunk: object) -> None:
        if not isinstance(chunk, (bytes, bytearray, memoryview)):
            raise TypeError(f"WSGI app must produce bytes, got {type(chunk).__name__}")
        if chunk:
            if self.status is None:
                raise RuntimeError(
                    "WSGI app produced body bytes before calling start_response()"
                )
            self.chunks.append(bytes(chunk))


def _status_code(status: object) -> int:
    if not isinstance(status, str):
        raise TypeError(
            f"WSGI status must be str like '200 OK', got {type(status).__name__}"
        )
    code = status[:3]
    if len(code) != 3 or not code.isdigit() or status[3:4] not in ("", " "):
        raise ValueError(f"WSGI status must look like '200 OK', got {status!r}")
    return int(code)


def _header_pairs(headers: object) -> list[tuple[str, str]]:
    if not isinstance(headers, list):
        raise TypeError(
            f"WSGI response headers must be a list, got {type(headers).__name__}"
        )
    pairs: list[tuple[str, str]] = []
    for item in headers:
        if (
            not isinstance(item, tuple)
            or len(item) != 2
            or not isinstance(item[0], str)
            or not isinstance(item[1], str)
        ):
            raise TypeError(
                f"WSGI response headers must be (str, str) tuples, got {item!r:.60}"
            )
        name, value = item
        pairs.append((name, _from_latin1(value)))
    return pairs


def _from_latin1(value: str) -> str:
    """Undo PEP 3333's bytes-as-latin-1; text beyond latin-1 is kept as it is."""
    try:
        return wire_text(value.encode("latin-1"))
    except UnicodeEncodeError:
        return value


def _run(app: WsgiApp, environ: WsgiEnviron) -> HttpResponse:
    response = _Response()
    result = app(environ, response.start_response)
    try:
        for chunk in result:
            response.add(chunk)
    finally:
        close = getattr(result, "close", None)
        if callable(close):
            close()
    if response.status is None:
        raise RuntimeError("WSGI app returned without calling start_response()")
    return build_response(response.status, response.headers, b"".join(response.chunks))
