"""Messages per second through HTTP -> queue -> trigger -> blob, on the local host.

Usage (from anywhere)::

    .venv/bin/python benchmarks/storage_bench.py                 # both backends
    .venv/bin/python benchmarks/storage_bench.py --backend embedded --count 500

The local host (``python -m azure.functions start``) runs as its own process
on a free port, serving a v2 app of two ``async def`` functions: ``POST
/api/orders/{id}`` puts the order on the ``orders`` queue; a queue trigger
on ``orders`` writes ``receipts/{id}.json``. This script sends ``--count``
requests over ``--concurrency`` keep-alive connections, then waits until
every receipt blob exists, and reports:

* ``http/s``: requests answered per second (each puts one message);
* ``end-to-end/s``: orders per second from the first request to the last
  receipt written (the queue trigger's polling, batches and blob writes
  included).

Backends: ``embedded`` (the host's SQLite store, in a temporary folder) and
``azurite`` (started from ``.cache/azurite``, where ``./scripts/test``
installs it, on free ports; skipped when it is not there).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from azure.functions._host.storage.api import BlobStore
from azure.functions._host.storage.connection import DEVELOPMENT_KEY
from azure.functions._host.storage.embedded import EmbeddedStorage

ROOT = Path(__file__).resolve().parent.parent
AZURITE = ROOT / ".cache" / "azurite" / "node_modules" / ".bin" / "azurite"

APP = """
import json

import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="orders/{id}", methods=["POST"])
@app.queue_output(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
async def place(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    msg.set(json.dumps({"id": req.route_params["id"], "size": len(req.get_body())}))
    return func.HttpResponse(status_code=202)


@app.queue_trigger(arg_name="m", queue_name="orders", connection="AzureWebJobsStorage")
@app.blob_output(arg_name="out", path="receipts/{id}.json",
                 connection="AzureWebJobsStorage")
async def process(m: func.QueueMessage, out: func.Out[str]) -> None:
    out.set(json.dumps({"order": m.get_json(), "dequeue_count": m.dequeue_count}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout:.0f}s")


async def _load(base: str, count: int, concurrency: int) -> float:
    """Send *count* orders; the seconds it took."""
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(count):
        queue.put_nowait(number)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            while not queue.empty():
                number = queue.get_nowait()
                async with session.post(f"{base}/orders/{number}", data=b"tea") as r:
                    if r.status != 202:
                        raise RuntimeError(f"order {number}: HTTP {r.status}")
                    await r.read()

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - started


async def _wait_for_blobs(store: BlobStore, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(await store.list_blobs("receipts")) >= count:
            return
        await asyncio.sleep(0.25)  # listing is not free: not too often
    raise RuntimeError(f"not all {count} receipts were written in {timeout:.0f}s")


def run(
    backend: str, count: int, concurrency: int, connection: str | None
) -> dict[str, float]:
    """One run on *backend*; its figures."""
    with tempfile.TemporaryDirectory(prefix="storage-bench-") as folder:
        app = Path(folder) / "app"
        app.mkdir()
        queues = {"maxPollingInterval": "00:00:02", "batchSize": 16}
        (app / "host.json").write_text(
            json.dumps({"version": "2.0", "extensions": {"queues": queues}})
        )
        (app / "function_app.py").write_text(APP)
        env = dict(os.environ)
        env.pop("AzureWebJobsStorage", None)
        if connection is not None:
            env["AzureWebJobsStorage"] = connection
        port = _free_port()
        host = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "azure.functions",
                "start",
                str(app),
                "--port",
                str(port),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for_port(port, 30)
            if connection is None:
                store: BlobStore = EmbeddedStorage(app / ".azurefunctions" / "storage")
            else:
                from azure.functions._host.storage.azure_clients import AzureStorage

                store = AzureStorage(connection)

            async def measure() -> tuple[float, float]:
                started = time.perf_counter()
                http = await _load(f"http://127.0.0.1:{port}/api", count, concurrency)
                await _wait_for_blobs(store, count, 300)
                total = time.perf_counter() - started
                close = getattr(store, "aclose", None)
                if close is not None:
                    await close()
                return http, total

            http, total = asyncio.run(measure())
        finally:
            host.terminate()
            host.wait(30)
    return {"http/s": count / http, "end-to-end/s": count / total}


def _start_azurite(folder: str) -> tuple[subprocess.Popen[bytes], str]:
    blob, queue, table = _free_port(), _free_port(), _free_port()
    process = subprocess.Popen(
        [
            str(AZURITE),
            "--silent",
            "--skipApiVersionCheck",
            "--loose",
            "--disableTelemetry",
            "--location",
            folder,
            "--blobPort",
            str(blob),
            "--queuePort",
            str(queue),
            "--tablePort",
            str(table),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_for_port(blob, 30)
    _wait_for_port(queue, 30)
    return process, (
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
        f"AccountKey={DEVELOPMENT_KEY};"
        f"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;"
        f"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--backend", choices=["embedded", "azurite", "both"], default="both"
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    backends = ["embedded", "azurite"] if args.backend == "both" else [args.backend]
    print(
        f"{args.count} orders, {args.concurrency} connections, "
        f"Python {sys.version.split()[0]}"
    )
    for backend in backends:
        if backend == "embedded":
            figures = run(backend, args.count, args.concurrency, None)
        else:
            if not AZURITE.exists():
                print("azurite: not installed (./scripts/test installs it); skipped")
                continue
            folder = tempfile.mkdtemp(prefix="azurite-bench-")
            process, connection = _start_azurite(folder)
            try:
                figures = run(backend, args.count, args.concurrency, connection)
            finally:
                process.terminate()
                process.wait(30)
                shutil.rmtree(folder, ignore_errors=True)
        shown = ", ".join(f"{name} {value:,.0f}" for name, value in figures.items())
        print(f"{backend}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
