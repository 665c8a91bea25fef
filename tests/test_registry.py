from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

import pytest

import azure.functions as func
from azure.functions import _register, _registry
from azure.functions._bindings.generic import GenericConverter
from azure.functions.http import HttpRequestConverter, HttpResponseConverter
from azure.functions.meta import (
    BindingRegistry,
    Converter,
    Datum,
    InConverter,
    OutConverter,
    get_binding_registry,
)

registry = _registry.registry
_counter = itertools.count()


@pytest.fixture(autouse=True)
def _restore_registry() -> Iterator[None]:
    """Undo every extension registered by a test."""
    extra = dict(registry._extra)
    loaded = dict(registry._loaded)
    replaced = dict(registry._replaced)
    yield
    registry._extra.clear()
    registry._extra.update(extra)
    registry._loaded.clear()
    registry._loaded.update(loaded)
    registry._replaced.clear()
    registry._replaced.update(replaced)


@pytest.fixture
def name() -> str:
    """A binding name no other test uses."""
    return f"testBinding{next(_counter)}"


# -- the mapping the worker reads ---------------------------------------------------


def test_get_binding_registry_is_the_shared_mapping() -> None:
    assert get_binding_registry() is registry
    assert func.get_binding_registry() is registry
    assert isinstance(registry, Mapping)
    assert isinstance(registry, BindingRegistry)


def test_get_of_an_unknown_binding_is_none() -> None:
    assert registry.get("noSuchBinding") is None
    assert registry.get("noSuchBinding", GenericConverter) is GenericConverter
    with pytest.raises(KeyError):
        registry["noSuchBinding"]


def test_the_generic_converter_is_not_in_the_registry() -> None:
    assert GenericConverter not in set(registry.values())
    assert GenericConverter.binding_names() == ()


def test_resolve_falls_back_to_the_generic_converter() -> None:
    assert registry.resolve("noSuchBinding") is GenericConverter
    assert registry.resolve("http") is HttpResponseConverter
    assert registry.resolve("httpTrigger") is HttpRequestConverter


def test_http_converters() -> None:
    assert registry.get("http") is HttpResponseConverter
    assert registry["httpTrigger"] is HttpRequestConverter


def test_names_are_case_sensitive() -> None:
    assert registry.get("HTTP") is None
    assert "HttpTrigger" not in registry


@pytest.mark.parametrize("binding", sorted(_registry.BUILTIN_CONVERTERS))
def test_every_builtin_name_resolves_to_its_converter(binding: str) -> None:
    converter = registry[binding]
    assert isinstance(converter, type)
    assert issubclass(converter, Converter)
    assert binding in converter.binding_names()
    assert registry.get(binding) is converter
    assert binding in registry


def test_len_iteration_and_membership() -> None:
    assert len(registry) == len(_registry.BUILTIN_CONVERTERS) + len(registry._extra)
    assert list(registry) == [*_registry.BUILTIN_CONVERTERS, *registry._extra]
    assert len(list(registry)) == len(set(registry))
    assert "http" in registry
    assert "nope" not in registry


@pytest.mark.parametrize("key", [None, 1, ("http",), ["http"]])
def test_membership_of_non_names_is_false(key: object) -> None:
    assert key not in registry


def test_repr() -> None:
    assert repr(registry) == f"<BindingRegistry {len(registry)} bindings>"


# -- declaring converters --------------------------------------------------------------


def test_an_extension_converter_registers_itself(name: str) -> None:
    before = len(registry)

    class Ext(InConverter, binding=name):
        pass

    assert registry.get(name) is Ext
    assert registry.resolve(name) is Ext
    assert name in registry
    assert name in list(registry)
    assert len(registry) == before + 1
    assert Ext.binding_names() == (name,)
    assert Ext.has_trigger_support() is False


def test_a_named_trigger_registers_both_names(name: str) -> None:
    trigger = f"{name}Trigger"

    class Ext(InConverter, OutConverter, binding=name, trigger=trigger):
        pass

    assert registry.get(name) is Ext
    assert registry.get(trigger) is Ext
    assert Ext.binding_names() == (name, trigger)
    assert Ext.has_trigger_support() is True


def test_trigger_true_marks_the_binding_itself_a_trigger(name: str) -> None:
    class Ext(InConverter, binding=name, trigger=True):
        pass

    assert Ext.binding_names() == (name,)
    assert Ext.has_trigger_support() is True
    assert registry.get(name) is Ext


