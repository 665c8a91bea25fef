"""Invocation ids are UUID4s unique in the process; trace contexts are W3C."""

from __future__ import annotations

import os
import re
import uuid

import pytest

from azure.functions._host.ids import new_invocation_id, trace_context_for


def test_random_based_ids_are_uuid4_and_trace_contexts_w3c() -> None:
    drawn = [new_invocation_id() for _ in range(100_000)]
    assert len(set(drawn)) == len(drawn)
    parsed = [uuid.UUID(value) for value in drawn[:1000]]
    assert all(value.version == 4 for value in parsed)
    assert all(value.variant == uuid.RFC_4122 for value in parsed)
    assert all(
        str(value) == text for value, text in zip(parsed, drawn[:1000], strict=True)
    )
    # Ids differ in their first group, where people tell them apart.
    assert len({value[:8] for value in drawn}) == len(drawn)
    fresh = trace_context_for("", "")
    assert re.fullmatch(r"00-[0-9a-f]{32}-[0-9a-f]{16}-00", fresh.trace_parent)
    parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    child = trace_context_for(parent, "k=v")
    assert child.trace_parent.startswith("00-0af7651916cd43dd8448eb211c80319c-")
    assert child.trace_parent.endswith("-01")
    assert child.trace_parent != parent
    assert child.trace_state == "k=v"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_draws_ids_of_its_own() -> None:
    before = new_invocation_id()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next id, then leave at once
        try:
            os.write(write_end, new_invocation_id().encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        child = pipe.read().decode()
    os.waitpid(pid, 0)
    after = new_invocation_id()
    assert uuid.UUID(child).version == 4
    assert child[8:] != before[8:]  # a new ending, not the parent's
    assert after[8:] == before[8:]  # the parent keeps its own
    assert child not in (before, after)
