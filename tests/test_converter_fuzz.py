"""Fuzzing every converter's ``decode``: bad input raises the package's own errors.

Any wire type with any value, with or without trigger metadata of any shape:
a converter either returns a value (whose properties can be read) or raises a
:class:`~azure.functions.FunctionsError` that is also a ``ValueError`` or a
``TypeError``; never a bare ``KeyError``, ``AttributeError``,
``UnicodeEncodeError`` ...
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import azure.functions as func
from azure.functions import _bindings
from azure.functions._metadata import (
    Field,
    LazyMetadata,
    MetadataProperty,
    metadata_properties,
)
from azure.functions.meta import WIRE_TYPES, Converter, Datum, DatumLike
from tests._wire import WorkerDatum, collection_message, repeated_field, worker_datum

REGISTRY = func.get_binding_registry()
CONVERTERS = sorted({*REGISTRY, "noSuchBinding"})


def metadata_keys() -> list[str]:
    """Every metadata key a built-in converter reads, and its batch ``*Array``."""
    keys = {"SystemProperties", "PartitionContext", "sys", "iothub-enqueuedtime"}
    for info in pkgutil.iter_modules(_bindings.__path__):
        module = importlib.import_module(f"{_bindings.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Field):
                keys.add(value.key)
            elif isinstance(value, type) and issubclass(value, LazyMetadata):
                keys.update(prop.field.key for prop in metadata_properties(value))
    keys.update([f"{key}Array" for key in keys])
    return sorted(keys)


def source_words() -> list[str]:
    """Identifier-like string literals of the binding modules: the keys they read.

    JSON objects keyed by them reach past "missing member" checks into the
    code that converts each member.
    """
    words: set[str] = set()
    for info in pkgutil.iter_modules(_bindings.__path__):
        path = Path(_bindings.__path__[0], f"{info.name}.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and re.fullmatch(r"[A-Za-z$][\w$-]{0,40}", value):
                words.add(value)
    return sorted(words)


# -- values ------------------------------------------------------------------------

KEYS = st.sampled_from(source_words()) | st.text(max_size=8)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=10)
    | st.sampled_from(["2020-01-01T00:00:00Z", "00:05:00", "1.02:03:04.5", "-1"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(KEYS, children, max_size=5)
    ),
    max_leaves=12,
)
# Text the JSON parsers stumble on.
AWKWARD_JSON = st.sampled_from(
    [
        "1" * 5000,
        "[" + "9" * 4400 + "]",
        '{"a": ' + "-" + "7" * 4301 + "}",
        "NaN",
        "-Infinity",
        "1e999",
        "[" * 50_000,
        '"\\ud800"',
        "\ufeff[]",
        "",
        "null",
    ]
)
JSON_TEXT = JSON_VALUES.map(json.dumps) | AWKWARD_JSON | st.text(max_size=20)

SCALARS = (
    st.none()
    | st.text(max_size=20)  # lone surrogates included
    | st.binary(max_size=20)
    | st.integers()
    | st.floats()
    | st.booleans()
    | JSON_TEXT
)

COLLECTION_ITEMS: dict[str, st.SearchStrategy[object]] = {
    "collection_string": st.text(st.characters(codec="utf-8"), max_size=10),
    "collection_bytes": st.binary(max_size=10),
    "collection_double": st.floats(),
    "collection_sint64": st.integers(-(2**63), 2**63 - 1),
}


@st.composite
def protobuf_collections(draw: st.DrawFn) -> object:
    """A protobuf collection message or bare repeated field, of any kind."""
    kind = draw(st.sampled_from(sorted(COLLECTION_ITEMS)))
    items = draw(st.lists(COLLECTION_ITEMS[kind], max_size=4))
    build: Callable[[str, list[object]], object] = draw(
        st.sampled_from([collection_message, repeated_field])
    )
    return build(kind, items)


VALUES = st.recursive(
    SCALARS | protobuf_collections(),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)

WIRE_TYPE_NAMES = st.sampled_from(
    [*sorted(WIRE_TYPES), None, "stream", "collection_model_binding_data", "bogus"]
)


@st.composite
def http_values(draw: st.DrawFn, datums: st.SearchStrategy[DatumLike]) -> object:
    """An ``http`` value: the worker's dict, with parts missing or ill-typed."""
    string_maps = st.dictionaries(st.text(max_size=8), datums | SCALARS, max_size=3)
    parts: dict[str, st.SearchStrategy[object]] = {
        "method": datums | SCALARS,
        "url": datums | SCALARS,
        "headers": string_maps | SCALARS,
        "query": string_maps,
        "params": string_maps,
        "body": datums | SCALARS,
    }
    names = draw(st.sets(st.sampled_from(sorted(parts))))
    return {name: draw(parts[name]) for name in names}


