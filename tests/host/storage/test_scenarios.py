"""The same scenarios on the embedded store and on Azurite, through the test client."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from azure.functions.testing import InvocationResult
from tests.host.storage._apps import write_chain
from tests.host.storage.conftest import Storage


def _names(results: list[InvocationResult]) -> list[str]:
    return [result.function_name for result in results]


def test_http_to_queue_to_blob_and_back(tmp_path: Path, storage: Storage) -> None:
    app = write_chain(tmp_path / "app")
    with storage.client(app) as client:
        assert client.post("/api/orders/7", body="two teas").status_code == 202
        [waiting] = client.queue_messages("orders")
        assert json.loads(waiting.get_body()) == {"id": "7", "body": "two teas"}
        assert waiting.dequeue_count == 0

        results = client.run_triggers()
        assert _names(results) == ["process", "on_receipt"]
        assert all(result.succeeded for result in results)
        assert [r.getMessage() for r in results[0].logs] == ["order 7, dequeue count 1"]
        assert client.queue_messages("orders") == []
        receipt = client.read_blob("receipts/7.json")
        assert receipt is not None
        assert json.loads(receipt) == {"order": "7", "dequeue_count": 1}

        answer = client.get("/api/receipts/7")
        assert answer.status_code == 200
        assert answer.json() == {"order": "7", "dequeue_count": 1}
        assert client.get("/api/receipts/8").status_code == 404  # no blob: None

        # {name} of the blob trigger's path, in the other bindings.
        assert [m.get_body() for m in client.queue_messages("seen")] == [
            b"receipts/7.json"
        ]
        assert client.read_blob("audit/7.log") == b"%d bytes" % len(receipt)
        assert client.run_triggers() == []


def test_a_failing_message_is_retried_then_poisoned(
    tmp_path: Path, storage: Storage
) -> None:
    app = write_chain(tmp_path / "app")
    with storage.client(app) as client:
        client.post("/api/orders/9", body="fail")
        results = client.run_triggers()
        assert _names(results) == ["process"] * 5
        assert not any(result.succeeded for result in results)
        assert [result.logs[0].getMessage() for result in results] == [
            f"order 9, dequeue count {count}" for count in range(1, 6)
        ]
        assert client.queue_messages("orders") == []
        [poisoned] = client.queue_messages("orders-poison")
        assert json.loads(poisoned.get_body()) == {"id": "9", "body": "fail"}
        assert client.run_triggers() == []


def test_max_dequeue_count_comes_from_host_json(
    tmp_path: Path, storage: Storage
) -> None:
    app = write_chain(tmp_path / "app", maxDequeueCount=2)
    with storage.client(app) as client:
        client.post("/api/orders/9", body="fail")
        assert _names(client.run_triggers()) == ["process"] * 2
        assert len(client.queue_messages("orders-poison")) == 1


def test_each_blob_triggers_once_even_after_a_restart(
    tmp_path: Path, storage: Storage
) -> None:
    app = write_chain(tmp_path / "app")
    with storage.client(app) as client:
        client.upload_blob("receipts/a.json", '{"order": "a"}')
        client.upload_blob("receipts/b.txt", "not matched by receipts/{name}.json")
        assert _names(client.run_triggers()) == ["on_receipt"]
        assert client.run_triggers() == []
        client.upload_blob("receipts/a.json", '{"order": "a", "changed": true}')
        assert _names(client.run_triggers()) == ["on_receipt"]
    with storage.client(app) as client:
        assert client.run_triggers() == []  # the receipts survived the restart
        assert [m.get_body() for m in client.queue_messages("seen")] == [
            b"receipts/a.json",
            b"receipts/a.json",
        ]


def test_a_failing_blob_is_tried_five_times_then_poisoned(
    tmp_path: Path, storage: Storage
) -> None:
    app = write_chain(tmp_path / "app")
    with storage.client(app) as client:
        client.upload_blob("receipts/bad.json", "poison")
        results = client.run_triggers()
        assert _names(results) == ["on_receipt"] * 5
        [poison] = client.queue_messages("webjobs-blobtrigger-poison")
        message = json.loads(poison.get_body())
        assert isinstance(message, dict)
        assert (message["ContainerName"], message["BlobName"]) == (
            "receipts",
            "bad.json",
        )
        assert client.run_triggers() == []


def test_a_restart_loses_no_message(tmp_path: Path, storage: Storage) -> None:
    app = write_chain(tmp_path / "app")
    with storage.client(app) as client:
        for order in ("1", "2", "3"):
            client.post(f"/api/orders/{order}", body="tea")
    with storage.client(app) as client:
        results = client.run_triggers()
        assert sorted(_names(results)) == ["on_receipt"] * 3 + ["process"] * 3
        for order in ("1", "2", "3"):
            assert client.read_blob(f"receipts/{order}.json") is not None


@pytest.mark.parametrize("encoding", ["base64", "none"])
def test_messages_are_encoded_as_message_encoding_says(
    tmp_path: Path, storage: Storage, encoding: str
) -> None:
    app = write_chain(tmp_path / "app", messageEncoding=encoding)
    with storage.client(app) as client:
        backend = client._client._host.storage.default_backend()
        client.post("/api/orders/5", body="tea")
        [raw] = client._run(backend.peek_messages("orders"))

        def wire(order: str) -> str:
            text = json.dumps({"id": order, "body": "tea"})
            if encoding == "base64":
                return base64.b64encode(text.encode()).decode()
            return text

        assert raw.content == wire("5")
        assert _names(client.run_triggers()) == ["process", "on_receipt"]

        # A message another tool put, in the same encoding, triggers too.
        client._run(backend.put_message("orders", wire("6")))
        assert _names(client.run_triggers()) == ["process", "on_receipt"]
        assert client.read_blob("receipts/6.json") is not None


def test_a_message_that_is_not_base64_goes_to_poison_at_once(
    tmp_path: Path, storage: Storage
) -> None:
    app = write_chain(tmp_path / "app")
    with storage.client(app) as client:
        backend = client._client._host.storage.default_backend()
        client._run(backend.put_message("orders", "plain {text}"))
        assert client.run_triggers() == []
        [raw] = client._run(backend.peek_messages("orders-poison"))
        assert raw.content == "plain {text}"
