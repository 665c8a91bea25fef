"""benchmarks/storage_bench.py still runs: a small round on the embedded store."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:  # `pytest` alone does not put the root on the path
    sys.path.insert(0, str(ROOT))

from benchmarks.storage_bench import run  # noqa: E402


def test_the_storage_benchmark_runs_the_chain() -> None:
    figures = run("embedded", 20, 4, None)
    assert set(figures) == {"http/s", "end-to-end/s"}
    assert figures["http/s"] >= figures["end-to-end/s"] > 0
