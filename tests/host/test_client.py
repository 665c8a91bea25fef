"""The test client on the example app and small apps: the server's pipeline, no sockets."""

from __future__ import annotations

import asyncio
import datetime
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

import azure.functions as func
from azure.functions._host.logs import HOST_LOGGER
from azure.functions.testing import (
    AsyncTestClient,
    TestClient,
    queue_payload,
    timer_payload,
)
from tests.host._support import HTTP_IN, http_function, write_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "v1_app"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(EXAMPLE) as opened:
        yield opened


def test_http_hello(client: TestClient) -> None:
    response = client.get("/api/HttpHello", params={"name": "Ada"})
    assert response.status_code == 200
    assert response.text == "hello Ada"
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers.getall("Set-Cookie") == [
        "name=Ada; HttpOnly; Path=/; SameSite=Lax"
    ]
    assert response.invocation is not None
    assert response.invocation.function_name == "HttpHello"
    (record,) = response.invocation.logs
    assert (
        record.getMessage() == "HttpHello: GET http://localhost/api/HttpHello?name=Ada"
    )


def test_http_hello_reads_json_and_cookies(client: TestClient) -> None:
    assert client.post("/api/HttpHello", json={"name": "Bo"}).text == "hello Bo"
    assert (
        client.get("/api/HttpHello", headers={"Cookie": "name=Cy"}).text == "hello Cy"
    )
    missing = client.get("/api/HttpHello")
    assert missing.status_code == 400
    assert missing.json() == {"error": "pass a name"}


def test_routes_ignore_case_and_trailing_slash(client: TestClient) -> None:
    assert client.get("/API/httphello/?name=x").text == "hello x"


def test_function_keys(client: TestClient) -> None:
    assert client.post("/api/greetings", json={"name": "Bob"}).status_code == 401
    wrong = client.post(
        "/api/greetings", json={"name": "Bob"}, headers={"x-functions-key": "nope"}
    )
    assert wrong.status_code == 401
    assert wrong.invocation is None
    by_header = client.post(
        "/api/greetings", json={"name": "Bob"}, headers={"x-functions-key": client.key}
    )
    assert by_header.status_code == 202
    assert by_header.json() == {"queued": "hello Bob"}
    assert by_header.invocation is not None
    assert by_header.invocation.values["msg"] == "hello Bob"
    by_code = client.post(
        "/api/greetings", params={"code": client.key}, json={"name": "C"}
    )
    assert by_code.status_code == 202


def test_not_found_method_not_allowed_and_landing(client: TestClient) -> None:
    missing = client.get("/api/nothing")
    assert (missing.status_code, missing.body) == (404, b"")
    wrong_method = client.request("DELETE", "/api/HttpHello")
    assert wrong_method.status_code == 405
    assert wrong_method.headers["Allow"] == "GET, POST"
    landing = client.get("/")
    assert landing.status_code == 200
    assert "is running" in landing.text
    # As in Azure, a GET route does not answer HEAD.
    head = client.request("HEAD", "/api/HttpHello", params={"name": "x"})
    assert (head.status_code, head.headers["Allow"]) == (405, "GET, POST")


def test_invoking_a_queue_function(client: TestClient) -> None:
    result = client.invoke("ProcessGreeting", "hello Bob")
    assert result.succeeded
    (record,) = result.logs
    assert record.getMessage() == (
        f"ProcessGreeting {result.invocation_id}: hello Bob (dequeued 1 times)"
    )
    again = client.invoke("ProcessGreeting", queue_payload("retry", dequeue_count=3))
    assert again.logs[0].getMessage().endswith("retry (dequeued 3 times)")


