"""Small apps written the way the public samples write them, unannotated JSON and all.

Each function is what a tutorial or sample repository shows for its trigger:
read a JSON body or message, index it with string keys, pass the values on.
"""

from __future__ import annotations

import json
import logging
import uuid

import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)


@app.route(route="orders", methods=["POST"])
@app.queue_output(arg_name="msg", queue_name="orders", connection="Storage")
def create_order(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    try:
        body = req.get_json()
    except ValueError:
        return func.HttpResponse("Invalid JSON", status_code=400)
    customer = body.get("customer")
    items = body.get("items", [])
    if not customer or not items:
        return func.HttpResponse("customer and items are required", status_code=400)
    order = {"id": str(uuid.uuid4()), "customer": customer, "items": items}
    msg.set(json.dumps(order))
    return func.HttpResponse(
        json.dumps(order), status_code=201, mimetype="application/json"
    )


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="Storage")
@app.cosmos_db_output(
    arg_name="doc", connection="Cosmos", database_name="shop", container_name="orders"
)
def store_order(msg: func.QueueMessage, doc: func.Out[func.Document]) -> None:
    order = msg.get_json()
    logging.info("storing order %s for %s", order["id"], order["customer"])
    doc.set(func.Document.from_dict(order))


@app.cosmos_db_trigger(
    arg_name="documents",
    connection="Cosmos",
    database_name="shop",
    container_name="orders",
    lease_container_name="leases",
    create_lease_container_if_not_exists=True,
)
def order_changed(documents: func.DocumentList) -> None:
    for doc in documents:
        if doc.get("status") == "shipped":
            logging.info("order %s shipped on %s", doc["id"], doc["shippedAt"])
        total = float(doc["total"])
        if total > 1000:
            logging.warning("large order %s: %.2f", doc["id"], total)


@app.event_grid_trigger(arg_name="event")
def blob_created(event: func.EventGridEvent) -> None:
    data = event.get_json()
    url = data["url"]
    size = data.get("contentLength", 0)
    logging.info("%s: %s (%d bytes)", event.event_type, url, size)
    container = url.split("/")[3]
    logging.info("container %s", container)


@app.service_bus_queue_trigger(
    arg_name="message", queue_name="payments", connection="ServiceBus"
)
def payment_received(message: func.ServiceBusMessage) -> None:
    payment = json.loads(message.get_body().decode("utf-8"))
    amount = payment["amount"]
    currency = message.application_properties.get("currency", "EUR")
    logging.info("payment %s: %s %s", message.message_id, amount, currency)


@app.event_hub_message_trigger(
    arg_name="events",
    event_hub_name="telemetry",
    connection="EventHubs",
    cardinality=func.Cardinality.MANY,
)
def telemetry(events: list[func.EventHubEvent]) -> None:
    for event in events:
        reading = event.get_json()
        if reading["temperature"] > 30:
            logging.warning("device %s is hot", reading["deviceId"])


@app.blob_trigger(arg_name="blob", path="uploads/{name}.json", connection="Storage")
@app.blob_output(arg_name="summary", path="summaries/{name}.txt", connection="Storage")
def summarise(blob: func.InputStream, summary: func.Out[str]) -> None:
    records = json.loads(blob.read())
    names = [record["name"] for record in records]
    summary.set("\n".join(names))


@app.route(route="users/{id}", methods=["PATCH"])
def update_user(req: func.HttpRequest) -> func.HttpResponse:
    user_id = req.route_params["id"]
    changes = req.get_json()
    email = changes.get("email")
    if email is not None and "@" not in email:
        return func.HttpResponse("invalid email", status_code=422)
    return func.HttpResponse.json({"id": user_id, "updated": sorted(changes)})
