"""The Python worker's checks of a function against its bindings.

The same rules, in the same order, with the same outcome: a function the
worker refuses to load is refused here, at start-up, with a message naming the
file, the function and the binding.

- ``inout`` bindings are refused; ``$return`` must have direction ``out``;
- a ``context`` parameter with no binding of that name gets a
  :class:`~azure.functions.Context` (an annotation, if any, must be ``Context``);
- the Python parameters and the bindings match one to one;
- an ``out`` binding's parameter is annotated ``func.Out[T]``, an ``in``
  binding's is not; an annotation must be a class or a generic alias;
- annotations are checked by the binding's converter
  (``check_input_type_annotation`` / ``check_output_type_annotation``, with
  ``T`` for ``Out[T]``); a ``str`` or ``bytes`` annotation uses the generic
  converter, unless the binding returns its value implicitly;
- a return annotation is checked against the ``$return`` binding's converter.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable

from ..._bindings.generic import GenericConverter
from ..._errors import FunctionLoadError
from ..._registry import BindingRegistry
from .model import BindingInfo, ParamInfo, ReturnInfo

__all__ = ["Signature", "check_signature", "has_implicit_output"]


class Signature:
    """The checked parameters of a function and where its return value goes."""

    __slots__ = ("context_param", "inputs", "outputs", "return_info")

    def __init__(
        self,
        *,
        inputs: tuple[ParamInfo, ...],
        outputs: tuple[ParamInfo, ...],
        return_info: ReturnInfo | None,
        context_param: str | None,
    ) -> None:
        self.inputs = inputs
        self.outputs = outputs
        self.return_info = return_info
        self.context_param = context_param


def has_implicit_output(registry: BindingRegistry, binding_type: str) -> bool:
    """Whether the function's return value goes out through this binding type.

    As the worker asks it: the generic converter (for types with no converter
    of their own) answers by name.
    """
    converter = registry.resolve(binding_type)
    if converter is GenericConverter:
        return GenericConverter.has_implicit_output(binding_type)
    return converter.has_implicit_output()


def check_signature(
    func: Callable[..., object],
    bindings: tuple[BindingInfo, ...],
    *,
    registry: BindingRegistry,
    function: str,
    file: str,
) -> Signature:
    """Match *func*'s parameters to *bindings*; :class:`FunctionLoadError` if not."""

    def error(detail: str, binding: str | None = None) -> FunctionLoadError:
        return FunctionLoadError(detail, file=file, function=function, binding=binding)

    explicit_return: BindingInfo | None = None
    implicit_return: BindingInfo | None = None
    return_converter: str | None = None
    bound: dict[str, BindingInfo] = {}
    for binding in bindings:
        if binding.direction == "inout":
            raise error('"inout" bindings are not supported', binding.name)
        if binding.name == "$return":
            if binding.direction != "out":
                raise error(
                    'the "$return" binding must have direction set to "out"',
                    binding.name,
                )
            explicit_return = binding
            return_converter = binding.type
            continue
        if has_implicit_output(registry, binding.type):
            implicit_return = binding
            return_converter = binding.type
        bound[binding.name] = binding

    try:
        parameters = dict(inspect.signature(func).parameters)
    except (TypeError, ValueError) as exc:
        raise error(f"cannot read the signature of {_name(func)}: {exc}") from None
    try:
        annotations = typing.get_type_hints(func)
    except Exception as exc:  # NameError, TypeError ... from user annotations
        raise error(
            f"cannot resolve the annotations of {_name(func)}: "
            f"{type(exc).__name__}: {exc}"
        ) from None

    context_param: str | None = None
    if "context" in parameters and "context" not in bound:
        context_param = "context"
        del parameters["context"]
        if "context" in annotations:
            annotation = annotations["context"]
            if not isinstance(annotation, type) or annotation.__name__ != "Context":
                raise error(
                    'the "context" parameter is expected to be of type '
                    f"azure.functions.Context, got {annotation!r}"
                )

    unbound = [name for name in parameters if name not in bound]
    if unbound:
        raise error(
            "these parameters are declared in Python but have no binding: "
            + ", ".join(unbound)
        )
    missing = [name for name in bound if name not in parameters]
    if missing:
        raise error(
            "these bindings have no parameter of that name in Python: "
            + ", ".join(missing),
            missing[0],
        )

    inputs: list[ParamInfo] = []
    outputs: list[ParamInfo] = []
    for name in parameters:
        binding = bound[name]
        has_annotation = name in annotations
        annotation = annotations.get(name)
        is_out = has_annotation and _is_out(annotation)
        pytype: object = annotation
        if is_out and typing.get_origin(annotation) is not None:
            args = typing.get_args(annotation)
            if len(args) != 1:
                raise error(f"invalid Out annotation {annotation!r}", name)
            pytype = args[0]
        if has_annotation and not _is_type(pytype):
            raise error(f"invalid non-type annotation {annotation!r}", name)
        if is_out and binding.direction != "out":
            raise error(
                "its parameter is annotated azure.functions.Out, but the binding "
                'has the "in" direction',
                name,
            )
        if not is_out and binding.direction == "out":
            raise error(
                'the binding has the "out" direction, but its parameter is not '
                "annotated azure.functions.Out[T]",
                name,
            )
        converter = binding.type
        if (
            has_annotation
            and pytype in (str, bytes)
            and not has_implicit_output(registry, binding.type)
        ):
            converter = "generic"
        if has_annotation:
            checker = registry.resolve(converter)
            accepted = (
                checker.check_output_type_annotation(pytype)
                if is_out
                else checker.check_input_type_annotation(pytype)
            )
            if not accepted:
                data_type = (
                    f' and dataType "{binding.data_type}"' if binding.data_type else ""
                )
                raise error(
                    f'binding type "{binding.type}"{data_type} does not match the '
                    f'Python annotation "{_type_name(pytype)}"',
                    name,
                )
        info = ParamInfo(
            name=name,
            binding=binding,
            converter=converter,
            pytype=pytype if has_annotation else None,
            is_out=is_out,
        )
        (outputs if is_out else inputs).append(info)

    return_info: ReturnInfo | None = None
    return_binding = explicit_return or implicit_return
    if return_binding is not None and return_converter is not None:
        return_type: object = annotations.get("return")
        if explicit_return is not None and "return" in annotations:
            if _is_out(return_type):
                raise error(
                    "the return annotation must not be azure.functions.Out", "$return"
                )
            if not isinstance(return_type, type):
                raise error(
                    f"invalid non-type return annotation {return_type!r}", "$return"
                )
            if not registry.resolve(return_converter).check_output_type_annotation(
                return_type
            ):
                raise error(
                    f'the return annotation "{return_type.__name__}" does not match '
                    f'binding type "{return_converter}"',
                    "$return",
                )
        return_info = ReturnInfo(
            binding=return_binding, converter=return_converter, pytype=return_type
        )
    return Signature(
        inputs=tuple(inputs),
        outputs=tuple(outputs),
        return_info=return_info,
        context_param=context_param,
    )


def _is_out(annotation: object) -> bool:
    """``Out`` or ``Out[T]``: recognised by name, as the worker does."""
    if isinstance(annotation, type) and annotation.__name__ == "Out":
        return True
    origin = typing.get_origin(annotation)
    return isinstance(origin, type) and origin.__name__ == "Out"


def _is_type(annotation: object) -> bool:
    """A class, or a generic alias of one (``list[str]``); unions are neither."""
    origin = typing.get_origin(annotation)
    if origin is not None:
        return isinstance(origin, type) and origin is not types.UnionType
    return isinstance(annotation, type)


def _type_name(pytype: object) -> str:
    name = getattr(pytype, "__name__", None)
    if isinstance(name, str) and typing.get_origin(pytype) is None:
        return name
    return repr(pytype)


def _name(func: Callable[..., object]) -> str:
    return f"{getattr(func, '__qualname__', func)!r}"
