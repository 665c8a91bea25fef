"""The extra keyword arguments a decorator passes on as binding properties.

See "Extra keyword arguments" in :mod:`azure.functions.decorators._builder`.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._errors import FunctionDefinitionError
from .core import Binding, check_json_value
from .utils import to_camel_case


def _is_host_key(key: str) -> bool:
    """Whether *key* is spelt as a camelCase JSON key (``someHostProperty``)."""
    return "_" not in key and key[:1].islower() and any(c.isupper() for c in key)


def _looks_like_typo(key: str, candidates: list[str]) -> bool:
    """Whether *key* is a near miss of one of the decorator's own arguments."""
    import difflib

    return bool(difflib.get_close_matches(key, candidates, n=1, cutoff=_TYPO_CUTOFF))


#: How alike (``difflib`` ratio) an unknown keyword and an argument must be for
#: the keyword to be taken as a misspelling of it (``run_on_start`` for
#: ``run_on_startup`` is 0.92; ``connection_string`` for ``connection`` 0.74).
_TYPO_CUTOFF = 0.8


def _suggest(key: str, candidates: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, candidates, n=2, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def _extra_properties(
    cls: type[Binding],
    extras: Mapping[str, object],
    parameters: list[str],
    *,
    open_properties: bool,
    given: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """The extra properties a decorator passes on, each checked.

    *given* holds the decorator's own arguments: a property spelt as the JSON
    key of an argument left at its default takes that argument's place (as in
    the reference, where the keyword wins); given both ways, it is refused.
    """
    declared = {f.name: f for f in cls.fields}
    taken = {to_camel_case(p): p for p in parameters if p not in ("kwargs",)}
    taken.update({f.key: f.name for f in cls.fields})
    checked: dict[str, object] = {}
    for key, value in extras.items():
        if key == "type" and cls.binding_type is not None and value == cls.binding_type:
            # Restating the decorator's own host type (as samples do) changes
            # nothing, in the reference too.
            continue
        if key == "dataType":
            # The host's own spelling: written as given (the reference does
            # so), leaving the binding's data type unset; refused below when
            # the data_type argument is given too.
            pass
        elif key in Binding.RESERVED_PROPERTIES or key == "direction":
            raise FunctionDefinitionError(
                None, "is set by the decorator itself and cannot be given", argument=key
            )
        if key in declared and key not in parameters:
            checked[key] = value
            continue
        camel = to_camel_case(key)
        if camel in taken:
            param = taken[camel]
            field = declared.get(param)
            default = field.default if field is not None else None
            if (
                given is None
                or param not in given
                or (given[param] is not default and given[param] != default)
            ):
                raise FunctionDefinitionError(
                    None,
                    f"gives the property {camel!r} that the argument {param!r} "
                    "already sets; pass it once, as that argument",
                    argument=key,
                )
        instead = cls.refused_keywords.get(key)
        if instead is not None:
            raise FunctionDefinitionError(
                None,
                "is not an argument of this decorator (the host would ignore it); "
                f"use {instead!r}",
                argument=key,
            )
        if not open_properties and not _is_host_key(key):
            own = [p for p in parameters if p != "kwargs"]
            if _looks_like_typo(key, own):
                raise FunctionDefinitionError(
                    None,
                    "is not an argument of this decorator"
                    + _suggest(key, own)
                    + "; to send a property the host knows but this decorator does "
                    f"not, spell it as its camelCase JSON key ({camel}=...)",
                    argument=key,
                )
            # Anything else is passed on as the reference does (camelCased):
            # real apps send properties this way (``auth_level=`` on an Event
            # Grid trigger), and the host ignores those it does not know.
        check_json_value(value, key)
        checked[key] = value
    return checked
