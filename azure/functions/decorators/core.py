"""Enums and the binding and setting classes every decorator builds.

A binding class *describes* one host binding; nothing here is written per
binding. A description is three class attributes on a subclass of
:class:`Trigger`, :class:`InputBinding` or :class:`OutputBinding` (which fix the
direction)::

    class QueueOutput(OutputBinding):
        \"\"\"Writes messages to a Storage queue (``queue``).\"\"\"

        binding_type = "queue"
        fields = (BindingField("queue_name"), BindingField("connection"))

``fields`` lists the binding's JSON properties in the order the host JSON has
them, after ``direction``, ``dataType``, ``type`` and ``name`` which every
binding has. A :class:`BindingField` is the Python (snake_case) name; its JSON key is
the camelCase of it unless ``key=`` says otherwise; ``enum=`` parses a member,
name or value of that enum (``many=True``: an iterable of them) and writes the
member's name; ``convert=`` checks or normalizes the value; ``default=`` is used
when a value is not given. ``None`` values are left out of the JSON.
``open_properties = True`` lets a binding take any extra property (generic
bindings); otherwise an extra property must be spelt as its camelCase JSON key.

Subclasses written the reference's way (an ``__init__`` that stores its
parameters as attributes and calls ``super().__init__(name=...)``, as the
``azure-functions-durable`` package does) keep working: their JSON is read from
their ``__init__`` parameters, as before.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import ClassVar, TypeVar

from .._errors import FunctionDefinitionError
from .utils import (
    StringifyEnum,
    parse_iterable_param_to_enums,
    parse_singular_param_to_enum,
    to_camel_case,
)

__all__ = [
    "SCRIPT_FILE_NAME",
    "AccessRights",
    "AuthLevel",
    "Binding",
    "BindingDirection",
    "BindingField",
    "BlobSource",
    "Cardinality",
    "CosmosDBChangeFeedMode",
    "DataType",
    "DeliveryMode",
    "InputBinding",
    "McpPropertyType",
    "OutputBinding",
    "Setting",
    "StringifyEnum",
    "Trigger",
]

_B = TypeVar("_B", bound="Binding")

#: The script file the worker is told each function lives in.
SCRIPT_FILE_NAME = "function_app.py"


class BindingDirection(StringifyEnum):
    """Direction of a binding: ``IN`` (triggers and inputs), ``OUT`` or ``INOUT``."""

    IN = 0
    OUT = 1
    INOUT = 2


class DataType(StringifyEnum):
    """How the host hands a binding's value over: as is, as string, binary or stream."""

    UNDEFINED = 0
    STRING = 1
    BINARY = 2
    STREAM = 3


class AuthLevel(StringifyEnum):
    """Which key an HTTP request needs: a function key, none, or the master key."""

    FUNCTION = "function"
    ANONYMOUS = "anonymous"
    ADMIN = "admin"


class Cardinality(StringifyEnum):
    """Whether a trigger passes one message or a batch (``MANY``) per invocation."""

    ONE = "one"
    MANY = "many"


class DeliveryMode(StringifyEnum):
    """How a connector trigger gets its events: ``POLL`` or ``WEBHOOK`` (the default).

    Written to the binding JSON as its value (``"Poll"``), unlike other enums.
    """

    POLL = "Poll"
    WEBHOOK = "Webhook"

    def __str__(self) -> str:
        return str(self.value)


class AccessRights(StringifyEnum):
    """Rights of a Service Bus connection: ``MANAGE`` (the default) or ``LISTEN``."""

    MANAGE = "manage"
    LISTEN = "listen"


class BlobSource(StringifyEnum):
    """Where a blob trigger learns of new blobs: Event Grid or container scans."""

    EVENT_GRID = "EventGrid"
    LOGS_AND_CONTAINER_SCAN = "LogsAndContainerScan"


class CosmosDBChangeFeedMode(StringifyEnum):
    """Which changes a Cosmos DB trigger reads (``change_feed_mode``).

    ``LATEST_VERSION``: the latest version of each changed item (the host's
    default); ``ALL_VERSIONS_AND_DELETES``: every version, and the deletes.
    """

    LATEST_VERSION = "LatestVersion"
    ALL_VERSIONS_AND_DELETES = "AllVersionsAndDeletes"


class McpPropertyType(StringifyEnum):
    """JSON type of an MCP tool property (``DATETIME`` is sent as a string)."""

    INTEGER = "integer"
    FLOAT = "float"
    STRING = "string"
    BOOLEAN = "boolean"
    OBJECT = "object"
    DATETIME = "string"


