"""What every invocation of a function needs, worked out on its first call.

Its inputs and their converters (the trigger's first), its ``Out`` outputs
and return value with theirs, and which outputs go nowhere locally.
"""

from __future__ import annotations

from typing import final

from .loading.model import BindingInfo, FunctionInfo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .._converter import Converter
    from .._datum import Datum
    from .._registry import BindingRegistry
    from .storage.bindings import FunctionStorage

__all__ = ["InvocationPlan", "OutputPlan"]


@final
class OutputPlan:
    """An output (an ``Out`` parameter or the return value) and its converter."""

    __slots__ = ("binding", "converter", "name", "pytype")

    def __init__(
        self,
        name: str,
        converter: type[Converter],
        pytype: object,
        binding: BindingInfo,
    ) -> None:
        self.name = name
        self.converter = converter
        self.pytype = pytype
        self.binding = binding

    def encode(self, value: object) -> Datum | None:
        """*value* as the worker would send it; ``TypeError`` naming the binding."""
        try:
            return self.converter.encode(value, expected_type=self.pytype)
        except NotImplementedError as exc:
            raise TypeError(
                f"cannot send a {type(value).__name__} through the output binding "
                f"{self.binding.name!r} ({self.binding.type}): {exc}"
            ) from exc


@final
class InvocationPlan:
    """What every invocation of one function needs, worked out once.

    Its inputs as ``(name, converter, is the trigger, binding)``, its ``Out``
    outputs and return value with their converters, and which outputs are
    not delivered anywhere locally (``undelivered``: name to binding).
    """

    __slots__ = ("function", "inputs", "outputs", "returns", "storage", "undelivered")

    def __init__(self, function: FunctionInfo, registry: BindingRegistry) -> None:
        self.function = function
        self.inputs = tuple(
            (
                param.name,
                registry.resolve(param.converter),
                param.binding is function.trigger,
                param.binding,
            )
            for param in function.inputs
        )
        self.outputs = tuple(
            OutputPlan(
                param.name,
                registry.resolve(param.converter),
                param.pytype,
                param.binding,
            )
            for param in function.outputs
        )
        info = function.return_info
        self.returns = (
            None
            if info is None
            else OutputPlan(
                "$return", registry.resolve(info.converter), info.pytype, info.binding
            )
        )
        http_trigger = function.trigger.type == "httpTrigger"
        undelivered: dict[str, BindingInfo] = {}
        for output in (*self.outputs, self.returns):
            if output is None:
                continue
            binding = output.binding
            if output.name == "$return" and binding.name != "$return":
                continue  # an implicit return: the trigger's own result
            if binding.type == "http" and http_trigger:
                continue
            undelivered[output.name] = binding
        self.undelivered = undelivered
        #: The queue and blob bindings the host reads and writes (set by the
        #: invoker when the host has storage; their outputs are then delivered).
        self.storage: FunctionStorage | None = None
