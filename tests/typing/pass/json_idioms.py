"""User data reads as public apps write it: ``get_json()`` and item access are ``Any``.

mypy --strict and pyright strict must accept every line; the precise types
are an opt-in at the end (a ``JSONValue`` annotation, or ``check_json``).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any, TypedDict

from typing_extensions import assert_type

import azure.functions as func
from azure.functions.testing import TestResponse


def http_template(req: func.HttpRequest) -> func.HttpResponse:
    """The ``func new`` HTTP trigger template, as generated."""
    logging.info("Python HTTP trigger function processed a request.")

    name = req.params.get("name")
    if not name:
        try:
            req_body = req.get_json()
        except ValueError:
            pass
        else:
            name = req_body.get("name")

    if name:
        return func.HttpResponse(
            f"Hello, {name}. This HTTP triggered function executed successfully."
        )
    return func.HttpResponse(
        "This HTTP triggered function executed successfully. Pass a name in the"
        " query string or in the request body for a personalized response.",
        status_code=200,
    )


def annotated_payload(req: func.HttpRequest) -> str:
    payload: dict[str, Any] = req.get_json()
    user: str = payload["user"]
    return user


def fetch(url: str) -> bytes:
    return url.encode()


def event_grid(event: func.EventGridEvent) -> bytes:
    data = event.get_json()
    return fetch(data["url"])


def queue_batch(msg: func.QueueMessage) -> list[str]:
    ids: list[str] = []
    for item in msg.get_json():
        ids.append(item["id"])
    return ids


def documents(docs: func.DocumentList) -> int:
    total = 0
    for doc in docs:
        logging.info("document %s", doc["id"])
        total += int(doc["count"])
        total += doc.get("bonus", 0)
    return total


def sql_rows(rows: func.SqlRowList) -> list[str]:
    return [row["Name"] for row in rows]


def service_bus(msg: func.ServiceBusMessage) -> str:
    tenant: str = msg.application_properties["tenant"]
    order_id: str = msg.get_json()["orderId"]
    return f"{tenant}/{order_id}"


def event_hub(events: list[func.EventHubEvent]) -> float:
    readings: list[float] = [event.get_json()["temperature"] for event in events]
    return sum(readings)


def blob_owner(blob: func.InputStream) -> str:
    owner: str = blob.metadata["owner"] if blob.metadata else "unknown"
    return owner


def mcp_tool(context: func.MCPToolContext) -> str:
    city: str = context.arguments["city"]
    return city


def test_response(response: TestResponse) -> int:
    count: int = response.json()["count"]
    return count


def accessor_types(
    req: func.HttpRequest,
    queue: func.QueueMessage,
    bus: func.ServiceBusMessage,
    hub: func.EventHubEvent,
    grid: func.EventGridEvent,
    cloud: func.CloudEvent,
    doc: func.Document,
    blob: func.InputStream,
) -> None:
    assert_type(req.get_json(), Any)
    assert_type(queue.get_json(), Any)
    assert_type(bus.get_json(), Any)
    assert_type(hub.get_json(), Any)
    assert_type(grid.get_json(), Any)
    assert_type(cloud.get_json(), Any)
    assert_type(doc["id"], Any)
    assert_type(doc.to_dict(), dict[str, Any])
    assert_type(bus.metadata, dict[str, Any] | None)
    assert_type(blob.metadata, dict[str, Any] | None)
    # What the library knows stays precise.
    assert_type(req.get_body(), bytes)
    assert_type(req.params.get("name"), str | None)
    assert_type(queue.dequeue_count, int | None)
    assert_type(bus.enqueued_time_utc, datetime.datetime | None)
    assert_type(hub.sequence_number, int | None)
    assert_type(grid.event_time, datetime.datetime | None)
    assert_type(doc.to_json(), str)
    assert_type(blob.length, int | None)


# --- the precise types, on request -------------------------------------------


class Line(TypedDict):
    sku: str
    qty: int


class Order(TypedDict):
    id: str
    lines: list[Line]


def checked_order(req: func.HttpRequest) -> func.HttpResponse:
    try:
        order = func.check_json(req.get_json(), Order)
    except ValueError as exc:  # InvalidJSONError or JSONShapeError
        return func.HttpResponse(str(exc), status_code=400)
    assert_type(order, Order)
    quantity = sum(line["qty"] for line in order["lines"])
    return func.HttpResponse(f"{order['id']}: {quantity}")


def checked_batch(msg: func.QueueMessage) -> list[str]:
    lines = func.check_json(msg.get_json(), list[Line])
    assert_type(lines, list[Line])
    return [line["sku"] for line in lines]


def narrowed(req: func.HttpRequest) -> str:
    body: func.JSONValue = req.get_json()
    if isinstance(body, dict):
        name = body.get("name")
        if isinstance(name, str):
            return name
    return "anonymous"
