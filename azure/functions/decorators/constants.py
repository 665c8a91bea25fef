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

ACTIVITY_TRIGGER = "activityTrigger"
ASSISTANT_CREATE = "assistantCreate"
ASSISTANT_POST = "assistantPost"
ASSISTANT_QUERY = "assistantQuery"
ASSISTANT_SKILL_TRIGGER = "assistantSkillTrigger"
BLOB = "blob"
BLOB_TRIGGER = "blobTrigger"
CONNECTOR_TRIGGER = "connectorTrigger"
COSMOS_DB = "cosmosDB"
COSMOS_DB_TRIGGER = "cosmosDBTrigger"
DAPR_BINDING = "daprBinding"
DAPR_BINDING_TRIGGER = "daprBindingTrigger"
DAPR_INVOKE = "daprInvoke"
DAPR_PUBLISH = "daprPublish"
DAPR_SECRET = "daprSecret"
DAPR_SERVICE_INVOCATION_TRIGGER = "daprServiceInvocationTrigger"
DAPR_STATE = "daprState"
DAPR_TOPIC_TRIGGER = "daprTopicTrigger"
DURABLE_CLIENT = "durableClient"
EMBEDDINGS = "embeddings"
EMBEDDINGS_STORE = "embeddingsStore"
ENTITY_TRIGGER = "entityTrigger"
EVENT_GRID = "eventGrid"
EVENT_GRID_TRIGGER = "eventGridTrigger"
EVENT_HUB = "eventHub"
EVENT_HUB_TRIGGER = "eventHubTrigger"
HTTP_OUTPUT = "http"
HTTP_TRIGGER = "httpTrigger"
KAFKA = "kafka"
KAFKA_TRIGGER = "kafkaTrigger"
MCP_PROMPT_TRIGGER = "mcpPromptTrigger"
MCP_RESOURCE_TRIGGER = "mcpResourceTrigger"
MCP_TOOL_TRIGGER = "mcpToolTrigger"
MYSQL = "mysql"
MYSQL_TRIGGER = "mysqlTrigger"
ORCHESTRATION_TRIGGER = "orchestrationTrigger"
QUEUE = "queue"
QUEUE_TRIGGER = "queueTrigger"
SEMANTIC_SEARCH = "semanticSearch"
SERVICE_BUS = "serviceBus"
SERVICE_BUS_TRIGGER = "serviceBusTrigger"
SQL = "sql"
SQL_TRIGGER = "sqlTrigger"
TABLE = "table"
TEXT_COMPLETION = "textCompletion"
TIMER_TRIGGER = "timerTrigger"
WARMUP_TRIGGER = "warmupTrigger"