class BindingField:
    """One JSON property of a binding: its Python name and how its value is read.

    *name* is the snake_case Python name (also the decorator's parameter);
    *key* the JSON key (default: the camelCase of *name*); *enum* parses a
    member, name or value of that enum (*many*: an iterable of them); *convert*
    checks or normalizes a given value (raise ``ValueError`` to refuse it);
    *default* is used when the value is not given.
    """

    __slots__ = ("convert", "default", "enum", "key", "many", "name")

    def __init__(
        self,
        name: str,
        *,
        key: str | None = None,
        enum: type[StringifyEnum] | None = None,
        many: bool = False,
        convert: Callable[[object], object] | None = None,
        default: object = None,
    ) -> None:
        self.name = name
        self.key = key if key is not None else to_camel_case(name)
        self.enum = enum
        self.many = many
        self.convert = convert
        self.default = default

    def __repr__(self) -> str:
        return f"BindingField({self.name!r}, key={self.key!r})"

    def parse(self, value: object) -> object:
        """The value as stored and written (enums parsed, *convert* applied)."""
        if value is None:
            return None
        try:
            if self.enum is not None:
                if self.many:
                    value = parse_iterable_param_to_enums(
                        _as_iterable(value), self.enum
                    )
                else:
                    value = parse_singular_param_to_enum(_as_enum(value), self.enum)
            if self.convert is not None:
                value = self.convert(value)
        except FunctionDefinitionError as error:
            raise FunctionDefinitionError(
                None, error.detail, argument=self.name
            ) from None
        except (ValueError, TypeError) as error:
            raise FunctionDefinitionError(
                None, str(error), argument=self.name
            ) from None
        return value


def _as_iterable(value: object) -> Iterable[StringifyEnum | str]:
    if isinstance(value, (str, StringifyEnum)):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    raise TypeError(f"expected an iterable, got {type(value).__name__}")


def _as_enum(value: object) -> StringifyEnum | str:
    if isinstance(value, (str, StringifyEnum)):
        return value
    raise TypeError(f"expected an enum member or its name, got {type(value).__name__}")


def clean_nones(value: object) -> object:
    """*value* with ``None`` left out of every (nested) dict and list."""
    if isinstance(value, list):
        return [clean_nones(item) for item in value if item is not None]
    if isinstance(value, dict):
        return {
            key: clean_nones(item) for key, item in value.items() if item is not None
        }
    return value


def check_json_value(value: object, argument: str) -> None:
    """Refuse a value the host JSON cannot carry (naming the *argument*)."""
    if value is None or isinstance(value, (str, bool, int, float, StringifyEnum)):
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            check_json_value(item, argument)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise FunctionDefinitionError(
                    None,
                    f"JSON object keys must be str, got {key!r}",
                    argument=argument,
                )
            check_json_value(item, argument)
        return
    raise FunctionDefinitionError(
        None,
        f"a {type(value).__name__} cannot be written to the binding JSON "
        "(use str, int, float, bool, None, lists and dicts of them, or an enum)",
        argument=argument,
    )


class Binding:
    """A binding of a function: its host ``type``, ``name``, direction and properties.

    :meth:`get_dict_repr` is the binding's JSON object (the worker sends
    ``json.dumps`` of it to the host). ``direction`` and ``data_type`` are the
    protobuf numbers the worker passes on; ``_direction`` and ``_data_type``
    the enum members.
    """

    #: Parameters that are never JSON properties of their own.
    EXCLUDED_INIT_PARAMS: ClassVar[frozenset[str]] = frozenset(
        {"self", "kwargs", "type", "data_type", "direction"}
    )
    #: Names an extra property may not take: the binding's own attributes.
    RESERVED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(
        {"name", "type", "direction", "data_type", "dataType", "init_params"}
    )
    #: The host binding type; ``None`` when given per binding (generic ones).
    binding_type: ClassVar[str | None] = None
    #: The binding's JSON properties, in the order the JSON has them.
    fields: ClassVar[tuple[BindingField, ...]] = ()
    #: Whether any extra property is taken as is (generic bindings).
    open_properties: ClassVar[bool] = False
    #: Keywords refused as extra properties, each with the argument to use
    #: instead (another version's names, which the host would ignore).
    refused_keywords: ClassVar[Mapping[str, str]] = {}
    _legacy: ClassVar[bool] = False
    _keys: ClassVar[Mapping[str, str]] = {}

    type: str
    name: str
    init_params: list[str]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._keys = {
            f.name: f.key
            for base in reversed(cls.__mro__)
            for f in getattr(base, "fields", ())
        }
        if "__init__" in cls.__dict__ and cls.__module__ != __name__:
            _adopt_reference_style_init(cls)

    @classmethod
    def get_binding_name(cls) -> str | None:
        """The host binding type this class describes (``None``: per binding)."""
        return cls.binding_type

    def __init__(
        self,
        name: str,
        direction: BindingDirection,
        data_type: DataType | str | None = None,
        type: str | None = None,
        **properties: object,
    ) -> None:
        binding_type = self.get_binding_name()
        if binding_type is None:
            binding_type = type
        if not isinstance(binding_type, str) or not binding_type:
            raise FunctionDefinitionError(
                None, "a binding needs its type (a non-empty str)", argument="type"
            )
        self.type = binding_type
        self.name = name
        self._direction = direction
        self._data_type = parse_singular_param_to_enum(data_type, DataType)
        self._dict: dict[str, object] = {
            "direction": self._direction,
            "dataType": self._data_type,
            "type": self.type,
        }
        if self._legacy:
            # Set by the reference-style __init__ wrapper once it returns.
            return
        params = ["name"]
        for field in self.fields:
            value = properties.pop(field.name, field.default)
            setattr(self, field.name, field.parse(value))
            params.append(field.name)
        for key, value in properties.items():
            setattr(self, key, value)
            params.append(key)
        self.init_params = params
        self._check()

    def _check(self) -> None:
        """Refuses a combination of properties the host cannot use (none here).

        A hook for bindings whose properties depend on each other; it raises
        :class:`~azure.functions.FunctionDefinitionError` naming the argument.
        """

    @property
    def data_type(self) -> int | None:
        """The data type's protobuf number (``DataType.STRING`` → 1), or ``None``."""
        return self._data_type.value if self._data_type is not None else None

    @property
    def direction(self) -> int:
        """The direction's protobuf number (``IN`` 0, ``OUT`` 1, ``INOUT`` 2)."""
        value: int = self._direction.value
        return value

    def get_dict_repr(self) -> dict[str, object]:
        """The binding's JSON object (enum members as members, no ``None`` values)."""
        keys = self._keys
        for param in dict.fromkeys(getattr(self, "init_params", ())):
            if param not in self.EXCLUDED_INIT_PARAMS:
                key = keys.get(param) or to_camel_case(param)
                self._dict[key] = getattr(self, param, None)
        result = clean_nones(self._dict)
        assert isinstance(result, dict)
        return result

    def _replace(self: _B, **values: object) -> _B:
        """A copy of this binding with some properties set (declared ones parsed)."""
        clone = copy.copy(self)
        clone._dict = dict(self._dict)
        params = list(getattr(self, "init_params", ()))
        declared = {f.name: f for f in self.fields}
        for param, value in values.items():
            field = declared.get(param)
            setattr(clone, param, field.parse(value) if field else value)
            if param not in params:
                params.append(param)
        clone.init_params = params
        return clone

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.type} {self.name!r} {self._direction}>"


