"""Durable Functions: the orchestration, entity, activity and client bindings.

These converters pass values through for the ``azure-functions-durable``
library: orchestration and entity triggers wrap the JSON text the extension
sends in a context object and send back the JSON text the library returns;
activities receive and return plain values, through the JSON codec below
(:func:`df_dumps` / :func:`df_loads`), which the library uses too.

The codec writes objects it cannot serialise natively as a
``{"__class__", "__module__", "__data__"}`` envelope built from the object's
``to_json``, and rebuilds them with the class's ``from_json``, looking the class
up only among modules already imported. Setting the environment variable
``AZURE_FUNCTIONS_DURABLE_STRICT_TYPING`` to ``1``, ``true`` or ``yes`` selects
strict mode: only a top-level object is wrapped, and envelopes are rebuilt only
for an ``expected_type`` that matches them.
"""

from __future__ import annotations

import json
import os
import re
import sys
from typing import TypeGuard

from .._converter import InConverter, OutConverter
from .._datum import Datum, to_datum
from .._errors import DatumTypeError
from ._base import BindingConverter, utf8_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from .._datum import DatumLike

__all__ = [
    "STRICT_TYPING_ENV",
    "ActivityTriggerConverter",
    "DurableClientConverter",
    "DurablePayloadError",
    "EnitityTriggerConverter",
    "EntityContext",
    "EntityTriggerConverter",
    "OrchestrationContext",
    "OrchestrationTriggerConverter",
    "deserialize_custom_object",
    "df_dumps",
    "df_loads",
    "get_serialize_default",
    "is_strict_typing",
    "serialize_custom_object",
]

#: The environment variable that selects strict typing for the codec.
STRICT_TYPING_ENV = "AZURE_FUNCTIONS_DURABLE_STRICT_TYPING"
_TRUTHY = frozenset({"1", "true", "yes"})
_ENVELOPE_KEYS = frozenset({"__class__", "__module__", "__data__"})
_LOGGER_NAME = "azure.functions.DurableFunctions"


class DurablePayloadError(DatumTypeError, ValueError):
    """A durable payload that cannot be serialised or rebuilt.

    A ``ValueError`` too, as the reference package raised, with the
    underlying error as ``__cause__``.
    """


# --- the JSON codec -----------------------------------------------------------


def is_strict_typing() -> bool:
    """Whether strict typing is selected (read on every call)."""
    return os.environ.get(STRICT_TYPING_ENV, "").strip().lower() in _TRUTHY


def serialize_custom_object(obj: object) -> dict[str, object]:
    """The envelope for *obj*: its class and module names and its ``to_json()``.

    The ``default`` hook of ``json.dumps``; ``TypeError`` when *obj* has no
    ``to_json``.
    """
    if not hasattr(obj, "to_json"):
        raise TypeError(f"class {type(obj)} does not expose a `to_json` function")
    cls = type(obj)
    to_json: Callable[[object], object] = cls.to_json
    return {
        "__class__": cls.__name__,
        "__module__": cls.__module__,
        "__data__": to_json(obj),
    }


def deserialize_custom_object(obj: dict[str, object]) -> object:
    """Rebuild the object an envelope describes; other dicts come back as they are.

    The ``object_hook`` of ``json.loads``. The class is looked up in modules
    already imported (``sys.modules``), never imported on demand:
    ``ValueError`` when its module is not loaded, ``AttributeError`` when the
    module has no such class, ``TypeError`` when the class has no ``from_json``.
    """
    if not _ENVELOPE_KEYS.issubset(obj):
        return obj
    class_name = obj.pop("__class__")
    module_name = obj.pop("__module__")
    data = obj.pop("__data__")
    module = sys.modules.get(module_name) if isinstance(module_name, str) else None
    if module is None:
        raise ValueError(
            f"cannot deserialize custom object: module {module_name!r} "
            "is not loaded in sys.modules"
        )
    cls = getattr(module, class_name, None) if isinstance(class_name, str) else None
    if cls is None:
        raise AttributeError(
            f"cannot deserialize custom object: class {class_name!r} "
            f"not found in module {module_name!r}"
        )
    from_json = getattr(cls, "from_json", None)
    if not callable(from_json):
        raise TypeError(
            f"cannot deserialize custom object: {module_name}.{class_name} "
            "does not expose a `from_json` function"
        )
    return from_json(data)


def get_serialize_default() -> Callable[[object], dict[str, object]] | None:
    """The ``default`` hook for code calling ``json.dumps`` itself (none if strict)."""
    return None if is_strict_typing() else serialize_custom_object


