"""The storage triggers on the real server: background polling, wake-ups, batches."""

from __future__ import annotations

import asyncio
import base64
import datetime
import itertools
import json
import time
from pathlib import Path

import aiohttp
import pytest

from azure.functions._host.cli import banner
from azure.functions._host.host import Host
from azure.functions._host.loading.model import BindingInfo, FunctionInfo
from azure.functions._host.server import Server
from azure.functions._host.storage.api import ReceivedMessage
from azure.functions._host.storage.connection import parse_connection_string
from azure.functions._host.storage.options import QueueOptions
from azure.functions._host.storage.queue_trigger import QueueListener
from azure.functions.testing import InvocationResult
from tests.host.storage._apps import write_chain
from tests.host.storage.conftest import Storage, _wipe


def _load(app: Path, storage: Storage) -> Host:
    if storage.connection is None:
        return Host.load(app, storage_folder=storage.folder)
    return Host.load(app, settings={"AzureWebJobsStorage": storage.connection})


def test_the_server_runs_the_chain_in_the_background(
    tmp_path: Path, storage: Storage
) -> None:
    host = _load(write_chain(tmp_path / "app"), storage)

    async def main() -> None:
        server = Server(host, port=0, drain_timeout=5)
        port = await server.start()
        base = f"http://127.0.0.1:{port}/api"
        try:
            async with aiohttp.ClientSession() as session:
                for order in ("1", "2", "3"):
                    async with session.post(f"{base}/orders/{order}", data="tea") as r:
                        assert r.status == 202
                deadline = time.monotonic() + 15
                pending = {"1", "2", "3"}
                while pending and time.monotonic() < deadline:
                    for order in sorted(pending):
                        async with session.get(f"{base}/receipts/{order}") as r:
                            if r.status == 200:
                                body = await r.json()
                                assert body == {"order": order, "dequeue_count": 1}
                                pending.discard(order)
                    await asyncio.sleep(0.05)
                assert not pending
                backend = server.host.storage.default_backend()
                deadline = time.monotonic() + 15
                seen: list[ReceivedMessage] = []
                while len(seen) < 3 and time.monotonic() < deadline:
                    seen = await backend.peek_messages("seen")
                    await asyncio.sleep(0.05)
                assert len(seen) == 3
        finally:
            await server.stop()

    try:
        asyncio.run(main())
    finally:
        host.close()


def test_the_banner_names_each_connection_s_backend(tmp_path: Path) -> None:
    app = write_chain(tmp_path / "app")
    host = Host.load(app, storage_folder=tmp_path / "data")
    try:
        text = banner(host, "127.0.0.1", 7071)
    finally:
        host.close()
    assert "AzureWebJobsStorage: embedded store (not set)" in text
    assert f"embedded data: {tmp_path / 'data'}" in text
    assert not (tmp_path / "data").exists()  # opened on first use only


def test_use_development_storage_without_azurite_is_embedded(
    tmp_path: Path,
) -> None:
    app = write_chain(tmp_path / "app")
    settings = {"AzureWebJobsStorage": "UseDevelopmentStorage=true"}
    host = Host.load(app, settings=settings, storage_folder=tmp_path / "data")
    try:
        [target] = host.storage.targets
    finally:
        host.close()
    # Nothing listens on 10000-10001 here (a developer's Azurite would be used).
    assert target.kind in ("embedded", "azure")
    if target.kind == "embedded":
        assert "nothing on ports 10000-10001" in target.describe()


class _EmptyStore:
    """A queue that never has a message: records when it was asked."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def put_message(
        self, queue: str, content: str, *, visible_in: float = 0.0
    ) -> str:
        raise AssertionError("nothing is put")

    async def receive_messages(
        self, queue: str, *, max_messages: int, visibility_timeout: float
    ) -> list[ReceivedMessage]:
        self.asked.append(time.monotonic())
        return []

    async def delete_message(self, queue: str, id: str, pop_receipt: str) -> None:
        raise AssertionError("nothing is deleted")

    async def release_message(
        self, queue: str, id: str, pop_receipt: str, *, visible_in: float
    ) -> None:
        raise AssertionError("nothing is released")

    async def peek_messages(self, queue: str) -> list[ReceivedMessage]:
        return []


def _function() -> FunctionInfo:
    trigger = BindingInfo(name="msg", type="queueTrigger", direction="in")
    return FunctionInfo(
        name="f",
        directory=Path(),
        script_file=Path("function_app.py"),
        entry_point="f",
        func=lambda msg: None,
        is_async=False,
        bindings=(trigger,),
        trigger=trigger,
        return_binding=None,
        inputs=(),
        outputs=(),
        return_info=None,
        context_param=None,
        source="v2",
    )


async def _never(
    function: FunctionInfo, payload: object, reason: str, capture: bool
) -> InvocationResult:
    raise AssertionError("no message, no invocation")


def test_an_empty_queue_is_polled_less_and_less_often_until_woken() -> None:
    store = _EmptyStore()
    options = QueueOptions(max_polling_interval=0.4)
    listener = QueueListener(_function(), "work", store, options, _never)

    async def main() -> None:
        task = asyncio.create_task(listener.run())
        await asyncio.sleep(1.3)
        polls = len(store.asked)
        listener.wake()
        await asyncio.sleep(0.05)
        woken = len(store.asked)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        # 0, 0.1, 0.3, 0.7, 1.1: the delay doubles from 100 ms up to 0.4 s.
        assert 4 <= polls <= 6
        asked = store.asked[:polls]
        gaps = [b - a for a, b in itertools.pairwise(asked)]
        assert gaps[0] < 0.2
        assert all(gap < 0.55 for gap in gaps)
        assert max(gaps) > 0.35
        assert woken == polls + 1  # a wake-up polls at once

    asyncio.run(main())


CONCURRENT = """
import asyncio

