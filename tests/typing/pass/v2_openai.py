"""Azure OpenAI decorators: each one's arguments, and functions keeping signatures."""

from __future__ import annotations

from typing_extensions import assert_type

import azure.functions as func
from azure.functions.decorators.openai import (
    AssistantCreateOutput,
    EmbeddingsInput,
    InputType,
    OpenAIModels,
    TextCompletionInput,
    semantic_search_system_prompt,
)

app = func.FunctionApp()
bp = func.Blueprint()


@app.assistant_skill_trigger(
    arg_name="call",
    function_description="Adds a todo item.",
    function_name="AddTodo",
    parameter_description_json='{"type": "object"}',
    data_type=func.DataType.STRING,
)
def add_todo(call: str) -> None:
    pass


@app.route(route="ask/{name}")
@app.text_completion_input(
    arg_name="response",
    prompt="Who is {name}?",
    chat_model=OpenAIModels.DefaultChatModel,
    max_tokens="80",
)
@app.assistant_query_input(
    arg_name="state", id="{name}", timestamp_utc="{Query.timestampUTC}"
)
@app.assistant_post_input(
    arg_name="reply",
    id="{name}",
    user_message="{Query.message}",
    chat_model="gpt-4o",
    is_reasoning_model=True,
)
def ask(
    req: func.HttpRequest, response: str, state: str, reply: str
) -> func.HttpResponse:
    return func.HttpResponse(response + state + reply)


@bp.queue_trigger(arg_name="msg", queue_name="docs", connection="Storage")
@bp.embeddings_input(
    arg_name="embeddings", input="{text}", input_type=InputType.RawText
)
@bp.embeddings_store_output(
    arg_name="store",
    input="{url}",
    input_type="file_path",
    store_connection_name="AISearchEndpoint",
    collection="docs",
    max_chunk_length=1024,
)
@bp.semantic_search_input(
    arg_name="answer",
    search_connection_name="AISearchEndpoint",
    collection="docs",
    query="{text}",
    system_prompt=semantic_search_system_prompt,
    max_knowledge_count=2,
)
@bp.assistant_create_output(arg_name="create", data_type="STRING")
def index(
    msg: func.QueueMessage,
    embeddings: str,
    store: func.Out[str],
    answer: str,
    create: func.Out[str],
) -> None:
    store.set(embeddings + answer)


def test_signatures(req: func.HttpRequest, out: func.Out[str]) -> None:
    assert_type(add_todo("{}"), None)
    assert_type(ask(req, "a", "b", "c"), func.HttpResponse)
    assert_type(ask.build().get_user_function()(req, "a", "b", "c"), func.HttpResponse)
    assert_type(TextCompletionInput("r", prompt="p").type, str)
    assert_type(EmbeddingsInput.get_binding_name(), str | None)
    assert_type(AssistantCreateOutput("o").name, str)
