"""Real storage: Azurite or an Azure Storage account, through the official clients.

``azure-storage-queue`` and ``azure-storage-blob`` (their ``aio`` clients, on
aiohttp), from the ``storage`` extra, imported only when a connection needs
them. Queues and containers are created on first write, as the Functions
host does. Message content is passed as it is: the bindings encode it
(``messageEncoding``), so a message put by another tool with the same
encoding triggers the function and one the host puts is read by a deployed
app.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
from typing import TYPE_CHECKING, final

from .api import BlobProperties, ReceivedMessage

if TYPE_CHECKING:
    from azure.storage.blob.aio import BlobServiceClient
    from azure.storage.queue.aio import QueueClient, QueueServiceClient

__all__ = ["AzureStorage"]

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def _imports() -> tuple[type[QueueServiceClient], type[BlobServiceClient]]:
    try:
        from azure.storage.blob.aio import BlobServiceClient
        from azure.storage.queue.aio import QueueServiceClient
    except ImportError as exc:
        raise RuntimeError(
            f"this connection leads to real storage, which needs {exc.name}: "
            "pip install 'azure-functions[storage]' (or unset the setting to use "
            "the host's embedded store)"
        ) from None
    return QueueServiceClient, BlobServiceClient


def _moment(value: object) -> datetime.datetime:
    return value if isinstance(value, datetime.datetime) else _EPOCH


def _etag(value: object) -> str:
    """An ETag in one form, quoted (listing and downloading differ)."""
    text = str(value or "").strip('"')
    return f'"{text}"'


def _seconds(value: float) -> int:
    return max(0, round(value))


@final
class AzureStorage:
    """Queues and blobs of one account, reached with its connection string."""

    def __init__(self, connection_string: str) -> None:
        queues, blobs = _imports()
        for name in ("azure.core", "azure.storage"):
            logger = logging.getLogger(name)
            if logger.level == logging.NOTSET:  # a line per HTTP request otherwise
                logger.setLevel(logging.WARNING)
        self._queues = queues.from_connection_string(connection_string)
        self._blobs = blobs.from_connection_string(connection_string)
        self._known_queues: set[str] = set()
        self._known_containers: set[str] = set()

    def _queue(self, name: str) -> QueueClient:
        return self._queues.get_queue_client(name)

    async def _create_queue(self, name: str) -> None:
        from azure.core.exceptions import ResourceExistsError

        with contextlib.suppress(ResourceExistsError):
            await self._queue(name).create_queue()
        self._known_queues.add(name)

    # -- queues -------------------------------------------------------------------

    async def put_message(
        self, queue: str, content: str, *, visible_in: float = 0.0
    ) -> str:
        """Add a message (the queue is created when missing); its id."""
        from azure.core.exceptions import ResourceNotFoundError

        if queue not in self._known_queues:
            await self._create_queue(queue)
        client = self._queue(queue)
        delay = _seconds(visible_in) or None
        try:
            sent = await client.send_message(content, visibility_timeout=delay)
        except ResourceNotFoundError:  # deleted meanwhile
            await self._create_queue(queue)
            sent = await client.send_message(content, visibility_timeout=delay)
        return str(sent.id)

    async def receive_messages(
        self, queue: str, *, max_messages: int, visibility_timeout: float
    ) -> list[ReceivedMessage]:
        """Up to *max_messages* visible messages; none for a missing queue."""
        from azure.core.exceptions import ResourceNotFoundError

        received: list[ReceivedMessage] = []
        try:
            pages = self._queue(queue).receive_messages(
                messages_per_page=max_messages,
                max_messages=max_messages,
                visibility_timeout=_seconds(visibility_timeout),
            )
            async for message in pages:
                received.append(
                    ReceivedMessage(
                        id=str(message.id),
                        content=str(message.content or ""),
                        dequeue_count=int(message.dequeue_count or 0),
                        inserted_on=_moment(message.inserted_on),
                        expires_on=_moment(message.expires_on),
                        next_visible_on=_moment(message.next_visible_on),
                        pop_receipt=str(message.pop_receipt),
                    )
                )
        except ResourceNotFoundError:
            return []
        return received

    async def delete_message(self, queue: str, id: str, pop_receipt: str) -> None:
        """Delete a received message (``LookupError`` for a stale pop receipt)."""
        from azure.core.exceptions import ResourceNotFoundError

        try:
            await self._queue(queue).delete_message(id, pop_receipt)
        except ResourceNotFoundError as exc:
            raise LookupError(str(exc)) from None

    async def release_message(
        self, queue: str, id: str, pop_receipt: str, *, visible_in: float
    ) -> None:
        """Make a received message visible again after *visible_in* seconds."""
        from azure.core.exceptions import ResourceNotFoundError

        try:
            await self._queue(queue).update_message(
                id, pop_receipt, visibility_timeout=_seconds(visible_in)
            )
        except ResourceNotFoundError as exc:
            raise LookupError(str(exc)) from None

    async def peek_messages(self, queue: str) -> list[ReceivedMessage]:
        """The visible messages of *queue* (at most 32: the service's limit)."""
        from azure.core.exceptions import ResourceNotFoundError

        try:
            peeked = await self._queue(queue).peek_messages(max_messages=32)
        except ResourceNotFoundError:
            return []
        return [
            ReceivedMessage(
                id=str(message.id),
                content=str(message.content or ""),
                dequeue_count=int(message.dequeue_count or 0),
                inserted_on=_moment(message.inserted_on),
                expires_on=_moment(message.expires_on),
                next_visible_on=_moment(message.next_visible_on),
                pop_receipt="",
            )
            for message in peeked
        ]

    # -- blobs --------------------------------------------------------------------

    async def _create_container(self, container: str) -> None:
        from azure.core.exceptions import ResourceExistsError

        with contextlib.suppress(ResourceExistsError):
            await self._blobs.get_container_client(container).create_container()
        self._known_containers.add(container)

    async def upload_blob(
        self,
        container: str,
        name: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        metadata: dict[str, str] | None = None,
    ) -> BlobProperties:
        """Write a block blob (the container is created when missing)."""
        from azure.core.exceptions import ResourceNotFoundError
        from azure.storage.blob import ContentSettings

        if container not in self._known_containers:
            await self._create_container(container)
        client = self._blobs.get_blob_client(container, name)
        settings = ContentSettings(content_type=content_type)
        try:
            answer = await client.upload_blob(
                data, overwrite=True, content_settings=settings, metadata=metadata
            )
        except ResourceNotFoundError:
            await self._create_container(container)
            answer = await client.upload_blob(
                data, overwrite=True, content_settings=settings, metadata=metadata
            )
        moment = _moment(answer.get("last_modified"))
        return BlobProperties(
            container=container,
            name=name,
            size=len(data),
            etag=_etag(answer.get("etag")),
            content_type=content_type,
            last_modified=moment,
            created_on=moment,
            metadata=metadata,
        )

    async def download_blob(
        self, container: str, name: str
    ) -> tuple[bytes, BlobProperties] | None:
        """The blob's content and properties; ``None`` when there is none."""
        from azure.core.exceptions import ResourceNotFoundError

        try:
            stream = await self._blobs.get_blob_client(container, name).download_blob()
            content = await stream.readall()
        except ResourceNotFoundError:
            return None
        props = stream.properties
        return bytes(content), BlobProperties(
            container=container,
            name=name,
            size=len(content),
            etag=_etag(props.etag),
            content_type=str(props.content_settings.content_type or ""),
            last_modified=_moment(props.last_modified),
            created_on=_moment(props.creation_time),
            metadata=dict(props.metadata or {}),
        )

    async def list_blobs(
        self, container: str, prefix: str = ""
    ) -> list[BlobProperties]:
        """The blobs of *container* whose names start with *prefix*."""
        from azure.core.exceptions import ResourceNotFoundError

        found: list[BlobProperties] = []
        client = self._blobs.get_container_client(container)
        try:
            async for props in client.list_blobs(
                name_starts_with=prefix or None, include=["metadata"]
            ):
                found.append(
                    BlobProperties(
                        container=container,
                        name=str(props.name),
                        size=int(props.size or 0),
                        etag=_etag(props.etag),
                        content_type=str(props.content_settings.content_type or ""),
                        last_modified=_moment(props.last_modified),
                        created_on=_moment(props.creation_time),
                        metadata=dict(props.metadata or {}),
                    )
                )
        except ResourceNotFoundError:
            return []
        return found

    def blob_url(self, container: str, name: str) -> str:
        """The blob's URL on its account."""
        return str(self._blobs.get_blob_client(container, name).url)

    async def aclose(self) -> None:
        """Close both clients' connections."""
        await self._queues.close()
        await self._blobs.close()

    def __repr__(self) -> str:
        return f"<AzureStorage {self._queues.account_name}>"
