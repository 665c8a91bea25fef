"""Kafka decorators: ``kafka_trigger`` and ``kafka_output``, and their enums.

Both write their defaults (``keyDataType``, ``authenticationMode`` ...) as the
reference does; enum values are written as the member's name.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import azure.functions as func
from azure.functions.decorators.function_app import FunctionDecorator
from azure.functions.decorators.kafka import (
    BrokerAuthenticationMode,
    BrokerProtocol,
    KafkaMessageKeyType,
    KafkaOutput,
    KafkaTrigger,
    OAuthBearerMethod,
)
from tests.decorators._support import raw_bindings


def kafka_app() -> func.FunctionApp:
    app = func.FunctionApp()

    @app.kafka_trigger(arg_name="event", topic="t", broker_list="BrokerList")
    @app.kafka_output(arg_name="out", topic="o", broker_list="BrokerList")
    def kafka_min(event: func.KafkaEvent, out: func.Out[str]) -> None:
        pass

    @app.kafka_trigger(
        arg_name="events",
        topic="t",
        broker_list="BrokerList",
        event_hub_connection_string="EventHubConnection",
        consumer_group="$Default",
        avro_schema="{}",
        key_avro_schema='{"type": "string"}',
        key_data_type="long",
        username="$ConnectionString",
        password="%Password%",
        ssl_key_location="key.pem",
        ssl_ca_location="ca.pem",
        ssl_certificate_location="cert.pem",
        ssl_key_password="secret",
        ssl_certificate_pem="CERT",
        ssl_key_pem="KEY",
        ssl_ca_pem="CA",
        ssl_certificate_and_key_pem="CERTKEY",
        schema_registry_url="https://registry",
        schema_registry_username="ru",
        schema_registry_password="rp",
        o_auth_bearer_method="oidc",
        o_auth_bearer_client_id="client",
        o_auth_bearer_client_secret="client-secret",
        o_auth_bearer_scope="scope",
        o_auth_bearer_token_endpoint_url="https://token",
        o_auth_bearer_extensions="a=b,c=d",
        authentication_mode="ScramSha512",
        protocol="saslssl",
        cardinality="MANY",
        lag_threshold=50,
        data_type="binary",
        someHostProperty="e",
    )
    def trigger_full(events: list[func.KafkaEvent]) -> None:
        pass

    @app.kafka_trigger(
        arg_name="event",
        topic="t",
        broker_list="BrokerList",
        key_data_type=KafkaMessageKeyType.INT,
        o_auth_bearer_method=OAuthBearerMethod.DEFAULT,
        authentication_mode=BrokerAuthenticationMode.PLAIN,
        protocol=BrokerProtocol.SASLPLAINTEXT,
        cardinality=func.Cardinality.ONE,
    )
    @app.kafka_output(
        arg_name="$return",
        topic="o",
        broker_list="BrokerList",
        avro_schema="{}",
        key_avro_schema='{"type": "string"}',
        key_data_type=KafkaMessageKeyType.BINARY,
        username="u",
        password="p",
        ssl_key_location="key.pem",
        ssl_ca_location="ca.pem",
        ssl_certificate_location="cert.pem",
        ssl_key_password="secret",
        ssl_certificate_pem="CERT",
        ssl_key_pem="KEY",
        ssl_ca_pem="CA",
        ssl_certificate_and_key_pem="CERTKEY",
        schema_registry_url="https://registry",
        schema_registry_username="ru",
        schema_registry_password="rp",
        o_auth_bearer_method=OAuthBearerMethod.OIDC,
        o_auth_bearer_client_id="client",
        o_auth_bearer_client_secret="client-secret",
        o_auth_bearer_scope="scope",
        o_auth_bearer_token_endpoint_url="https://token",
        o_auth_bearer_extensions="a=b",
        max_message_bytes=1,
        batch_size=2,
        enable_idempotence=True,
        message_timeout_ms=3,
        request_timeout_ms=4,
        max_retries=5,
        authentication_mode="gssapi",
        protocol=BrokerProtocol.SSL,
        linger_ms=6,
        data_type=func.DataType.STRING,
        someHostProperty="e",
    )
    def output_full(event: func.KafkaEvent) -> str:
        return ""

    @app.kafka_trigger(
        arg_name="event",
        topic="t",
        broker_list="B",
        key_data_type=None,
        authentication_mode=None,
        protocol=None,
        cardinality=None,
    )
    def no_defaults(event: func.KafkaEvent) -> None:
        pass

    return app


EXPECTED: dict[str, list[str]] = {
    "kafka_min": [
        '{"direction": "OUT", "type": "kafka", "name": "out", "topic": "o", "brokerList": "BrokerList", "keyDataType": "STRING", "maxMessageBytes": 1000000, "batchSize": 10000, "enableIdempotence": false, "messageTimeoutMs": 300000, "requestTimeoutMs": 5000, "maxRetries": 2147483647, "authenticationMode": "NOTSET", "protocol": "NOTSET", "lingerMs": 5}',
        '{"direction": "IN", "type": "kafkaTrigger", "name": "event", "topic": "t", "brokerList": "BrokerList", "keyDataType": "STRING", "authenticationMode": "NOTSET", "protocol": "NOTSET", "cardinality": "ONE", "lagThreshold": 1000}',
    ],
    "trigger_full": [
        '{"direction": "IN", "dataType": "BINARY", "type": "kafkaTrigger", "name": "events", "topic": "t", "brokerList": "BrokerList", "eventHubConnectionString": "EventHubConnection", "consumerGroup": "$Default", "avroSchema": "{}", "keyAvroSchema": "{\\"type\\": \\"string\\"}", "keyDataType": "LONG", "username": "$ConnectionString", "password": "%Password%", "sslKeyLocation": "key.pem", "sslCaLocation": "ca.pem", "sslCertificateLocation": "cert.pem", "sslKeyPassword": "secret", "sslCertificatePem": "CERT", "sslKeyPem": "KEY", "sslCaPem": "CA", "sslCertificateAndKeyPem": "CERTKEY", "schemaRegistryUrl": "https://registry", "schemaRegistryUsername": "ru", "schemaRegistryPassword": "rp", "oAuthBearerMethod": "OIDC", "oAuthBearerClientId": "client", "oAuthBearerClientSecret": "client-secret", "oAuthBearerScope": "scope", "oAuthBearerTokenEndpointUrl": "https://token", "oAuthBearerExtensions": "a=b,c=d", "authenticationMode": "SCRAMSHA512", "protocol": "SASLSSL", "cardinality": "MANY", "lagThreshold": 50, "someHostProperty": "e"}',
    ],
    "output_full": [
        '{"direction": "OUT", "dataType": "STRING", "type": "kafka", "name": "$return", "topic": "o", "brokerList": "BrokerList", "avroSchema": "{}", "keyAvroSchema": "{\\"type\\": \\"string\\"}", "keyDataType": "BINARY", "username": "u", "password": "p", "sslKeyLocation": "key.pem", "sslCaLocation": "ca.pem", "sslCertificateLocation": "cert.pem", "sslKeyPassword": "secret", "sslCertificatePem": "CERT", "sslKeyPem": "KEY", "sslCaPem": "CA", "sslCertificateAndKeyPem": "CERTKEY", "schemaRegistryUrl": "https://registry", "schemaRegistryUsername": "ru", "schemaRegistryPassword": "rp", "oAuthBearerMethod": "OIDC", "oAuthBearerClientId": "client", "oAuthBearerClientSecret": "client-secret", "oAuthBearerScope": "scope", "oAuthBearerTokenEndpointUrl": "https://token", "oAuthBearerExtensions": "a=b", "maxMessageBytes": 1, "batchSize": 2, "enableIdempotence": true, "messageTimeoutMs": 3, "requestTimeoutMs": 4, "maxRetries": 5, "authenticationMode": "GSSAPI", "protocol": "SSL", "lingerMs": 6, "someHostProperty": "e"}',
        '{"direction": "IN", "type": "kafkaTrigger", "name": "event", "topic": "t", "brokerList": "BrokerList", "keyDataType": "INT", "oAuthBearerMethod": "DEFAULT", "authenticationMode": "PLAIN", "protocol": "SASLPLAINTEXT", "cardinality": "ONE", "lagThreshold": 1000}',
    ],
    "no_defaults": [
        '{"direction": "IN", "type": "kafkaTrigger", "name": "event", "topic": "t", "brokerList": "B", "lagThreshold": 1000}',
    ],
}


def test_kafka_decorators_write_the_references_json() -> None:
    assert raw_bindings(kafka_app()) == EXPECTED


def _output(**arguments: str) -> Callable[[func.FunctionApp], FunctionDecorator]:
    """A kafka_output decorator of *app*, given enum *arguments* as strings."""

    def make(app: func.FunctionApp) -> FunctionDecorator:
        return app.kafka_output(
            "out",
            "topic",
            "brokers",
            key_data_type=arguments.get("key_data_type"),
            o_auth_bearer_method=arguments.get("o_auth_bearer_method"),
            authentication_mode=arguments.get("authentication_mode"),
            protocol=arguments.get("protocol"),
        )

    return make


@pytest.mark.parametrize(
    ("argument", "value", "choices"),
    [
        ("authentication_mode", "oauthbearer", "GSSAPI"),
        ("protocol", "tls", "SASLSSL"),
        ("o_auth_bearer_method", "jwt", "OIDC"),
        ("key_data_type", "float", "BINARY"),
    ],
)
def test_unknown_kafka_enum_value_is_refused_naming_the_argument(
    argument: str, value: str, choices: str
) -> None:
    decorator = _output(**{argument: value})(func.FunctionApp())

    def send(out: func.Out[str]) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match=choices) as caught:
        decorator(send)
    assert (caught.value.decorator, caught.value.argument) == ("kafka_output", argument)


def test_kafka_binding_classes_write_their_defaults() -> None:
    trigger = KafkaTrigger("event", topic="t", broker_list="b").get_dict_repr()
    assert trigger["keyDataType"] is KafkaMessageKeyType.STRING
    assert trigger["authenticationMode"] is BrokerAuthenticationMode.NOTSET
    assert trigger["protocol"] is BrokerProtocol.NOTSET
    assert trigger["cardinality"] is func.Cardinality.ONE
    assert trigger["lagThreshold"] == 1000
    output = KafkaOutput("out", topic="t", broker_list="b")
    assert (output.type, output.direction) == ("kafka", 1)
    assert output.get_dict_repr()["maxRetries"] == 2_147_483_647
    assert str(OAuthBearerMethod.OIDC) == "OIDC"
