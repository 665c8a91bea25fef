import datetime
from typing import TypedDict

import azure.functions as func


class Order(TypedDict):
    id: str
    qty: int


req = func.HttpRequest("POST", "http://localhost/api", body='{"id": "a", "qty": 1}')
body: func.JSONValue = req.get_json()
body["id"]  # E: index
order = func.check_json(req.get_json(), Order)
order["qty"] + "1"  # E: operator
order["total"]  # E: typeddict-item
func.check_json(req.get_json(), str | None)  # E: arg-type
func.check_json(req.get_json(), func.JSONValue)  # E: arg-type
message = func.ServiceBusMessage(body=b"{}")
message.enqueued_time_utc + datetime.timedelta(1)  # E: operator
message.get_body() + "}"  # E: operator
func.Document.from_dict({"id": object()})  # E: dict-item
func.Document().to_json() + 1  # E: operator