def _adopt_reference_style_init(cls: type[Binding]) -> None:
    """Read a reference-style subclass's JSON properties from its ``__init__``."""
    import functools
    import inspect

    init = cls.__dict__["__init__"]
    params = [p for p in inspect.signature(init).parameters if p != "self"]
    cls._legacy = True

    @functools.wraps(init)
    def __init__(self: Binding, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        for key, value in kwargs.items():
            if not hasattr(self, key):
                setattr(self, key, value)
        self.init_params = [*params, *kwargs]

    cls.__init__ = __init__  # type: ignore[method-assign]


class Trigger(Binding):
    """A binding that starts the function; its direction is ``IN``."""

    @staticmethod
    def is_supported_trigger_type(
        trigger_instance: Trigger, trigger_type: type[Trigger]
    ) -> bool:
        """Whether *trigger_instance* is a *trigger_type* (by class or host type)."""
        return (
            isinstance(trigger_instance, trigger_type)
            or trigger_instance.type == trigger_type.get_binding_name()
        )

    def __init__(
        self,
        name: str,
        data_type: DataType | str | None = None,
        type: str | None = None,
        **properties: object,
    ) -> None:
        super().__init__(name, BindingDirection.IN, data_type, type, **properties)


class InputBinding(Binding):
    """A binding the function reads from; its direction is ``IN``."""

    def __init__(
        self,
        name: str,
        data_type: DataType | str | None = None,
        type: str | None = None,
        **properties: object,
    ) -> None:
        super().__init__(name, BindingDirection.IN, data_type, type, **properties)


class OutputBinding(Binding):
    """A binding the function writes to; its direction is ``OUT``."""

    def __init__(
        self,
        name: str,
        data_type: DataType | str | None = None,
        type: str | None = None,
        **properties: object,
    ) -> None:
        super().__init__(name, BindingDirection.OUT, data_type, type, **properties)


class Setting:
    """A function setting that is not a binding (its name, its retry policy).

    ``fields`` lists the setting's properties in order; :meth:`get_dict_repr`
    keeps their snake_case names (the worker reads them so).
    """

    EXCLUDED_INIT_PARAMS: ClassVar[frozenset[str]] = frozenset(
        {"self", "kwargs", "setting_name"}
    )
    #: The setting's properties, in order.
    fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, setting_name: str, **extra: object) -> None:
        self.setting_name = setting_name
        self._extra = dict(extra)

    def get_setting_name(self) -> str:
        """The setting's name (``"function_name"``, ``"retry_policy"``)."""
        return self.setting_name

    def get_dict_repr(self) -> dict[str, object]:
        """``{"setting_name": ..., property: value, ...}`` without ``None`` values."""
        values: dict[str, object] = {"setting_name": self.setting_name}
        for name in self.fields:
            values[name] = getattr(self, name, None)
        values.update(self._extra)
        result = clean_nones(values)
        assert isinstance(result, dict)
        return result

    def get_settings_value(self, settings_attribute_key: str) -> object:
        """One property of the setting, or ``None``."""
        return self.get_dict_repr().get(settings_attribute_key)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.get_dict_repr()}>"
