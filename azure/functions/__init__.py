"""Azure Functions for Python: the types user code and the worker import.

``import azure.functions as func`` is cheap: each name below is imported from
its module the first time it is used (see ``_EXPORTS``).
"""

from ._version import __version__ as __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from . import blob as blob
    from . import connectors as connectors
    from . import cosmosdb as cosmosdb
    from . import decorators as decorators
    from . import durable_functions as durable_functions
    from . import eventgrid as eventgrid
    from . import eventhub as eventhub
    from . import extension as extension
    from . import http as http
    from . import kafka as kafka
    from . import mcp as mcp
    from . import meta as meta
    from . import mysql as mysql
    from . import queue as queue
    from . import servicebus as servicebus
    from . import sql as sql
    from . import timer as timer
    from . import warmup as warmup
    from ._asgi import AsgiMiddleware as AsgiMiddleware
    from ._bindings.blob import InputStream as InputStream
    from ._bindings.cosmosdb import Document as Document
    from ._bindings.cosmosdb import DocumentList as DocumentList
    from ._bindings.durable import EntityContext as EntityContext
    from ._bindings.durable import OrchestrationContext as OrchestrationContext
    from ._bindings.eventgrid import CloudEvent as CloudEvent
    from ._bindings.eventgrid import EventGridEvent as EventGridEvent
    from ._bindings.eventgrid import EventGridOutputEvent as EventGridOutputEvent
    from ._bindings.eventhub import EventHubEvent as EventHubEvent
    from ._bindings.kafka import KafkaConverter as KafkaConverter
    from ._bindings.kafka import KafkaEvent as KafkaEvent
    from ._bindings.kafka import KafkaTriggerConverter as KafkaTriggerConverter
    from ._bindings.mcp import MCPToolContext as MCPToolContext
    from ._bindings.mcp import PromptInvocationContext as PromptInvocationContext
    from ._bindings.mysql import MySqlRow as MySqlRow
    from ._bindings.mysql import MySqlRowList as MySqlRowList
    from ._bindings.queue import QueueMessage as QueueMessage
    from ._bindings.servicebus import ServiceBusMessage as ServiceBusMessage
    from ._bindings.sql import SqlRow as SqlRow
    from ._bindings.sql import SqlRowList as SqlRowList
    from ._bindings.timer import TimerRequest as TimerRequest
    from ._bindings.warmup import WarmUpContext as WarmUpContext
    from ._context import Context as Context
    from ._context import RetryContext as RetryContext
    from ._context import RpcException as RpcException
    from ._context import TraceContext as TraceContext
    from ._errors import ConverterRegistrationError as ConverterRegistrationError
    from ._errors import DatumTypeError as DatumTypeError
    from ._errors import DatumValueError as DatumValueError
    from ._errors import FormDataError as FormDataError
    from ._errors import FunctionDefinitionError as FunctionDefinitionError
    from ._errors import FunctionsError as FunctionsError
    from ._errors import HeaderTypeError as HeaderTypeError
    from ._errors import InvalidHeaderError as InvalidHeaderError
    from ._errors import InvalidJSONError as InvalidJSONError
    from ._errors import JSONShapeError as JSONShapeError
    from ._errors import OutputNotSetError as OutputNotSetError
    from ._errors import PayloadTooLargeError as PayloadTooLargeError
    from ._errors import ResponseBodyError as ResponseBodyError
    from ._form import FormData as FormData
    from ._form import FormLimits as FormLimits
    from ._form import UploadedFile as UploadedFile
    from ._http_request import HttpRequest as HttpRequest
    from ._http_response import HttpResponse as HttpResponse
    from ._json_check import check_json as check_json
    from ._out import Out as Out
    from ._register import register_converter as register_converter
    from ._registry import get_binding_registry as get_binding_registry
    from ._types import JSONValue as JSONValue
    from ._wsgi import WsgiMiddleware as WsgiMiddleware
    from .decorators.core import AccessRights as AccessRights
    from .decorators.core import AuthLevel as AuthLevel
    from .decorators.core import BlobSource as BlobSource
    from .decorators.core import Cardinality as Cardinality
    from .decorators.core import CosmosDBChangeFeedMode as CosmosDBChangeFeedMode
    from .decorators.core import DataType as DataType
    from .decorators.core import DeliveryMode as DeliveryMode
    from .decorators.core import McpPropertyType as McpPropertyType
    from .decorators.function_app import AsgiFunctionApp as AsgiFunctionApp
    from .decorators.function_app import BindingApi as BindingApi
    from .decorators.function_app import Blueprint as Blueprint
    from .decorators.function_app import DecoratorApi as DecoratorApi
    from .decorators.function_app import (
        ExternalHttpFunctionApp as ExternalHttpFunctionApp,
    )
    from .decorators.function_app import Function as Function
    from .decorators.function_app import FunctionApp as FunctionApp
    from .decorators.function_app import FunctionRegister as FunctionRegister
    from .decorators.function_app import SettingsApi as SettingsApi
    from .decorators.function_app import TriggerApi as TriggerApi
    from .decorators.function_app import WsgiFunctionApp as WsgiFunctionApp
    from .decorators.http import HttpMethod as HttpMethod
    from .decorators.mcp import PromptArgument as PromptArgument
    from .decorators.mcp import mcp_content as mcp_content
    from .extension import AppExtensionBase as AppExtensionBase
    from .extension import ExtensionMeta as ExtensionMeta
    from .extension import FuncExtensionBase as FuncExtensionBase
    from .extension import FunctionExtensionException as FunctionExtensionException

