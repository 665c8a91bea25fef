"""Queue triggers: poll, invoke, delete; retry, then ``<queue>-poison``.

As the Functions host's queue listener: it receives up to ``batchSize``
messages at a time (hidden for 10 minutes while they run) and fetches more
once no more than ``newBatchThreshold`` are running; an empty queue is polled
again after 100 ms, doubling up to ``maxPollingInterval`` (a message this host
puts on the queue wakes it at once). A message whose function succeeds is
deleted; one that fails is made visible again after ``visibilityTimeout``,
and once it has been dequeued ``maxDequeueCount`` times it moves to
``<queue>-poison``. Bodies are decoded as ``messageEncoding`` says.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import final

from ..invoke import InvocationResult
from ..loading.model import FunctionInfo
from ..logs import host_logger
from ..payloads.core import TriggerPayload, queue_payload
from .api import QueueStore, ReceivedMessage
from .bindings import MessageEncodingError, decode_message
from .options import QueueOptions

__all__ = ["MIN_POLLING_INTERVAL", "PROCESSING_VISIBILITY", "Invoke", "QueueListener"]

MIN_POLLING_INTERVAL = 0.1
#: How long a received message stays hidden while its function runs (at
#: least: a longer ``functionTimeout`` adds to it).
PROCESSING_VISIBILITY = 600.0

#: Runs one invocation: (function, payload, reason, capture logs) → its result.
Invoke = Callable[
    [FunctionInfo, TriggerPayload, str, bool], Awaitable[InvocationResult]
]


@final
class QueueListener:
    """The trigger of one queue function: polls its queue and runs each message."""

    def __init__(
        self,
        function: FunctionInfo,
        queue: str,
        store: QueueStore,
        options: QueueOptions,
        invoke: Invoke,
        *,
        function_timeout: float | None = None,
    ) -> None:
        self.function = function
        self.queue = queue
        #: Hidden while processed: past the function's timeout, so a message
        #: being processed never comes back to a second invocation.
        self.processing_visibility = (
            PROCESSING_VISIBILITY
            if function_timeout is None
            else max(PROCESSING_VISIBILITY, function_timeout + 60.0)
        )
        self.poison_queue = f"{queue}-poison"
        self._store = store
        self._options = options
        self._invoke = invoke
        self._wake = asyncio.Event()
        #: The messages being processed (the host's drain waits for them).
        self.running: set[asyncio.Task[InvocationResult | None]] = set()

    def wake(self) -> None:
        """Poll now (a message was just put on the queue)."""
        self._wake.set()

    async def _receive(self, count: int) -> list[ReceivedMessage]:
        return await self._store.receive_messages(
            self.queue,
            max_messages=count,
            visibility_timeout=self.processing_visibility,
        )

    async def poll_once(self, *, capture_logs: bool = False) -> list[InvocationResult]:
        """Receive one batch and run it; the invocations (for the test client)."""
        messages = await self._receive(self._options.batch_size)
        results = await asyncio.gather(
            *(self.process(message, capture_logs=capture_logs) for message in messages)
        )
        return [result for result in results if result is not None]

    async def run(self) -> None:
        """Poll until cancelled; messages being processed go on (in ``running``)."""
        options = self._options
        running = self.running
        delay = MIN_POLLING_INTERVAL
        log = host_logger()
        while True:
            found = 0
            self._wake.clear()  # a wake-up from now on is not missed
            if len(running) <= options.new_batch_threshold:
                try:
                    messages = await self._receive(options.batch_size)
                except Exception:
                    log.exception(
                        "Function '%s': cannot read queue '%s'.",
                        self.function.name,
                        self.queue,
                    )
                    messages = []
                found = len(messages)
                for message in messages:
                    task = asyncio.create_task(
                        self.process(message), name=f"queue message {message.id}"
                    )
                    running.add(task)
                    task.add_done_callback(running.discard)
            if found:
                delay = MIN_POLLING_INTERVAL
                if len(running) <= options.new_batch_threshold:
                    continue
            waits: set[asyncio.Future[object]] = {
                asyncio.ensure_future(self._wake.wait())
            }
            if len(running) > options.new_batch_threshold:
                waits.update(running)  # type: ignore[arg-type]
            else:
                waits.add(asyncio.ensure_future(asyncio.sleep(delay)))
                delay = min(delay * 2, options.max_polling_interval)
            try:
                await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waits:
                    if waiter not in running:
                        waiter.cancel()
            if self._wake.is_set():
                delay = MIN_POLLING_INTERVAL

    async def process(
        self, message: ReceivedMessage, *, capture_logs: bool = False
    ) -> InvocationResult | None:
        """Run the function for *message*, then delete, release or poison it."""
        options = self._options
        store = self._store
        log = host_logger()
        try:
            body = decode_message(message.content, options.message_encoding)
        except MessageEncodingError as exc:
            log.error(
                "Function '%s': message %s on queue '%s': %s; moving it to '%s'.",
                self.function.name,
                message.id,
                self.queue,
                exc,
                self.poison_queue,
            )
            await self._poison(message, counted=False)
            return None
        if message.dequeue_count > options.max_dequeue_count:
            await self._poison(message)
            return None
        text: str | bytes
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = body
        payload = queue_payload(
            text,
            id=message.id,
            dequeue_count=message.dequeue_count,
            insertion_time=message.inserted_on,
            expiration_time=message.expires_on,
            next_visible_time=message.next_visible_on,
            pop_receipt=message.pop_receipt,
        )
        result = await self._invoke(
            self.function,
            payload,
            f"New queue message detected on '{self.queue}'.",
            capture_logs,
        )
        try:
            if result.succeeded:
                await store.delete_message(self.queue, message.id, message.pop_receipt)
            elif message.dequeue_count >= options.max_dequeue_count:
                await self._poison(message)
            else:
                await store.release_message(
                    self.queue,
                    message.id,
                    message.pop_receipt,
                    visible_in=options.visibility_timeout,
                )
                self.wake()
        except LookupError:
            log.warning(
                "Function '%s': message %s on queue '%s' was taken back "
                "(it stayed hidden too long); it runs again.",
                self.function.name,
                message.id,
                self.queue,
            )
        return result

    async def _poison(self, message: ReceivedMessage, *, counted: bool = True) -> None:
        if counted:
            host_logger().warning(
                "Message has reached MaxDequeueCount of %d. Moving message to queue "
                "'%s'.",
                self._options.max_dequeue_count,
                self.poison_queue,
            )
        await self._store.put_message(self.poison_queue, message.content)
        with contextlib.suppress(LookupError):
            await self._store.delete_message(
                self.queue, message.id, message.pop_receipt
            )

    def __repr__(self) -> str:
        return f"<QueueListener {self.function.name!r} on {self.queue!r}>"
