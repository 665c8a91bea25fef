"""Kafka: the ``kafkaTrigger`` and ``kafka`` bindings, their enums and decorators.

Enum properties are written as the member's name (``"NOTSET"``, ``"STRING"``);
the decorators' defaults are written too, as the reference writes them.
"""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import KAFKA, KAFKA_TRIGGER
from .core import BindingField, Cardinality, DataType, OutputBinding, Trigger
from .utils import StringifyEnum

__all__ = [
    "BrokerAuthenticationMode",
    "BrokerProtocol",
    "KafkaMessageKeyType",
    "KafkaOutput",
    "KafkaTrigger",
    "OAuthBearerMethod",
]


class BrokerAuthenticationMode(StringifyEnum):
    """The SASL mechanism (librdkafka's ``sasl.mechanism``); ``NOTSET``: none."""

    NOTSET = -1
    GSSAPI = 0
    PLAIN = 1
    SCRAMSHA256 = 2
    SCRAMSHA512 = 3


class BrokerProtocol(StringifyEnum):
    """The protocol to the brokers (librdkafka's ``security.protocol``)."""

    NOTSET = -1
    PLAINTEXT = 0
    SSL = 1
    SASLPLAINTEXT = 2
    SASLSSL = 3


class OAuthBearerMethod(StringifyEnum):
    """How OAuth bearer tokens are obtained (``sasl.oauthbearer.method``)."""

    DEFAULT = 0
    OIDC = 1


class KafkaMessageKeyType(StringifyEnum):
    """The type of a message's key (ignored when a key Avro schema is given)."""

    INT = 0
    LONG = 1
    STRING = 2
    BINARY = 3


# The properties both bindings share, between the key type and their own ones.
_CREDENTIALS = (
    BindingField("username"),
    BindingField("password"),
    BindingField("ssl_key_location"),
    BindingField("ssl_ca_location"),
    BindingField("ssl_certificate_location"),
    BindingField("ssl_key_password"),
    BindingField("ssl_certificate_pem"),
    BindingField("ssl_key_pem"),
    BindingField("ssl_ca_pem"),
    BindingField("ssl_certificate_and_key_pem"),
    BindingField("schema_registry_url"),
    BindingField("schema_registry_username"),
    BindingField("schema_registry_password"),
    BindingField("o_auth_bearer_method", enum=OAuthBearerMethod),
    BindingField("o_auth_bearer_client_id"),
    BindingField("o_auth_bearer_client_secret"),
    BindingField("o_auth_bearer_scope"),
    BindingField("o_auth_bearer_token_endpoint_url"),
    BindingField("o_auth_bearer_extensions"),
)
_KEY_TYPE = BindingField(
    "key_data_type", enum=KafkaMessageKeyType, default=KafkaMessageKeyType.STRING
)


class KafkaTrigger(Trigger):
    """Runs the function for events of a Kafka topic (``kafkaTrigger``)."""

    binding_type = KAFKA_TRIGGER
    fields = (
        BindingField("topic"),
        BindingField("broker_list"),
        BindingField("event_hub_connection_string"),
        BindingField("consumer_group"),
        BindingField("avro_schema"),
        BindingField("key_avro_schema"),
        _KEY_TYPE,
        *_CREDENTIALS,
        BindingField(
            "authentication_mode", enum=BrokerAuthenticationMode, default="NotSet"
        ),
        BindingField("protocol", enum=BrokerProtocol, default="NotSet"),
        BindingField("cardinality", enum=Cardinality, default="One"),
        BindingField("lag_threshold", default=1000),
    )


class KafkaOutput(OutputBinding):
    """Sends events to a Kafka topic (``kafka``)."""

    binding_type = KAFKA
    fields = (
        BindingField("topic"),
        BindingField("broker_list"),
        BindingField("avro_schema"),
        BindingField("key_avro_schema"),
        _KEY_TYPE,
        *_CREDENTIALS,
        BindingField("max_message_bytes", default=1_000_000),
        BindingField("batch_size", default=10_000),
        BindingField("enable_idempotence", default=False),
        BindingField("message_timeout_ms", default=300_000),
        BindingField("request_timeout_ms", default=5_000),
        BindingField("max_retries", default=2_147_483_647),
        BindingField(
            "authentication_mode", enum=BrokerAuthenticationMode, default="NOTSET"
        ),
        BindingField("protocol", enum=BrokerProtocol, default="NOTSET"),
        BindingField("linger_ms", default=5),
    )