@pytest.mark.parametrize("trigger", [None, False])
def test_no_trigger(name: str, trigger: bool | None) -> None:
    class Ext(OutConverter, binding=name, trigger=trigger):
        pass

    assert Ext.has_trigger_support() is False


def test_a_trigger_only_converter(name: str) -> None:
    class Ext(InConverter, trigger=name):
        pass

    assert Ext.binding_names() == (name,)
    assert registry.get(name) is Ext
    assert Ext.has_trigger_support() is True


def test_a_second_claim_on_a_name_is_refused(name: str) -> None:
    class First(OutConverter, binding=name):
        pass

    with pytest.raises(func.ConverterRegistrationError) as info:

        class Second(OutConverter, binding=name):
            pass

    message = str(info.value)
    assert repr(name) in message
    assert "Second" in message
    assert "First" in message
    assert isinstance(info.value, RuntimeError)
    assert isinstance(info.value, func.FunctionsError)
    assert registry.get(name) is First


def test_a_trigger_name_clashing_with_a_binding_is_refused(name: str) -> None:
    class First(InConverter, binding=name):
        pass

    with pytest.raises(func.ConverterRegistrationError):

        class Second(InConverter, binding="other" + name, trigger=name):
            pass

    assert registry.get(name) is First


def test_a_refused_converter_registers_none_of_its_names(name: str) -> None:
    class First(InConverter, binding=name):
        pass

    fresh = f"fresh{name}"
    with pytest.raises(func.ConverterRegistrationError):

        class Second(InConverter, binding=fresh, trigger=name):
            pass

    assert registry.get(fresh) is None
    assert fresh not in registry


@pytest.mark.parametrize("builtin", sorted(_registry.BUILTIN_CONVERTERS))
def test_a_builtin_name_cannot_be_claimed(builtin: str) -> None:
    original = registry[builtin]
    with pytest.raises(func.ConverterRegistrationError, match="built-in"):

        class Usurper(InConverter, OutConverter, binding=builtin):
            pass

    assert registry[builtin] is original
    assert registry.get(builtin) is original


def test_a_builtin_name_cannot_be_claimed_before_it_is_loaded(name: str) -> None:
    registry._loaded.clear()
    with pytest.raises(func.ConverterRegistrationError):

        class Usurper(OutConverter, binding="http"):
            pass

    assert registry["http"] is HttpResponseConverter


def test_declaring_the_same_class_again_is_harmless(name: str) -> None:
    class Ext(InConverter, binding=name):
        pass

    registry.declare(Ext)
    assert registry.get(name) is Ext


def test_removing_an_extension_forgets_it(name: str) -> None:
    class Ext(InConverter, binding=name):
        pass

    assert registry.get(name) is Ext
    del registry._extra[name]
    assert registry.get(name) is None
    assert name not in registry


def test_subclasses_without_keywords_register_nothing(name: str) -> None:
    class Base(InConverter, binding=name, trigger=True):
        pass

    class Child(Base):
        pass

    assert Child.binding_names() == ()
    assert Child.has_trigger_support() is False
    assert registry.get(name) is Base


def test_subclassing_a_builtin_under_a_new_name(name: str) -> None:
    class MyHttp(HttpRequestConverter, binding=name, trigger=True):
        pass

    assert registry.get(name) is MyHttp
    assert registry.get("httpTrigger") is HttpRequestConverter


@pytest.mark.parametrize(
    ("keyword", "value"), [("binding", 5), ("binding", b"x"), ("trigger", 1.5)]
)
def test_keywords_of_the_wrong_type_are_refused(keyword: str, value: object) -> None:
    before = len(registry)
    with pytest.raises(TypeError, match=f"{keyword} must be"):
        type("Bad", (InConverter,), {}, **{keyword: value})
    assert len(registry) == before


def test_unknown_class_keywords_are_refused() -> None:
    with pytest.raises(TypeError):
        type("Bad", (InConverter,), {}, colour="blue")


# -- the base class ----------------------------------------------------------------------


def test_converter_defaults(name: str) -> None:
    class Bare(InConverter, OutConverter, binding=name):
        pass

    assert Bare.check_input_type_annotation(str) is False
    assert Bare.check_output_type_annotation(str) is False
    assert Bare.has_implicit_output() is False
    with pytest.raises(NotImplementedError, match="Bare does not decode"):
        Bare.decode(Datum("x", "string"), trigger_metadata=None)
    with pytest.raises(NotImplementedError, match="Bare does not encode"):
        Bare.encode("x", expected_type=str)


