"""Decorator spellings seen in real public v2 apps, each indexed as the reference does.

Found by ``scripts/compare_indexing.py`` over a corpus of public apps; the
expected JSON is the reference's (azure-functions 1.26.0) output, written out.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

import azure.functions as func
from azure.functions.decorators.function_app import FunctionDecorator
from tests.decorators._support import raw_bindings


def test_type_restating_the_decorators_own_host_type_is_ignored() -> None:
    # The MCP samples' spelling: type= and the camelCase toolProperties=.
    app = func.FunctionApp()

    @app.mcp_tool_trigger(
        arg_name="context",
        type="mcpToolTrigger",
        tool_name="get_pet",
        description="Get a pet",
        toolProperties='[{"propertyName": "petName", "propertyType": "string"}]',
    )
    def get_pet(context: str) -> str:
        return context

    assert raw_bindings(app) == {
        "get_pet": [
            '{"direction": "IN", "type": "mcpToolTrigger", "name": "context", "toolName": "get_pet", "description": "Get a pet", "toolProperties": "[{\\"propertyName\\": \\"petName\\", \\"propertyType\\": \\"string\\"}]", "useResultSchema": false}'
        ]
    }


def test_another_type_is_still_refused() -> None:
    app = func.FunctionApp()
    trigger: Callable[..., FunctionDecorator] = app.timer_trigger
    decorator = trigger("timer", "0 0 * * * *", type="queueTrigger")

    def tick(timer: func.TimerRequest) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match="set by the decorator"):
        decorator(tick)


def test_camel_case_keyword_takes_the_place_of_an_argument_left_unset() -> None:
    app = func.FunctionApp()
    trigger: Callable[..., FunctionDecorator] = app.timer_trigger

    @trigger(arg_name="timer", schedule="0 0 * * * *", runOnStartup=True)
    def tock(timer: func.TimerRequest) -> None:
        pass

    assert raw_bindings(app) == {
        "tock": [
            '{"direction": "IN", "type": "timerTrigger", "name": "timer", "schedule": "0 0 * * * *", "runOnStartup": true}'
        ]
    }


def test_camel_case_keyword_and_its_argument_both_given_are_refused() -> None:
    app = func.FunctionApp()
    trigger: Callable[..., FunctionDecorator] = app.timer_trigger
    decorator = trigger("timer", "0 0 * * * *", run_on_startup=False, runOnStartup=True)

    def tick(timer: func.TimerRequest) -> None:
        pass

    with pytest.raises(
        func.FunctionDefinitionError, match="the argument 'run_on_startup' already sets"
    ):
        decorator(tick)


def test_unknown_snake_case_keyword_is_passed_on_camel_cased() -> None:
    # A public app gives an Event Grid trigger auth_level=; the host ignores it.
    app = func.FunctionApp()
    trigger: Callable[..., FunctionDecorator] = app.event_grid_trigger
    timer: Callable[..., FunctionDecorator] = app.timer_trigger

    @app.function_name(name="trainingFunctionEventGrid")
    @trigger(arg_name="event", auth_level=func.AuthLevel.ANONYMOUS)
    def training(event: func.EventGridEvent) -> None:
        pass

    @timer(arg_name="timer", schedule="0 0 * * * *", frequency=True)
    def tick(timer: func.TimerRequest) -> None:
        pass

    assert raw_bindings(app) == {
        "trainingFunctionEventGrid": [
            '{"direction": "IN", "type": "eventGridTrigger", "name": "event", "authLevel": "ANONYMOUS"}'
        ],
        "tick": [
            '{"direction": "IN", "type": "timerTrigger", "name": "timer", "schedule": "0 0 * * * *", "frequency": true}'
        ],
    }


def test_near_miss_of_an_argument_is_still_refused_as_a_typo() -> None:
    app = func.FunctionApp()
    trigger: Callable[..., FunctionDecorator] = app.timer_trigger
    decorator = trigger("timer", "0 0 * * * *", run_on_start=True)

    def tick(timer: func.TimerRequest) -> None:
        pass

    with pytest.raises(
        func.FunctionDefinitionError, match="did you mean 'run_on_startup'"
    ):
        decorator(tick)


def test_data_type_in_the_hosts_spelling_is_a_plain_property() -> None:
    # function.json habits: dataType= on any decorator, as in the reference,
    # lands in the JSON as given and leaves the binding's data type unset.
    app = func.FunctionApp()
    queue: Callable[..., FunctionDecorator] = app.queue_trigger
    generic: Callable[..., FunctionDecorator] = app.generic_trigger

    @queue(arg_name="msg", queue_name="q", connection="C", dataType="STRING")
    def q(msg: func.QueueMessage) -> None:
        pass

    @generic(arg_name="msg", type="rabbitMQTrigger", dataType="binary", queueName="q")
    def g(msg: str) -> None:
        pass

    @app.route(
        route="files",
        trigger_extra_fields={"dataType": "STRING"},
        binding_extra_fields={"dataType": "binary"},
    )
    def files(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse()

    assert raw_bindings(app) == {
        "q": [
            '{"direction": "IN", "dataType": "STRING", "type": "queueTrigger", "name": "msg", "queueName": "q", "connection": "C"}'
        ],
        "g": [
            '{"direction": "IN", "dataType": "binary", "type": "rabbitMQTrigger", "name": "msg", "queueName": "q"}'
        ],
        "files": [
            '{"direction": "IN", "dataType": "STRING", "type": "httpTrigger", "name": "req", "authLevel": "FUNCTION", "route": "files"}',
            '{"direction": "OUT", "dataType": "binary", "type": "http", "name": "$return"}',
        ],
    }
    for function in app.get_functions():
        assert [b.data_type for b in function.get_bindings()] == [None] * len(
            function.get_bindings()
        )


def test_data_type_given_both_ways_is_refused() -> None:
    app = func.FunctionApp()
    queue: Callable[..., FunctionDecorator] = app.queue_trigger
    decorator = queue("msg", "q", "C", data_type="STRING", dataType="BINARY")

    def q(msg: func.QueueMessage) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match="already sets"):
        decorator(q)
    with pytest.raises(func.FunctionDefinitionError, match="data type twice"):
        app.route(
            route="r", trigger_extra_fields={"data_type": "STRING", "dataType": "x"}
        )(q)


# Python 3.13 suggests the nearest keyword in an unexpected keyword's message.
DID_YOU_MEAN_ROUTE = ". Did you mean 'route'?" if sys.version_info >= (3, 13) else ""


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda app: app.queue_trigger(arg_name="m", queue_name="q"),
            "TriggerApi.queue_trigger() missing 1 required positional argument: "
            "'connection'",
        ),
        (
            lambda app: app.cosmos_db_trigger(
                arg_name="docs", database_name="db", collection_name="c"
            ),
            "TriggerApi.cosmos_db_trigger() missing 2 required positional "
            "arguments: 'connection' and 'container_name'",
        ),
        (
            lambda app: app.route(rout="x"),
            "TriggerApi.route() got an unexpected keyword argument 'rout'"
            + DID_YOU_MEAN_ROUTE,
        ),
        (
            lambda app: app.schedule("t"),
            "TriggerApi.timer_trigger() missing 1 required positional argument: "
            "'schedule'",
        ),
        (
            lambda app: app.blob_output(arg_name="b"),
            "BindingApi.blob_output() missing 2 required positional arguments: "
            "'path' and 'connection'",
        ),
    ],
)
def test_a_wrong_call_fails_in_the_references_words(
    call: Callable[[func.FunctionApp], object], message: str
) -> None:
    # Public apps written for the 3.x Cosmos DB names fail so; the message
    # names the method as the reference's TriggerApi / BindingApi.
    for app in (func.FunctionApp(), func.Blueprint()):
        with pytest.raises(TypeError) as caught:
            call(app)  # type: ignore[arg-type]
        assert str(caught.value) == message


def test_openai_samples_model_keyword_is_passed_on() -> None:
    # The official OpenAI-extension samples still say model=, the extension's
    # old name of chat_model / embeddings_model.
    app = func.FunctionApp()
    completion: Callable[..., FunctionDecorator] = app.text_completion_input
    embeddings: Callable[..., FunctionDecorator] = app.embeddings_input

    @completion(
        arg_name="response",
        prompt="Who is {name}?",
        max_tokens="100",
        model="%CHAT_MODEL_DEPLOYMENT_NAME%",
    )
    @app.route(route="whois/{name}", methods=["GET"])
    def whois(req: func.HttpRequest, response: str) -> func.HttpResponse:
        return func.HttpResponse(response)

    @embeddings(
        arg_name="embeddings",
        input="{rawText}",
        input_type="RawText",
        model="%EMBEDDING_MODEL%",
    )
    @app.route(route="embeddings", methods=["POST"])
    def embed(req: func.HttpRequest, embeddings: str) -> func.HttpResponse:
        return func.HttpResponse(embeddings)

    found = raw_bindings(app)
    assert found["whois"][2] == (
        '{"direction": "IN", "type": "textCompletion", "name": "response", "prompt": "Who is {name}?", "aiConnectionName": "", "chatModel": "DefaultChatModel", "temperature": "0.5", "maxTokens": "100", "isReasoningModel": false, "model": "%CHAT_MODEL_DEPLOYMENT_NAME%"}'
    )
    assert found["embed"][2] == (
        '{"direction": "IN", "type": "embeddings", "name": "embeddings", "input": "{rawText}", "inputType": "RawText", "aiConnectionName": "", "embeddingsModel": "DefaultEmbeddingsModel", "maxChunkLength": 8192, "maxOverlap": 128, "model": "%EMBEDDING_MODEL%"}'
    )


def test_v3_names_on_the_v4_cosmos_decorators_are_still_refused() -> None:
    app = func.FunctionApp()
    trigger: Callable[..., FunctionDecorator] = app.cosmos_db_trigger
    decorator = trigger("docs", "Cosmos", "db", "items", lease_collection_name="l")

    def changed(docs: func.DocumentList) -> None:
        pass

    with pytest.raises(
        func.FunctionDefinitionError, match="use 'lease_container_name'"
    ) as caught:
        decorator(changed)
    assert caught.value.argument == "lease_collection_name"
