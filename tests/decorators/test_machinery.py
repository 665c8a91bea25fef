"""The machinery: decorators agree with binding descriptions; the worker's view."""

from __future__ import annotations

import inspect
import json
import types

import pytest

import azure.functions as func
from azure.functions.decorators import core
from azure.functions.decorators._builder import DecoratorApi, join_route
from azure.functions.decorators.blob import BlobInput, BlobOutput, BlobTrigger
from azure.functions.decorators.connectors import ConnectorTrigger
from azure.functions.decorators.core import (
    Binding,
    BindingDirection,
    BindingField,
    DataType,
)
from azure.functions.decorators.cosmosdb import (
    CosmosDBInput,
    CosmosDBInputV3,
    CosmosDBOutput,
    CosmosDBOutputV3,
    CosmosDBTrigger,
    CosmosDBTriggerV3,
)
from azure.functions.decorators.dapr import (
    DaprBindingOutput,
    DaprBindingTrigger,
    DaprInvokeOutput,
    DaprPublishOutput,
    DaprSecretInput,
    DaprServiceInvocationTrigger,
    DaprStateInput,
    DaprStateOutput,
    DaprTopicTrigger,
)
from azure.functions.decorators.eventgrid import EventGridOutput, EventGridTrigger
from azure.functions.decorators.eventhub import EventHubOutput, EventHubTrigger
from azure.functions.decorators.function_app import (
    BindingApi,
    FunctionBuilder,
    SettingsApi,
    TriggerApi,
)
from azure.functions.decorators.generic import GenericInputBinding
from azure.functions.decorators.http import HttpTrigger
from azure.functions.decorators.kafka import KafkaOutput, KafkaTrigger
from azure.functions.decorators.mcp import (
    MCPPromptTrigger,
    MCPResourceTrigger,
    MCPToolTrigger,
)
from azure.functions.decorators.mysql import MySqlInput, MySqlOutput, MySqlTrigger
from azure.functions.decorators.openai import (
    AssistantCreateOutput,
    AssistantPostInput,
    AssistantQueryInput,
    AssistantSkillTrigger,
    EmbeddingsInput,
    EmbeddingsStoreOutput,
    SemanticSearchInput,
    TextCompletionInput,
)
from azure.functions.decorators.queue import QueueOutput, QueueTrigger
from azure.functions.decorators.servicebus import (
    ServiceBusQueueOutput,
    ServiceBusQueueTrigger,
    ServiceBusTopicOutput,
    ServiceBusTopicTrigger,
)
from azure.functions.decorators.sql import SqlInput, SqlOutput, SqlTrigger
from azure.functions.decorators.table import TableInput, TableOutput
from azure.functions.decorators.timer import TimerTrigger
from azure.functions.decorators.utils import (
    StringifyEnumJsonEncoder,
    parse_iterable_param_to_enums,
    parse_singular_param_to_enum,
    to_camel_case,
)

SPECIAL = {"self", "arg_name", "data_type", "type", "kwargs"}


def decorator_methods() -> list[tuple[str, types.FunctionType]]:
    found: dict[str, types.FunctionType] = {}
    for api in (TriggerApi, BindingApi, SettingsApi):
        for name, member in inspect.getmembers(api, inspect.isfunction):
            if not name.startswith("_") and name not in vars(DecoratorApi):
                found[name] = member
    return sorted(found.items())


def test_the_issue_lists_every_decorator() -> None:
    assert [name for name, _ in decorator_methods()] == [
        "activity_trigger",
        "assistant_create_output",
        "assistant_post_input",
        "assistant_query_input",
        "assistant_skill_trigger",
        "blob_input",
        "blob_output",
        "blob_trigger",
        "connector_trigger",
        "cosmos_db_input",
        "cosmos_db_input_v3",
        "cosmos_db_output",
        "cosmos_db_output_v3",
        "cosmos_db_trigger",
        "cosmos_db_trigger_v3",
        "dapr_binding_output",
        "dapr_binding_trigger",
        "dapr_invoke_output",
        "dapr_publish_output",
        "dapr_secret_input",
        "dapr_service_invocation_trigger",
        "dapr_state_input",
        "dapr_state_output",
        "dapr_topic_trigger",
        "durable_client_input",
        "embeddings_input",
        "embeddings_store_output",
        "entity_trigger",
        "event_grid_output",
        "event_grid_trigger",
        "event_hub_message_trigger",
        "event_hub_output",
        "generic_input_binding",
        "generic_output_binding",
        "generic_trigger",
        "kafka_output",
        "kafka_trigger",
        "mcp_prompt_trigger",
        "mcp_resource_trigger",
        "mcp_tool",
        "mcp_tool_property",
        "mcp_tool_trigger",
        "mysql_input",
        "mysql_output",
        "mysql_trigger",
        "orchestration_trigger",
        "queue_output",
        "queue_trigger",
        "retry",
        "route",
        "schedule",
        "semantic_search_input",
        "service_bus_queue_output",
        "service_bus_queue_trigger",
        "service_bus_topic_output",
        "service_bus_topic_trigger",
        "sql_input",
        "sql_output",
        "sql_trigger",
        "table_input",
        "table_output",
        "text_completion_input",
        "timer_trigger",
        "warm_up_trigger",
    ]


