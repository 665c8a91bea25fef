"""The test client's storage API, and binding details, on the embedded store."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from azure.functions._errors import AppLoadError
from azure.functions.testing import AsyncTestClient, TestClient, TriggersNeverQuiet

APP = """
import datetime
import json

import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="files/{folder}", methods=["POST"])
@app.blob_output(arg_name="named", path="%CONTAINER%/{folder}/{page}.txt",
                 connection="AzureWebJobsStorage")
@app.blob_output(arg_name="unique", path="uniques/{rand-guid}-{DateTime}.bin",
                 connection="AzureWebJobsStorage")
def save(req: func.HttpRequest, named: func.Out[str], unique: func.Out[bytes]) -> str:
    named.set(req.get_body().decode())
    unique.set(b"\\x00\\x01")
    return "saved"


@app.route(route="broken", methods=["POST"])
@app.blob_output(arg_name="out", path="files/{nowhere}.txt",
                 connection="AzureWebJobsStorage")
def broken(req: func.HttpRequest, out: func.Out[str]) -> str:
    out.set("x")
    return "unreachable"


@app.route(route="many", methods=["POST"])
@app.queue_output(arg_name="out", queue_name="%QUEUE%", connection="AzureWebJobsStorage")
def many(req: func.HttpRequest, out: func.Out[list[str]]) -> str:
    out.set(["one", "two", "three"])
    return "queued"


@app.queue_trigger(arg_name="m", queue_name="loop", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="$return", queue_name="loop", connection="AzureWebJobsStorage")
def forever(m: func.QueueMessage) -> str:
    return m.get_body().decode() + "+"


@app.queue_trigger(arg_name="m", queue_name="flaky", connection="AzureWebJobsStorage")
def flaky(m: func.QueueMessage) -> None:
    raise RuntimeError("always")


@app.timer_trigger(arg_name="t", schedule="0 0 0 1 1 *")
@app.blob_input(arg_name="doc", path="docs/readme.txt", connection="AzureWebJobsStorage",
                data_type="STRING")
@app.queue_output(arg_name="copy", queue_name="copies", connection="AzureWebJobsStorage")
def copy(t: func.TimerRequest, doc: str, copy: func.Out[str]) -> None:
    copy.set("copy of " + (doc if doc is not None else "nothing"))
