"""Blob triggers: each new or changed blob under a path runs the function once.

The container is scanned (after 100 ms, doubling up to ``maxPollingInterval``
while nothing changes; a blob this host writes wakes it at once). A blob
whose function succeeded gets a receipt, as the Functions host writes them:
a blob in ``azure-webjobs-hosts`` named after the function and the blob's
ETag, so a restart does not run it again and a change (a new ETag) does. A
blob whose function fails five times gets its receipt too, and a message on
``webjobs-blobtrigger-poison``.
"""

from __future__ import annotations

import asyncio
from typing import final

from ..._datum import Datum
from ..._json import dumps
from ..invoke import InvocationResult
from ..loading.model import FunctionInfo
from ..logs import host_logger
from ..payloads.core import blob_payload, format_moment
from .api import BlobProperties, StorageBackend
from .bindings import encode_message
from .options import QueueOptions
from .queue_trigger import MIN_POLLING_INTERVAL, Invoke
from .templates import BlobPattern

__all__ = ["MAX_BLOB_ATTEMPTS", "POISON_QUEUE", "RECEIPTS_CONTAINER", "BlobListener"]

RECEIPTS_CONTAINER = "azure-webjobs-hosts"
POISON_QUEUE = "webjobs-blobtrigger-poison"
MAX_BLOB_ATTEMPTS = 5


@final
class BlobListener:
    """The trigger of one blob function: finds new blobs and runs each once."""

    def __init__(
        self,
        function: FunctionInfo,
        pattern: BlobPattern,
        store: StorageBackend,
        options: QueueOptions,
        invoke: Invoke,
        *,
        host_id: str,
    ) -> None:
        self.function = function
        self.pattern = pattern
        self._store = store
        self._options = options
        self._invoke = invoke
        self._host_id = host_id
        self._done: set[tuple[str, str]] = set()
        self._failures: dict[tuple[str, str], int] = {}
        self._wake = asyncio.Event()
        #: The scan under way (the host's drain waits for it).
        self.running: set[asyncio.Task[list[InvocationResult]]] = set()
        #: Set when the host stops: the scan under way starts no new invocation.
        self.stopped = False

    def wake(self) -> None:
        """Scan now (a blob was just written)."""
        self._wake.set()

    def _receipt(self, blob: BlobProperties) -> str:
        etag = blob.etag.strip('"')
        return (
            f"blobreceipts/{self._host_id}/Host.Functions.{self.function.name}/"
            f"{etag}/{blob.container}/{blob.name}"
        )

    async def scan_once(self, *, capture_logs: bool = False) -> list[InvocationResult]:
        """Run the function for each blob without a receipt; the invocations."""
        results: list[InvocationResult] = []
        pattern = self.pattern
        store = self._store
        for blob in await store.list_blobs(pattern.container, pattern.prefix):
            if self.stopped:
                break
            key = (blob.name, blob.etag)
            if key in self._done:
                continue
            captured = pattern.match(blob.container, blob.name)
            if captured is None:
                continue
            receipt = self._receipt(blob)
            if await store.download_blob(RECEIPTS_CONTAINER, receipt) is not None:
                self._done.add(key)
                continue
            result = await self._run(blob, captured, capture_logs)
            if result is None:  # gone (or changed) since it was listed
                continue
            results.append(result)
            if not result.succeeded:
                failures = self._failures.get(key, 0) + 1
                self._failures[key] = failures
                if failures < MAX_BLOB_ATTEMPTS:
                    continue
                await self._poison(blob)
            self._failures.pop(key, None)
            await store.upload_blob(RECEIPTS_CONTAINER, receipt, b"")
            self._done.add(key)
        return results

    async def _run(
        self, blob: BlobProperties, captured: dict[str, str], capture_logs: bool
    ) -> InvocationResult | None:
        found = await self._store.download_blob(blob.container, blob.name)
        if found is None:
            return None
        content, properties = found
        if properties.etag != blob.etag:
            return None  # changed again: the next scan sees the new version
        payload = blob_payload(
            content,
            name=blob.path,
            uri=self._store.blob_url(blob.container, blob.name),
            content_type=properties.content_type,
            properties={
                "ETag": properties.etag,
                "LastModified": format_moment(properties.last_modified),
                "CreatedOn": format_moment(properties.created_on),
            },
            metadata=properties.metadata,
        )
        for name, value in captured.items():
            payload.metadata.setdefault(name, Datum(value, "string"))
        return await self._invoke(
            self.function,
            payload,
            f"New blob detected({blob.path})",
            capture_logs,
        )

    async def _poison(self, blob: BlobProperties) -> None:
        host_logger().error(
            "Function '%s' failed %d times on blob '%s'; moving it to queue '%s'.",
            self.function.name,
            MAX_BLOB_ATTEMPTS,
            blob.path,
            POISON_QUEUE,
        )
        message = {
            "Type": "BlobTrigger",
            "FunctionId": f"Host.Functions.{self.function.name}",
            "BlobType": "BlockBlob",
            "ContainerName": blob.container,
            "BlobName": blob.name,
            "ETag": blob.etag,
        }
        content = dumps(message, compact=True).encode("utf-8")
        await self._store.put_message(
            POISON_QUEUE, encode_message(content, self._options.message_encoding)
        )

    async def _scan_logged(self) -> list[InvocationResult]:
        try:
            return await self.scan_once()
        except Exception:
            host_logger().exception(
                "Function '%s': cannot scan container '%s'.",
                self.function.name,
                self.pattern.container,
            )
            return []

    async def run(self) -> None:
        """Scan until cancelled; an invocation under way is not cancelled."""
        delay = MIN_POLLING_INTERVAL
        while True:
            self._wake.clear()
            scan = asyncio.create_task(self._scan_logged())
            self.running.add(scan)
            scan.add_done_callback(self.running.discard)
            found = await asyncio.shield(scan)
            if found:
                delay = MIN_POLLING_INTERVAL
                continue
            try:
                await asyncio.wait_for(self._wake.wait(), delay)
                delay = MIN_POLLING_INTERVAL
            except asyncio.TimeoutError:
                delay = min(delay * 2, self._options.max_polling_interval)

    def __repr__(self) -> str:
        return f"<BlobListener {self.function.name!r} on {self.pattern.text!r}>"
