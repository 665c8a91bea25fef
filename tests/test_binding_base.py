"""Shared converter helpers: annotation checks and payload shapes."""

from __future__ import annotations

import collections.abc
import typing

import pytest

from azure.functions import DatumTypeError
from azure.functions._bindings._base import (
    accepts,
    body_bytes,
    is_iterable_of,
    payload_items,
)
from azure.functions.meta import Datum, get_binding_registry


class Message:
    pass


class SpecialMessage(Message):
    pass


@pytest.mark.parametrize(
    "annotation",
    [
        list[Message],
        typing.List[Message],  # noqa: UP006 - the typing form must work too
        collections.abc.Iterable[Message],
        typing.Sequence[SpecialMessage],
        tuple[Message],
    ],
)
def test_iterables_of_the_type_are_recognised(annotation: object) -> None:
    assert is_iterable_of(annotation, Message)


@pytest.mark.parametrize(
    "annotation",
    [
        list,
        list[int],
        dict[str, Message],
        typing.Optional[Message],  # noqa: UP045
        Message,
        "list[Message]",
        None,
        list[list[Message]],
        tuple[Message, Message],
    ],
)
def test_other_annotations_are_not(annotation: object) -> None:
    assert not is_iterable_of(annotation, Message)


def test_accepts_plain_types_and_only_the_iterables_asked_for() -> None:
    assert accepts(SpecialMessage, Message)
    assert accepts(str, (Message, str))
    assert not accepts(list[Message], Message)
    assert accepts(list[Message], Message, iterables=Message)
    assert accepts(list[str], Message, iterables=(str, bytes))
    assert not accepts(int, Message, iterables=Message)
    assert not accepts(typing.Union[int, str], str, iterables=str)  # noqa: UP007


@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (Datum(b"\x00\xff", "bytes"), b"\x00\xff"),
        (Datum("h\u00e9", "string"), "h\u00e9".encode()),
        (Datum('{"a": 1}', "json"), b'{"a": 1}'),
        (Datum(None, None), b""),
        (None, b""),
    ],
)
def test_body_bytes(datum: Datum | None, expected: bytes) -> None:
    assert body_bytes(datum, binding="queueTrigger") == expected


@pytest.mark.parametrize(
    "datum", [Datum(3, "int"), Datum(["a"], "collection_string"), Datum(3, "string")]
)
def test_body_bytes_rejects_other_wire_types(datum: Datum) -> None:
    with pytest.raises(DatumTypeError, match="'queueTrigger': the payload"):
        body_bytes(datum, binding="queueTrigger")


def test_payload_items_from_collections_and_json_arrays() -> None:
    class Proto:
        def __init__(self) -> None:
            self.bytes = [b"a", b"b"]

    assert payload_items(Datum(Proto(), "collection_bytes"), binding="b") == [
        b"a",
        b"b",
    ]
    assert payload_items(Datum(["x"], "collection_string"), binding="b") == ["x"]
    assert payload_items(Datum('[{"a": 1}, 2]', "json"), binding="b") == [{"a": 1}, 2]


@pytest.mark.parametrize("datum", [Datum('{"a": 1}', "json"), Datum("x", "string")])
def test_payload_items_rejects_single_values(datum: Datum) -> None:
    with pytest.raises(DatumTypeError, match="'eventHubTrigger': the batch"):
        payload_items(datum, binding="eventHubTrigger")


@pytest.mark.parametrize(
    "binding", ["serviceBusTrigger", "eventHubTrigger", "kafkaTrigger", "queueTrigger"]
)
def test_a_body_with_a_lone_surrogate_is_named(binding: str) -> None:
    """Text from the worker is valid; text built in Python may not encode."""
    converter = get_binding_registry()[binding]
    with pytest.raises(DatumTypeError, match=f"'{binding}'.*lone surrogate"):
        converter.decode(Datum("a\ud800", "string"), trigger_metadata={})
