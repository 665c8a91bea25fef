"""A shop on the v2 programming model: decorators, one blueprint, four triggers.

``python -m azure.functions start examples/v2_app`` serves:

* ``GET /api/hello/{name}``: a greeting (a route parameter);
* ``GET /api/shop/items/{id:int}``: an item as JSON, 404 when unknown
  (the ``shop`` blueprint adds its ``shop`` route prefix);
* ``POST /api/shop/orders``: checks the order and puts it on the ``orders``
  queue (a queue output), 202 with the order's id; it needs the function key;
* ``process_order``: triggered by each message on ``orders``, writes the
  order's receipt to the blob ``receipts/{id}.json`` (queue trigger + blob
  output, the path taken from the message's ``id``);
* ``GET /api/shop/receipts/{id}``: the receipt (a blob input), 404 until it
  is written;
* ``heartbeat``: a timer, every five minutes.

The chain runs for real on the local host, with nothing to set up: the
queue and the blob live in the host's embedded store (under
``.azurefunctions/storage``), or in Azurite when it is listening
(``AzureWebJobsStorage`` is ``UseDevelopmentStorage=true``). A bigger app
keeps each blueprint in its own module (``from shop import shop``).
"""

from __future__ import annotations

import json
import logging
import uuid

import azure.functions as func

#: The catalogue; a real app reads it from a database.
ITEMS: dict[int, dict[str, object]] = {
    1: {"id": 1, "name": "tea", "price": 3.5},
    2: {"id": 2, "name": "coffee", "price": 4.0},
}

shop = func.Blueprint(route_prefix="shop")


@shop.route(route="items/{id:int}", methods=["GET"])
def get_item(req: func.HttpRequest) -> func.HttpResponse:
    """One item of the catalogue; ``{id:int}`` only matches digits."""
    item = ITEMS.get(int(req.route_params["id"]))
    if item is None:
        return func.HttpResponse.json({"error": "no such item"}, status_code=404)
    return func.HttpResponse.json(item)


@shop.route(route="orders", methods=["POST"], auth_level=func.AuthLevel.FUNCTION)
@shop.queue_output(
    arg_name="order", queue_name="%ORDERS_QUEUE%", connection="AzureWebJobsStorage"
)
def place_order(req: func.HttpRequest, order: func.Out[str]) -> func.HttpResponse:
    """``{"item": 1, "quantity": 2}`` → one message on the orders queue."""
    try:
        body = req.get_json()
    except func.InvalidJSONError as exc:
        return func.HttpResponse.json({"error": str(exc)}, status_code=400)
    if not isinstance(body, dict) or body.get("item") not in ITEMS:
        return func.HttpResponse.json({"error": "unknown item"}, status_code=400)
    quantity = body.get("quantity", 1)
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        return func.HttpResponse.json(
            {"error": "quantity must be a positive integer"}, status_code=400
        )
    message = {"id": str(uuid.uuid4()), "item": body["item"], "quantity": quantity}
    order.set(json.dumps(message))
    return func.HttpResponse.json({"queued": message}, status_code=202)


@shop.route(route="receipts/{id}", methods=["GET"])
@shop.blob_input(
    arg_name="receipt", path="receipts/{id}.json", connection="AzureWebJobsStorage"
)
def get_receipt(req: func.HttpRequest, receipt: func.InputStream) -> func.HttpResponse:
    """An order's receipt, once ``process_order`` wrote it (``None``: not yet)."""
    found: func.InputStream | None = receipt  # a missing blob comes as None
    if found is None:
        return func.HttpResponse.json({"error": "no receipt yet"}, status_code=404)
    return func.HttpResponse(found.read(), mimetype="application/json")


app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
app.register_functions(shop)


@app.route(route="hello/{name}", methods=["GET"])
def hello(req: func.HttpRequest) -> func.HttpResponse:
    """``hello <name>``."""
    return func.HttpResponse(f"hello {req.route_params['name']}")


@app.queue_trigger(
    arg_name="msg", queue_name="%ORDERS_QUEUE%", connection="AzureWebJobsStorage"
)
@app.blob_output(
    arg_name="receipt", path="receipts/{id}.json", connection="AzureWebJobsStorage"
)
def process_order(msg: func.QueueMessage, receipt: func.Out[str]) -> None:
    """Price the order and write its receipt."""
    order = msg.get_json()
    if not isinstance(order, dict):
        raise ValueError(f"an order is a JSON object, got {order!r}")
    item_id, quantity = order.get("item"), order.get("quantity")
    if not isinstance(item_id, int) or not isinstance(quantity, int):
        raise ValueError(f"an order names an item and a quantity, got {order!r}")
    item = ITEMS[item_id]
    price = item["price"]
    assert isinstance(price, float)
    total = price * quantity
    logging.info(
        "order %s: %d x %s = %.2f (dequeued %d times)",
        order.get("id"),
        quantity,
        item["name"],
        total,
        msg.dequeue_count,
    )
    receipt.set(json.dumps({"order": order.get("id"), "total": total}))


@app.timer_trigger(arg_name="timer", schedule="0 */5 * * * *")
def heartbeat(timer: func.TimerRequest) -> None:
    """Every five minutes (NCRONTAB, seconds first)."""
    logging.info("heartbeat%s", " (past due)" if timer.past_due else "")