def test_queue_payload_carries_the_host_metadata() -> None:
    inserted = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.timezone.utc)
    payload = queue_payload(
        b"\xff\x00",
        id="m-1",
        dequeue_count=2,
        insertion_time=inserted,
        pop_receipt="pr",
    )
    converter = func.get_binding_registry()["queueTrigger"]
    message = converter.decode(payload.datum, trigger_metadata=payload.metadata)
    assert isinstance(message, func.QueueMessage)
    assert message.get_body() == b"\xff\x00"
    assert message.id == "m-1"
    assert message.dequeue_count == 2
    assert message.pop_receipt == "pr"
    assert message.insertion_time == inserted
    assert message.expiration_time == inserted + datetime.timedelta(days=7)
    assert message.time_next_visible is not None
    assert sorted(payload.metadata) == [
        "DequeueCount",
        "ExpirationTime",
        "Id",
        "InsertionTime",
        "NextVisibleTime",
        "PopReceipt",
    ]  # no QueueTrigger text for a body that is not UTF-8
    assert payload.metadata["DequeueCount"].type == "json"


def test_invoking_the_timer(client: TestClient) -> None:
    result = client.invoke("TimerTriggerFunction")
    assert result.succeeded
    assert (
        result.logs[0].getMessage().startswith("TimerTriggerFunction: tick; next at ")
    )
    late = client.invoke("TimerTriggerFunction", timer_payload(past_due=True))
    assert late.logs[0].levelno == logging.WARNING


def test_invoking_an_http_function_says_to_send_a_request(client: TestClient) -> None:
    with pytest.raises(TypeError, match="send it a request"):
        client.invoke("HttpHello")
    with pytest.raises(KeyError):
        client.invoke("NoSuchFunction")


def test_admin_invoke_runs_in_the_background(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with TestClient(EXAMPLE) as fresh:
        assert (
            fresh.post(
                "/admin/functions/ProcessGreeting", json={"input": "x"}
            ).status_code
            == 401
        )
        key = {"x-functions-key": fresh.key}
        accepted = fresh.post(
            "/admin/functions/processgreeting",
            json={"input": "from admin"},
            headers=key,
        )
        assert (accepted.status_code, accepted.body) == (202, b"")
        assert (
            fresh.post("/admin/functions/Nope", json={}, headers=key).status_code == 404
        )
        assert (
            fresh.post("/admin/functions/HttpHello", json={}, headers=key).status_code
            == 400
        )
        assert (
            fresh.post(
                "/admin/functions/ProcessGreeting", body="{", headers=key
            ).status_code
            == 400
        )
        status = fresh.get("/admin/host/status", headers=key)
        assert status.json() == {"state": "Running", "version": func.__version__}
    # Closing the client drained the background invocation.
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.endswith(": from admin (dequeued 1 times)") for m in messages)


ECHO = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse.json({
        "header": req.headers.get("x-multi"),
        "query": req.params.get("q"),
        "route": dict(req.route_params),
        "method": req.method,
        "body": req.get_body().decode(),
        "url": req.url,
    })
