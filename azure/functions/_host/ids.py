"""Invocation ids and trace contexts: made for every invocation, cheaply.

An id is a version 4 UUID as text, unique within the process: the last 96
bits are drawn once per process (again in a forked child), the first group
steps through every 32-bit value. A trace context continues the caller's W3C
``traceparent`` with a span of the invocation's own, or starts a new trace.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from typing import final

from .._context import TraceContext

__all__ = ["new_invocation_id", "trace_context_for"]

_TRACEPARENT = re.compile(r"00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})")
_bits = random.getrandbits


def new_invocation_id() -> str:
    """A version 4 UUID, as text, unique within the process (and, by chance, beyond).

    Ids are not secrets. The last 96 bits are drawn once per process (and
    again in a forked child); the first group steps through every 32-bit
    value by an odd stride from a random start, so no id repeats within 2**32
    invocations, and ids told apart by their first group, as people read
    them, differ there. One format per id instead of a fresh draw cut into
    five groups: the id is on every invocation's path.
    """
    return f"{next(_ids.head) & 0xFFFFFFFF:08x}{_ids.rest}"


#: Odd, so that adding it modulo 2**32 visits every value before repeating.
_HEAD_STRIDE = 0x9E3779B9


@final
class _InvocationIds:
    """The process's id ending and the counter that makes each id's first group."""

    __slots__ = ("head", "rest")

    head: itertools.count[int]
    rest: str

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Draw a new ending and starting point (at start-up, in a forked child)."""
        text = f"{_bits(96) & _REST_CLEAR | _REST_SET:024x}"
        self.rest = f"-{text[:4]}-{text[4:8]}-{text[8:12]}-{text[12:]}"
        self.head = itertools.count(_bits(32), _HEAD_STRIDE)


#: Version 4 and the RFC 4122 variant, in the last 96 bits of a UUID (the
#: version is the top nibble of its third group, the variant the top two bits
#: of its fourth).
_REST_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_REST_SET = (4 << 76) | (0x8000 << 48)
_ids = _InvocationIds()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_ids.reset)


def trace_context_for(trace_parent: str, trace_state: str) -> TraceContext:
    """The invocation's own span: the caller's trace continued, or a new trace.

    As the host does, the function sees a ``traceparent`` naming the host's
    span for the invocation, a child of the caller's when one was sent.
    """
    span = f"{_bits(64) or 1:016x}"
    found = (
        _TRACEPARENT.fullmatch(trace_parent.strip().lower()) if trace_parent else None
    )
    if found is not None and found.group(1) != "0" * 32:
        return TraceContext(f"00-{found.group(1)}-{span}-{found.group(3)}", trace_state)
    trace = f"{_bits(128) or 1:032x}"
    return TraceContext(f"00-{trace}-{span}-00", trace_state if found else "")
