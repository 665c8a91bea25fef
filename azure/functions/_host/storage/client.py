"""The test client's storage methods: run the triggers, read and write the data.

Mixed into :class:`~azure.functions.testing.AsyncTestClient` (awaited) and
:class:`~azure.functions.testing.TestClient` (plain calls). Each method takes
*connection*: the app setting of the storage to use (``AzureWebJobsStorage``
by default), as a binding's ``connection`` names it.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from ..._bindings.queue import QueueMessage
from ..._json import dumps
from ..invoke import InvocationResult
from ..loading.model import BindingInfo
from .api import StorageBackend
from .bindings import decode_message, encode_message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..host import Host

__all__ = ["AsyncStorageMethods", "StorageMethods"]

T = TypeVar("T")


def _split(path: str) -> tuple[str, str]:
    container, _, name = path.strip().lstrip("/").partition("/")
    if not container or not name:
        raise ValueError(f"a blob path is container/name, got {path!r}")
    return container, name


def _body(value: str | bytes | object) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    return dumps(value, compact=True).encode("utf-8")


class AsyncStorageMethods:
    """Queues and blobs of the app under test, for ``async`` tests."""

    _host: Host
    if TYPE_CHECKING:

        async def start(self) -> None:
            """Start the app (the client's own method)."""

    def _backend(self, connection: str | None) -> StorageBackend:
        binding = BindingInfo(
            name="",
            type="queue",
            direction="out",
            raw={"connection": connection} if connection else None,
        )
        return self._host.storage.backend_for(binding)

    async def run_triggers(
        self, *, max_invocations: int = 1000
    ) -> list[InvocationResult]:
        """Run the queue and blob triggers until no message or new blob is left.

        Returns every invocation, in order, with its logs. What a function
        writes is picked up in the next round, so a chain (HTTP → queue →
        blob → blob trigger) runs to its end. A failing message is retried
        at once (unless ``visibilityTimeout`` hides it), then poisoned after
        ``maxDequeueCount`` attempts. Raises
        :class:`~azure.functions.testing.TriggersNeverQuiet`
        after *max_invocations* (a function feeding its own trigger).
        """
        await self.start()
        return await self._host.storage.run_until_quiet(max_invocations=max_invocations)

    async def queue_messages(
        self, queue: str, *, connection: str | None = None
    ) -> list[QueueMessage]:
        """The messages waiting on *queue*, oldest first, bodies decoded."""
        encoding = self._host.storage.options.message_encoding
        return [
            QueueMessage(
                id=message.id,
                body=decode_message(message.content, encoding),
                dequeue_count=message.dequeue_count,
                insertion_time=message.inserted_on,
                expiration_time=message.expires_on,
                time_next_visible=message.next_visible_on,
            )
            for message in await self._backend(connection).peek_messages(queue)
        ]

    async def put_queue_message(
        self, queue: str, body: str | bytes | object, *, connection: str | None = None
    ) -> str:
        """Put a message on *queue* (a non-text *body* as JSON); its id."""
        encoding = self._host.storage.options.message_encoding
        return await self._backend(connection).put_message(
            queue, encode_message(_body(body), encoding)
        )

    async def read_blob(
        self, path: str, *, connection: str | None = None
    ) -> bytes | None:
        """The content of blob ``container/name``; ``None`` when there is none."""
        container, name = _split(path)
        found = await self._backend(connection).download_blob(container, name)
        return None if found is None else found[0]

    async def upload_blob(
        self,
        path: str,
        data: str | bytes,
        *,
        content_type: str | None = None,
        connection: str | None = None,
    ) -> None:
        """Write blob ``container/name`` (text as UTF-8)."""
        container, name = _split(path)
        await self._backend(connection).upload_blob(
            container,
            name,
            _body(data),
            content_type=content_type
            or (
                "text/plain; charset=utf-8"
                if isinstance(data, str)
                else "application/octet-stream"
            ),
        )


class StorageMethods:
    """The same, for plain tests (each call runs on the client's loop)."""

    _client: AsyncStorageMethods
    if TYPE_CHECKING:

        def _run(self, awaitable: Awaitable[T]) -> T:
            """Run *awaitable* on the client's loop (the client's own method)."""

    def run_triggers(self, *, max_invocations: int = 1000) -> list[InvocationResult]:
        """Run queue and blob triggers until quiet (see the async client's)."""
        return self._run(self._client.run_triggers(max_invocations=max_invocations))

    def queue_messages(
        self, queue: str, *, connection: str | None = None
    ) -> list[QueueMessage]:
        """The messages waiting on *queue*, oldest first, bodies decoded."""
        return self._run(self._client.queue_messages(queue, connection=connection))

    def put_queue_message(
        self, queue: str, body: str | bytes | object, *, connection: str | None = None
    ) -> str:
        """Put a message on *queue* (a non-text *body* as JSON); its id."""
        return self._run(
            self._client.put_queue_message(queue, body, connection=connection)
        )

    def read_blob(self, path: str, *, connection: str | None = None) -> bytes | None:
        """The content of blob ``container/name``; ``None`` when there is none."""
        return self._run(self._client.read_blob(path, connection=connection))

    def upload_blob(
        self,
        path: str,
        data: str | bytes,
        *,
        content_type: str | None = None,
        connection: str | None = None,
    ) -> None:
        """Write blob ``container/name`` (text as UTF-8)."""
        self._run(
            self._client.upload_blob(
                path, data, content_type=content_type, connection=connection
            )
        )