class _KafkaTriggerApi(DecoratorApi):
    def kafka_trigger(
        self,
        arg_name: str,
        topic: str,
        broker_list: str,
        event_hub_connection_string: str | None = None,
        consumer_group: str | None = None,
        avro_schema: str | None = None,
        key_avro_schema: str | None = None,
        key_data_type: KafkaMessageKeyType | str | None = KafkaMessageKeyType.STRING,
        username: str | None = None,
        password: str | None = None,
        ssl_key_location: str | None = None,
        ssl_ca_location: str | None = None,
        ssl_certificate_location: str | None = None,
        ssl_key_password: str | None = None,
        ssl_certificate_pem: str | None = None,
        ssl_key_pem: str | None = None,
        ssl_ca_pem: str | None = None,
        ssl_certificate_and_key_pem: str | None = None,
        schema_registry_url: str | None = None,
        schema_registry_username: str | None = None,
        schema_registry_password: str | None = None,
        o_auth_bearer_method: OAuthBearerMethod | str | None = None,
        o_auth_bearer_client_id: str | None = None,
        o_auth_bearer_client_secret: str | None = None,
        o_auth_bearer_scope: str | None = None,
        o_auth_bearer_token_endpoint_url: str | None = None,
        o_auth_bearer_extensions: str | None = None,
        authentication_mode: BrokerAuthenticationMode | str | None = "NotSet",
        protocol: BrokerProtocol | str | None = "NotSet",
        cardinality: Cardinality | str | None = "One",
        lag_threshold: int = 1000,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function for events published to a Kafka topic.

        Settings named below are librdkafka's; the ``o_auth_bearer_*`` ones
        other than the method apply to ``OAuthBearerMethod.OIDC`` only.

        :param arg_name: The :class:`~azure.functions.KafkaEvent` parameter
            (a list of them with ``cardinality=MANY``).
        :param topic: The topic to read.
        :param broker_list: The brokers (``"host:9092,host2:9092"``, or the app
            setting holding them as ``"%Setting%"``).
        :param event_hub_connection_string: The app setting holding an Event
            Hubs connection string (Event Hubs' Kafka endpoint).
        :param consumer_group: The consumer group to read as.
        :param avro_schema: The Avro schema of the values (a generic record).
        :param key_avro_schema: The Avro schema of the keys.
        :param key_data_type: The keys' type: ``INT``, ``LONG``, ``STRING``
            (the default) or ``BINARY``.
        :param username: The SASL user name (``sasl.username``).
        :param password: The SASL password (``sasl.password``).
        :param ssl_key_location: The client's private key file (``ssl.key.location``).
        :param ssl_ca_location: The CA certificate file (``ssl.ca.location``).
        :param ssl_certificate_location: The client's certificate file
            (``ssl.certificate.location``).
        :param ssl_key_password: The private key's password (``ssl.key.password``).
        :param ssl_certificate_pem: The client's certificate as PEM.
        :param ssl_key_pem: The client's private key as PEM.
        :param ssl_ca_pem: The CA certificate as PEM.
        :param ssl_certificate_and_key_pem: The client's certificate and key as
            one PEM (a Key Vault reference works too).
        :param schema_registry_url: The Avro schema registry's URL.
        :param schema_registry_username: The schema registry's user name.
        :param schema_registry_password: The schema registry's password.
        :param o_auth_bearer_method: ``DEFAULT`` or ``OIDC``
            (``sasl.oauthbearer.method``).
        :param o_auth_bearer_client_id: The OIDC client id.
        :param o_auth_bearer_client_secret: The OIDC client secret.
        :param o_auth_bearer_scope: The scope of the access requested.
        :param o_auth_bearer_token_endpoint_url: The token endpoint.
        :param o_auth_bearer_extensions: Extra ``key=value`` pairs for the
            broker, comma-separated.
        :param authentication_mode: The SASL mechanism (``sasl.mechanism``).
        :param protocol: The security protocol (``security.protocol``).
        :param cardinality: ``MANY`` (``"many"``) for batches, ``ONE`` (the
            default) for one event per invocation.
        :param lag_threshold: The unprocessed events per instance above which
            the app scales out.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(KafkaTrigger, locals())


class _KafkaBindingApi(DecoratorApi):
    def kafka_output(
        self,
        arg_name: str,
        topic: str,
        broker_list: str,
        avro_schema: str | None = None,
        key_avro_schema: str | None = None,
        key_data_type: KafkaMessageKeyType | str | None = KafkaMessageKeyType.STRING,
        username: str | None = None,
        password: str | None = None,
        ssl_key_location: str | None = None,
        ssl_ca_location: str | None = None,
        ssl_certificate_location: str | None = None,
        ssl_key_password: str | None = None,
        ssl_certificate_pem: str | None = None,
        ssl_key_pem: str | None = None,
        ssl_ca_pem: str | None = None,
        ssl_certificate_and_key_pem: str | None = None,
        schema_registry_url: str | None = None,
        schema_registry_username: str | None = None,
        schema_registry_password: str | None = None,
        o_auth_bearer_method: OAuthBearerMethod | str | None = None,
        o_auth_bearer_client_id: str | None = None,
        o_auth_bearer_client_secret: str | None = None,
        o_auth_bearer_scope: str | None = None,
        o_auth_bearer_token_endpoint_url: str | None = None,
        o_auth_bearer_extensions: str | None = None,
        max_message_bytes: int = 1_000_000,
        batch_size: int = 10_000,
        enable_idempotence: bool = False,
        message_timeout_ms: int = 300_000,
        request_timeout_ms: int = 5_000,
        max_retries: int = 2_147_483_647,
        authentication_mode: BrokerAuthenticationMode | str | None = "NOTSET",
        protocol: BrokerProtocol | str | None = "NOTSET",
        linger_ms: int = 5,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Sends events to a Kafka topic through an ``Out`` parameter.

        Settings named below are librdkafka's; the ``o_auth_bearer_*`` ones
        other than the method apply to ``OAuthBearerMethod.OIDC`` only.

        :param arg_name: The ``func.Out[...]`` parameter (or ``"$return"``).
        :param topic: The topic to send to.
        :param broker_list: The brokers (``"host:9092,host2:9092"``, or the app
            setting holding them as ``"%Setting%"``).
        :param avro_schema: The Avro schema of the values (a generic record).
        :param key_avro_schema: The Avro schema of the keys.
        :param key_data_type: The keys' type: ``INT``, ``LONG``, ``STRING``
            (the default) or ``BINARY``.
        :param username: The SASL user name (``sasl.username``).
        :param password: The SASL password (``sasl.password``).
        :param ssl_key_location: The client's private key file (``ssl.key.location``).
        :param ssl_ca_location: The CA certificate file (``ssl.ca.location``).
        :param ssl_certificate_location: The client's certificate file
            (``ssl.certificate.location``).
        :param ssl_key_password: The private key's password (``ssl.key.password``).
        :param ssl_certificate_pem: The client's certificate as PEM.
        :param ssl_key_pem: The client's private key as PEM.
        :param ssl_ca_pem: The CA certificate as PEM.
        :param ssl_certificate_and_key_pem: The client's certificate and key as
            one PEM (a Key Vault reference works too).
        :param schema_registry_url: The Avro schema registry's URL.
        :param schema_registry_username: The schema registry's user name.
        :param schema_registry_password: The schema registry's password.
        :param o_auth_bearer_method: ``DEFAULT`` or ``OIDC``
            (``sasl.oauthbearer.method``).
        :param o_auth_bearer_client_id: The OIDC client id.
        :param o_auth_bearer_client_secret: The OIDC client secret.
        :param o_auth_bearer_scope: The scope of the access requested.
        :param o_auth_bearer_token_endpoint_url: The token endpoint.
        :param o_auth_bearer_extensions: Extra ``key=value`` pairs for the
            broker, comma-separated.
        :param max_message_bytes: The largest message sent, in bytes.
        :param batch_size: The most messages sent in one batch.
        :param enable_idempotence: Deliver each message exactly once, in order.
        :param message_timeout_ms: How long a message may take to be delivered.
        :param request_timeout_ms: How long the producer waits for an
            acknowledgement.
        :param max_retries: How often a failed send is retried (retries may
            reorder messages unless *enable_idempotence*).
        :param authentication_mode: The SASL mechanism (``sasl.mechanism``).
        :param protocol: The security protocol (``security.protocol``).
        :param linger_ms: How long to wait for more messages to batch.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(KafkaOutput, locals())
