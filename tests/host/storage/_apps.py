"""The apps the storage tests run: an HTTP → queue → blob chain, written to a folder."""

from __future__ import annotations

import json
from pathlib import Path

CHAIN = """
import json
import logging

import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="orders/{id}", methods=["POST"])
@app.queue_output(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def place(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    msg.set(json.dumps({"id": req.route_params["id"], "body": req.get_body().decode()}))
    return func.HttpResponse("queued", status_code=202)


@app.queue_trigger(arg_name="m", queue_name="orders", connection="AzureWebJobsStorage")
@app.blob_output(
    arg_name="out", path="receipts/{id}.json", connection="AzureWebJobsStorage"
)
def process(m: func.QueueMessage, out: func.Out[str]) -> None:
    data = m.get_json()
    logging.info("order %s, dequeue count %d", data["id"], m.dequeue_count)
    if data["body"] == "fail":
        raise ValueError("cannot process " + data["id"])
    out.set(json.dumps({"order": data["id"], "dequeue_count": m.dequeue_count}))


@app.route(route="receipts/{id}", methods=["GET"])
@app.blob_input(arg_name="r", path="receipts/{id}.json", connection="AzureWebJobsStorage")
def read(req: func.HttpRequest, r: func.InputStream) -> func.HttpResponse:
    if r is None:
        return func.HttpResponse("no receipt", status_code=404)
    return func.HttpResponse(r.read(), mimetype="application/json")


@app.blob_trigger(
    arg_name="b", path="receipts/{name}.json", connection="AzureWebJobsStorage"
)
@app.queue_output(arg_name="seen", queue_name="seen", connection="AzureWebJobsStorage")
@app.blob_output(
    arg_name="audit", path="audit/{name}.log", connection="AzureWebJobsStorage"
)
def on_receipt(b: func.InputStream, seen: func.Out[str], audit: func.Out[bytes]) -> None:
    content = b.read()
    if content == b"poison":
        raise ValueError("a poisoned receipt")
    seen.set(b.name or "")
    audit.set(b"%d bytes" % len(content))
"""


def write_chain(root: Path, **queues: object) -> Path:
    """The chain app in *root*; *queues* go to host.json ``extensions.queues``."""
    root.mkdir(parents=True, exist_ok=True)
    settings: dict[str, object] = {"maxPollingInterval": "00:00:00.200"}
    settings.update(queues)
    host = {"version": "2.0", "extensions": {"queues": settings}}
    (root / "host.json").write_text(json.dumps(host))
    (root / "function_app.py").write_text(CHAIN)
    return root
