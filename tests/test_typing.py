"""Typing tests: snippets mypy must accept, and snippets it must reject.

Each line of a ``typing/fail`` snippet that mypy must reject ends in
``# E: <code>``; mypy must report that error code on that line and no error on
any unmarked line. The ``typing/pass`` snippets must check clean under
``mypy --strict`` and under pyright's strict mode (``typing/pyrightconfig.json``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mypy import api

HERE = Path(__file__).parent / "typing"
ROOT = HERE.parent.parent
FAIL_FILES = sorted((HERE / "fail").glob("*.py"))
PASS_FILES = sorted((HERE / "pass").glob("*.py"))
ERROR_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+): error: .*\[(?P<code>[a-z-]+)\]$"
)
MARKER = re.compile(r"#\s*E:\s*(?P<codes>[a-z-]+(?:\s*,\s*[a-z-]+)*)\s*$")


def run_mypy(files: list[Path]) -> dict[tuple[str, int], set[str]]:
    out, err, _ = api.run(
        ["--config-file", str(ROOT / "mypy.ini"), "--no-error-summary"]
        + [str(f.relative_to(ROOT)) for f in files]
    )
    assert not err, err
    found: dict[tuple[str, int], set[str]] = {}
    for text in out.splitlines():
        match = ERROR_LINE.match(text)
        if match:
            key = (Path(match["file"]).name, int(match["line"]))
            found.setdefault(key, set()).add(match["code"])
    return found


def expected_errors(path: Path) -> dict[tuple[str, int], set[str]]:
    expected: dict[tuple[str, int], set[str]] = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        match = MARKER.search(line)
        if match:
            codes = {c.strip() for c in match["codes"].split(",")}
            expected[(path.name, number)] = codes
    return expected


@pytest.fixture(scope="module")
def fail_results() -> dict[tuple[str, int], set[str]]:
    return run_mypy(FAIL_FILES)


def test_snippets_exist() -> None:
    assert PASS_FILES
    assert FAIL_FILES


def test_pass_snippets_check_clean() -> None:
    assert run_mypy(PASS_FILES) == {}


def test_pass_snippets_check_clean_under_pyright_strict() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pyright",
            "--outputjson",
            "--project",
            str(HERE / "pyrightconfig.json"),
            "--pythonpath",
            sys.executable,
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    report = json.loads(result.stdout)
    problems = [
        f"{Path(d['file']).name}:{d['range']['start']['line'] + 1}: {d['message']}"
        for d in report["generalDiagnostics"]
        if d["severity"] in ("error", "warning")
    ]
    assert not problems, "\n".join(problems)
    assert report["summary"]["filesAnalyzed"] == len(PASS_FILES)


@pytest.mark.parametrize("path", FAIL_FILES, ids=lambda p: p.name)
def test_fail_snippet_is_rejected_where_marked(
    path: Path, fail_results: dict[tuple[str, int], set[str]]
) -> None:
    expected = expected_errors(path)
    assert expected, f"{path.name} marks no line with '# E: <code>'"
    actual = {key: codes for key, codes in fail_results.items() if key[0] == path.name}
    unexpected = sorted(set(actual) - set(expected))
    assert not unexpected, f"errors on unmarked lines: {unexpected}"
    for key, codes in expected.items():
        assert key in actual, f"line {key[1]}: mypy accepted it, expected {codes}"
        assert codes <= actual[key], f"line {key[1]}: got {actual[key]}, want {codes}"
