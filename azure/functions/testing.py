"""Test a function app in-process: HTTP requests and trigger invocations, no sockets.

::

    from azure.functions.testing import TestClient

    def test_hello() -> None:
        with TestClient("examples/v1_app") as client:
            response = client.get("/api/HttpHello", params={"name": "Ada"})
            assert response.status_code == 200
            assert response.text == "hello Ada"

            result = client.invoke("ProcessGreeting", "hello Bob")
            assert result.succeeded
            assert "hello Bob" in result.logs[0].getMessage()

Requests go through the same pipeline as ``python -m azure.functions start``:
routing (``routePrefix``, templates, methods), auth levels (send
``client.key`` as the ``x-functions-key`` header or ``code`` parameter), body
limit, the converters and ``Datum`` shapes the worker uses, the thread pool,
``functionTimeout``. :meth:`TestClient.invoke` triggers a non-HTTP function
with a payload built as the host builds it, or a plain value the host would
turn into one; its result holds the output bindings' values by name, the
encoded datums, and the invocation's log records. The payload factories, each
with the trigger metadata the Functions host sends:

* :func:`timer_payload`, :func:`queue_payload`, :func:`blob_payload`;
* :func:`service_bus_payload`, :func:`event_hub_payload`,
  :func:`kafka_payload`, and their batches (``cardinality: many``):
  ``service_bus_batch_payload([service_bus_payload("a"), ...])`` ...;
* :func:`event_grid_payload` (Event Grid schema), :func:`cloud_event_payload`
  (CloudEvents), :func:`cosmos_db_payload`, :func:`warmup_payload`.

The app is a directory (v1 or v2) or a v2 app object (``func.FunctionApp``).
Opening a client runs the lifespan start-up of the app's ASGI applications
(an ``AsgiFunctionApp``: FastAPI, Starlette ...; a failure raises
:class:`LifespanStartupError`), closing it their shut-down. While a client is
open, the root logger passes ``INFO`` records (as in the worker) and the
app's ``local.settings.json`` values are in ``os.environ``;
:meth:`TestClient.close` (or leaving ``with``) undoes both. In ``async``
tests, use :class:`AsyncTestClient`.

Queues and blobs live in a fresh embedded store per client (a temporary
folder, removed on close; ``storage_dir`` keeps them somewhere else,
``real_storage=True`` uses the connection settings as the local host does).
:meth:`TestClient.run_triggers` runs the queue and blob triggers that the
requests and invocations so far caused, until quiet;
:meth:`TestClient.queue_messages`, :meth:`TestClient.read_blob`,
:meth:`TestClient.put_queue_message` and :meth:`TestClient.upload_blob` read
and write the data.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import threading
from collections.abc import Awaitable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar, final
from urllib.parse import urlencode, urlsplit

from multidict import CIMultiDict, CIMultiDictProxy

from ._host import logs
from ._host.host import Host
from ._host.invoke import InvocationResult
from ._host.keys import HostKeys
from ._host.lifespan import LifespanStartupError
from ._host.loading.app_loader import FunctionRegisterLike
from ._host.loading.app_object import app_from_register
from ._host.loading.config import apply_settings
from ._host.loading.model import AppInfo
from ._host.payloads.batched import (
    batch_payload,
    event_hub_batch_payload,
    event_hub_payload,
    kafka_batch_payload,
    kafka_payload,
    service_bus_batch_payload,
    service_bus_payload,
)
from ._host.payloads.core import (
    TriggerPayload,
    blob_payload,
    cloud_event_payload,
    cosmos_db_payload,
    event_grid_payload,
    queue_payload,
    timer_payload,
    warmup_payload,
)
from ._host.storage.client import AsyncStorageMethods, StorageMethods
from ._host.storage.runtime import TriggersNeverQuiet
from ._host.wire import HttpRequestData
from ._json import dumps, loads

__all__ = [
    "AsyncTestClient",
    "InvocationResult",
    "LifespanStartupError",
    "TestClient",
    "TestResponse",
    "TriggerPayload",
    "TriggersNeverQuiet",
    "batch_payload",
    "blob_payload",
    "cloud_event_payload",
    "cosmos_db_payload",
    "event_grid_payload",
    "event_hub_batch_payload",
    "event_hub_payload",
    "kafka_batch_payload",
    "kafka_payload",
    "queue_payload",
    "service_bus_batch_payload",
    "service_bus_payload",
    "timer_payload",
    "warmup_payload",
]

T = TypeVar("T")
HeadersArg = Mapping[str, str] | Iterable[tuple[str, str]] | None
ParamsArg = Mapping[str, str] | Iterable[tuple[str, str]] | None
AppArg = str | os.PathLike[str] | FunctionRegisterLike
_UNSET = object()


@final
class TestResponse:
    """An HTTP response: status, multi-valued headers, body, and the invocation.

    ``status_code`` is the status (an ``int``), ``headers`` a case-insensitive
    multidict (``headers.getall("Set-Cookie")``), ``body`` the raw bytes.
    ``invocation`` is the function's :class:`InvocationResult` (outputs, logs,
    error) when a function ran, ``None`` for 401/404/405/413 answers.
    """

    __test__ = False  # not a pytest test class

    __slots__ = ("body", "headers", "invocation", "status_code")

    def __init__(
        self,
        status_code: int,
        headers: Iterable[tuple[str, str]],
        body: bytes,
        invocation: InvocationResult | None,
    ) -> None:
        self.status_code = status_code
        self.headers: CIMultiDictProxy[str] = CIMultiDictProxy(CIMultiDict(headers))
        self.body = body
        self.invocation = invocation

    @property
    def status(self) -> int:
        """The status code (``status_code``)."""
        return self.status_code

    @property
    def text(self) -> str:
        """The body decoded as UTF-8."""
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON (``InvalidJSONError`` when it is not)."""
        return loads(self.body, source="the response body")

    def __repr__(self) -> str:
        return f"<TestResponse {self.status_code} {len(self.body)} bytes>"


