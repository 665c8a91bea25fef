"""The supported Pythons: declared alike everywhere, and found by scripts/pythons."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ROOT / "scripts" / "pythons"


def script_minors() -> list[str]:
    """The minor versions scripts/pythons (and so scripts/test) looks for."""
    found = re.search(r"^MINORS=\(([^)]*)\)", PYTHONS.read_text(), re.MULTILINE)
    assert found is not None
    return found.group(1).split()


def test_classifiers_and_requires_python_name_the_pythons_tested() -> None:
    # Read as text: tomllib is not in Python 3.10.
    pyproject = (ROOT / "pyproject.toml").read_text()
    classifiers = re.findall(r'"Programming Language :: Python :: (3\.\d+)"', pyproject)
    minors = script_minors()
    assert classifiers == minors
    assert minors == sorted(minors, key=lambda m: tuple(map(int, m.split("."))))
    assert f'requires-python = ">={minors[0]}"' in pyproject


def fake_python(path: Path, version: str | None) -> None:
    """An executable that answers *version* as a Python would, or fails as a shim."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if version is None:
        body = f'echo "pyenv: {path.name}: command not found" >&2\nexit 127\n'
    else:
        body = f"echo {version}\n"
    path.write_text(f"#!/bin/sh\n{body}")
    path.chmod(0o755)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_pythons_picks_an_interpreter_that_runs_per_minor_version(
    tmp_path: Path,
) -> None:
    pyenv = tmp_path / "pyenv"
    versions = pyenv / "versions"
    # pyenv's newest patch release wins (9 < 12 as versions, not as text).
    fake_python(versions / "3.10.9" / "bin" / "python3.10", "3.10.9")
    fake_python(versions / "3.10.12" / "bin" / "python3.10", "3.10.12")
    # A pyenv 3.11 that does not run: the one on PATH is taken.
    fake_python(versions / "3.11.2" / "bin" / "python3.11", None)
    path = tmp_path / "bin"
    fake_python(path / "python3.11", "3.11.7")
    # On PATH only as a shim that runs another version: not found.
    fake_python(path / "python3.12", "3.11.7")
    # python3.13: nowhere. The tools the script uses, and nothing else, on PATH.
    for tool in ("ls", "sort"):
        found = shutil.which(tool)
        assert found is not None
        (path / tool).symlink_to(found)
    bash = shutil.which("bash")
    assert bash is not None

    listed = subprocess.run(
        [bash, str(PYTHONS)],
        env={"PATH": str(path), "PYENV_ROOT": str(pyenv), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )

    assert listed.stdout.splitlines() == [
        f"3.10 3.10.12 {versions / '3.10.12' / 'bin' / 'python3.10'}",
        f"3.11 3.11.7 {path / 'python3.11'}",
        "3.12 - -",
        "3.13 - -",
    ]
    assert listed.stderr == ""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_pythons_finds_the_version_running_the_tests() -> None:
    here = str(Path(sys.executable).parent)  # a venv's bin holds python3.X
    listed = subprocess.run(
        ["bash", str(PYTHONS)],
        env={**os.environ, "PATH": f"{here}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        check=True,
    )
    found = {
        minor: version
        for minor, version, _ in (
            line.split(" ", 2) for line in listed.stdout.splitlines()
        )
    }
    assert list(found) == script_minors()
    minor = "{}.{}".format(*sys.version_info)
    # pyenv's newest release of this minor version, or this very one.
    assert found[minor].startswith(f"{minor}.")
