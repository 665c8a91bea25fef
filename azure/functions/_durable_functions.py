"""The reference's private Durable Functions module path.

``azure-functions-durable`` imports its serialisation helpers from here when it
loads; they live in ``_bindings.durable``.
"""

from ._bindings.durable import STRICT_TYPING_ENV as _STRICT_ENV_VAR
from ._bindings.durable import EntityContext, OrchestrationContext, df_dumps, df_loads
from ._bindings.durable import deserialize_custom_object as _deserialize_custom_object
from ._bindings.durable import get_serialize_default as _get_serialize_default
from ._bindings.durable import is_strict_typing as _is_strict_mode
from ._bindings.durable import serialize_custom_object as _serialize_custom_object

__all__ = [
    "_STRICT_ENV_VAR",
    "EntityContext",
    "OrchestrationContext",
    "_deserialize_custom_object",
    "_get_serialize_default",
    "_is_strict_mode",
    "_serialize_custom_object",
    "df_dumps",
    "df_loads",
]
