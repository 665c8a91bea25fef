"""Service Bus decorators: each one's arguments, and functions keeping their signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func

app = func.FunctionApp()


@app.service_bus_queue_trigger(
    arg_name="msg",
    connection="Bus",
    queue_name="in",
    data_type="string",
    access_rights=func.AccessRights.LISTEN,
    is_sessions_enabled=True,
    cardinality="one",
    auto_complete_messages=False,
)
@app.service_bus_queue_output(
    arg_name="out", connection="Bus", queue_name="out", access_rights="manage"
)
def queue(msg: func.ServiceBusMessage, out: func.Out[str]) -> None:
    out.set(msg.get_body().decode())


@app.service_bus_topic_trigger(
    arg_name="msgs",
    connection="Bus",
    topic_name="t",
    subscription_name="s",
    cardinality=func.Cardinality.MANY,
)
@app.service_bus_topic_output(
    arg_name="$return", connection="Bus", topic_name="o", subscription_name=None
)
def topic(msgs: list[func.ServiceBusMessage]) -> str:
    return str(len(msgs))


def test_service_bus(msg: func.ServiceBusMessage, out: func.Out[str]) -> None:
    assert_type(queue(msg, out), None)
    assert_type(topic([msg]), str)
