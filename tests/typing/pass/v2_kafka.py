"""Kafka decorators: each one's arguments, and functions keeping their signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func
from azure.functions.decorators.kafka import (
    BrokerAuthenticationMode,
    BrokerProtocol,
    KafkaMessageKeyType,
    OAuthBearerMethod,
)

app = func.FunctionApp()


@app.kafka_trigger(
    arg_name="events",
    topic="in",
    broker_list="BrokerList",
    consumer_group="$Default",
    key_data_type=KafkaMessageKeyType.LONG,
    username="$ConnectionString",
    password="%EventHubConnection%",
    o_auth_bearer_method=OAuthBearerMethod.OIDC,
    authentication_mode=BrokerAuthenticationMode.PLAIN,
    protocol="SaslSsl",
    cardinality=func.Cardinality.MANY,
    lag_threshold=100,
    data_type=func.DataType.STRING,
)
@app.kafka_output(
    arg_name="out",
    topic="out",
    broker_list="BrokerList",
    key_data_type="string",
    max_message_bytes=1_000,
    batch_size=10,
    enable_idempotence=True,
    message_timeout_ms=1_000,
    request_timeout_ms=1_000,
    max_retries=3,
    authentication_mode="ScramSha256",
    protocol=BrokerProtocol.SASLSSL,
    linger_ms=1,
    someHostProperty="x",
)
def relay(events: list[func.KafkaEvent], out: func.Out[str]) -> None:
    out.set(str(len(events)))


@app.kafka_trigger("event", "in", "BrokerList")
def one(event: func.KafkaEvent) -> str:
    return event.get_body().decode()


def test_relay(event: func.KafkaEvent, out: func.Out[str]) -> None:
    assert_type(relay([event], out), None)
    assert_type(one(event), str)