def test_a_reference_style_extension_works_end_to_end(name: str) -> None:
    class Upper(InConverter, OutConverter, binding=name, trigger=f"{name}Trigger"):
        @classmethod
        def check_input_type_annotation(cls, pytype: object) -> bool:
            return pytype is str

        @classmethod
        def decode(
            cls, data: object, *, trigger_metadata: Mapping[str, object] | None
        ) -> str:
            assert isinstance(data, Datum)
            assert isinstance(data.value, str)
            return data.value.upper()

        @classmethod
        def encode(cls, obj: object, *, expected_type: object) -> Datum:
            return Datum(str(obj).lower(), "string")

    found = registry.get(f"{name}Trigger")
    assert found is Upper
    assert found.has_trigger_support()
    assert found.check_input_type_annotation(str)
    assert found.decode(Datum("ab", "string"), trigger_metadata=None) == "AB"
    assert found.encode("CD", expected_type=None) == Datum("cd", "string")


# -- register_converter (azure-functions 2.x) ------------------------------------

DURABLE = ["activityTrigger", "durableClient", "entityTrigger", "orchestrationTrigger"]


class DurableOrchestration(InConverter, OutConverter, trigger=True):
    """An integration package's converter: declared without a binding name."""


def test_register_converter_is_exported_where_2x_has_it() -> None:
    assert func.register_converter is _register.register_converter
    assert func.meta.register_converter is _register.register_converter
    assert sorted(_registry.OVERRIDABLE_BINDINGS) == DURABLE


@pytest.mark.parametrize("binding", DURABLE)
def test_overwrite_replaces_a_durable_converter(binding: str) -> None:
    original = registry[binding]
    func.register_converter(binding, DurableOrchestration, overwrite=True)
    assert registry[binding] is DurableOrchestration
    assert registry.get(binding) is DurableOrchestration
    assert registry.resolve(binding) is DurableOrchestration
    assert binding in registry
    assert list(registry).count(binding) == 1
    # The others keep theirs.
    for other in DURABLE:
        if other != binding:
            assert registry[other] is not DurableOrchestration
    func.register_converter(binding, original, overwrite=True)
    assert registry[binding] is original


def test_a_replacement_counts_once_and_keeps_its_trigger_support() -> None:
    size = len(registry)
    func.register_converter(
        "orchestrationTrigger", DurableOrchestration, overwrite=True
    )
    assert len(registry) == size
    converter = registry["orchestrationTrigger"]
    assert converter.has_trigger_support()


@pytest.mark.parametrize("binding", DURABLE)
def test_without_overwrite_a_registered_binding_is_refused(binding: str) -> None:
    original = registry[binding]
    with pytest.raises(func.ConverterRegistrationError) as info:
        func.register_converter(binding, DurableOrchestration)
    assert isinstance(info.value, RuntimeError)
    message = str(info.value)
    assert repr(binding) in message
    assert original.__qualname__ in message
    assert "overwrite=True" in message
    assert registry[binding] is original


def test_without_overwrite_a_replaced_binding_is_refused_too() -> None:
    func.register_converter("durableClient", DurableOrchestration, overwrite=True)
    with pytest.raises(RuntimeError, match="DurableOrchestration"):
        func.register_converter("durableClient", DurableOrchestration)


@pytest.mark.parametrize("binding", ["httpTrigger", "queue", "blobTrigger", "nope"])
def test_only_durable_bindings_can_be_overridden(binding: str) -> None:
    before = registry.get(binding)
    with pytest.raises(func.ConverterRegistrationError) as info:
        func.register_converter(binding, DurableOrchestration, overwrite=True)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert repr(binding) in message
    assert all(name in message for name in DURABLE)
    assert registry.get(binding) is before


@pytest.mark.parametrize(
    ("converter", "named"),
    [
        (DurableOrchestration(), "must be a class, got DurableOrchestration"),
        ("orchestrationTrigger", "must be a class, got str"),
        (dict, "builtins.dict is not a subclass"),
        (Converter, "Converter is not a subclass"),
    ],
)
def test_a_converter_must_be_an_in_or_out_converter_class(
    converter: object, named: str
) -> None:
    with pytest.raises(func.ConverterRegistrationError, match=named) as info:
        func.register_converter(
            "orchestrationTrigger",
            converter,  # type: ignore[arg-type]
            overwrite=True,
        )
    assert isinstance(info.value, TypeError)
    assert registry["orchestrationTrigger"] is not converter


def test_the_argument_is_checked_before_the_binding() -> None:
    # As in 2.x: a non-converter for a non-durable binding is a TypeError.
    with pytest.raises(TypeError):
        func.register_converter("http", int)  # type: ignore[arg-type]