import azure.functions as func

app = func.FunctionApp()
running = [0]
most = [0]
done = []


@app.queue_trigger(arg_name="m", queue_name="work", connection="AzureWebJobsStorage")
async def work(m: func.QueueMessage) -> None:
    running[0] += 1
    most[0] = max(most[0], running[0])
    await asyncio.sleep(0.1)
    running[0] -= 1
    done.append(m.get_body())
"""


def test_batch_size_and_new_batch_threshold_bound_the_messages_in_flight(
    tmp_path: Path,
) -> None:
    app = tmp_path / "app"
    app.mkdir()
    queues = {"batchSize": 2, "newBatchThreshold": 1, "maxPollingInterval": "00:00:01"}
    (app / "host.json").write_text(
        json.dumps({"version": "2.0", "extensions": {"queues": queues}})
    )
    (app / "function_app.py").write_text(CONCURRENT)
    host = Host.load(app, storage_folder=tmp_path / "data")

    async def main() -> None:
        backend = host.storage.default_backend()
        for number in range(8):
            await backend.put_message("work", base64.b64encode(b"%d" % number).decode())
        server = Server(host, port=0, drain_timeout=5)
        await server.start()
        module = host.app.function("work").func.__globals__
        try:
            deadline = time.monotonic() + 10
            while len(module["done"]) < 8 and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
        finally:
            await server.stop()
        assert len(module["done"]) == 8
        assert 2 <= module["most"][0] <= 3

    try:
        asyncio.run(main())
    finally:
        host.close()


def test_queue_metadata_is_what_happened(tmp_path: Path) -> None:
    app = write_chain(tmp_path / "app")
    host = Host.load(app, storage_folder=tmp_path / "data")

    async def main() -> None:
        backend = host.storage.default_backend()
        before = datetime.datetime.now(datetime.timezone.utc)
        await backend.put_message("orders", "not used")
        [message] = await backend.receive_messages(
            "orders", max_messages=5, visibility_timeout=30
        )
        assert message.dequeue_count == 1
        assert before - datetime.timedelta(seconds=1) <= message.inserted_on
        assert message.expires_on - message.inserted_on == datetime.timedelta(days=7)
        assert message.next_visible_on > before + datetime.timedelta(seconds=29)
        assert (
            await backend.receive_messages(
                "orders", max_messages=5, visibility_timeout=30
            )
            == []
        )
        await backend.release_message(
            "orders", message.id, message.pop_receipt, visible_in=0
        )
        [again] = await backend.receive_messages(
            "orders", max_messages=5, visibility_timeout=30
        )
        assert (again.id, again.dequeue_count) == (message.id, 2)
        assert again.pop_receipt != message.pop_receipt
        try:
            await backend.delete_message("orders", again.id, message.pop_receipt)
        except LookupError:
            pass
        else:
            raise AssertionError("a stale pop receipt deleted the message")
        await backend.delete_message("orders", again.id, again.pop_receipt)
        assert await backend.peek_messages("orders") == []

    try:
        asyncio.run(main())
    finally:
        host.close()


def test_a_reload_keeps_the_queue_and_its_trigger(tmp_path: Path) -> None:
    app = write_chain(tmp_path / "app")
    host = Host.load(app, storage_folder=tmp_path / "data")

    async def receipt(session: aiohttp.ClientSession, url: str) -> object:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            async with session.get(url) as r:
                if r.status == 200:
                    return await r.json()
            await asyncio.sleep(0.05)
        raise AssertionError(f"no receipt at {url}")

    async def main() -> None:
        server = Server(host, port=0, drain_timeout=5)
        port = await server.start()
        base = f"http://127.0.0.1:{port}/api"
        try:
            async with aiohttp.ClientSession() as session:
                async with session.post(f"{base}/orders/1", data="tea") as r:
                    assert r.status == 202
                assert await receipt(session, f"{base}/receipts/1") == {
                    "order": "1",
                    "dequeue_count": 1,
                }
                old = server.host
                # Stop polling, put an order while no trigger runs, reload.
                await old.storage.stop()
                async with session.post(f"{base}/orders/2", data="tea") as r:
                    assert r.status == 202
                assert await server.reload(["function_app.py"])
                assert server.host is not old
                assert await receipt(session, f"{base}/receipts/2") == {
                    "order": "2",
                    "dequeue_count": 1,
                }
        finally:
            await server.stop()
            server.host.close()

    asyncio.run(main())


def test_use_development_storage_finds_a_listening_azurite(
    tmp_path: Path, azurite: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import urlsplit

    from azure.functions._host.storage import connection
    from azure.functions._host.storage.azure_clients import AzureStorage
    from azure.functions.testing import TestClient

    asyncio.run(_wipe(azurite))
    parts = parse_connection_string(azurite)
    for service in ("blob", "queue"):
        port = urlsplit(parts[f"{service.title()}Endpoint"]).port
        assert port is not None
        monkeypatch.setitem(connection.DEVELOPMENT_PORTS, service, port)
    app = write_chain(tmp_path / "app")
    settings = {"AzureWebJobsStorage": "UseDevelopmentStorage=true"}
    with TestClient(app, settings=settings, real_storage=True) as client:
        [target] = client._client._host.storage.targets
        assert target.kind == "azure"
        assert "Azurite on 127.0.0.1:" in target.describe()
        client.post("/api/orders/dev", body="tea")
        assert [r.function_name for r in client.run_triggers()] == [
            "process",
            "on_receipt",
        ]

    async def read() -> bytes | None:
        store = AzureStorage(azurite)  # another client: the data is in Azurite
        try:
            found = await store.download_blob("receipts", "dev.json")
        finally:
            await store.aclose()
        return None if found is None else found[0]

    receipt = asyncio.run(read())
    assert receipt is not None
    assert json.loads(receipt) == {"order": "dev", "dequeue_count": 1}


SLOW = """
import asyncio

