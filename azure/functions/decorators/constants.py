"""The host's binding type names (the ``"type"`` of each binding's JSON)."""

from __future__ import annotations

__all__ = [
    "ACTIVITY_TRIGGER",
    "ASSISTANT_CREATE",
    "ASSISTANT_POST",
    "ASSISTANT_QUERY",
    "ASSISTANT_SKILL_TRIGGER",
    "BLOB",
    "BLOB_TRIGGER",
    "CONNECTOR_TRIGGER",
    "COSMOS_DB",
    "COSMOS_DB_TRIGGER",
    "DAPR_BINDING",
    "DAPR_BINDING_TRIGGER",
    "DAPR_INVOKE",
    "DAPR_PUBLISH",
    "DAPR_SECRET",
    "DAPR_SERVICE_INVOCATION_TRIGGER",
    "DAPR_STATE",
    "DAPR_TOPIC_TRIGGER",
    "DURABLE_CLIENT",
    "EMBEDDINGS",
    "EMBEDDINGS_STORE",
    "ENTITY_TRIGGER",
    "EVENT_GRID",
    "EVENT_GRID_TRIGGER",
    "EVENT_HUB",
    "EVENT_HUB_TRIGGER",
    "HTTP_OUTPUT",
    "HTTP_TRIGGER",
    "KAFKA",
    "KAFKA_TRIGGER",
    "MCP_PROMPT_TRIGGER",
    "MCP_RESOURCE_TRIGGER",
    "MCP_TOOL_TRIGGER",
    "MYSQL",
    "MYSQL_TRIGGER",
    "ORCHESTRATION_TRIGGER",
    "QUEUE",
    "QUEUE_TRIGGER",
    "SEMANTIC_SEARCH",
    "SERVICE_BUS",
    "SERVICE_BUS_TRIGGER",
    "SQL",
    "SQL_TRIGGER",
    "TABLE",
    "TEXT_COMPLETION",
    "TIMER_TRIGGER",
    "WARMUP_TRIGGER",
]

#: The type of the ``activityTrigger`` trigger.
ACTIVITY_TRIGGER = "activityTrigger"
#: The type of the ``assistantCreate`` binding.
ASSISTANT_CREATE = "assistantCreate"
#: The type of the ``assistantPost`` binding.
ASSISTANT_POST = "assistantPost"
#: The type of the ``assistantQuery`` binding.
ASSISTANT_QUERY = "assistantQuery"
#: The type of the ``assistantSkillTrigger`` trigger.
ASSISTANT_SKILL_TRIGGER = "assistantSkillTrigger"
#: The type of the ``blob`` binding.
BLOB = "blob"
#: The type of the ``blobTrigger`` trigger.
BLOB_TRIGGER = "blobTrigger"
#: The type of the ``connectorTrigger`` trigger.
CONNECTOR_TRIGGER = "connectorTrigger"
#: The type of the ``cosmosDB`` binding.
COSMOS_DB = "cosmosDB"
#: The type of the ``cosmosDBTrigger`` trigger.
COSMOS_DB_TRIGGER = "cosmosDBTrigger"
#: The type of the ``daprBinding`` binding.
DAPR_BINDING = "daprBinding"
#: The type of the ``daprBindingTrigger`` trigger.
DAPR_BINDING_TRIGGER = "daprBindingTrigger"
#: The type of the ``daprInvoke`` binding.
DAPR_INVOKE = "daprInvoke"
#: The type of the ``daprPublish`` binding.
DAPR_PUBLISH = "daprPublish"
#: The type of the ``daprSecret`` binding.
DAPR_SECRET = "daprSecret"
#: The type of the ``daprServiceInvocationTrigger`` trigger.
DAPR_SERVICE_INVOCATION_TRIGGER = "daprServiceInvocationTrigger"
#: The type of the ``daprState`` binding.
DAPR_STATE = "daprState"
#: The type of the ``daprTopicTrigger`` trigger.
DAPR_TOPIC_TRIGGER = "daprTopicTrigger"
#: The type of the ``durableClient`` binding.
DURABLE_CLIENT = "durableClient"
#: The type of the ``embeddings`` binding.
EMBEDDINGS = "embeddings"
#: The type of the ``embeddingsStore`` binding.
EMBEDDINGS_STORE = "embeddingsStore"
#: The type of the ``entityTrigger`` trigger.
ENTITY_TRIGGER = "entityTrigger"
#: The type of the ``eventGrid`` binding.
EVENT_GRID = "eventGrid"
#: The type of the ``eventGridTrigger`` trigger.
EVENT_GRID_TRIGGER = "eventGridTrigger"
#: The type of the ``eventHub`` binding.
EVENT_HUB = "eventHub"
#: The type of the ``eventHubTrigger`` trigger.
EVENT_HUB_TRIGGER = "eventHubTrigger"
#: The type of the ``http`` output binding.
HTTP_OUTPUT = "http"
#: The type of the ``httpTrigger`` trigger.
HTTP_TRIGGER = "httpTrigger"
#: The type of the ``kafka`` binding.
KAFKA = "kafka"
#: The type of the ``kafkaTrigger`` trigger.
KAFKA_TRIGGER = "kafkaTrigger"
#: The type of the ``mcpPromptTrigger`` trigger.
MCP_PROMPT_TRIGGER = "mcpPromptTrigger"
#: The type of the ``mcpResourceTrigger`` trigger.
MCP_RESOURCE_TRIGGER = "mcpResourceTrigger"
#: The type of the ``mcpToolTrigger`` trigger.
MCP_TOOL_TRIGGER = "mcpToolTrigger"
#: The type of the ``mysql`` binding.
MYSQL = "mysql"
#: The type of the ``mysqlTrigger`` trigger.
MYSQL_TRIGGER = "mysqlTrigger"
#: The type of the ``orchestrationTrigger`` trigger.
ORCHESTRATION_TRIGGER = "orchestrationTrigger"
#: The type of the ``queue`` binding.
QUEUE = "queue"
#: The type of the ``queueTrigger`` trigger.
QUEUE_TRIGGER = "queueTrigger"
#: The type of the ``semanticSearch`` binding.
SEMANTIC_SEARCH = "semanticSearch"
#: The type of the ``serviceBus`` binding.
SERVICE_BUS = "serviceBus"
#: The type of the ``serviceBusTrigger`` trigger.
SERVICE_BUS_TRIGGER = "serviceBusTrigger"
#: The type of the ``sql`` binding.
SQL = "sql"
#: The type of the ``sqlTrigger`` trigger.
SQL_TRIGGER = "sqlTrigger"
#: The type of the ``table`` binding.
TABLE = "table"
#: The type of the ``textCompletion`` binding.
TEXT_COMPLETION = "textCompletion"
#: The type of the ``timerTrigger`` trigger.
TIMER_TRIGGER = "timerTrigger"
#: The type of the ``warmupTrigger`` trigger.
WARMUP_TRIGGER = "warmupTrigger"
