"""Azure OpenAI decorators: their JSON (as the reference writes it) and arguments."""

from __future__ import annotations

import pytest

import azure.functions as func
from azure.functions.decorators import openai
from azure.functions.decorators.openai import InputType, OpenAIModels
from tests.decorators._support import raw_bindings


def first_bindings(app: func.FunctionApp) -> dict[str, str]:
    """Each function's first binding (the one under test) as the worker reads it."""
    return {name: bindings[0] for name, bindings in raw_bindings(app).items()}


def test_assistant_skill_trigger_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.assistant_skill_trigger(
        arg_name="call", function_description="Adds a todo item"
    )
    def skill_min(call: str) -> None:
        pass

    @app.assistant_skill_trigger(
        arg_name="call",
        function_description="Adds a todo item",
        function_name="AddTodo",
        parameter_description_json='{"type": "object"}',
        data_type=func.DataType.STRING,
    )
    def skill_full(call: str) -> None:
        pass

    assert first_bindings(app) == {
        "skill_min": '{"direction": "IN", "type": "assistantSkillTrigger", "name": "call", "functionDescription": "Adds a todo item"}',
        "skill_full": '{"direction": "IN", "dataType": "STRING", "type": "assistantSkillTrigger", "name": "call", "functionDescription": "Adds a todo item", "functionName": "AddTodo", "parameterDescriptionJson": "{\\"type\\": \\"object\\"}"}',
    }


def test_text_completion_input_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.text_completion_input(arg_name="response", prompt="Who is {name}?")
    def completion_min(trigger: str, response: str) -> None:
        pass

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.text_completion_input(
        arg_name="response",
        prompt="Who is {name}?",
        ai_connection_name="OpenAI",
        chat_model="gpt-4o",
        temperature="0.2",
        top_p="0.9",
        max_tokens="200",
        is_reasoning_model=True,
        data_type="STRING",
    )
    def completion_full(trigger: str, response: str) -> None:
        pass

    assert first_bindings(app) == {
        "completion_min": '{"direction": "IN", "type": "textCompletion", "name": "response", "prompt": "Who is {name}?", "aiConnectionName": "", "chatModel": "DefaultChatModel", "temperature": "0.5", "maxTokens": "100", "isReasoningModel": false}',
        "completion_full": '{"direction": "IN", "dataType": "STRING", "type": "textCompletion", "name": "response", "prompt": "Who is {name}?", "aiConnectionName": "OpenAI", "chatModel": "gpt-4o", "temperature": "0.2", "topP": "0.9", "maxTokens": "200", "isReasoningModel": true}',
    }


def test_assistant_create_output_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.assistant_create_output(arg_name="requests")
    def create_min(trigger: str, requests: func.Out[str]) -> None:
        pass

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.assistant_create_output(arg_name="requests", data_type=func.DataType.STRING)
    def create_full(trigger: str, requests: func.Out[str]) -> None:
        pass

    assert first_bindings(app) == {
        "create_min": '{"direction": "OUT", "type": "assistantCreate", "name": "requests"}',
        "create_full": '{"direction": "OUT", "dataType": "STRING", "type": "assistantCreate", "name": "requests"}',
    }


def test_assistant_query_input_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.assistant_query_input(
        arg_name="state", id="{assistantId}", timestamp_utc="{Query.timestampUTC}"
    )
    def query_min(trigger: str, state: str) -> None:
        pass

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.assistant_query_input(
        arg_name="state",
        id="{assistantId}",
        timestamp_utc="{Query.timestampUTC}",
        chat_storage_connection_setting="ChatStorage",
        collection_name="Chats",
        data_type="STRING",
    )
    def query_full(trigger: str, state: str) -> None:
        pass

    assert first_bindings(app) == {
        "query_min": '{"direction": "IN", "type": "assistantQuery", "name": "state", "id": "{assistantId}", "timestampUtc": "{Query.timestampUTC}", "chatStorageConnectionSetting": "AzureWebJobsStorage", "collectionName": "ChatState"}',
        "query_full": '{"direction": "IN", "dataType": "STRING", "type": "assistantQuery", "name": "state", "id": "{assistantId}", "timestampUtc": "{Query.timestampUTC}", "chatStorageConnectionSetting": "ChatStorage", "collectionName": "Chats"}',
    }