import azure.functions as func

app = func.FunctionApp()
started = []
finished = []


@app.queue_trigger(arg_name="m", queue_name="slow", connection="AzureWebJobsStorage")
async def slow(m: func.QueueMessage) -> None:
    started.append(m.get_body())
    await asyncio.sleep(0.3 if m.get_body() == b"quick" else 30)
    finished.append(m.get_body())
"""


@pytest.mark.parametrize(("body", "finishes"), [(b"quick", True), (b"hangs", False)])
def test_stopping_lets_messages_in_hand_finish_within_the_drain_bound(
    tmp_path: Path, body: bytes, finishes: bool
) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "host.json").write_text('{"version": "2.0"}')
    (app / "function_app.py").write_text(SLOW)
    host = Host.load(app, storage_folder=tmp_path / "data")

    async def main() -> None:
        backend = host.storage.default_backend()
        await backend.put_message("slow", base64.b64encode(body).decode())
        server = Server(host, port=0, drain_timeout=1.0)
        await server.start()
        module = host.app.function("slow").func.__globals__
        deadline = time.monotonic() + 10
        while not module["started"] and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        assert module["started"] == [body]
        stopping = time.monotonic()
        assert await server.stop() is finishes
        assert time.monotonic() - stopping < 3
        assert (module["finished"] == [body]) is finishes
        left = await backend.peek_messages("slow")
        # Done: deleted. Still running: it stays on the queue, hidden, for later.
        assert len(left) == (0 if finishes else 1)

    try:
        asyncio.run(main())
    finally:
        host.close()


SLOW_BLOB = """
import asyncio

import azure.functions as func

app = func.FunctionApp()
started = []
finished = []


@app.blob_trigger(arg_name="b", path="inbox/{name}", connection="AzureWebJobsStorage")
async def slow(b: func.InputStream) -> None:
    started.append(b.name)
    await asyncio.sleep(0.3)
    finished.append(b.name)
"""


def test_stopping_lets_a_blob_invocation_finish_and_keeps_its_receipt(
    tmp_path: Path,
) -> None:
    from azure.functions.testing import TestClient

    app = tmp_path / "app"
    app.mkdir()
    (app / "host.json").write_text('{"version": "2.0"}')
    (app / "function_app.py").write_text(SLOW_BLOB)
    host = Host.load(app, storage_folder=tmp_path / "data")

    async def main() -> None:
        backend = host.storage.default_backend()
        await backend.upload_blob("inbox", "a.txt", b"a")
        await backend.upload_blob("inbox", "b.txt", b"b")
        server = Server(host, port=0, drain_timeout=5)
        await server.start()
        module = host.app.function("slow").func.__globals__
        deadline = time.monotonic() + 10
        while not module["started"] and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        assert await server.stop()
        # The invocation under way finished; the next blob waits for a restart.
        assert module["started"] == module["finished"] == ["inbox/a.txt"]

    try:
        asyncio.run(main())
    finally:
        host.close()
    with TestClient(app, storage_dir=tmp_path / "data") as client:
        assert [r.function_name for r in client.run_triggers()] == ["slow"]
