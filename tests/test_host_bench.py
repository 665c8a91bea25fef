"""The host benchmark's A/B option: exported trees, round-by-round comparison.

Nothing is served or timed here: the report is made from given rounds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.host_bench import (
    REPO,
    Against,
    Measurement,
    compare_rounds,
    report,
)


def measured(server: str, *rates: float) -> Measurement:
    rounds = [
        {
            "rps": rate,
            "requests": rate * 5,
            "seconds": 5.0,
            "p50_ms": 1.0,
            "p99_ms": 2.0,
            "errors": 0.0,
        }
        for rate in rates
    ]
    return Measurement.of(server, "wrk", rounds)


def test_compare_rounds_gives_the_change_of_the_medians_and_the_rounds_won() -> None:
    mine = measured("azure-functions host (def)", 110, 90, 120)
    theirs = measured("host (def) at abc1234", 100, 100, 100)
    assert compare_rounds(mine, theirs) == (
        "azure-functions host (def) vs host (def) at abc1234: +10.0 % "
        "(faster in 2 of 3 rounds)"
    )


def test_the_report_compares_each_kind_with_its_own_and_sets_no_target_for_them(
    tmp_path: Path,
) -> None:
    against = Against("abc1234", tmp_path)
    results = [
        measured("azure-functions host (def)", 60),
        measured(against.name_of("def"), 50),
        measured("azure-functions host (async def)", 45),
        measured(against.name_of("async def"), 50),
        measured("aiohttp (bare)", 100),
    ]
    table, met = report(results, against)
    lines = table.splitlines()
    assert "| host (def) at abc1234 | 50 | 1.00 ms | 2.00 ms | 0 |" in lines
    assert (
        "PASS: azure-functions host (def) is 0.60x aiohttp (bare) (target >= 0.5x)"
        in lines
    )
    assert (
        "FAIL: azure-functions host (async def) is 0.45x aiohttp (bare) "
        "(target >= 0.5x)" in lines
    )
    assert not any(line.startswith(("PASS: host", "FAIL: host")) for line in lines)
    assert lines[-2:] == [
        "azure-functions host (def) vs host (def) at abc1234: +20.0 % "
        "(faster in 1 of 1 rounds)",
        "azure-functions host (async def) vs host (async def) at abc1234: -10.0 % "
        "(faster in 0 of 1 rounds)",
    ]
    assert not met
    assert " vs host (" not in report(results)[0]  # no A/B without --against


@pytest.mark.skipif(
    shutil.which("git") is None or not (REPO / ".git").exists(),
    reason="needs git and this checkout's history",
)
def test_against_exports_the_package_of_a_commit(tmp_path: Path) -> None:
    against = Against.export("HEAD", tmp_path / "tree")
    assert (against.tree / "azure" / "functions" / "__init__.py").is_file()
    assert not (against.tree / "tests").exists()  # the package alone
    assert 7 <= len(against.rev) <= 12
    assert against.name_of("def") == f"host (def) at {against.rev}"
