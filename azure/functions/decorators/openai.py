"""Azure OpenAI extension: assistants, completions, embeddings, semantic search.

The bindings of the ``Microsoft.Azure.Functions.Worker.Extensions.OpenAI``
host extension. As in the reference, the model and input-type arguments are
written as given: an :class:`OpenAIModels` or :class:`InputType` member as its
*name* (``"DefaultChatModel"``), a string as is (``"gpt-4o"``).
"""

from __future__ import annotations

from ._builder import DecoratorApi, FunctionDecorator
from .constants import (
    ASSISTANT_CREATE,
    ASSISTANT_POST,
    ASSISTANT_QUERY,
    ASSISTANT_SKILL_TRIGGER,
    EMBEDDINGS,
    EMBEDDINGS_STORE,
    SEMANTIC_SEARCH,
    TEXT_COMPLETION,
)
from .core import BindingField, DataType, InputBinding, OutputBinding, Trigger
from .utils import StringifyEnum

__all__ = [
    "AssistantCreateOutput",
    "AssistantPostInput",
    "AssistantQueryInput",
    "AssistantSkillTrigger",
    "EmbeddingsInput",
    "EmbeddingsStoreOutput",
    "InputType",
    "OpenAIModels",
    "SemanticSearchInput",
    "TextCompletionInput",
    "semantic_search_system_prompt",
]


class InputType(StringifyEnum):
    """What an embeddings binding's ``input`` holds: the text, or a file's path."""

    RawText = "raw_text"
    FilePath = "file_path"


class OpenAIModels(StringifyEnum):
    """The default models (written by member name, as the reference does)."""

    DefaultChatModel = "gpt-3.5-turbo"
    DefaultEmbeddingsModel = "text-embedding-ada-002"


#: The system prompt :meth:`semantic_search_input` uses by default (sent as is).
semantic_search_system_prompt = (
    "You are a helpful assistant. You are responding to requests\n"
    "    from a user about internal emails and documents. You can and\n"
    "    should refer to the internal documents to help respond to\n"
    "    requests. If a user makes a request that's not covered by the\n"
    "    internal emails and documents, explain that you don't know the\n"
    "    answer or that you don't have access to the information.\n"
    "\n"
    "    The following is a list of documents that you can refer to when\n"
    "    answering questions. The documents are in the format\n"
    "    [filename]: [text] and are separated by newlines. If you answer\n"
    "    a question by referencing any of the documents, please cite the\n"
    "    document in your answer. For example, if you answer a question\n"
    '    by referencing info.txt, you should add "Reference: info.txt"\n'
    "    to the end of your answer on a separate line."
)

_STORAGE = "AzureWebJobsStorage"
_COLLECTION = "ChatState"
_CHAT = OpenAIModels.DefaultChatModel
_EMBEDDINGS = OpenAIModels.DefaultEmbeddingsModel


def _chat_fields() -> tuple[BindingField, ...]:
    """The sampling settings shared by the chat bindings, in the reference's order."""
    return (
        BindingField("temperature", default="0.5"),
        BindingField("top_p"),
        BindingField("max_tokens", default="100"),
        BindingField("is_reasoning_model", default=False),
    )


def _embedding_fields() -> tuple[BindingField, ...]:
    return (
        BindingField("ai_connection_name", default=""),
        BindingField("embeddings_model", default=_EMBEDDINGS),
        BindingField("max_chunk_length", default=8 * 1024),
        BindingField("max_overlap", default=128),
    )


class AssistantSkillTrigger(Trigger):
    """Runs the function when an assistant calls it as a skill."""

    binding_type = ASSISTANT_SKILL_TRIGGER
    fields = (
        BindingField("function_description"),
        BindingField("function_name"),
        BindingField("parameter_description_json"),
    )


class TextCompletionInput(InputBinding):
    """The chat model's completion of a prompt (``textCompletion``)."""

    binding_type = TEXT_COMPLETION
    fields = (
        BindingField("prompt"),
        BindingField("ai_connection_name", default=""),
        BindingField("chat_model", default=_CHAT),
        *_chat_fields(),
    )


class AssistantQueryInput(InputBinding):
    """An assistant's chat history (``assistantQuery``)."""

    binding_type = ASSISTANT_QUERY
    fields = (
        BindingField("id"),
        BindingField("timestamp_utc"),
        BindingField("chat_storage_connection_setting", default=_STORAGE),
        BindingField("collection_name", default=_COLLECTION),
    )


class EmbeddingsInput(InputBinding):
    """Embeddings computed for a text or a file (``embeddings``)."""

    binding_type = EMBEDDINGS
    fields = (BindingField("input"), BindingField("input_type"), *_embedding_fields())