def test_assistant_post_input_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.assistant_post_input(
        arg_name="state", id="{assistantId}", user_message="{Query.message}"
    )
    def post_min(trigger: str, state: str) -> None:
        pass

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.assistant_post_input(
        arg_name="state",
        id="{assistantId}",
        user_message="{Query.message}",
        ai_connection_name="OpenAI",
        chat_model=OpenAIModels.DefaultChatModel,
        chat_storage_connection_setting="ChatStorage",
        collection_name="Chats",
        temperature="1",
        top_p="0.5",
        max_tokens="50",
        is_reasoning_model=False,
        data_type=func.DataType.STRING,
    )
    def post_full(trigger: str, state: str) -> None:
        pass

    assert first_bindings(app) == {
        "post_min": '{"direction": "IN", "type": "assistantPost", "name": "state", "id": "{assistantId}", "userMessage": "{Query.message}", "aiConnectionName": "", "chatModel": "DefaultChatModel", "chatStorageConnectionSetting": "AzureWebJobsStorage", "collectionName": "ChatState", "temperature": "0.5", "maxTokens": "100", "isReasoningModel": false}',
        "post_full": '{"direction": "IN", "dataType": "STRING", "type": "assistantPost", "name": "state", "id": "{assistantId}", "userMessage": "{Query.message}", "aiConnectionName": "OpenAI", "chatModel": "DefaultChatModel", "chatStorageConnectionSetting": "ChatStorage", "collectionName": "Chats", "temperature": "1", "topP": "0.5", "maxTokens": "50", "isReasoningModel": false}',
    }


def test_embeddings_input_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.embeddings_input(
        arg_name="embeddings", input="{rawText}", input_type=InputType.RawText
    )
    def embeddings_min(trigger: str, embeddings: str) -> None:
        pass

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.embeddings_input(
        arg_name="embeddings",
        input="{filePath}",
        input_type="file_path",
        ai_connection_name="OpenAI",
        embeddings_model="text-embedding-3-small",
        max_chunk_length=1024,
        max_overlap=64,
        data_type="STRING",
    )
    def embeddings_full(trigger: str, embeddings: str) -> None:
        pass

    assert first_bindings(app) == {
        "embeddings_min": '{"direction": "IN", "type": "embeddings", "name": "embeddings", "input": "{rawText}", "inputType": "RawText", "aiConnectionName": "", "embeddingsModel": "DefaultEmbeddingsModel", "maxChunkLength": 8192, "maxOverlap": 128}',
        "embeddings_full": '{"direction": "IN", "dataType": "STRING", "type": "embeddings", "name": "embeddings", "input": "{filePath}", "inputType": "file_path", "aiConnectionName": "OpenAI", "embeddingsModel": "text-embedding-3-small", "maxChunkLength": 1024, "maxOverlap": 64}',
    }