#: Kept escaped when non-ASCII text is written as is: DEL, and the surrogate
#: code points, which UTF-8 (and so protobuf strings) cannot carry.
_KEEP_ESCAPED = re.compile("[\x7f\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def df_dumps(value: object, *, ensure_ascii: bool = True) -> str:
    r"""Serialise *value* as the durable extension stores it.

    Objects JSON cannot write are wrapped in envelopes, at any depth; in strict
    mode only a top-level object with ``to_json`` is, and ``to_json`` must
    return plain JSON values. Raises ``TypeError`` for values it cannot write.

    ``ensure_ascii=False`` (azure-functions 2.4.0b1) writes non-ASCII text as
    is rather than as ``\u`` escapes; DEL and surrogates stay escaped.
    The default output is unchanged.
    """
    if is_strict_typing():
        if hasattr(value, "to_json"):
            value = serialize_custom_object(value)
        text = json.dumps(value, ensure_ascii=ensure_ascii)
    else:
        text = json.dumps(
            value, default=serialize_custom_object, ensure_ascii=ensure_ascii
        )
    return text if ensure_ascii else _KEEP_ESCAPED.sub(_escape, text)


def df_loads(s: str | bytes, expected_type: type | None = None) -> object:
    """Parse JSON text written by :func:`df_dumps`, rebuilding custom objects.

    With *expected_type*, the value is checked against it first: a mismatch
    is logged (raised as ``TypeError`` in strict mode). In strict mode an
    envelope is rebuilt only through ``expected_type.from_json``, and one met
    without *expected_type* raises ``TypeError``. Malformed JSON raises
    ``json.JSONDecodeError``.
    """
    strict = is_strict_typing()
    if expected_type is None and not strict:
        return json.loads(s, object_hook=deserialize_custom_object)
    raw: object = json.loads(s)
    if expected_type is None:
        if _is_envelope(raw):
            raise TypeError(
                "df_loads: strict mode needs expected_type to rebuild the "
                f"custom object {_declared(raw)}"
            )
        return raw
    if _is_envelope(raw):
        target = f"{expected_type.__module__}.{expected_type.__name__}"
        declared = (raw["__module__"], raw["__class__"])
        if declared != (expected_type.__module__, expected_type.__name__):
            _mismatch(
                f"df_loads: payload declares class {_declared(raw)} "
                f"but expected {target}",
                strict,
            )
        if strict:
            from_json = getattr(expected_type, "from_json", None)
            if not (
                callable(from_json)
                and callable(getattr(expected_type, "to_json", None))
            ):
                raise TypeError(
                    f"df_loads: expected_type {target} does not expose from_json"
                )
            return from_json(raw["__data__"])
    elif not _is_instance(raw, expected_type):
        _mismatch(
            f"df_loads: deserialized value ({type(raw).__name__}) is not "
            f"compatible with expected type {expected_type}",
            strict,
        )
    if strict:
        return raw
    return json.loads(s, object_hook=deserialize_custom_object)


def _is_envelope(value: object) -> TypeGuard[dict[str, object]]:
    return isinstance(value, dict) and _ENVELOPE_KEYS.issubset(value)


def _declared(envelope: dict[str, object]) -> str:
    return f"{envelope['__module__']}.{envelope['__class__']}"


def _is_instance(value: object, expected_type: type) -> bool:
    try:
        return isinstance(value, expected_type)
    except TypeError:  # typing constructs such as list[int]
        return True


def _mismatch(message: str, strict: bool) -> None:
    if strict:
        raise TypeError(message)
    import logging

    logging.getLogger(_LOGGER_NAME).warning(message)


# --- contexts -------------------------------------------------------------------


class _DurableContext:
    """The JSON text the durable extension sends a trigger, as :attr:`body`."""

    __slots__ = ("_body",)

    def __init__(self, body: str | bytes) -> None:
        if isinstance(body, (bytes, bytearray)):
            body = bytes(body).decode("utf-8")
        elif not isinstance(body, str):
            raise TypeError(
                f"{type(self).__name__} body must be str or bytes, "
                f"got {type(body).__name__}"
            )
        self._body = body

    @property
    def body(self) -> str:
        """The context as JSON text, for the durable library to parse."""
        return self._body

    def __str__(self) -> str:
        return self._body

    def __repr__(self) -> str:
        body = self._body if len(self._body) <= 80 else self._body[:77] + "..."
        return f"<azure.{type(self).__name__} body={body}>"


class OrchestrationContext(_DurableContext):
    """The context of an orchestrator function invocation (JSON in :attr:`body`)."""

    __slots__ = ()


class EntityContext(_DurableContext):
    """The context of an entity function invocation (JSON in :attr:`body`)."""

    __slots__ = ()


# --- converters -------------------------------------------------------------------


def _context_text(data: DatumLike, binding: str) -> str:
    """The JSON text of a context datum, whatever wire type it was sent as."""
    value = data.value
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return utf8_text(value, binding=binding, what="the context")
    got = (
        "missing"
        if value is None
        else f"a {data.type} datum holding {type(value).__name__}"
    )
    raise DatumTypeError(
        binding, "the context", got, "JSON text (a string, json or bytes datum)"
    )


def _state_datum(obj: object, binding: str) -> Datum:
    """The orchestrator's or entity's result: JSON text, sent as it is."""
    if isinstance(obj, str):
        return Datum(obj, "json")
    if isinstance(obj, (bytes, bytearray)):
        return Datum(utf8_text(obj, binding=binding, what="the returned state"), "json")
    return Datum(_dumps(obj, binding, "the returned value"), "json")


def _dumps(obj: object, binding: str, what: str) -> str:
    try:
        return df_dumps(obj)
    except (TypeError, ValueError) as exc:
        raise DurablePayloadError(
            binding,
            what,
            f"not JSON serialisable ({exc})",
            "JSON values, or objects with to_json",
        ) from exc


class _DurableTriggerConverter(BindingConverter, InConverter, OutConverter):
    """A durable trigger: the function's return value goes back to the host."""

    implicit_output = True

    @classmethod
    def check_output_type_annotation(cls, pytype: object) -> bool:
        """Any: the durable library returns JSON text, or :func:`df_dumps` writes it."""
        return True


class OrchestrationTriggerConverter(
    _DurableTriggerConverter, binding="orchestrationTrigger", trigger=True
):
    """Orchestrator functions: an :class:`OrchestrationContext` in, JSON out.

    The return value is the orchestrator's state, sent back to the host.
    """

    input_types = (OrchestrationContext,)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> OrchestrationContext:
        """The context JSON text, wrapped."""
        return OrchestrationContext(_context_text(data, "orchestrationTrigger"))

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """JSON text is sent unchanged as ``json``; other values are serialised."""
        return _state_datum(obj, "orchestrationTrigger")


class EnitityTriggerConverter(
    _DurableTriggerConverter, binding="entityTrigger", trigger=True
):
    """Entity functions: an :class:`EntityContext` in, JSON out.

    The return value is the entity's state, sent back to the host. The
    misspelt name is the reference package's; ``EntityTriggerConverter`` is
    the same class.
    """

    input_types = (EntityContext,)

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> EntityContext:
        """The context JSON text, wrapped."""
        return EntityContext(_context_text(data, "entityTrigger"))

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """JSON text is sent unchanged as ``json``; other values are serialised."""
        return _state_datum(obj, "entityTrigger")


#: The correctly spelt name of :class:`EnitityTriggerConverter`.
EntityTriggerConverter = EnitityTriggerConverter


class ActivityTriggerConverter(
    _DurableTriggerConverter, binding="activityTrigger", trigger=True
):
    """Activity functions: any JSON value (or custom object) in and out.

    The return value is the activity's result, sent to the orchestrator.
    """

    @classmethod
    def check_input_type_annotation(cls, pytype: object) -> bool:
        """Any type: the input is whatever the orchestrator passed."""
        return True

    @classmethod
    def decode(
        cls, data: DatumLike, *, trigger_metadata: Mapping[str, DatumLike] | None
    ) -> object:
        """The input, parsed by :func:`df_loads`; text that is not JSON as it is.

        ``DurablePayloadError`` (a ``ValueError``) when a custom object cannot
        be rebuilt; no value gives ``None``.
        """
        if data.type is None:
            return None
        if data.type not in ("string", "json"):
            raise DatumTypeError(
                "activityTrigger",
                "the input",
                f"of wire type {data.type!r}",
                "string or json",
            )
        value = data.value
        if not isinstance(value, (str, bytes)):
            raise DatumTypeError(
                "activityTrigger",
                "the input",
                f"a {data.type} datum holding {type(value).__name__}",
                "JSON text",
            )
        try:
            return df_loads(value)
        except json.JSONDecodeError:
            return value  # plain text, passed as it is
        except Exception as exc:
            raise DurablePayloadError(
                "activityTrigger",
                "the input",
                f"not rebuildable ({type(exc).__name__}: {exc})",
                "JSON text, with custom objects of imported classes",
            ) from exc

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """The result as ``json`` text written by :func:`df_dumps`."""
        return Datum(_dumps(obj, "activityTrigger", "the returned value"), "json")


class DurableClientConverter(
    BindingConverter, InConverter, OutConverter, binding="durableClient"
):
    """The durable client binding: the client's JSON configuration, as text."""

    input_types = (str, bytes)
    output_types = (str, bytes, bytearray)

    @classmethod
    def decode(
        cls,
        data: DatumLike | None,
        *,
        trigger_metadata: Mapping[str, DatumLike] | None,
    ) -> object:
        """The value as sent: text, bytes, or JSON text left unparsed."""
        if data is None or data.type is None:
            return None
        if data.type in ("string", "bytes", "json"):
            return data.value
        raise DurablePayloadError(
            "durableClient",
            "the value",
            f"of wire type {data.type!r}",
            "string, bytes or json",
        )

    @classmethod
    def encode(cls, obj: object, *, expected_type: object) -> Datum:
        """Text, bytes and numbers as such; bools, dicts and lists as JSON."""
        return to_datum(obj, binding="durableClient")