class AsyncTestClient(AsyncStorageMethods):
    """The test client for ``async`` tests: the same API, awaited."""

    __test__ = False

    def __init__(
        self,
        app: AppArg,
        *,
        settings: Mapping[str, str] | None = None,
        key: str | None = None,
        base_url: str = "http://localhost",
        root: str | os.PathLike[str] | None = None,
        thread_count: int | None = None,
        body_limit: int | None = None,
        storage_dir: str | os.PathLike[str] | None = None,
        real_storage: bool = False,
    ) -> None:
        self._base = urlsplit(base_url)
        self._added_env: list[str] = []
        self._storage_temp = (
            tempfile.mkdtemp(prefix="azfunc-storage-") if storage_dir is None else None
        )
        storage = storage_dir if storage_dir is not None else self._storage_temp
        logs.install()
        try:
            keys = HostKeys(key) if key is not None else None
            if isinstance(app, (str, os.PathLike)):
                self._host = Host.load(
                    app,
                    settings=settings,
                    keys=keys,
                    body_limit=body_limit,
                    thread_count=thread_count,
                    storage_folder=storage,
                    real_storage=real_storage,
                )
            else:
                self._added_env = apply_settings(settings or {})
                self._host = Host(
                    app_from_register(app, Path(root) if root else Path.cwd()),
                    keys=keys,
                    body_limit=body_limit,
                    thread_count=thread_count,
                    storage_folder=storage,
                    real_storage=real_storage,
                )
        except BaseException:
            self._undo_env()
            self._remove_storage()
            logs.uninstall()
            raise
        self._closed = False
        self._started = False

    async def start(self) -> None:
        """Run the app's ASGI lifespan start-up, if not done yet.

        Entering ``async with`` and the first request or invocation do it;
        raises :class:`~azure.functions._host.lifespan.LifespanStartupError`
        when an ASGI app reports that its start-up failed.
        """
        if not self._started:
            await self._host.start()
            self._started = True

    @property
    def key(self) -> str:
        """The key that ``function`` and ``admin`` routes need."""
        return self._host.keys.key

    @property
    def app(self) -> AppInfo:
        """The loaded app's description."""
        return self._host.app

    @property
    def functions(self) -> list[str]:
        """The names of the app's (enabled) functions."""
        return [function.name for function in self._host.app.functions]

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: ParamsArg = None,
        headers: HeadersArg = None,
        body: bytes | str | None = None,
        json: object = _UNSET,
    ) -> TestResponse:
        """Send a request through routing, auth and the function; its response."""
        data = self._build(method, path, params, headers, body, json)
        await self.start()
        answer = await self._host.handle_http(data, capture_logs=True)
        payload = b"" if data.method == "HEAD" else answer.body
        return TestResponse(answer.status, answer.headers, payload, answer.invocation)

    async def get(
        self, path: str, *, params: ParamsArg = None, headers: HeadersArg = None
    ) -> TestResponse:
        """``GET`` *path*."""
        return await self.request("GET", path, params=params, headers=headers)

    async def post(
        self,
        path: str,
        *,
        params: ParamsArg = None,
        headers: HeadersArg = None,
        body: bytes | str | None = None,
        json: object = _UNSET,
    ) -> TestResponse:
        """``POST`` *path* with *body* or *json*."""
        return await self.request(
            "POST", path, params=params, headers=headers, body=body, json=json
        )

    async def put(
        self,
        path: str,
        *,
        params: ParamsArg = None,
        headers: HeadersArg = None,
        body: bytes | str | None = None,
        json: object = _UNSET,
    ) -> TestResponse:
        """``PUT`` *path* with *body* or *json*."""
        return await self.request(
            "PUT", path, params=params, headers=headers, body=body, json=json
        )

    async def delete(
        self, path: str, *, params: ParamsArg = None, headers: HeadersArg = None
    ) -> TestResponse:
        """``DELETE`` *path*."""
        return await self.request("DELETE", path, params=params, headers=headers)

    async def invoke(
        self,
        function: str,
        payload: object = None,
        *,
        inputs: Mapping[str, object] | None = None,
    ) -> InvocationResult:
        """Trigger a non-HTTP function once; its result (never raises for its errors).

        *payload*: a :class:`TriggerPayload` (:func:`timer_payload`,
        :func:`queue_payload`), a datum, or a plain value the host would turn
        into one (a queue message's text, a generic trigger's value); ``None``
        for a timer's tick. *inputs* gives non-trigger input bindings' values.
        """
        await self.start()
        return await self._host.invoke(
            function, payload, inputs=inputs, capture_logs=True
        )

    async def aclose(self) -> None:
        """Wait for background work, shut the ASGI lifespan down, unload the app."""
        if self._closed:
            return
        self._closed = True
        try:
            await self._host.drain(5.0)
            await self._host.stop(10.0)
        finally:
            self._host.close()
            self._undo_env()
            self._remove_storage()
            logs.uninstall()

    async def __aenter__(self) -> AsyncTestClient:
        try:
            await self.start()
        except BaseException:
            await self.aclose()
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def _remove_storage(self) -> None:
        temp, self._storage_temp = self._storage_temp, None
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)

    def _undo_env(self) -> None:
        for name in self._added_env:
            os.environ.pop(name, None)
        self._added_env = []

    def _build(
        self,
        method: str,
        path: str,
        params: ParamsArg,
        headers: HeadersArg,
        body: bytes | str | None,
        json: object,
    ) -> HttpRequestData:
        split = urlsplit(path)
        query_parts = [split.query] if split.query else []
        if params:
            pairs = params.items() if isinstance(params, Mapping) else params
            query_parts.append(urlencode(list(pairs)))
        query = "&".join(query_parts)
        header_list: list[tuple[str, str]] = []
        if headers:
            header_list.extend(
                headers.items() if isinstance(headers, Mapping) else headers
            )
        names = {name.lower() for name, _ in header_list}
        if json is not _UNSET:
            if body is not None:
                raise TypeError("pass body or json, not both")
            body = dumps(json)
            if "content-type" not in names:
                header_list.append(("Content-Type", "application/json"))
        raw = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        if "host" not in names and self._base.netloc:
            header_list.insert(0, ("Host", self._base.netloc))
        if raw and "content-length" not in names:
            header_list.append(("Content-Length", str(len(raw))))
        raw_path = split.path or "/"
        url = f"{self._base.scheme or 'http'}://{self._base.netloc}{raw_path}"
        if query:
            url += f"?{query}"
        return HttpRequestData(
            method=method,
            path=raw_path,
            query_string=query,
            headers=header_list,
            body=raw,
            url=url,
        )