def test_semantic_search_input_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.semantic_search_input(
        arg_name="result", search_connection_name="AISearchEndpoint", collection="docs"
    )
    def search_min(trigger: str, result: str) -> None:
        pass

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.semantic_search_input(
        arg_name="result",
        search_connection_name="AISearchEndpoint",
        collection="docs",
        query="{prompt}",
        ai_connection_name="OpenAI",
        embeddings_model=OpenAIModels.DefaultEmbeddingsModel,
        chat_model="gpt-4o",
        system_prompt="Answer from the documents.",
        max_knowledge_count=3,
        temperature="0.1",
        top_p="0.8",
        max_tokens="300",
        is_reasoning_model=True,
        data_type="STRING",
    )
    def search_full(trigger: str, result: str) -> None:
        pass

    assert first_bindings(app) == {
        "search_min": '{"direction": "IN", "type": "semanticSearch", "name": "result", "searchConnectionName": "AISearchEndpoint", "collection": "docs", "aiConnectionName": "", "embeddingsModel": "DefaultEmbeddingsModel", "chatModel": "DefaultChatModel", "systemPrompt": "You are a helpful assistant. You are responding to requests\\n    from a user about internal emails and documents. You can and\\n    should refer to the internal documents to help respond to\\n    requests. If a user makes a request that\'s not covered by the\\n    internal emails and documents, explain that you don\'t know the\\n    answer or that you don\'t have access to the information.\\n\\n    The following is a list of documents that you can refer to when\\n    answering questions. The documents are in the format\\n    [filename]: [text] and are separated by newlines. If you answer\\n    a question by referencing any of the documents, please cite the\\n    document in your answer. For example, if you answer a question\\n    by referencing info.txt, you should add \\"Reference: info.txt\\"\\n    to the end of your answer on a separate line.", "maxKnowledgeCount": 1, "temperature": "0.5", "maxTokens": "100", "isReasoningModel": false}',
        "search_full": '{"direction": "IN", "dataType": "STRING", "type": "semanticSearch", "name": "result", "searchConnectionName": "AISearchEndpoint", "collection": "docs", "query": "{prompt}", "aiConnectionName": "OpenAI", "embeddingsModel": "DefaultEmbeddingsModel", "chatModel": "gpt-4o", "systemPrompt": "Answer from the documents.", "maxKnowledgeCount": 3, "temperature": "0.1", "topP": "0.8", "maxTokens": "300", "isReasoningModel": true}',
    }


def test_embeddings_store_output_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.embeddings_store_output(
        arg_name="requests",
        input="{url}",
        input_type=InputType.FilePath,
        store_connection_name="AISearchEndpoint",
        collection="openai-index",
    )
    def store_min(trigger: str, requests: func.Out[str]) -> None:
        pass

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.embeddings_store_output(
        arg_name="requests",
        input="{text}",
        input_type=InputType.RawText,
        store_connection_name="AISearchEndpoint",
        collection="openai-index",
        ai_connection_name="OpenAI",
        embeddings_model="text-embedding-3-large",
        max_chunk_length=2048,
        max_overlap=0,
        data_type=func.DataType.BINARY,
    )
    def store_full(trigger: str, requests: func.Out[str]) -> None:
        pass

    assert first_bindings(app) == {
        "store_min": '{"direction": "OUT", "type": "embeddingsStore", "name": "requests", "input": "{url}", "inputType": "FilePath", "storeConnectionName": "AISearchEndpoint", "collection": "openai-index", "aiConnectionName": "", "embeddingsModel": "DefaultEmbeddingsModel", "maxChunkLength": 8192, "maxOverlap": 128}',
        "store_full": '{"direction": "OUT", "dataType": "BINARY", "type": "embeddingsStore", "name": "requests", "input": "{text}", "inputType": "RawText", "storeConnectionName": "AISearchEndpoint", "collection": "openai-index", "aiConnectionName": "OpenAI", "embeddingsModel": "text-embedding-3-large", "maxChunkLength": 2048, "maxOverlap": 0}',
    }


