"""The runnable example: the v1 app's HttpHello through the worker's converters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_example_invocation_prints_the_wire_response() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "invoke_like_the_worker.py"), "Ada"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "status: 200"
    assert "content-type: text/plain; charset=utf-8" in lines
    assert "cookie: Set-Cookie: name=Ada; HttpOnly; Path=/; SameSite=Lax" in lines
    assert lines[-1] == "hello Ada"