class SemanticSearchInput(InputBinding):
    """A chat answer grounded in a vector store search (``semanticSearch``)."""

    binding_type = SEMANTIC_SEARCH
    fields = (
        BindingField("search_connection_name"),
        BindingField("collection"),
        BindingField("query"),
        BindingField("ai_connection_name", default=""),
        BindingField("embeddings_model", default=_EMBEDDINGS),
        BindingField("chat_model", default=_CHAT),
        BindingField("system_prompt", default=semantic_search_system_prompt),
        BindingField("max_knowledge_count", default=1),
        *_chat_fields(),
    )


class AssistantPostInput(InputBinding):
    """An assistant's reply to a user message, kept in its state (``assistantPost``)."""

    binding_type = ASSISTANT_POST
    fields = (
        BindingField("id"),
        BindingField("user_message"),
        BindingField("ai_connection_name", default=""),
        BindingField("chat_model", default=_CHAT),
        BindingField("chat_storage_connection_setting", default=_STORAGE),
        BindingField("collection_name", default=_COLLECTION),
        *_chat_fields(),
    )


class EmbeddingsStoreOutput(OutputBinding):
    """Stores the embeddings of a text or a file in a vector store."""

    binding_type = EMBEDDINGS_STORE
    fields = (
        BindingField("input"),
        BindingField("input_type"),
        BindingField("store_connection_name"),
        BindingField("collection"),
        *_embedding_fields(),
    )


class AssistantCreateOutput(OutputBinding):
    """Creates an assistant from the value written (``assistantCreate``)."""

    binding_type = ASSISTANT_CREATE


# The reference's (private) class names.
_AssistantSkillTrigger = AssistantSkillTrigger
_TextCompletionInput = TextCompletionInput
_AssistantQueryInput = AssistantQueryInput
_EmbeddingsInput = EmbeddingsInput
_SemanticSearchInput = SemanticSearchInput
_AssistantPostInput = AssistantPostInput
_EmbeddingsStoreOutput = EmbeddingsStoreOutput
_AssistantCreateOutput = AssistantCreateOutput


