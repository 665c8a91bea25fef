"""Storage backends for the tests: the embedded store always, Azurite when there.

``./scripts/test`` installs Azurite with npm into ``.cache/azurite`` (when
node and npm are available); the session fixture starts it on free ports
and stops it after the tests. Without it, the Azurite variants are skipped
with the reason.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from azure.functions._host.storage.connection import DEVELOPMENT_KEY
from azure.functions.testing import TestClient

ROOT = Path(__file__).resolve().parents[3]
AZURITE = ROOT / ".cache" / "azurite" / "node_modules" / ".bin" / "azurite"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.1)
    return False


@pytest.fixture(scope="session")
def azurite() -> Iterator[str]:
    """A running Azurite's connection string (skips when it cannot run)."""
    if shutil.which("node") is None:
        pytest.skip("Azurite needs node, which is not installed")
    if not AZURITE.exists():
        pytest.skip(
            "Azurite is not installed: ./scripts/test installs it into .cache/azurite "
            "(npm install --prefix .cache/azurite azurite@3.35.0)"
        )
    blob, queue, table = _free_port(), _free_port(), _free_port()
    location = tempfile.mkdtemp(prefix="azurite-")
    process = subprocess.Popen(
        [
            str(AZURITE),
            "--silent",
            "--skipApiVersionCheck",
            "--loose",
            "--disableTelemetry",
            "--location",
            location,
            "--blobPort",
            str(blob),
            "--queuePort",
            str(queue),
            "--tablePort",
            str(table),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        if not (_wait_for(blob, deadline) and _wait_for(queue, deadline)):
            process.kill()
            _, error = process.communicate(timeout=10)
            pytest.fail(f"Azurite did not start: {error.decode(errors='replace')}")
        yield (
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            f"AccountKey={DEVELOPMENT_KEY};"
            f"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;"
            f"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;"
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
        shutil.rmtree(location, ignore_errors=True)


async def _wipe(connection_string: str) -> None:
    from azure.storage.blob.aio import BlobServiceClient
    from azure.storage.queue.aio import QueueServiceClient

    async with QueueServiceClient.from_connection_string(connection_string) as queues:
        async for queue in queues.list_queues():
            await queues.delete_queue(queue.name)
    async with BlobServiceClient.from_connection_string(connection_string) as blobs:
        async for container in blobs.list_containers():
            await blobs.delete_container(container.name)


class Storage:
    """How a test's clients reach one backend: a folder, or Azurite."""

    def __init__(self, kind: str, folder: Path, connection: str | None) -> None:
        self.kind = kind
        self.folder = folder
        self.connection = connection

    def client(self, app: str | os.PathLike[str]) -> TestClient:
        """A test client on this backend (the same data for every client)."""
        if self.connection is None:
            return TestClient(app, storage_dir=self.folder)
        settings = {"AzureWebJobsStorage": self.connection}
        return TestClient(app, settings=settings, real_storage=True)

    def __repr__(self) -> str:
        return f"<Storage {self.kind}>"


@pytest.fixture(params=["embedded", "azurite"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    """Each backend in turn, empty."""
    if request.param == "embedded":
        return Storage("embedded", tmp_path / "storage", None)
    connection: str = request.getfixturevalue("azurite")
    asyncio.run(_wipe(connection))
    return Storage("azurite", tmp_path / "unused", connection)
