"""The worker's side of the wire, for the adapter tests.

The Python worker hands converters datums of its own class and reads our
output datums field by field; these helpers play that part without the worker.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http.cookies import SimpleCookie

from azure.functions.meta import DatumLike


class WorkerDatum:
    """Stand-in for the worker's own ``Datum``: not our class, same attributes."""

    __slots__ = ("type", "value")

    def __init__(self, value: object, type: str | None) -> None:
        self.value = value
        self.type = type

    def __repr__(self) -> str:
        return f"WorkerDatum({self.value!r}, {self.type!r})"


class CollectionProto:
    """Stand-in for a protobuf collection message (``.string``, ``.sint64`` ...).

    A real message has every field, empty but for the one that was sent.
    """

    def __init__(
        self,
        *,
        string: Iterable[str] = (),
        bytes: Iterable[bytes] = (),
        double: Iterable[float] = (),
        sint64: Iterable[int] = (),
    ) -> None:
        self.string = tuple(string)
        self.bytes = tuple(bytes)
        self.double = tuple(double)
        self.sint64 = tuple(sint64)


def strings(values: Mapping[str, str] | None) -> dict[str, WorkerDatum]:
    """A ``{name: string datum}`` map, as the worker builds for headers and such."""
    return {k: WorkerDatum(v, "string") for k, v in (values or {}).items()}


def http_datum(
    method: str = "GET",
    url: str = "https://example.net/api/fn",
    *,
    headers: Mapping[str, str] | None = None,
    query: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    body: WorkerDatum | None = None,
) -> WorkerDatum:
    """The ``http`` datum the worker passes to the ``httpTrigger`` converter.

    Without *body* the worker sends an empty bytes datum, as it does for a
    request without one.
    """
    return WorkerDatum(
        {
            "method": WorkerDatum(method, "string"),
            "url": WorkerDatum(url, "string"),
            "headers": strings(headers),
            "query": strings(query),
            "params": strings(params),
            "body": body if body is not None else WorkerDatum(b"", "bytes"),
        },
        "http",
    )


@dataclass(frozen=True)
class WireCookie:
    """One cookie as the worker reads it from a ``SimpleCookie`` morsel."""

    name: str
    value: str
    domain: str
    path: str
    expires: str
    max_age: str
    secure: bool
    httponly: bool
    samesite: str


@dataclass(frozen=True)
class WireResponse:
    """An ``http`` output datum read field by field, the way the worker does."""

    status_code: str
    headers: dict[str, str]
    cookies: list[WireCookie]
    body: bytes
    body_type: str | None


def read_http_output(datum: DatumLike) -> WireResponse:
    """Read an ``http`` output datum as the worker turns it into its protobuf.

    Header values must be strings (they go into a proto ``map<string,
    string>``); ``cookies`` is ``None`` or a list of ``SimpleCookie``.
    """
    assert datum.type == "http"
    value = datum.value
    assert isinstance(value, dict)
    status = value["status_code"].value
    assert isinstance(status, str)
    headers: dict[str, str] = {}
    for name, header in value["headers"].items():
        assert isinstance(name, str)
        assert isinstance(header.value, str)
        headers[name] = header.value
    cookies: list[WireCookie] = []
    raw_cookies = value.get("cookies")
    if raw_cookies is not None:
        assert isinstance(raw_cookies, list)
        for cookie in raw_cookies:
            assert isinstance(cookie, SimpleCookie)
            for name, morsel in cookie.items():
                cookies.append(
                    WireCookie(
                        name=name,
                        value=morsel.value,
                        domain=morsel["domain"],
                        path=morsel["path"],
                        expires=morsel["expires"],
                        max_age=str(morsel["max-age"]),
                        secure=bool(morsel["secure"]),
                        httponly=bool(morsel["httponly"]),
                        samesite=morsel["samesite"],
                    )
                )
    body = value["body"]
    assert isinstance(body.value, bytes)
    return WireResponse(status, headers, cookies, body.value, body.type)
