"""The v2 programming model's public names, at the reference's module path.

Each name is imported from its module on first use, so importing a submodule
(``azure.functions.decorators.core``) does not import the whole app machinery.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .core import AccessRights as AccessRights
    from .core import AuthLevel as AuthLevel
    from .core import BlobSource as BlobSource
    from .core import Cardinality as Cardinality
    from .core import CosmosDBChangeFeedMode as CosmosDBChangeFeedMode
    from .core import DataType as DataType
    from .core import DeliveryMode as DeliveryMode
    from .core import McpPropertyType as McpPropertyType
    from .function_app import AsgiFunctionApp as AsgiFunctionApp
    from .function_app import BindingApi as BindingApi
    from .function_app import Blueprint as Blueprint
    from .function_app import DecoratorApi as DecoratorApi
    from .function_app import ExternalHttpFunctionApp as ExternalHttpFunctionApp
    from .function_app import Function as Function
    from .function_app import FunctionApp as FunctionApp
    from .function_app import FunctionRegister as FunctionRegister
    from .function_app import SettingsApi as SettingsApi
    from .function_app import TriggerApi as TriggerApi
    from .function_app import WsgiFunctionApp as WsgiFunctionApp
    from .http import HttpMethod as HttpMethod
    from .mcp import PromptArgument as PromptArgument

__all__ = [
    "AccessRights",
    "AsgiFunctionApp",
    "AuthLevel",
    "BindingApi",
    "BlobSource",
    "Blueprint",
    "Cardinality",
    "CosmosDBChangeFeedMode",
    "DataType",
    "DecoratorApi",
    "DeliveryMode",
    "ExternalHttpFunctionApp",
    "Function",
    "FunctionApp",
    "FunctionRegister",
    "HttpMethod",
    "McpPropertyType",
    "PromptArgument",
    "SettingsApi",
    "TriggerApi",
    "WsgiFunctionApp",
]

_EXPORTS = {
    "AccessRights": "core",
    "AsgiFunctionApp": "function_app",
    "AuthLevel": "core",
    "BindingApi": "function_app",
    "BlobSource": "core",
    "Blueprint": "function_app",
    "Cardinality": "core",
    "CosmosDBChangeFeedMode": "core",
    "DataType": "core",
    "DecoratorApi": "function_app",
    "DeliveryMode": "core",
    "ExternalHttpFunctionApp": "function_app",
    "Function": "function_app",
    "FunctionApp": "function_app",
    "FunctionRegister": "function_app",
    "HttpMethod": "http",
    "McpPropertyType": "core",
    "PromptArgument": "mcp",
    "SettingsApi": "function_app",
    "TriggerApi": "function_app",
    "WsgiFunctionApp": "function_app",
}

if not TYPE_CHECKING:
    from .._lazy import lazy_exports

    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
