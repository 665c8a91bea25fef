"""``check_json``: a JSON value checked against the type the caller expects.

``get_json()`` returns ``Any``, as ``json.loads`` does. Code that wants the
precise type asks for it: ``check_json(req.get_json(), Order)`` walks the value
and raises :class:`~azure.functions.JSONShapeError` at the first place it
differs from ``Order``, so the ``Order`` it returns is true, not assumed.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Mapping, MutableMapping, MutableSequence, Sequence
from functools import lru_cache

import typing_extensions as te

from ._errors import JSONShapeError
from ._types import JSONValue

__all__ = ["check_json"]

T = typing.TypeVar("T")

_LISTS = frozenset({list, Sequence, MutableSequence, typing.List})  # noqa: UP006
_DICTS = frozenset({dict, Mapping, MutableMapping, typing.Dict})  # noqa: UP006
_LITERALS = frozenset({typing.Literal, te.Literal})
_WRAPPERS = frozenset({te.Annotated, te.Required, te.NotRequired, te.ReadOnly})
_JSON_SCALARS = frozenset({bool, int, float, str, type(None)})
_SUPPORTED = (
    "a TypedDict, list[...], dict[str, ...], str, int, float, bool or None "
    "(fields also Literal[...], unions, Any, object and JSONValue)"
)


def check_json(value: object, type_: type[T], /) -> T:
    """*value* itself, once checked to have the shape of *type_*.

    *type_* is a ``TypedDict``, ``list[...]``, ``dict[str, ...]``, ``str``,
    ``int``, ``float``, ``bool`` or ``type(None)``; inside them, fields and items
    may also be ``Literal[...]``, unions, ``Any``, ``object`` or
    :data:`JSONValue`. Every key and item is checked, recursively: required
    keys must be there, ``bool`` is not an ``int``, an ``int`` is a ``float``.
    Keys a ``TypedDict`` does not declare are allowed and left unchecked.

    Raises :class:`~azure.functions.JSONShapeError` (a ``ValueError``) naming
    the first place that differs. Nothing is copied or converted: a class that
    is not a JSON shape (a dataclass, a model) is a ``TypeError``, since this
    checks values, it does not build objects.

    >>> import azure.functions as func
    >>> func.check_json({"id": "a1", "tags": ["x"]}, dict[str, object])
    {'id': 'a1', 'tags': ['x']}
    >>> try:
    ...     func.check_json([1, "2"], list[int])
    ... except func.JSONShapeError as error:
    ...     print(error)
    check_json(): $[1] is a JSON string; expected int
    """
    problem = _problem(value, type_, "$")
    if problem is not None:
        path, got, expected = problem
        raise JSONShapeError(path, _kind(got), expected)
    return typing.cast("T", value)


#: A mismatch: where (a path from ``$``), the value found there, what was expected.
_Problem = tuple[str, object, str] | None


def _problem(value: object, tp: object, path: str) -> _Problem:
    if tp is typing.Any or tp is object or tp is te.Any:
        return None
    if _names_json_value(tp):
        return _json_problem(value, path)
    if tp is None or tp is type(None):
        return None if value is None else (path, value, "null")
    if tp is bool:
        return None if type(value) is bool else (path, value, "bool")
    if tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else (path, value, "int")
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else (path, value, "float")
    if tp is str:
        return None if isinstance(value, str) else (path, value, "str")
    if te.is_typeddict(tp):
        return _typeddict_problem(value, typing.cast("type", tp), path)
    if isinstance(tp, typing.NewType):
        return _problem(value, tp.__supertype__, path)
    origin: object = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in _WRAPPERS:
        return _problem(value, args[0], path)
    if origin in _LITERALS:
        if any(type(value) is type(a) and value == a for a in args):
            return None
        return path, value, " or ".join(repr(a) for a in args)
    if origin is typing.Union or isinstance(tp, types.UnionType):
        if all(_problem(value, arm, path) is not None for arm in args):
            return path, value, _name(tp)
        return None
    if tp in _LISTS or origin in _LISTS:
        return _list_problem(value, args[0] if args else typing.Any, path)
    if tp in _DICTS or origin in _DICTS:
        if args and args[0] not in (str, typing.Any):
            raise TypeError(f"check_json(): JSON object keys are str, not {args[0]!r}")
        return _dict_problem(value, args[1] if args else typing.Any, path)
    if isinstance(tp, (str, typing.ForwardRef)):
        raise TypeError(
            f"check_json(): cannot resolve the forward reference {tp!r}; "
            "pass the type itself"
        )
    raise TypeError(f"check_json() cannot check {tp!r}: it checks {_SUPPORTED}")


def _list_problem(value: object, item: object, path: str) -> _Problem:
    if not isinstance(value, list):
        return path, value, "array"
    for index, element in enumerate(value):
        problem = _problem(element, item, f"{path}[{index}]")
        if problem is not None:
            return problem
    return None


def _dict_problem(value: object, item: object, path: str) -> _Problem:
    if not isinstance(value, dict):
        return path, value, "object"
    for key, element in value.items():
        if not isinstance(key, str):
            return f"{path} key {key!r}", key, "str"
        problem = _problem(element, item, _member(path, key))
        if problem is not None:
            return problem
    return None


def _typeddict_problem(value: object, td: type, path: str) -> _Problem:
    if not isinstance(value, dict):
        return path, value, f"object ({td.__name__})"
    fields, required = _fields(td)
    for key in required:
        if key not in value:
            return (
                _member(path, key),
                _MISSING,
                f"{_name(fields[key])} (a required key)",
            )
    for key, field in fields.items():
        if key in value:
            problem = _problem(value[key], field, _member(path, key))
            if problem is not None:
                return problem
    return None


@lru_cache(maxsize=256)
def _fields(td: type) -> tuple[dict[str, object], frozenset[str]]:
    """A TypedDict's field types (qualifiers removed), and its required keys.

    Read from ``Required``/``NotRequired`` where written: on Python 3.10 a
    ``typing.TypedDict`` counts a ``NotRequired`` key as required.
    """
    fields: dict[str, object] = {}
    required = set(getattr(td, "__required_keys__", ()))
    # JSONValue refers to itself by name: resolve that name where the
    # TypedDict's module does not define it.
    module = sys.modules.get(td.__module__)
    names = {} if module is None else vars(module)
    local = None if "JSONValue" in names else {"JSONValue": JSONValue}
    hints = te.get_type_hints(td, localns=local, include_extras=True)
    for key, hint in hints.items():
        field: object = hint
        origin: object = typing.get_origin(field)
        while origin in _WRAPPERS:
            if origin is te.NotRequired:
                required.discard(key)
            elif origin is te.Required:
                required.add(key)
            field = typing.get_args(field)[0]
            origin = typing.get_origin(field)
        fields[key] = field
    return fields, frozenset(required)


def _json_problem(value: object, path: str) -> _Problem:
    """Whether *value* is a JSON value at all (what ``JSONValue`` spells)."""
    if value is None or isinstance(value, (str, int, float)):
        return None
    if isinstance(value, list):
        return _list_problem(value, JSONValue, path)
    if isinstance(value, dict):
        return _dict_problem(value, JSONValue, path)
    return path, value, "a JSON value"


def _names_json_value(tp: object) -> bool:
    """Whether *tp* is :data:`JSONValue` as ``get_type_hints`` leaves it.

    The alias names itself (``list['JSONValue']``); resolving a field's hint
    rebuilds the union with the name replaced, one level deep.
    """
    if isinstance(tp, typing.ForwardRef):
        tp = tp.__forward_arg__
    if tp is JSONValue or tp == "JSONValue":
        return True
    if not isinstance(tp, types.UnionType):
        return False
    scalars = {a for a in typing.get_args(tp) if typing.get_origin(a) is None}
    nested = [a for a in typing.get_args(tp) if typing.get_origin(a) is not None]
    return (
        scalars == _JSON_SCALARS
        and len(nested) == 2
        and {typing.get_origin(a) for a in nested} == {dict, list}
        and all(_names_json_value(typing.get_args(a)[-1]) for a in nested)
    )


def _member(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]"


def _name(tp: object) -> str:
    """*tp* as messages spell it: ``list[Line]``, ``str | None``, ``JSONValue``."""
    if tp is None or tp is type(None):
        return "None"
    if _names_json_value(tp):
        return "JSONValue"
    origin: object = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or isinstance(tp, types.UnionType):
        return " | ".join(_name(arm) for arm in args)
    if origin in _LITERALS:
        return f"Literal[{', '.join(repr(a) for a in args)}]"
    if args and isinstance(origin, type):
        return f"{origin.__name__}[{', '.join(_name(a) for a in args)}]"
    return str(getattr(tp, "__name__", tp))


_MISSING = object()


def _kind(value: object) -> str:
    """How the message names the value found: its JSON kind, or its type."""
    if value is _MISSING:
        return "missing"
    for kinds, name in _KINDS:
        if isinstance(value, kinds):
            return f"a JSON {name}"
    return f"a {type(value).__name__}, not a JSON value"


_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (type(None), "null"),
    (bool, "boolean"),
    ((int, float), "number"),
    (str, "string"),
    (list, "array"),
    (dict, "object"),
)