def datums() -> st.SearchStrategy[DatumLike]:
    """Well-typed datums (the worker's shapes) and anything-goes ones."""
    any_datum = st.builds(Datum, VALUES, WIRE_TYPE_NAMES) | st.builds(
        WorkerDatum, VALUES, WIRE_TYPE_NAMES
    )
    typed = st.one_of(
        st.builds(Datum, JSON_TEXT, st.just("json")),
        st.builds(Datum, st.text(max_size=20), st.just("string")),
        st.builds(Datum, st.binary(max_size=20), st.just("bytes")),
        st.builds(Datum, st.integers(), st.just("int")),
        st.builds(Datum, st.floats(), st.just("double")),
        st.builds(
            worker_datum,
            st.just("model_binding_data"),
            st.fixed_dictionaries({"source": st.text(st.characters(codec="utf-8"))}),
        ),
    )
    base = typed | any_datum
    return base | st.builds(Datum, http_values(base), st.just("http"))


DATUMS = datums()
METADATA_KEYS = metadata_keys()
METADATA: st.SearchStrategy[Mapping[str, DatumLike] | None] = st.none() | (
    st.dictionaries(
        st.sampled_from(METADATA_KEYS) | st.text(max_size=8), DATUMS, max_size=4
    )
)


# -- the check ------------------------------------------------------------------------


def package_error(exc: BaseException) -> bool:
    return isinstance(exc, func.FunctionsError) and isinstance(
        exc, (ValueError, TypeError)
    )


_FAILED = object()


def attempt(
    what: str, call: Callable[..., object], *args: object, **kw: object
) -> object:
    """``call(...)``; a package error gives ``_FAILED``, any other exception fails."""
    try:
        return call(*args, **kw)
    except Exception as exc:
        if package_error(exc):
            return _FAILED
        raise AssertionError(f"{what} raised {exc!r}") from exc


def read_everything(result: object, binding: str) -> None:
    """Read a decoded value's properties and bodies, where errors may hide.

    Metadata properties convert on first access: reading them is where a
    malformed value raises.
    """
    for item in result if isinstance(result, list) else [result]:
        for name in dir(type(item)):
            if not name.startswith("_") and isinstance(
                getattr(type(item), name, None), (property, MetadataProperty)
            ):
                attempt(f"{binding}: .{name}", getattr, item, name)
        for method in ("get_body", "get_json"):
            call = getattr(item, method, None)
            if callable(call):
                attempt(f"{binding}: .{method}()", call)


def decodes(converter: type[Converter]) -> bool:
    """Whether *converter* has a ``decode`` of its own (not an output-only one)."""
    return getattr(converter.decode, "__func__", None) is not getattr(
        Converter.decode, "__func__", None
    )


DECODERS = {
    name: REGISTRY.resolve(name)
    for name in CONVERTERS
    if decodes(REGISTRY.resolve(name))
}


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=DATUMS, metadata=METADATA)
def test_decode_raises_only_package_errors(
    data: DatumLike, metadata: Mapping[str, DatumLike] | None
) -> None:
    for binding, converter in DECODERS.items():
        result = attempt(
            f"{binding}: decode", converter.decode, data, trigger_metadata=metadata
        )
        if result is not _FAILED:
            read_everything(result, binding)