@pytest.mark.parametrize(("name", "method"), decorator_methods())
def test_every_decorator_is_documented_and_typed(
    name: str, method: types.FunctionType
) -> None:
    assert (method.__doc__ or "").strip(), name
    annotations = inspect.get_annotations(method)
    assert "return" in annotations
    for parameter in inspect.signature(method).parameters.values():
        if parameter.name != "self":
            assert parameter.name in annotations, (name, parameter.name)


BINDINGS = {
    "queue_trigger": QueueTrigger,
    "queue_output": QueueOutput,
    "timer_trigger": TimerTrigger,
    "blob_trigger": BlobTrigger,
    "blob_input": BlobInput,
    "blob_output": BlobOutput,
    "event_grid_trigger": EventGridTrigger,
    "event_grid_output": EventGridOutput,
    "event_hub_message_trigger": EventHubTrigger,
    "event_hub_output": EventHubOutput,
    "service_bus_queue_trigger": ServiceBusQueueTrigger,
    "service_bus_queue_output": ServiceBusQueueOutput,
    "service_bus_topic_trigger": ServiceBusTopicTrigger,
    "service_bus_topic_output": ServiceBusTopicOutput,
    "table_input": TableInput,
    "table_output": TableOutput,
    "kafka_trigger": KafkaTrigger,
    "kafka_output": KafkaOutput,
    "connector_trigger": ConnectorTrigger,
    "cosmos_db_input": CosmosDBInput,
    "cosmos_db_input_v3": CosmosDBInputV3,
    "cosmos_db_output": CosmosDBOutput,
    "cosmos_db_output_v3": CosmosDBOutputV3,
    "cosmos_db_trigger": CosmosDBTrigger,
    "cosmos_db_trigger_v3": CosmosDBTriggerV3,
    "dapr_binding_output": DaprBindingOutput,
    "dapr_binding_trigger": DaprBindingTrigger,
    "dapr_invoke_output": DaprInvokeOutput,
    "dapr_publish_output": DaprPublishOutput,
    "dapr_secret_input": DaprSecretInput,
    "dapr_service_invocation_trigger": DaprServiceInvocationTrigger,
    "dapr_state_input": DaprStateInput,
    "dapr_state_output": DaprStateOutput,
    "dapr_topic_trigger": DaprTopicTrigger,
    "mysql_input": MySqlInput,
    "mysql_output": MySqlOutput,
    "mysql_trigger": MySqlTrigger,
    "sql_input": SqlInput,
    "sql_output": SqlOutput,
    "sql_trigger": SqlTrigger,
    "assistant_skill_trigger": AssistantSkillTrigger,
    "text_completion_input": TextCompletionInput,
    "assistant_create_output": AssistantCreateOutput,
    "assistant_query_input": AssistantQueryInput,
    "assistant_post_input": AssistantPostInput,
    "embeddings_input": EmbeddingsInput,
    "semantic_search_input": SemanticSearchInput,
    "embeddings_store_output": EmbeddingsStoreOutput,
    "mcp_tool_trigger": MCPToolTrigger,
    "mcp_resource_trigger": MCPResourceTrigger,
    "mcp_prompt_trigger": MCPPromptTrigger,
}