class TestClient(StorageMethods):
    """The test client for plain (sync) tests; see the module documentation.

    Runs the app on its own event loop in a background thread, as the server
    runs it on one loop: ``async def`` functions share that loop across calls.
    """

    __test__ = False
    _client: AsyncTestClient

    def __init__(
        self,
        app: AppArg,
        *,
        settings: Mapping[str, str] | None = None,
        key: str | None = None,
        base_url: str = "http://localhost",
        root: str | os.PathLike[str] | None = None,
        thread_count: int | None = None,
        body_limit: int | None = None,
        storage_dir: str | os.PathLike[str] | None = None,
        real_storage: bool = False,
    ) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="azfunc-test-client", daemon=True
        )
        self._thread.start()

        async def create() -> AsyncTestClient:
            client = AsyncTestClient(
                app,
                settings=settings,
                key=key,
                base_url=base_url,
                root=root,
                thread_count=thread_count,
                body_limit=body_limit,
                storage_dir=storage_dir,
                real_storage=real_storage,
            )
            return await client.__aenter__()  # the ASGI lifespan starts here

        try:
            self._client = self._run(create())
        except BaseException:
            self._stop_loop()
            raise
        self._closed = False

    def _run(self, awaitable: Awaitable[T]) -> T:
        async def call() -> T:
            return await awaitable

        return asyncio.run_coroutine_threadsafe(call(), self._loop).result()

    @property
    def key(self) -> str:
        """The key that ``function`` and ``admin`` routes need."""
        return self._client.key

    @property
    def app(self) -> AppInfo:
        """The loaded app's description."""
        return self._client.app

    @property
    def functions(self) -> list[str]:
        """The names of the app's (enabled) functions."""
        return self._client.functions

    def request(
        self,
        method: str,
        path: str,
        *,
        params: ParamsArg = None,
        headers: HeadersArg = None,
        body: bytes | str | None = None,
        json: object = _UNSET,
    ) -> TestResponse:
        """Send a request through routing, auth and the function; its response."""
        return self._run(
            self._client.request(
                method, path, params=params, headers=headers, body=body, json=json
            )
        )

    def get(
        self, path: str, *, params: ParamsArg = None, headers: HeadersArg = None
    ) -> TestResponse:
        """``GET`` *path*."""
        return self.request("GET", path, params=params, headers=headers)

    def post(
        self,
        path: str,
        *,
        params: ParamsArg = None,
        headers: HeadersArg = None,
        body: bytes | str | None = None,
        json: object = _UNSET,
    ) -> TestResponse:
        """``POST`` *path* with *body* or *json*."""
        return self.request(
            "POST", path, params=params, headers=headers, body=body, json=json
        )

    def put(
        self,
        path: str,
        *,
        params: ParamsArg = None,
        headers: HeadersArg = None,
        body: bytes | str | None = None,
        json: object = _UNSET,
    ) -> TestResponse:
        """``PUT`` *path* with *body* or *json*."""
        return self.request(
            "PUT", path, params=params, headers=headers, body=body, json=json
        )

    def delete(
        self, path: str, *, params: ParamsArg = None, headers: HeadersArg = None
    ) -> TestResponse:
        """``DELETE`` *path*."""
        return self.request("DELETE", path, params=params, headers=headers)

    def invoke(
        self,
        function: str,
        payload: object = None,
        *,
        inputs: Mapping[str, object] | None = None,
    ) -> InvocationResult:
        """Trigger a non-HTTP function once (see :meth:`AsyncTestClient.invoke`)."""
        return self._run(self._client.invoke(function, payload, inputs=inputs))

    def close(self) -> None:
        """Finish background work, unload the app and stop the loop thread."""
        if self._closed:
            return
        self._closed = True
        try:
            self._run(self._client.aclose())
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        async def finish() -> None:
            # As asyncio.run ends: cancel what the app left running (tasks it
            # started, async generators), then stop.
            current = asyncio.current_task()
            pending = [task for task in asyncio.all_tasks() if task is not current]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            await self._loop.shutdown_asyncgens()

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(finish(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        if not self._thread.is_alive():
            self._loop.close()

    def __enter__(self) -> TestClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