__all__ = [
    "AccessRights",
    "AppExtensionBase",
    "AsgiFunctionApp",
    "AsgiMiddleware",
    "AuthLevel",
    "BindingApi",
    "BlobSource",
    "Blueprint",
    "Cardinality",
    "CloudEvent",
    "Context",
    "ConverterRegistrationError",
    "CosmosDBChangeFeedMode",
    "DataType",
    "DatumTypeError",
    "DatumValueError",
    "DecoratorApi",
    "DeliveryMode",
    "Document",
    "DocumentList",
    "EntityContext",
    "EventGridEvent",
    "EventGridOutputEvent",
    "EventHubEvent",
    "ExtensionMeta",
    "ExternalHttpFunctionApp",
    "FormData",
    "FormDataError",
    "FormLimits",
    "FuncExtensionBase",
    "Function",
    "FunctionApp",
    "FunctionDefinitionError",
    "FunctionExtensionException",
    "FunctionRegister",
    "FunctionsError",
    "HeaderTypeError",
    "HttpMethod",
    "HttpRequest",
    "HttpResponse",
    "InputStream",
    "InvalidHeaderError",
    "InvalidJSONError",
    "JSONShapeError",
    "JSONValue",
    "KafkaConverter",
    "KafkaEvent",
    "KafkaTriggerConverter",
    "MCPToolContext",
    "McpPropertyType",
    "MySqlRow",
    "MySqlRowList",
    "OrchestrationContext",
    "Out",
    "OutputNotSetError",
    "PayloadTooLargeError",
    "PromptArgument",
    "PromptInvocationContext",
    "QueueMessage",
    "ResponseBodyError",
    "RetryContext",
    "RpcException",
    "ServiceBusMessage",
    "SettingsApi",
    "SqlRow",
    "SqlRowList",
    "TimerRequest",
    "TraceContext",
    "TriggerApi",
    "UploadedFile",
    "WarmUpContext",
    "WsgiFunctionApp",
    "WsgiMiddleware",
    "check_json",
    "get_binding_registry",
    "mcp_content",
    "register_converter",
]

