"""The host's admin API, under ``/admin`` (with the ``admin`` key, as in Azure).

- ``GET /admin/host/status``: the host's state and version;
- ``POST /admin/functions/<name>`` with ``{"input": ...}``: runs a non-HTTP
  function in the background with the payload its trigger would get for
  that input, and answers 202 (400 for an HTTP function or a body that is
  not ``{"input": ...}``).

Reaches the host only through :class:`AdminHost`, so the host imports this
module and not the other way round.
"""

from __future__ import annotations

import json
from typing import Protocol

from .._version import __version__
from .wire import HttpRequestData, HttpResponseData

TYPE_CHECKING = False
if TYPE_CHECKING:
    import asyncio

    from .invoke import InvocationResult
    from .loading.model import AppInfo, FunctionInfo
    from .payloads.core import TriggerPayload

__all__ = ["AdminHost", "answer_admin"]


class AdminHost(Protocol):
    """What the admin API needs of the host."""

    @property
    def app(self) -> AppInfo:
        """The app served."""
        ...

    def authorized(self, request: HttpRequestData, level: str) -> bool:
        """Whether *request* carries the key auth level *level* needs."""
        ...

    def payload_for(self, function: FunctionInfo, value: object) -> TriggerPayload:
        """The payload *function*'s trigger would get for *value*."""
        ...

    def invoke_in_background(
        self, function: FunctionInfo, payload: TriggerPayload, reason: str | None = None
    ) -> asyncio.Task[InvocationResult]:
        """Start an invocation without waiting for it."""
        ...


def answer_admin(
    host: AdminHost, request: HttpRequestData, segments: list[str]
) -> HttpResponseData:
    """The answer to *request*, whose path is ``admin`` + *segments* ``[1:]``."""
    if not host.authorized(request, "admin"):
        return HttpResponseData(401)
    rest = [segment.lower() for segment in segments[1:]]
    if rest == ["host", "status"]:
        if request.method not in ("GET", "HEAD"):
            return HttpResponseData(405, [("Allow", "GET, HEAD")])
        status = {"state": "Running", "version": __version__}
        return _json_response(200, status)
    if len(rest) != 2 or rest[0] != "functions":
        return HttpResponseData(404)
    try:
        function = host.app.function(segments[2])
    except KeyError:
        return HttpResponseData(404)
    if request.method != "POST":
        return HttpResponseData(405, [("Allow", "POST")])
    if function.trigger.type == "httpTrigger":
        return _json_response(
            400, {"error": f"'{function.name}' is an HTTP function: call its route"}
        )
    value: object = None
    if request.body.strip():
        try:
            document = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            return _json_response(
                400, {"error": 'the body must be JSON: {"input": ...}'}
            )
        except RecursionError:
            return _json_response(400, {"error": _TOO_DEEP})
        if not isinstance(document, dict):
            return _json_response(400, {"error": 'the body must be {"input": ...}'})
        value = document.get("input")
    try:
        payload = host.payload_for(function, value)
    except (TypeError, ValueError) as exc:
        return _json_response(400, {"error": str(exc)})
    except RecursionError:  # an input nested just within what json.loads takes
        return _json_response(400, {"error": _TOO_DEEP})
    host.invoke_in_background(function, payload)
    return HttpResponseData(202)


_TOO_DEEP = "the body is nested too deeply to be read as JSON"


def _json_response(status: int, value: object) -> HttpResponseData:
    return HttpResponseData(
        status,
        [("Content-Type", "application/json; charset=utf-8")],
        json.dumps(value).encode(),
    )
