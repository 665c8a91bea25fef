"""Helpers for the host tests: function apps written into a temporary folder."""

from __future__ import annotations

import asyncio
import json
import textwrap
from collections.abc import Mapping
from pathlib import Path

HTTP_IN: dict[str, object] = {
    "type": "httpTrigger",
    "direction": "in",
    "name": "req",
    "authLevel": "anonymous",
}
HTTP_OUT: dict[str, object] = {"type": "http", "direction": "out", "name": "$return"}


def http_function(
    source: str,
    *,
    route: str | None = None,
    methods: list[str] | None = None,
    **trigger: object,
) -> tuple[dict[str, object], str]:
    """function.json and script of an HTTP function returning through ``$return``."""
    binding = dict(HTTP_IN)
    if route is not None:
        binding["route"] = route
    if methods is not None:
        binding["methods"] = methods
    binding.update(trigger)
    return {"bindings": [binding, HTTP_OUT]}, source


def write_app(
    root: Path,
    functions: Mapping[str, tuple[Mapping[str, object] | str, str]],
    *,
    host: Mapping[str, object] | None = None,
    settings: Mapping[str, str] | None = None,
    files: Mapping[str, str] | None = None,
) -> Path:
    """Write a v1 app: ``host.json``, and per function its ``function.json`` and script.

    A function's JSON may be given as text (to write broken JSON); its script
    goes to ``scriptFile`` (default ``__init__.py``). *files* adds other files.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "host.json").write_text(
        json.dumps({"version": "2.0"} if host is None else host)
    )
    if settings is not None:
        (root / "local.settings.json").write_text(
            json.dumps({"IsEncrypted": False, "Values": dict(settings)})
        )
    for name, (config, source) in functions.items():
        folder = root / name
        folder.mkdir()
        if isinstance(config, str):
            (folder / "function.json").write_text(config)
            script = "__init__.py"
        else:
            (folder / "function.json").write_text(json.dumps(config))
            script_file = config.get("scriptFile", "__init__.py")
            script = script_file if isinstance(script_file, str) else "__init__.py"
        (folder / script).write_text(textwrap.dedent(source))
    for relative, text in (files or {}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


class RawResponse:
    """A response read off a socket: status, headers (lower-case names), body."""

    __slots__ = ("body", "headers", "status")

    def __init__(
        self, status: int, headers: list[tuple[str, str]], body: bytes
    ) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name: str) -> str | None:
        """The first value of header *name*."""
        return next((value for key, value in self.headers if key == name), None)

    def __repr__(self) -> str:
        return f"<RawResponse {self.status} {self.headers} {self.body[:60]!r}>"


async def read_response(
    reader: asyncio.StreamReader, *, timeout: float = 10
) -> RawResponse:
    """One HTTP/1.1 response (``Content-Length`` or chunked body) from *reader*."""
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    status_line, *lines = head.decode("latin-1").split("\r\n")[:-2]
    status = int(status_line.split(" ", 2)[1])
    headers = []
    for line in lines:
        name, _, value = line.partition(":")
        headers.append((name.strip().lower(), value.strip()))
    fields = dict(headers)
    if fields.get("transfer-encoding") == "chunked":
        chunks = []
        while True:
            size = int((await asyncio.wait_for(reader.readline(), timeout)).strip(), 16)
            chunk = await asyncio.wait_for(reader.readexactly(size + 2), timeout)
            if not size:
                break
            chunks.append(chunk[:-2])
        body = b"".join(chunks)
    else:
        length = int(fields.get("content-length", "0"))
        body = await asyncio.wait_for(reader.readexactly(length), timeout)
    return RawResponse(status, headers, body)