"""


@pytest.fixture
def app(tmp_path: Path) -> Path:
    root = tmp_path / "app"
    root.mkdir()
    queues = {"visibilityTimeout": "00:00:30", "maxPollingInterval": "00:00:01"}
    (root / "host.json").write_text(
        json.dumps({"version": "2.0", "extensions": {"queues": queues}})
    )
    (root / "local.settings.json").write_text(
        json.dumps({"Values": {"CONTAINER": "pages", "QUEUE": "numbers"}})
    )
    (root / "function_app.py").write_text(APP)
    return root


def test_paths_from_route_query_settings_guids_and_times(app: Path) -> None:
    with TestClient(app) as client:
        response = client.post("/api/files/docs", params={"page": "2"}, body="hi")
        assert response.status_code == 200
        assert client.read_blob("pages/docs/2.txt") == b"hi"
        storage = client._client._host.storage
        blobs = client._run(storage.default_backend().list_blobs("uniques"))
        [unique] = blobs
        assert re.fullmatch(
            r"[0-9a-f-]{36}-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.bin", unique.name
        )
        assert client.read_blob(unique.path) == b"\x00\x01"


def test_a_path_naming_missing_data_fails_the_invocation(app: Path) -> None:
    with TestClient(app) as client:
        response = client.post("/api/broken")
        assert response.status_code == 500
        assert response.invocation is not None
        assert "no value for {nowhere}" in str(response.invocation.error)


def test_a_list_output_is_one_message_per_item(app: Path) -> None:
    with TestClient(app) as client:
        client.post("/api/many")
        assert [m.get_body() for m in client.queue_messages("numbers")] == [
            b"one",
            b"two",
            b"three",
        ]


def test_a_never_ending_chain_is_stopped_with_a_clear_error(app: Path) -> None:
    with TestClient(app) as client:
        client.put_queue_message("loop", "x")
        with pytest.raises(TriggersNeverQuiet, match="forever"):
            client.run_triggers(max_invocations=20)


def test_a_failed_message_waits_out_its_visibility_timeout(app: Path) -> None:
    with TestClient(app) as client:
        client.put_queue_message("flaky", {"n": 1})
        [failed] = client.run_triggers()
        assert failed.function_name == "flaky"
        assert not failed.succeeded
        assert client.run_triggers() == []  # hidden for 30 s
        [waiting] = client.queue_messages("flaky")
        assert waiting.dequeue_count == 1
        assert waiting.get_json() == {"n": 1}
        assert waiting.time_next_visible is not None
        assert waiting.insertion_time is not None
        assert (waiting.time_next_visible - waiting.insertion_time).seconds >= 29


def test_blob_inputs_read_the_blob_or_get_none(app: Path) -> None:
    with TestClient(app) as client:
        assert client.invoke("copy").succeeded
        client.upload_blob("docs/readme.txt", "the readme")
        assert client.invoke("copy").succeeded
        assert [m.get_body() for m in client.queue_messages("copies")] == [
            b"copy of nothing",
            b"copy of the readme",
        ]
        assert client.read_blob("docs/none.txt") is None
        with pytest.raises(ValueError, match="container/name"):
            client.read_blob("no-name")


def test_each_client_has_a_fresh_store_removed_on_close(app: Path) -> None:
    with TestClient(app) as client:
        client.put_queue_message("numbers", "1")
        folder = client._client._host.storage.folder
        assert folder.exists()
    assert not folder.exists()
    with TestClient(app) as client:
        assert client.queue_messages("numbers") == []
    assert not (app / ".azurefunctions").exists()


def test_the_test_client_keeps_real_connections_embedded(app: Path) -> None:
    real = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5"
    with TestClient(app, settings={"AzureWebJobsStorage": real}) as client:
        [target] = client._client._host.storage.targets
        assert (target.kind, target.reason) == ("embedded", "test client")


def test_an_invalid_queue_name_is_a_load_error(tmp_path: Path) -> None:
    (tmp_path / "host.json").write_text('{"version": "2.0"}')
    (tmp_path / "function_app.py").write_text(
        "import azure.functions as func\n"
        "app = func.FunctionApp()\n"
        "@app.queue_trigger(arg_name='m', queue_name='Bad_Name', connection='S')\n"
        "def f(m: func.QueueMessage) -> None: ...\n"
    )
    with pytest.raises(AppLoadError, match="'bad_name' is not a valid queue name"):
        TestClient(tmp_path)


def test_the_async_client_has_the_same_storage_api(app: Path) -> None:
    async def main() -> None:
        async with AsyncTestClient(app) as client:
            await client.upload_blob("docs/readme.txt", b"bytes")
            assert await client.read_blob("docs/readme.txt") == b"bytes"
            assert (await client.invoke("copy")).succeeded
            [copied] = await client.queue_messages("copies")
            assert copied.get_body() == b"copy of bytes"
            await client.put_queue_message("flaky", "x")
            assert len(await client.run_triggers()) == 1

    asyncio.run(main())


def test_real_storage_without_its_packages_is_a_load_error(
    app: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from azure.functions._host.storage import runtime

    monkeypatch.setattr(runtime, "_clients_installed", lambda: False)
    real = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5"
    with pytest.raises(AppLoadError, match=r"pip install 'azure-functions\[storage\]'"):
        TestClient(app, settings={"AzureWebJobsStorage": real}, real_storage=True)


BINARY = """
import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="bin", methods=["POST"])
@app.queue_output(arg_name="out", queue_name="binary", connection="AzureWebJobsStorage")
def send(req: func.HttpRequest, out: func.Out[bytes]) -> str:
    out.set(b"\\xff\\xfe")
    return "sent"


@app.queue_trigger(arg_name="m", queue_name="binary", connection="AzureWebJobsStorage")
@app.blob_output(arg_name="copy", path="copies/{rand-guid}", connection="AzureWebJobsStorage")
def keep(m: func.QueueMessage, copy: func.Out[bytes]) -> None:
    copy.set(m.get_body())
"""


@pytest.mark.parametrize("encoding", ["base64", "none"])
def test_binary_messages_need_base64(tmp_path: Path, encoding: str) -> None:
    queues = {"messageEncoding": encoding}
    (tmp_path / "host.json").write_text(
        json.dumps({"version": "2.0", "extensions": {"queues": queues}})
    )
    (tmp_path / "function_app.py").write_text(BINARY)
    with TestClient(tmp_path) as client:
        response = client.post("/api/bin")
        if encoding == "none":
            assert response.status_code == 500
            assert response.invocation is not None
            assert 'messageEncoding "base64"' in str(response.invocation.error)
            return
        assert response.status_code == 200
        [kept] = client.run_triggers()
        assert kept.succeeded, kept.error
        storage = client._client._host.storage
        [copy] = client._run(storage.default_backend().list_blobs("copies"))
        assert client.read_blob(copy.path) == b"\xff\xfe"