"""


def test_the_request_datum_as_the_host_builds_it(tmp_path: Path) -> None:
    write_app(
        tmp_path,
        {"Echo": http_function(ECHO, route="echo/{id:int}/{*rest}")},
        host={
            "version": "2.0",
            "extensions": {
                "http": {
                    "routePrefix": "",
                    "customHeaders": {"X-Frame-Options": "DENY"},
                }
            },
        },
    )
    with TestClient(tmp_path, base_url="https://example.test") as client:
        response = client.request(
            "PATCH",
            "/echo/7/a/b?q=1",
            params=[("q", "2")],
            headers=[("X-Multi", "one"), ("x-multi", "two")],
            body="payload",
        )
        assert response.json() == {
            "header": "one, two",
            "query": "1,2",
            "route": {"id": "7", "rest": "a/b"},
            "method": "PATCH",
            "body": "payload",
            "url": "https://example.test/echo/7/a/b?q=1&q=2",
        }
        assert response.headers["X-Frame-Options"] == "DENY"
        assert client.get("/echo/x/a").status_code == 404
        head = client.request("HEAD", "/echo/1")
        assert (head.status_code, head.body) == (200, b"")
        assert head.headers["Content-Type"] == "application/json"


def test_body_limit(tmp_path: Path) -> None:
    write_app(tmp_path, {"Echo": http_function(ECHO)})
    with TestClient(tmp_path, body_limit=8) as client:
        assert client.post("/api/Echo", body=b"12345678").status_code == 200
        too_big = client.post("/api/Echo", body=b"123456789")
        assert (too_big.status_code, too_big.invocation) == (413, None)


def test_key_from_the_settings(tmp_path: Path) -> None:
    protected = http_function(ECHO, authLevel="function")
    write_app(tmp_path, {"Echo": protected}, settings={"FUNCTIONS_LOCAL_KEY": "s3cret"})
    with TestClient(tmp_path) as client:
        assert client.key == "s3cret"
        assert client.get("/api/Echo", params={"code": "s3cret"}).status_code == 200
        assert client.get("/api/Echo").status_code == 401


def test_no_http_output_answers_204(tmp_path: Path) -> None:
    queue = {"type": "queue", "direction": "out", "name": "msg", "queueName": "out-q"}
    source = "import azure.functions as func\n\ndef main(req, msg: func.Out[str]) -> None:\n    msg.set('x')\n"
    write_app(tmp_path, {"Fire": ({"bindings": [HTTP_IN, queue]}, source)})
    with TestClient(tmp_path) as client:
        response = client.post("/api/Fire")
        assert (response.status_code, response.body) == (204, b"")
        assert response.invocation is not None
        assert response.invocation.values == {"msg": "x"}


def test_a_function_app_object(tmp_path: Path) -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="items/{id:int}", methods=["GET"])
    def item(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(f"item {req.route_params['id']}")

    with TestClient(app, root=tmp_path) as client:
        assert client.functions == ["item"]
        assert client.get("/api/items/3").text == "item 3"
        assert client.get("/api/items/three").status_code == 404
        assert client.post("/api/items/3").status_code == 405


def test_async_client() -> None:
    async def scenario() -> list[int]:
        async with AsyncTestClient(EXAMPLE) as client:
            responses = await asyncio.gather(
                *(
                    client.get("/api/HttpHello", params={"name": str(n)})
                    for n in range(20)
                )
            )
            result = await client.invoke("ProcessGreeting", "x")
            assert result.succeeded
            return [int(r.text.split()[1]) for r in responses]

    assert asyncio.run(scenario()) == list(range(20))


def test_the_async_client_has_the_sync_clients_api(tmp_path: Path) -> None:
    public = {name for name in dir(TestClient) if not name.startswith("_")}
    assert public - {"close"} <= set(dir(AsyncTestClient))
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="items/{id}", methods=["PUT", "DELETE"])
    def item(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(
            f"{req.method} {req.route_params['id']} {req.get_body().decode()}"
        )

    async def scenario() -> list[str]:
        async with AsyncTestClient(app, root=tmp_path) as client:
            put = await client.put("/api/items/1", json={"a": 1})
            deleted = await client.delete("/api/items/2", params={"soft": "1"})
            raw = await client.put("/api/items/3", body="raw")
            return [put.text, deleted.text, raw.text]

    assert asyncio.run(scenario()) == ['PUT 1 {"a":1}', "DELETE 2 ", "PUT 3 raw"]


def test_closing_restores_logging(tmp_path: Path) -> None:
    root = logging.getLogger()
    level = root.level
    handlers = list(root.handlers)
    factory = logging.getLogRecordFactory()
    write_app(tmp_path, {"Echo": http_function(ECHO)})
    with TestClient(tmp_path) as client:
        client.get("/api/Echo")
        assert root.level <= logging.INFO
    assert root.level == level
    assert root.handlers == handlers
    assert logging.getLogRecordFactory() is factory
    logging.getLogger(HOST_LOGGER)  # still usable afterwards


def test_the_readme_example_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    block = (
        readme.split("## Test client", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    )
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    test = namespace["test_hello"]
    assert callable(test)
    test()
