"""The azure-functions 2.x additions: to_dict()/to_json(), register_converter, enums."""

from __future__ import annotations

import datetime
from typing import Any

from typing_extensions import assert_type

import azure.functions as func
from azure.functions import meta


class DurableClientConverter(meta.InConverter, meta.OutConverter):
    """An integration package's converter, declared without a binding name."""


def replace_durable_converters() -> None:
    assert_type(
        func.register_converter(
            "durableClient", DurableClientConverter, overwrite=True
        ),
        None,
    )
    meta.register_converter("activityTrigger", DurableClientConverter, overwrite=True)


def rich_types_render_themselves() -> None:
    when = datetime.datetime(2024, 5, 1, tzinfo=datetime.timezone.utc)
    timer = func.TimerRequest(past_due=True)
    assert_type(timer.to_dict(), dict[str, Any])
    assert_type(timer.to_json(), str)
    stream = func.InputStream(name="c/b", uri="https://a/c/b", length=3)
    assert_type(stream.length, int | None)
    assert_type(stream.to_dict(), dict[str, Any])
    assert_type(func.QueueMessage(body="x").to_json(), str)
    assert_type(func.ServiceBusMessage(body="x").to_dict(), dict[str, Any])
    assert_type(func.EventHubEvent(body=b"x").to_dict(), dict[str, Any])
    assert_type(func.KafkaEvent(body=b"x").to_dict(), dict[str, Any])
    grid = func.EventGridEvent(id="1", event_type="t", event_time=when)
    assert_type(grid.to_dict(), dict[str, Any])
    out = func.EventGridOutputEvent(id="1", subject="s", event_type="t")
    assert_type(out.to_json(), str)
    assert_type(func.CloudEvent(id="1", source="s", type="t").to_dict(), dict[str, Any])
    assert_type(func.SqlRow(id=1).to_dict(), dict[str, Any])
    assert_type(func.SqlRowList().to_dict(), list[dict[str, Any]])
    assert_type(func.MySqlRowList().to_json(), str)
    assert_type(func.Document(id="a").to_dict(), dict[str, Any])
    assert_type(func.DocumentList().to_dict(), list[dict[str, Any]])


app = func.FunctionApp()


@app.cosmos_db_trigger(
    "docs",
    connection="Cosmos",
    database_name="db",
    container_name="items",
    change_feed_mode=func.CosmosDBChangeFeedMode.ALL_VERSIONS_AND_DELETES,
)
def changes(docs: func.DocumentList) -> None:
    pass


@app.cosmos_db_trigger(
    "docs", "Cosmos", "db", "items", change_feed_mode="LatestVersion"
)
def latest(docs: func.DocumentList) -> None:
    pass


@app.route(route="search", methods=[func.HttpMethod.QUERY, "GET"])
def search(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(req.get_body())


@app.connector_trigger(
    arg_name="events",
    delivery_mode=func.DeliveryMode.POLL,
    connection="office365",
    trigger_config_name="%TRIGGER%",
    cardinality=func.Cardinality.MANY,
    max_batch_size=50,
    max_concurrent_calls=4,
    target_pending_event_threshold=100,
)
def batch(events: list[str]) -> None:
    pass


@app.connector_trigger(arg_name="event", delivery_mode="webhook", cardinality="one")
def hook(event: str) -> str:
    return event


def decorated_functions_keep_their_signatures() -> None:
    assert_type(changes(func.DocumentList()), None)
    assert_type(batch(["a"]), None)
    assert_type(hook(event="e"), str)
    delivery: func.DeliveryMode = func.decorators.DeliveryMode.WEBHOOK
    mode: func.CosmosDBChangeFeedMode = (
        func.cosmosdb.CosmosDBChangeFeedMode.LATEST_VERSION
    )
    assert_type(str(delivery), str)
    assert_type(str(mode), str)