# Public name -> the private module defining it ("" for a submodule itself).
_EXPORTS = {
    "AccessRights": "decorators.core",
    "AppExtensionBase": "extension",
    "AsgiFunctionApp": "decorators.function_app",
    "AsgiMiddleware": "_asgi",
    "AuthLevel": "decorators.core",
    "BindingApi": "decorators.function_app",
    "BlobSource": "decorators.core",
    "Blueprint": "decorators.function_app",
    "Cardinality": "decorators.core",
    "CloudEvent": "_bindings.eventgrid",
    "Context": "_context",
    "ConverterRegistrationError": "_errors",
    "CosmosDBChangeFeedMode": "decorators.core",
    "DataType": "decorators.core",
    "DatumTypeError": "_errors",
    "DatumValueError": "_errors",
    "DecoratorApi": "decorators.function_app",
    "DeliveryMode": "decorators.core",
    "Document": "_bindings.cosmosdb",
    "DocumentList": "_bindings.cosmosdb",
    "EntityContext": "_bindings.durable",
    "EventGridEvent": "_bindings.eventgrid",
    "EventGridOutputEvent": "_bindings.eventgrid",
    "EventHubEvent": "_bindings.eventhub",
    "ExtensionMeta": "extension",
    "ExternalHttpFunctionApp": "decorators.function_app",
    "FormData": "_form",
    "FormDataError": "_errors",
    "FormLimits": "_form",
    "FuncExtensionBase": "extension",
    "Function": "decorators.function_app",
    "FunctionApp": "decorators.function_app",
    "FunctionDefinitionError": "_errors",
    "FunctionExtensionException": "extension",
    "FunctionRegister": "decorators.function_app",
    "FunctionsError": "_errors",
    "HeaderTypeError": "_errors",
    "HttpMethod": "decorators.http",
    "HttpRequest": "_http_request",
    "HttpResponse": "_http_response",
    "InputStream": "_bindings.blob",
    "InvalidHeaderError": "_errors",
    "InvalidJSONError": "_errors",
    "JSONShapeError": "_errors",
    "JSONValue": "_types",
    "KafkaConverter": "_bindings.kafka",
    "KafkaEvent": "_bindings.kafka",
    "KafkaTriggerConverter": "_bindings.kafka",
    "MCPToolContext": "_bindings.mcp",
    "McpPropertyType": "decorators.core",
    "MySqlRow": "_bindings.mysql",
    "MySqlRowList": "_bindings.mysql",
    "OrchestrationContext": "_bindings.durable",
    "Out": "_out",
    "OutputNotSetError": "_errors",
    "PayloadTooLargeError": "_errors",
    "PromptArgument": "decorators.mcp",
    "PromptInvocationContext": "_bindings.mcp",
    "QueueMessage": "_bindings.queue",
    "ResponseBodyError": "_errors",
    "RetryContext": "_context",
    "RpcException": "_context",
    "ServiceBusMessage": "_bindings.servicebus",
    "SettingsApi": "decorators.function_app",
    "SqlRow": "_bindings.sql",
    "SqlRowList": "_bindings.sql",
    "TimerRequest": "_bindings.timer",
    "TraceContext": "_context",
    "TriggerApi": "decorators.function_app",
    "UploadedFile": "_form",
    "WarmUpContext": "_bindings.warmup",
    "WsgiFunctionApp": "decorators.function_app",
    "WsgiMiddleware": "_wsgi",
    "check_json": "_json_check",
    "get_binding_registry": "_registry",
    "mcp_content": "decorators.mcp",
    "register_converter": "_register",
    # Submodules the reference imported eagerly, so `func.meta.Datum` works.
    "blob": "",
    "connectors": "",
    "cosmosdb": "",
    "decorators": "",
    "durable_functions": "",
    "eventgrid": "",
    "eventhub": "",
    "extension": "",
    "http": "",
    "kafka": "",
    "mcp": "",
    "meta": "",
    "mysql": "",
    "queue": "",
    "servicebus": "",
    "sql": "",
    "timer": "",
    "warmup": "",
}


# Defined for the interpreter only: a module __getattr__ visible to type checkers
# would make every misspelt name (func.HttpRequst) type-check.
if not TYPE_CHECKING:
    from ._lazy import lazy_exports

    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
