"""The examples: each through the test client; the ASGI one on the real server too."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from azure.functions.testing import TestClient, queue_payload, timer_payload

ROOT = Path(__file__).resolve().parent.parent


def test_example_invocation_prints_the_wire_response() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "invoke_like_the_worker.py"), "Ada"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "status: 200"
    assert "content-type: text/plain; charset=utf-8" in lines
    assert "cookie: Set-Cookie: name=Ada; HttpOnly; Path=/; SameSite=Lax" in lines
    assert lines[-1] == "hello Ada"


# --- examples/v2_app: decorators, a blueprint, four triggers ------------------


@pytest.fixture(scope="module")
def v2_client() -> Iterator[TestClient]:
    with TestClient(ROOT / "examples" / "v2_app") as client:
        yield client


def test_v2_app_indexes_every_function_of_the_app_and_its_blueprint(
    v2_client: TestClient,
) -> None:
    assert sorted(v2_client.functions) == [
        "get_item",
        "get_receipt",
        "heartbeat",
        "hello",
        "place_order",
        "process_order",
    ]


def test_v2_app_http_with_route_parameters(v2_client: TestClient) -> None:
    assert v2_client.get("/api/hello/Ada").text == "hello Ada"
    item = v2_client.get("/api/shop/items/2")
    assert item.status_code == 200
    assert item.json() == {"id": 2, "name": "coffee", "price": 4.0}
    assert v2_client.get("/api/shop/items/9").status_code == 404
    # {id:int} takes digits only: no route matches, no function runs.
    not_an_int = v2_client.get("/api/shop/items/tea")
    assert not_an_int.status_code == 404
    assert not_an_int.invocation is None


def test_v2_app_order_goes_through_the_queue_to_a_blob_receipt(
    v2_client: TestClient,
) -> None:
    key = {"x-functions-key": v2_client.key}
    assert v2_client.post("/api/shop/orders", json={"item": 1}).status_code == 401
    bad = v2_client.post("/api/shop/orders", json={"item": 7}, headers=key)
    assert bad.status_code == 400
    assert bad.json() == {"error": "unknown item"}

    placed = v2_client.post(
        "/api/shop/orders", json={"item": 1, "quantity": 2}, headers=key
    )
    assert placed.status_code == 202
    queued = placed.json()
    assert isinstance(queued, dict)
    order = queued["queued"]
    assert isinstance(order, dict)
    order_id = order["id"]
    assert order == {"id": order_id, "item": 1, "quantity": 2}
    [message] = v2_client.queue_messages("orders")
    assert message.get_json() == order
    assert v2_client.get(f"/api/shop/receipts/{order_id}").status_code == 404

    # The queue trigger runs, writes the receipt blob; the HTTP function reads it.
    [processed] = v2_client.run_triggers()
    assert processed.function_name == "process_order"
    assert processed.succeeded, processed.error
    assert [r.getMessage() for r in processed.logs] == [
        f"order {order_id}: 2 x tea = 7.00 (dequeued 1 times)"
    ]
    receipt = v2_client.get(f"/api/shop/receipts/{order_id}")
    assert receipt.status_code == 200
    assert receipt.json() == {"order": order_id, "total": 7.0}
    assert v2_client.queue_messages("orders") == []


def test_v2_app_a_broken_order_message_ends_on_the_poison_queue(
    v2_client: TestClient,
) -> None:
    direct = v2_client.invoke(
        "process_order",
        queue_payload('{"id": "m-1", "item": 2, "quantity": 1}', dequeue_count=2),
    )
    assert direct.succeeded, direct.error
    assert [r.getMessage() for r in direct.logs] == [
        "order m-1: 1 x coffee = 4.00 (dequeued 2 times)"
    ]
    v2_client.put_queue_message("orders", "not json")
    failures = v2_client.run_triggers()
    assert [r.succeeded for r in failures] == [False] * 5
    assert isinstance(failures[0].error, ValueError)
    [poisoned] = v2_client.queue_messages("orders-poison")
    assert poisoned.get_body() == b"not json"


def test_v2_app_timer(v2_client: TestClient) -> None:
    on_time = v2_client.invoke("heartbeat")
    assert on_time.succeeded
    assert [r.getMessage() for r in on_time.logs] == ["heartbeat"]
    late = v2_client.invoke("heartbeat", timer_payload(past_due=True))
    assert [r.getMessage() for r in late.logs] == ["heartbeat (past due)"]


# --- examples/asgi_app: FastAPI behind an AsgiFunctionApp ---------------------


def test_asgi_app_through_the_test_client(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    with TestClient(ROOT / "examples" / "asgi_app") as client:
        # The lifespan started with the client, before any request.
        assert "asgi_app: store opened" in caplog.messages
        assert client.get("/health").json() == {"store_open": True}
        assert client.get("/items/1").json() == {"name": "tea", "price": 3.5}
        missing = client.get("/items/42")
        assert missing.status_code == 404
        assert missing.json() == {"detail": "no such item"}
        created = client.post("/items", json={"name": "cake", "price": 2.5})
        assert created.status_code == 201
        new_id = created.json()
        assert isinstance(new_id, dict)
        assert client.get(f"/items/{new_id['id']}").json() == {
            "name": "cake",
            "price": 2.5,
        }
        assert client.post("/items", json={"name": "x", "price": -1}).status_code == 422
        assert "asgi_app: store closed" not in caplog.messages
    assert caplog.messages.count("asgi_app: store closed") == 1
    assert not [m for m in caplog.messages if "lifespan ended before" in m]


def test_asgi_app_on_the_real_server() -> None:
    """`python -m azure.functions start`, a free port, aiohttp as the client."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "azure.functions",
            "start",
            str(ROOT / "examples" / "asgi_app"),
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Press Ctrl+C"):
                break
        urls = [line for line in lines if "http://localhost:" in line]
        assert urls, "\n".join(lines)
        port = int(urls[0].split("http://localhost:")[1].split("/")[0])

        async def scenario() -> None:
            base = f"http://127.0.0.1:{port}"
            async with aiohttp.ClientSession() as session:
                async with session.get(f"{base}/health") as response:
                    assert response.status == 200
                    assert await response.json() == {"store_open": True}
                async with session.post(
                    f"{base}/items", json={"name": "pie", "price": 5}
                ) as response:
                    assert response.status == 201
                    assert await response.json() == {"id": 2}
                async with session.get(f"{base}/items/2") as response:
                    assert await response.json() == {"name": "pie", "price": 5.0}
                async with session.get(f"{base}/items/3") as response:
                    assert response.status == 404

        asyncio.run(scenario())
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=20)
        lines.extend(rest.splitlines())
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)
    output = "\n".join(lines)
    opened = output.index("asgi_app: store opened")
    assert opened < output.index("Press Ctrl+C")  # before the first request
    assert output.index("Executing 'Functions.http_app_func'") < output.index(
        "asgi_app: store closed"
    )
    assert "lifespan ended before" not in output
    assert output.rstrip().endswith("Host stopped.")