class _OpenAITriggerApi(DecoratorApi):
    def assistant_skill_trigger(
        self,
        arg_name: str,
        function_description: str,
        function_name: str | None = None,
        parameter_description_json: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Runs the function when an assistant decides to call it (a skill).

        The model sees the function's name and descriptions and picks when to
        call it, with which arguments (OpenAI function calling).

        :param arg_name: The parameter receiving the call's arguments.
        :param function_description: What the function does, for the model.
        :param function_name: The name the model knows it by.
        :param parameter_description_json: A JSON description of its
            parameters (the default is generated).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(AssistantSkillTrigger, locals())


class _OpenAIBindingApi(DecoratorApi):
    def text_completion_input(
        self,
        arg_name: str,
        prompt: str,
        ai_connection_name: str | None = "",
        chat_model: str | OpenAIModels | None = OpenAIModels.DefaultChatModel,
        temperature: str | None = "0.5",
        top_p: str | None = None,
        max_tokens: str | None = "100",
        is_reasoning_model: bool | None = False,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Passes the chat model's completion of *prompt* (Chat Completions API).

        :param arg_name: The parameter receiving the completion.
        :param prompt: The prompt; binding expressions such as ``{name}`` work.
        :param ai_connection_name: The configuration section with the AI
            service's endpoint and key ("": the ``AZURE_OPENAI_*`` or
            ``OPENAI_API_KEY`` environment variables).
        :param chat_model: The model or deployment name.
        :param temperature: Sampling temperature, ``"0"`` to ``"2"``.
        :param top_p: Nucleus sampling mass (use it or *temperature*).
        :param max_tokens: The most tokens to generate.
        :param is_reasoning_model: Whether the model is a reasoning model
            (which takes neither *max_tokens* nor *temperature*).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(TextCompletionInput, locals())

    def assistant_create_output(
        self,
        arg_name: str,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Creates an assistant from the value the function writes.

        :param arg_name: The ``func.Out`` parameter (or ``"$return"``).
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(AssistantCreateOutput, locals())

    def assistant_query_input(
        self,
        arg_name: str,
        id: str,
        timestamp_utc: str,
        chat_storage_connection_setting: str | None = "AzureWebJobsStorage",
        collection_name: str | None = "ChatState",
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Passes an assistant's chat history.

        :param arg_name: The parameter receiving the history.
        :param id: The assistant's id.
        :param timestamp_utc: The earliest message to include (ISO 8601, UTC).
        :param chat_storage_connection_setting: The configuration section of
            the chat state storage.
        :param collection_name: The table or collection of the chat state.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(AssistantQueryInput, locals())

    def assistant_post_input(
        self,
        arg_name: str,
        id: str,
        user_message: str,
        ai_connection_name: str | None = "",
        chat_model: str | OpenAIModels | None = OpenAIModels.DefaultChatModel,
        chat_storage_connection_setting: str | None = "AzureWebJobsStorage",
        collection_name: str | None = "ChatState",
        temperature: str | None = "0.5",
        top_p: str | None = None,
        max_tokens: str | None = "100",
        is_reasoning_model: bool | None = False,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Sends a user message to an assistant; passes its updated state.

        :param arg_name: The parameter receiving the assistant's state.
        :param id: The assistant's id.
        :param user_message: The user's message.
        :param ai_connection_name: The configuration section with the AI
            service's endpoint and key.
        :param chat_model: The model or deployment name.
        :param chat_storage_connection_setting: The configuration section of
            the chat state storage.
        :param collection_name: The table or collection of the chat state.
        :param temperature: Sampling temperature, ``"0"`` to ``"2"``.
        :param top_p: Nucleus sampling mass (use it or *temperature*).
        :param max_tokens: The most tokens to generate.
        :param is_reasoning_model: Whether the model is a reasoning model.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(AssistantPostInput, locals())

    def embeddings_input(
        self,
        arg_name: str,
        input: str,
        input_type: InputType | str,
        ai_connection_name: str | None = "",
        embeddings_model: str | OpenAIModels | None = (
            OpenAIModels.DefaultEmbeddingsModel
        ),
        max_chunk_length: int | None = 8 * 1024,
        max_overlap: int | None = 128,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Passes the embeddings of a text or of a file's contents.

        :param arg_name: The parameter receiving the embeddings.
        :param input: The text, or the file's path (binding expressions work).
        :param input_type: Which of the two *input* is.
        :param ai_connection_name: The configuration section with the AI
            service's endpoint and key.
        :param embeddings_model: The embeddings model or deployment name.
        :param max_chunk_length: The longest chunk the input is cut into.
        :param max_overlap: How many characters chunks overlap.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(EmbeddingsInput, locals())

    def semantic_search_input(
        self,
        arg_name: str,
        search_connection_name: str,
        collection: str,
        query: str | None = None,
        ai_connection_name: str | None = "",
        embeddings_model: str | OpenAIModels | None = (
            OpenAIModels.DefaultEmbeddingsModel
        ),
        chat_model: str | OpenAIModels | None = OpenAIModels.DefaultChatModel,
        system_prompt: str | None = semantic_search_system_prompt,
        max_knowledge_count: int | None = 1,
        temperature: str | None = "0.5",
        top_p: str | None = None,
        max_tokens: str | None = "100",
        is_reasoning_model: bool | None = False,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Answers *query* with the chat model, from the vector store's best matches.

        :param arg_name: The parameter receiving the answer.
        :param search_connection_name: The app setting with the vector
            store's connection.
        :param collection: The collection or index to search.
        :param query: The question (binding expressions work).
        :param ai_connection_name: The configuration section with the AI
            service's endpoint and key.
        :param embeddings_model: The embeddings model or deployment name.
        :param chat_model: The chat model or deployment name.
        :param system_prompt: The system prompt given to the chat model.
        :param max_knowledge_count: How many matches go into the prompt.
        :param temperature: Sampling temperature, ``"0"`` to ``"2"``.
        :param top_p: Nucleus sampling mass (use it or *temperature*).
        :param max_tokens: The most tokens to generate.
        :param is_reasoning_model: Whether the model is a reasoning model.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(SemanticSearchInput, locals())

    def embeddings_store_output(
        self,
        arg_name: str,
        input: str,
        input_type: InputType | str,
        store_connection_name: str,
        collection: str,
        ai_connection_name: str | None = "",
        embeddings_model: str | OpenAIModels | None = (
            OpenAIModels.DefaultEmbeddingsModel
        ),
        max_chunk_length: int | None = 8 * 1024,
        max_overlap: int | None = 128,
        data_type: DataType | str | None = None,
        **kwargs: object,
    ) -> FunctionDecorator:
        """Stores the embeddings of a text or of a file's contents in a vector store.

        :param arg_name: The ``func.Out`` parameter (or ``"$return"``).
        :param input: The text, or the file's path (binding expressions work).
        :param input_type: Which of the two *input* is.
        :param store_connection_name: The app setting with the vector
            store's connection.
        :param collection: The collection or index to write to.
        :param ai_connection_name: The configuration section with the AI
            service's endpoint and key.
        :param embeddings_model: The embeddings model or deployment name.
        :param max_chunk_length: The longest chunk the input is cut into.
        :param max_overlap: How many characters chunks overlap.
        :param data_type: How the host hands the value over.
        :param kwargs: Further host properties, spelt as their camelCase JSON key.
        """
        return self._add(EmbeddingsStoreOutput, locals())
