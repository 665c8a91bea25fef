from __future__ import annotations

import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azure.functions as func


def test_get_returns_what_was_set_last() -> None:
    out: func.Out[str] = func.Out()
    out.set("first")
    out.set("second")
    assert out.get() == "second"
    assert out.is_set


def test_get_before_set_raises_a_lookup_error() -> None:
    out: func.Out[bytes] = func.Out()
    assert not out.is_set
    with pytest.raises(func.OutputNotSetError, match=r"before Out\.set") as info:
        out.get()
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, func.FunctionsError)


def test_none_is_a_value_once_set() -> None:
    out: func.Out[str | None] = func.Out()
    out.set(None)
    assert out.is_set
    assert out.get() is None


def test_subscripted_form_is_what_the_worker_inspects() -> None:
    # The worker recognises output parameters by the annotation's origin name.
    annotation = func.Out[str]
    assert typing.get_origin(annotation) is func.Out
    assert typing.get_args(annotation) == (str,)
    assert func.Out.__name__ == "Out"


def test_repr_shows_state() -> None:
    out: func.Out[int] = func.Out()
    assert repr(out) == "<Out (not set)>"
    out.set(3)
    assert repr(out) == "<Out 3>"


def test_instances_are_closed() -> None:
    out: func.Out[int] = func.Out()
    with pytest.raises(AttributeError):
        out.other = 1  # type: ignore[attr-defined]


@given(st.one_of(st.text(), st.binary(), st.integers(), st.none()))
def test_round_trip(value: object) -> None:
    out: func.Out[object] = func.Out()
    out.set(value)
    assert out.get() == value
