"""The binding registry: binding name → converter class, built from a table.

The worker asks ``get_binding_registry().get(binding_type)`` for each binding of
each function. Built-in converters are named here and imported on first use, so
an app pays only for the bindings it has, in whatever order they are asked for.
Naming them rather than importing them also keeps the layers apart: converter
classes declare themselves here when they are defined (``_converter`` imports
this module), so this module must not import theirs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from ._errors import ConverterRegistrationError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._converter import Converter

__all__ = [
    "BUILTIN_CONVERTERS",
    "GENERIC_CONVERTER",
    "OVERRIDABLE_BINDINGS",
    "BindingRegistry",
    "describe",
    "get_binding_registry",
    "registry",
]

#: Binding name → "module:Class" (module relative to ``azure.functions._bindings``).
BUILTIN_CONVERTERS: Mapping[str, str] = {
    "activityTrigger": "durable:ActivityTriggerConverter",
    "blob": "blob:BlobConverter",
    "blobTrigger": "blob:BlobConverter",
    "connectorTrigger": "connectors:ConnectorTriggerConverter",
    "cosmosDB": "cosmosdb:CosmosDBConverter",
    "cosmosDBTrigger": "cosmosdb:CosmosDBTriggerConverter",
    "durableClient": "durable:DurableClientConverter",
    "entityTrigger": "durable:EnitityTriggerConverter",  # sic: the reference's name
    "eventGrid": "eventgrid:EventGridEventOutConverter",
    "eventGridTrigger": "eventgrid:EventGridEventInConverter",
    "eventHub": "eventhub:EventHubConverter",
    "eventHubTrigger": "eventhub:EventHubTriggerConverter",
    "http": "http:HttpResponseConverter",
    "httpTrigger": "http:HttpRequestConverter",
    "kafka": "kafka:KafkaConverter",
    "kafkaTrigger": "kafka:KafkaTriggerConverter",
    "mcpPromptTrigger": "mcp:MCPPromptTriggerConverter",
    "mcpResourceTrigger": "mcp:MCPResourceTriggerConverter",
    "mcpToolTrigger": "mcp:MCPToolTriggerConverter",
    "mysql": "mysql:MySqlConverter",
    "mysqlTrigger": "mysql:MySqlTriggerConverter",
    "orchestrationTrigger": "durable:OrchestrationTriggerConverter",
    "queue": "queue:QueueMessageOutConverter",
    "queueTrigger": "queue:QueueMessageInConverter",
    "serviceBus": "servicebus:ServiceBusMessageOutConverter",
    "serviceBusTrigger": "servicebus:ServiceBusMessageInConverter",
    "sql": "sql:SqlConverter",
    "timerTrigger": "timer:TimerRequestConverter",
    "warmupTrigger": "warmup:WarmUpTriggerConverter",
}

#: What :meth:`BindingRegistry.resolve` answers for a binding with no converter.
GENERIC_CONVERTER = "generic:GenericConverter"


#: The bindings whose converter :func:`register_converter` may replace: the
#: Durable Functions ones, which ``azure-functions-durable`` provides itself.
OVERRIDABLE_BINDINGS: frozenset[str] = frozenset(
    {"activityTrigger", "durableClient", "entityTrigger", "orchestrationTrigger"}
)


class BindingRegistry(Mapping[str, "type[Converter]"]):
    """Read-only mapping of binding names to converter classes.

    ``get(name)`` answers ``None`` for a name with no converter, as the worker
    expects (it then uses its own generic binding); :meth:`resolve` answers this
    package's generic converter instead.
    """

    __slots__ = ("_builtin", "_extra", "_loaded", "_replaced")

    def __init__(self, builtin: Mapping[str, str]) -> None:
        self._builtin = dict(builtin)
        self._loaded: dict[str, type[Converter]] = {}
        self._extra: dict[str, type[Converter]] = {}
        # Built-in names whose converter register_converter() replaced.
        self._replaced: dict[str, type[Converter]] = {}

    def __getitem__(self, name: str) -> type[Converter]:
        converter = self._replaced.get(name) or self._extra.get(name)
        if converter is None:
            # Only built-ins are cached: an extension is already a dict lookup,
            # and caching it would keep it after it is taken out of ``_extra``.
            converter = self._loaded.get(name)
            if converter is None:
                converter = self._load(name)
                self._loaded[name] = converter
        return converter

    def get(  # type: ignore[override]
        self, name: str, default: type[Converter] | None = None
    ) -> type[Converter] | None:
        """The converter for binding *name*, or *default* when there is none."""
        # The worker asks on every invocation: a built-in already loaded and not
        # replaced (an extension never has a built-in's name) in one frame.
        converter = self._loaded.get(name)
        if converter is not None and not self._replaced:
            return converter
        try:
            return self[name]
        except KeyError:
            return default

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name in self._builtin or name in self._extra)

    def __iter__(self) -> Iterator[str]:
        yield from self._builtin
        yield from self._extra

    def __len__(self) -> int:
        return len(self._builtin) + len(self._extra)

    def resolve(self, name: str) -> type[Converter]:
        """The converter for *name*, falling back to the generic converter."""
        converter = self.get(name)
        if converter is None:
            return _import(GENERIC_CONVERTER)
        return converter

    def declare(self, converter: type[Converter]) -> None:
        """Add a converter declared outside the built-in table (an extension).

        Built-in converter classes declare themselves too; they are checked
        against the table rather than added. Every name is checked before any
        is added, so a rejected class leaves the registry as it was.
        """
        new: list[str] = []
        for name in converter.binding_names():
            target = self._builtin.get(name)
            if target is not None:
                if _target_of(converter) == target:
                    continue
                claimed_by = f"the built-in {target.partition(':')[2]}"
            elif self._extra.get(name, converter) is not converter:
                claimed_by = describe(self._extra[name])
            else:
                new.append(name)
                continue
            raise ConverterRegistrationError(
                f"cannot register {describe(converter)} for binding {name!r}: "
                f"{claimed_by} already converts it"
            )
        for name in new:
            self._extra[name] = converter

    def _replace(self, name: str, converter: type[Converter]) -> None:
        """Make *converter* answer for the built-in binding *name*."""
        self._replaced[name] = converter

    def _load(self, name: str) -> type[Converter]:
        return _import(self._builtin[name])

    def __repr__(self) -> str:
        return f"<BindingRegistry {len(self)} bindings>"


def _import(target: str) -> type[Converter]:
    """The converter class a ``"module:Class"`` target names."""
    module, _, attr = target.partition(":")
    converter: type[Converter] = getattr(
        import_module(f"azure.functions._bindings.{module}"), attr
    )
    return converter


def _target_of(converter: type[Converter]) -> str:
    prefix = "azure.functions._bindings."
    module = converter.__module__
    if not module.startswith(prefix):
        return ""
    return f"{module[len(prefix) :]}:{converter.__qualname__}"


def describe(converter: type[Converter]) -> str:
    """A converter class's dotted name, for messages."""
    return f"{converter.__module__}.{converter.__qualname__}"


registry = BindingRegistry(BUILTIN_CONVERTERS)


def get_binding_registry() -> BindingRegistry:
    """The registry the worker uses to find each binding's converter.

    >>> import azure.functions as func
    >>> from azure.functions.meta import Datum
    >>> registry = func.get_binding_registry()
    >>> converter = registry["queueTrigger"]
    >>> converter.decode(Datum("hello", "string"), trigger_metadata={}).get_body()
    b'hello'
    >>> registry.get("noSuchBinding") is None
    True
    """
    return registry