@pytest.mark.parametrize("name", sorted(BINDINGS))
def test_decorator_parameters_are_the_binding_fields(name: str) -> None:
    method = getattr(func.FunctionApp, name)
    cls = BINDINGS[name]
    parameters = inspect.signature(method).parameters
    fields = {f.name: f for f in cls.fields}
    assert set(parameters) - SPECIAL == set(fields)
    for field_name, field in fields.items():
        default = parameters[field_name].default
        if default is not inspect.Parameter.empty:
            assert default == field.default, field_name


def test_binding_classes_build_json_on_their_own() -> None:
    trigger = HttpTrigger("req", methods=["GET"], auth_level="anonymous", route="x")
    assert trigger.get_dict_repr() == {
        "direction": BindingDirection.IN,
        "type": "httpTrigger",
        "name": "req",
        "methods": [func.HttpMethod.GET],
        "authLevel": func.AuthLevel.ANONYMOUS,
        "route": "x",
    }
    assert trigger.get_binding_name() == "httpTrigger"
    output = QueueOutput("out", DataType.BINARY, queue_name="q", connection="c")
    assert (output.direction, output.data_type, output.type) == (1, 2, "queue")
    assert output._direction is BindingDirection.OUT
    assert "QueueOutput" in repr(output)
    generic = GenericInputBinding("x", type="blob", path="p")
    assert json.dumps(generic.get_dict_repr(), cls=StringifyEnumJsonEncoder) == (
        '{"direction": "IN", "type": "blob", "name": "x", "path": "p"}'
    )


def test_field_key_override_and_convert() -> None:
    class Custom(core.OutputBinding):
        binding_type = "custom"
        fields = (
            BindingField("url", key="URL"),
            BindingField("size", convert=lambda value: int(str(value)), default="3"),
        )

    custom = Custom("out", url="http://x")
    assert custom.get_dict_repr() == {
        "direction": BindingDirection.OUT,
        "type": "custom",
        "name": "out",
        "URL": "http://x",
        "size": 3,
    }
    with pytest.raises(func.FunctionDefinitionError, match="size") as caught:
        Custom("out", size="many")
    assert caught.value.argument == "size"
    assert repr(Custom.fields[0]) == "BindingField('url', key='URL')"


def test_encoder_refuses_what_json_cannot_carry() -> None:
    with pytest.raises(TypeError):
        json.dumps({"x": object()}, cls=StringifyEnumJsonEncoder)


@pytest.mark.parametrize(
    ("snake", "camel"),
    [
        ("queue_name", "queueName"),
        ("route", "route"),
        ("foo_bar2", "fooBar2"),
        ("fooBar", "fooBar"),
    ],
)
def test_to_camel_case(snake: str, camel: str) -> None:
    assert to_camel_case(snake) == camel


@pytest.mark.parametrize("bad", ["", "a-b", "1a", "a b"])
def test_to_camel_case_refuses(bad: str) -> None:
    with pytest.raises(func.FunctionDefinitionError):
        to_camel_case(bad)


def test_enum_parsing() -> None:
    assert parse_singular_param_to_enum(None, func.AuthLevel) is None
    assert parse_singular_param_to_enum("Admin", func.AuthLevel) is func.AuthLevel.ADMIN
    assert (
        parse_singular_param_to_enum("EventGrid", func.BlobSource)
        is func.BlobSource.EVENT_GRID
    )
    assert parse_iterable_param_to_enums(None, func.HttpMethod) is None
    assert parse_iterable_param_to_enums("get", func.HttpMethod) == [
        func.HttpMethod.GET
    ]
    assert func.McpPropertyType("string") is func.McpPropertyType.DATETIME
    assert str(func.Cardinality.MANY) == "MANY"
    with pytest.raises(func.FunctionDefinitionError, match="ONE, MANY"):
        parse_singular_param_to_enum("some", func.Cardinality)


def test_join_route() -> None:
    assert join_route("", "/{*route}") == "/{*route}"
    assert join_route("/v1/", "/{*route}") == "v1/{*route}"
    assert join_route("v1", "") == "v1"


def test_a_binding_without_type_is_refused() -> None:
    with pytest.raises(func.FunctionDefinitionError, match="needs its type"):
        GenericInputBinding("x")


def test_a_decorator_passing_an_undeclared_field_is_a_bug_caught_at_once() -> None:
    class Broken(TriggerApi):
        def broken_trigger(self, arg_name: str, colour: str) -> object:
            return self._add(QueueTrigger, locals())

    with pytest.raises(TypeError, match="colour"):
        Broken().broken_trigger("x", "red")


