"""Warm-up trigger: WarmUpContext and its converter."""

from __future__ import annotations

import pytest

import azure.functions.warmup as public_warmup
from azure.functions._bindings.warmup import WarmUpContext, WarmUpTriggerConverter
from azure.functions.meta import Datum, get_binding_registry
from tests._wire import WorkerDatum


def test_converter_serves_the_warmup_trigger() -> None:
    assert get_binding_registry().get("warmupTrigger") is WarmUpTriggerConverter
    assert WarmUpTriggerConverter.has_trigger_support()
    assert not WarmUpTriggerConverter.has_implicit_output()
    assert public_warmup.__all__ == ["WarmUpContext", "WarmUpTriggerConverter"]
    assert public_warmup.WarmUpContext is WarmUpContext


@pytest.mark.parametrize(
    "datum",
    [
        Datum(None, None),
        Datum("{}", "json"),
        Datum(b"", "bytes"),
        WorkerDatum("", "string"),
    ],
)
def test_decode_gives_a_context_whatever_the_payload(datum: object) -> None:
    context = WarmUpTriggerConverter.decode(datum, trigger_metadata=None)  # type: ignore[arg-type]
    assert isinstance(context, WarmUpContext)
    assert repr(context) == "<WarmUpContext>"


def test_context_carries_no_data() -> None:
    context = WarmUpContext()
    with pytest.raises(AttributeError):
        context.anything = 1  # type: ignore[attr-defined]


class MyContext(WarmUpContext):
    pass


@pytest.mark.parametrize(
    ("pytype", "expected"),
    [
        (WarmUpContext, True),
        (MyContext, True),
        (str, False),
        (object, False),
        (list[WarmUpContext], False),
        ("WarmUpContext", False),
    ],
)
def test_input_annotations(pytype: object, expected: bool) -> None:
    assert WarmUpTriggerConverter.check_input_type_annotation(pytype) is expected
