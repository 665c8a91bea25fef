"""What the host asks of a storage backend: queues and blobs, as protocols.

Two backends implement them: :class:`~.embedded.EmbeddedStorage` (the
host's own store, in SQLite) and :class:`~.azure_clients.AzureStorage` (the
official async clients, for Azurite or an Azure Storage account). Queue
message content is the text the service holds (base64 or not is decided
above this layer, by ``messageEncoding``).
"""

from __future__ import annotations

import datetime
from typing import Protocol, final

__all__ = [
    "BlobProperties",
    "BlobStore",
    "QueueStore",
    "ReceivedMessage",
    "StorageBackend",
]


@final
class ReceivedMessage:
    """A queue message as received: content, counts, times, pop receipt."""

    __slots__ = (
        "content",
        "dequeue_count",
        "expires_on",
        "id",
        "inserted_on",
        "next_visible_on",
        "pop_receipt",
    )

    def __init__(
        self,
        *,
        id: str,
        content: str,
        dequeue_count: int,
        inserted_on: datetime.datetime,
        expires_on: datetime.datetime,
        next_visible_on: datetime.datetime,
        pop_receipt: str,
    ) -> None:
        self.id = id
        self.content = content
        self.dequeue_count = dequeue_count
        self.inserted_on = inserted_on
        self.expires_on = expires_on
        self.next_visible_on = next_visible_on
        self.pop_receipt = pop_receipt

    def __repr__(self) -> str:
        return (
            f"<ReceivedMessage {self.id} dequeue_count={self.dequeue_count} "
            f"{len(self.content)} chars>"
        )


@final
class BlobProperties:
    """A blob's name and system properties, and its user-defined metadata."""

    __slots__ = (
        "container",
        "content_type",
        "created_on",
        "etag",
        "last_modified",
        "metadata",
        "name",
        "size",
    )

    def __init__(
        self,
        *,
        container: str,
        name: str,
        size: int,
        etag: str,
        content_type: str,
        last_modified: datetime.datetime,
        created_on: datetime.datetime,
        metadata: dict[str, str] | None = None,
    ) -> None:
        self.container = container
        self.name = name
        self.size = size
        self.etag = etag
        self.content_type = content_type
        self.last_modified = last_modified
        self.created_on = created_on
        self.metadata = dict(metadata or {})

    @property
    def path(self) -> str:
        """``container/name``."""
        return f"{self.container}/{self.name}"

    def __repr__(self) -> str:
        return f"<BlobProperties {self.path} {self.size} bytes {self.etag}>"


class QueueStore(Protocol):
    """Storage queues: put, receive (with a visibility timeout), delete, release."""

    async def put_message(
        self, queue: str, content: str, *, visible_in: float = 0.0
    ) -> str:
        """Add a message (the queue is created if needed); its id."""
        ...

    async def receive_messages(
        self, queue: str, *, max_messages: int, visibility_timeout: float
    ) -> list[ReceivedMessage]:
        """Up to *max_messages* visible messages, hidden for *visibility_timeout* s.

        Each one's dequeue count grows by one and it gets a new pop receipt.
        A queue that does not exist has no messages.
        """
        ...

    async def delete_message(self, queue: str, id: str, pop_receipt: str) -> None:
        """Delete a received message (a stale pop receipt: ``LookupError``)."""
        ...

    async def release_message(
        self, queue: str, id: str, pop_receipt: str, *, visible_in: float
    ) -> None:
        """Make a received message visible again after *visible_in* seconds."""
        ...

    async def peek_messages(self, queue: str) -> list[ReceivedMessage]:
        """Every message of *queue*, visible or not, oldest first (for tests)."""
        ...


class BlobStore(Protocol):
    """Block blobs: upload, download, list."""

    async def upload_blob(
        self,
        container: str,
        name: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        metadata: dict[str, str] | None = None,
    ) -> BlobProperties:
        """Write a blob (created or replaced; the container is created if needed)."""
        ...

    async def download_blob(
        self, container: str, name: str
    ) -> tuple[bytes, BlobProperties] | None:
        """A blob's content and properties; ``None`` when there is no such blob."""
        ...

    async def list_blobs(
        self, container: str, prefix: str = ""
    ) -> list[BlobProperties]:
        """The blobs of *container* whose names start with *prefix*."""
        ...


class StorageBackend(QueueStore, BlobStore, Protocol):
    """Queues and blobs of one account, and the URLs the host reports."""

    def blob_url(self, container: str, name: str) -> str:
        """The blob's URL (the trigger metadata's ``Uri``)."""
        ...

    async def aclose(self) -> None:
        """Release connections and files."""
        ...
