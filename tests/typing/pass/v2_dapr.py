"""Dapr decorators: accepted calls and kept signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func
from azure.functions.decorators.dapr import DaprTopicTrigger

app = func.FunctionApp()
SIDECAR = "http://localhost:3501"


@app.dapr_service_invocation_trigger(arg_name="payload", method_name="run")
@app.dapr_state_input(arg_name="state", state_store="statestore", key="{key}")
@app.dapr_secret_input(
    arg_name="secret",
    secret_store_name="secrets",
    key="my-secret",
    metadata="metadata.namespace=default",
    dapr_address=SIDECAR,
)
@app.dapr_state_output(
    arg_name="saved", state_store="statestore", key="k", data_type="string"
)
@app.dapr_invoke_output(
    arg_name="call", app_id="other", method_name="echo", http_verb="post"
)
@app.dapr_publish_output(arg_name="pub", pub_sub_name="pubsub", topic="orders")
@app.dapr_binding_output(
    arg_name="$return",
    binding_name="queue",
    operation="create",
    data_type=func.DataType.STRING,
)
def run(
    payload: str,
    state: str,
    secret: str,
    saved: func.Out[str],
    call: func.Out[str],
    pub: func.Out[str],
) -> str:
    return payload


@app.dapr_binding_trigger(arg_name="event", binding_name="cron")
def cron(event: str) -> None:
    pass


@app.dapr_topic_trigger(
    arg_name="event", pub_sub_name="pubsub", topic="orders", route="orders"
)
async def on_order(event: str) -> None:
    pass


trigger = DaprTopicTrigger("event", pub_sub_name="pubsub", topic="orders")


async def test_run(out: func.Out[str]) -> None:
    assert_type(run("p", "s", "x", out, out, out), str)
    assert_type(cron("e"), None)
    assert_type(await on_order(event="e"), None)
    assert_type(trigger.direction, int)