# The worker's view -----------------------------------------------------------------


def _index(module: types.ModuleType) -> list[func.Function[..., object]]:
    """What the Python worker does with a function_app module."""
    apps = [
        value
        for value in vars(module).values()
        if isinstance(value, func.FunctionRegister)
    ]
    assert len(apps) == 1
    return apps[0].get_functions()


def test_the_worker_indexes_a_module() -> None:
    module = types.ModuleType("function_app")
    exec(
        "import azure.functions as func\n"
        "app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)\n"
        "bp = func.Blueprint()\n"
        "@app.route(route='hello/{name}', methods=['GET'])\n"
        "def hello(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:\n"
        "    return func.HttpResponse('hi')\n"
        "@app.function_name('ticker')\n"
        "@app.retry(strategy='fixed_delay', max_retry_count='2', delay_interval='00:00:05')\n"
        "@app.timer_trigger(schedule='0 */5 * * * *', arg_name='timer', run_on_startup=False)\n"
        "def tick(timer: func.TimerRequest) -> None:\n"
        "    pass\n",
        module.__dict__,
    )
    functions = _index(module)
    assert [f.get_function_name() for f in functions] == ["hello", "ticker"]
    hello, tick = functions
    assert hello.get_user_function().__name__ == "hello"
    assert [
        (b.name, b.type, b.direction, b.data_type) for b in hello.get_bindings()
    ] == [("req", "httpTrigger", 0, None), ("$return", "http", 1, None)]
    assert tick.get_settings_dict("retry_policy") == {
        "setting_name": "retry_policy",
        "strategy": "fixed_delay",
        "max_retry_count": "2",
        "delay_interval": "00:00:05",
    }
    assert hello.get_settings_dict("retry_policy") is None
    assert [json.loads(raw) for raw in tick.get_raw_bindings()] == [
        {
            "direction": "IN",
            "type": "timerTrigger",
            "name": "timer",
            "schedule": "0 */5 * * * *",
            "runOnStartup": False,
        }
    ]
    # Functions are hashable: the worker keys its binding logs by them.
    assert len({hello: 1, tick: 2}) == 2


def test_binding_is_also_abstract_base_of_every_binding() -> None:
    assert issubclass(HttpTrigger, Binding)
    assert issubclass(HttpTrigger, core.Trigger)


def test_decorators_package_exports_lazily() -> None:
    import azure.functions.decorators as decorators

    assert decorators.FunctionApp is func.FunctionApp
    assert decorators.HttpMethod is func.HttpMethod
    assert decorators.Cardinality is func.Cardinality
    assert set(decorators.__all__) <= set(dir(decorators))
    with pytest.raises(AttributeError, match="NoSuchThing"):
        decorators.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018


def test_settings_describe_themselves() -> None:
    policy = core.Setting("custom", colour="blue")
    assert policy.get_setting_name() == "custom"
    assert policy.get_dict_repr() == {"setting_name": "custom", "colour": "blue"}
    assert "custom" in repr(policy)


def test_parse_iterable_refuses_a_non_iterable() -> None:
    with pytest.raises(func.FunctionDefinitionError, match="iterable"):
        parse_iterable_param_to_enums(5, func.HttpMethod)  # type: ignore[arg-type]


class _Extended(TriggerApi):
    """A family mixin as a later helper writes one, for the machinery's corners."""

    def hidden_field_trigger(self, arg_name: str, **kwargs: object) -> object:
        return self._add(_Hidden, locals())

    def bad_kwargs_trigger(self, arg_name: str, kwargs: object) -> object:
        return self._add(_Hidden, locals())


class _Hidden(core.Trigger):
    binding_type = "hiddenTrigger"
    fields = (BindingField("secret_level"),)


def test_a_field_the_method_does_not_expose_can_come_through_kwargs() -> None:
    app = _Extended()
    decorator = app.hidden_field_trigger("x", secret_level=3)

    def f(x: str) -> None:
        pass

    assert callable(decorator)
    decorated = decorator(f)
    assert isinstance(decorated, FunctionBuilder)
    assert decorated.build().get_raw_bindings() == [
        '{"direction": "IN", "type": "hiddenTrigger", "name": "x", "secretLevel": 3}'
    ]
    with pytest.raises(TypeError, match="kwargs must be a mapping"):
        app.bad_kwargs_trigger("x", kwargs=5)
