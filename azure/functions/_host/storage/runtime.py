"""The host's storage: backends by connection, bindings, and trigger listeners.

One :class:`StorageRuntime` per :class:`~azure.functions._host.host.Host`.
Each binding's ``connection`` setting picks a backend (see
:mod:`.connection`); backends open on first use, so an app without queue or
blob bindings never creates its storage folder. The server runs the
listeners in the background (:meth:`StorageRuntime.start`); the test client
runs them step by step (:meth:`StorageRuntime.run_until_quiet`).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from pathlib import Path

from ..._errors import FunctionLoadError
from ..invoke import InvocationResult
from ..loading.model import AppInfo, BindingInfo, FunctionInfo
from ..logs import host_logger
from .api import StorageBackend
from .bindings import STORAGE_TYPES, FunctionStorage
from .blob_trigger import BlobListener
from .connection import StorageTarget, choose_target, connection_setting
from .embedded import EmbeddedStorage, storage_folder
from .options import QueueOptions, read_queue_options
from .queue_trigger import Invoke, QueueListener
from .templates import BindingTemplate, BlobPattern, TemplateError, check_name

__all__ = ["StorageRuntime", "TriggersNeverQuiet"]


class TriggersNeverQuiet(RuntimeError):
    """Queue and blob triggers kept running past the bound given (a loop?)."""


def _file_of(app: AppInfo, function: FunctionInfo) -> str:
    if function.source == "v1":
        return f"{function.directory.name}/function.json"
    return function.script_file.name


def _clients_installed() -> bool:
    """Whether the official clients (the ``storage`` extra) can be imported."""
    from importlib.util import find_spec

    try:
        return all(
            find_spec(name) is not None
            for name in ("azure.storage.queue", "azure.storage.blob", "aiohttp")
        )
    except ImportError:  # a parent package missing
        return False


def _uses_storage(binding: BindingInfo) -> bool:
    kind = binding.type
    return kind in STORAGE_TYPES or kind in ("queueTrigger", "blobTrigger")


class StorageRuntime:
    """Queues and blobs for one host: bindings, listeners, backends.

    *folder* holds the embedded store (default: the app's
    ``.azurefunctions/storage``); *probe*: whether
    ``UseDevelopmentStorage=true`` looks for Azurite (else always embedded);
    *real*: whether full connection strings reach real storage (the test
    client's default is ``False``: everything embedded).
    """

    def __init__(
        self,
        app: AppInfo,
        *,
        folder: Path | None = None,
        probe: bool = True,
        real: bool = True,
    ) -> None:
        self.app = app
        self.folder = folder if folder is not None else storage_folder(app.root)
        self._probe = probe
        self._real = real
        self._targets: dict[str, StorageTarget] = {}
        self._backends: dict[str, StorageBackend] = {}
        self._embedded: EmbeddedStorage | None = None
        self._plans: dict[FunctionInfo, FunctionStorage | None] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self.options: QueueOptions = QueueOptions()
        self.queue_listeners: list[QueueListener] = []
        self.blob_listeners: list[BlobListener] = []
        self._invoke: Invoke | None = None
        errors: list[FunctionLoadError] = []
        if any(_uses_storage(b) for f in app.functions for b in f.bindings):
            try:
                self.options = read_queue_options(app.root)
            except FunctionLoadError as exc:
                errors.append(exc)
            for function in app.functions:
                try:
                    self._check(function)
                except (TemplateError, ValueError) as exc:
                    errors.append(
                        FunctionLoadError(
                            str(exc),
                            file=_file_of(app, function),
                            function=function.name,
                        )
                    )
        self.load_errors = errors

    def _check(self, function: FunctionInfo) -> None:
        for binding in function.bindings:
            if not _uses_storage(binding):
                continue
            self.target_for(binding)
            key = "queueName" if binding.type.startswith("queue") else "path"
            raw = binding.get(key)
            if not isinstance(raw, str) or not raw.strip():
                continue  # nothing to read or deliver: left to the admin API
            if binding.type == "blobTrigger":
                BlobPattern(raw)
                continue
            template = BindingTemplate(raw)
            if template.names:
                continue  # checked once resolved, at each invocation
            if key == "queueName":
                check_name(template.text.strip().lower(), "queue")
            else:
                check_name(template.text.strip().lstrip("/").split("/")[0], "container")
        self.plan(function)

    # -- backends -------------------------------------------------------------------

    def target_for(self, binding: BindingInfo) -> StorageTarget:
        """Where the binding's connection leads (decided once per setting)."""
        raw = binding.get("connection")
        setting = connection_setting(raw if isinstance(raw, str) else None)
        target = self._targets.get(setting)
        if target is None:
            target = choose_target(setting, probe=self._probe)
            if target.kind == "azure" and not self._real:
                target = StorageTarget("embedded", setting, "test client")
            if target.kind == "azure" and not _clients_installed():
                raise ValueError(
                    f"the app setting {setting!r} leads to real storage "
                    f"({target.reason}), which needs the azure-storage-queue and "
                    "azure-storage-blob packages: pip install "
                    "'azure-functions[storage]' (or unset it for the embedded store)"
                )
            self._targets[setting] = target
        return target

    @property
    def targets(self) -> list[StorageTarget]:
        """The connections the app's bindings use, with their backends."""
        return [self._targets[name] for name in sorted(self._targets)]

    def backend_for(self, binding: BindingInfo) -> StorageBackend:
        """The backend of the binding's connection, opened on first use."""
        target = self.target_for(binding)
        return self.backend(target)

    def backend(self, target: StorageTarget) -> StorageBackend:
        """The backend for *target*, opened on first use."""
        if target.kind == "embedded":
            if self._embedded is None:
                self._embedded = EmbeddedStorage(self.folder)
            return self._embedded
        backend = self._backends.get(target.setting)
        if backend is None:
            from .azure_clients import AzureStorage

            assert target.connection_string is not None
            backend = AzureStorage(target.connection_string)
            self._backends[target.setting] = backend
        return backend

    def default_backend(self) -> StorageBackend:
        """The backend of ``AzureWebJobsStorage`` (what the test client reads)."""
        return self.backend_for(BindingInfo(name="", type="queue", direction="out"))

    # -- bindings -------------------------------------------------------------------

    def plan(self, function: FunctionInfo) -> FunctionStorage | None:
        """The function's queue and blob bindings (``None``: it has none)."""
        if function in self._plans:
            return self._plans[function]
        plan: FunctionStorage | None = FunctionStorage(
            function,
            backend_for=self.backend_for,
            notify=self._notify,
            encoding=self.options.message_encoding,
        )
        assert plan is not None
        if plan.empty:
            plan = None
        self._plans[function] = plan
        return plan

    def _notify(self, binding: BindingInfo, queue: str) -> None:
        """Wake the triggers a write concerns (all blob triggers for a blob)."""
        del binding  # one host: a queue's name is enough to find its listener
        if queue:
            for listener in self.queue_listeners:
                if listener.queue == queue:
                    listener.wake()
        else:
            for blobs in self.blob_listeners:
                blobs.wake()

    # -- listeners ------------------------------------------------------------------

    def attach(self, invoke: Invoke) -> None:
        """A listener for each queue and blob trigger, invoking through *invoke*."""
        self._invoke = invoke
        host_id = re.sub(r"[^a-z0-9-]", "-", self.app.root.name.lower())[:32] or "app"
        for function in self.app.functions:
            trigger = function.trigger
            where = trigger.get(
                "queueName" if trigger.type == "queueTrigger" else "path"
            )
            if not isinstance(where, str) or not where.strip():
                continue
            if trigger.type == "queueTrigger":
                queue = BindingTemplate(where).text.strip().lower()
                self.queue_listeners.append(
                    QueueListener(
                        function,
                        queue,
                        self.backend_for(trigger),
                        self.options,
                        invoke,
                        function_timeout=self.app.host.function_timeout,
                    )
                )
            elif trigger.type == "blobTrigger":
                self.blob_listeners.append(
                    BlobListener(
                        function,
                        BlobPattern(where),
                        self.backend_for(trigger),
                        self.options,
                        invoke,
                        host_id=f"{host_id}-local",
                    )
                )

    def start(self) -> None:
        """Run every listener in the background (the server)."""
        runs = [(q.function, q.run()) for q in self.queue_listeners] + [
            (b.function, b.run()) for b in self.blob_listeners
        ]
        for function, run in runs:
            self._tasks.append(
                asyncio.create_task(run, name=f"trigger {function.name}")
            )

    async def stop(self) -> None:
        """Stop polling; messages being processed go on (see :meth:`settle`)."""
        tasks, self._tasks = self._tasks, []
        for blobs in self.blob_listeners:
            blobs.stopped = True
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def settle(self, timeout: float) -> bool:
        """Wait up to *timeout* s for messages being processed (deleted, released)."""
        running: list[asyncio.Task[object]] = [
            *(task for q in self.queue_listeners for task in q.running),
            *(task for b in self.blob_listeners for task in b.running),
        ]
        if not running:
            return True
        _, pending = await asyncio.wait(running, timeout=timeout)
        return not pending

    async def run_until_quiet(
        self, *, max_invocations: int = 1000, capture_logs: bool = True
    ) -> list[InvocationResult]:
        """Run queue and blob triggers until no message or new blob is left.

        Messages hidden by a retry's ``visibilityTimeout`` are not waited for.
        :class:`TriggersNeverQuiet` past *max_invocations* invocations.
        """
        results: list[InvocationResult] = []
        while True:
            before = len(results)
            for listener in self.queue_listeners:
                results.extend(await listener.poll_once(capture_logs=capture_logs))
            for blobs in self.blob_listeners:
                results.extend(await blobs.scan_once(capture_logs=capture_logs))
            if len(results) == before:
                return results
            if len(results) > max_invocations:
                names = sorted({result.function_name for result in results[-50:]})
                raise TriggersNeverQuiet(
                    f"the queue and blob triggers ran {len(results)} times and are "
                    f"still not done (lately: {', '.join(names)}); a function that "
                    "feeds its own trigger? (raise max_invocations if this is meant)"
                )

    async def aclose(self) -> None:
        """Stop the listeners and close every backend."""
        await self.stop()
        backends, self._backends = list(self._backends.values()), {}
        for backend in backends:
            try:
                await backend.aclose()
            except Exception:
                host_logger().exception("Closing a storage client failed.")
        self.close()

    def close(self) -> None:
        """Close the embedded store (the synchronous part of :meth:`aclose`).

        The store is kept: used again (a test reading what was written after
        the host stopped), it opens again, and the next close closes it again.
        """
        if self._embedded is not None:
            self._embedded.close()
