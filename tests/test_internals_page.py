"""docs/internals.md names real files and real tests.

The page lists each speed-up with its file and the tests that guard it; when a
module moves or a test is renamed, this fails until the page follows.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "internals.md"
# `azure/functions/_host/pool.py` or `tests/host/test_pool.py::test_name`
REFERENCE = re.compile(r"`((?:azure|tests)/[\w/.]+\.py)(?:::(\w+))?`")


def references(text: str) -> list[tuple[str, str | None]]:
    """Every file (and test) the page names, in order."""
    return [(path, test or None) for path, test in REFERENCE.findall(text)]


def test_the_page_names_files_and_tests() -> None:
    found = references(PAGE.read_text(encoding="utf-8"))
    assert len({path for path, _ in found if path.startswith("azure/")}) >= 10
    assert len({test for _, test in found if test}) >= 15


@pytest.mark.parametrize(
    ("path", "test"), sorted(set(references(PAGE.read_text(encoding="utf-8"))), key=str)
)
def test_each_named_file_and_test_exists(path: str, test: str | None) -> None:
    source = ROOT / path
    assert source.is_file(), f"docs/internals.md names {path}, which is gone"
    if test is not None:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        names = {
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        assert test in names, f"docs/internals.md names {path}::{test}, which is gone"


def test_a_renamed_test_is_noticed() -> None:
    page = "`tests/host/test_pool.py::test_no_such_thing` and `azure/nowhere.py`"
    assert references(page) == [
        ("tests/host/test_pool.py", "test_no_such_thing"),
        ("azure/nowhere.py", None),
    ]