def test_models_and_input_types_are_written_as_given() -> None:
    # An enum member is written by name (as the reference does), a str as is.
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.embeddings_input(
        arg_name="embeddings",
        input="{text}",
        input_type=InputType.FilePath,
        embeddings_model="text-embedding-ada-002",
    )
    def by_member(trigger: str, embeddings: str) -> None:
        pass

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.embeddings_input(
        arg_name="embeddings",
        input="{text}",
        input_type="raw_text",
        embeddings_model=OpenAIModels.DefaultChatModel,
    )
    def by_string(trigger: str, embeddings: str) -> None:
        pass

    assert first_bindings(app) == {
        "by_member": '{"direction": "IN", "type": "embeddings", "name": "embeddings", "input": "{text}", "inputType": "FilePath", "aiConnectionName": "", "embeddingsModel": "text-embedding-ada-002", "maxChunkLength": 8192, "maxOverlap": 128}',
        "by_string": '{"direction": "IN", "type": "embeddings", "name": "embeddings", "input": "{text}", "inputType": "raw_text", "aiConnectionName": "", "embeddingsModel": "DefaultChatModel", "maxChunkLength": 8192, "maxOverlap": 128}',
    }


def test_none_leaves_a_default_property_out() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.text_completion_input(
        arg_name="response",
        prompt="p",
        ai_connection_name=None,
        chat_model=None,
        temperature=None,
        max_tokens=None,
        is_reasoning_model=None,
    )
    def completion(trigger: str, response: str) -> None:
        pass

    assert first_bindings(app) == {
        "completion": '{"direction": "IN", "type": "textCompletion", "name": "response", "prompt": "p"}'
    }


def test_camel_case_keyword_is_a_host_property_and_typos_are_refused() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="trigger", type="queueTrigger")
    @app.assistant_create_output(arg_name="requests", someHostFlag=True)
    def create(trigger: str, requests: func.Out[str]) -> None:
        pass

    assert first_bindings(app)["create"] == (
        '{"direction": "OUT", "type": "assistantCreate", "name": "requests", "someHostFlag": true}'
    )
    with pytest.raises(func.FunctionDefinitionError, match="did you mean 'chat_model'"):

        @app.text_completion_input(arg_name="r", prompt="p", chat_modle="gpt-4o")
        def typo(r: str) -> None:
            pass


def test_enums_and_defaults() -> None:
    assert InputType.RawText.value == "raw_text"
    assert InputType("file_path") is InputType.FilePath
    assert str(InputType.FilePath) == "FilePath"
    assert OpenAIModels.DefaultChatModel.value == "gpt-3.5-turbo"
    assert OpenAIModels.DefaultEmbeddingsModel.value == "text-embedding-ada-002"
    assert openai.semantic_search_system_prompt.startswith(
        "You are a helpful assistant. You are responding to requests\n    from a user"
    )
    assert openai.semantic_search_system_prompt.endswith(
        'you should add "Reference: info.txt"\n    to the end of your answer on a separate line.'
    )


@pytest.mark.parametrize(
    ("private", "public"),
    [
        ("_AssistantSkillTrigger", openai.AssistantSkillTrigger),
        ("_TextCompletionInput", openai.TextCompletionInput),
        ("_AssistantQueryInput", openai.AssistantQueryInput),
        ("_EmbeddingsInput", openai.EmbeddingsInput),
        ("_SemanticSearchInput", openai.SemanticSearchInput),
        ("_AssistantPostInput", openai.AssistantPostInput),
        ("_EmbeddingsStoreOutput", openai.EmbeddingsStoreOutput),
        ("_AssistantCreateOutput", openai.AssistantCreateOutput),
    ],
)
def test_reference_class_names(private: str, public: type) -> None:
    assert getattr(openai, private) is public


def test_binding_classes_build_json_on_their_own() -> None:
    binding = openai.TextCompletionInput("response", prompt="p")
    assert binding.get_dict_repr() == {
        "direction": func.decorators.core.BindingDirection.IN,
        "type": "textCompletion",
        "name": "response",
        "prompt": "p",
        "aiConnectionName": "",
        "chatModel": OpenAIModels.DefaultChatModel,
        "temperature": "0.5",
        "maxTokens": "100",
        "isReasoningModel": False,
    }
    assert openai.AssistantCreateOutput.get_binding_name() == "assistantCreate"
    assert openai.AssistantSkillTrigger("call", function_description="d").direction == 0
