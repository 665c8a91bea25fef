"""Helpers for the host tests: function apps written into a temporary folder."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from pathlib import Path

HTTP_IN: dict[str, object] = {
    "type": "httpTrigger",
    "direction": "in",
    "name": "req",
    "authLevel": "anonymous",
}
HTTP_OUT: dict[str, object] = {"type": "http", "direction": "out", "name": "$return"}


def http_function(
    source: str,
    *,
    route: str | None = None,
    methods: list[str] | None = None,
    **trigger: object,
) -> tuple[dict[str, object], str]:
    """function.json and script of an HTTP function returning through ``$return``."""
    binding = dict(HTTP_IN)
    if route is not None:
        binding["route"] = route
    if methods is not None:
        binding["methods"] = methods
    binding.update(trigger)
    return {"bindings": [binding, HTTP_OUT]}, source


def write_app(
    root: Path,
    functions: Mapping[str, tuple[Mapping[str, object] | str, str]],
    *,
    host: Mapping[str, object] | None = None,
    settings: Mapping[str, str] | None = None,
    files: Mapping[str, str] | None = None,
) -> Path:
    """Write a v1 app: ``host.json``, and per function its ``function.json`` and script.

    A function's JSON may be given as text (to write broken JSON); its script
    goes to ``scriptFile`` (default ``__init__.py``). *files* adds other files.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "host.json").write_text(
        json.dumps({"version": "2.0"} if host is None else host)
    )
    if settings is not None:
        (root / "local.settings.json").write_text(
            json.dumps({"IsEncrypted": False, "Values": dict(settings)})
        )
    for name, (config, source) in functions.items():
        folder = root / name
        folder.mkdir()
        if isinstance(config, str):
            (folder / "function.json").write_text(config)
            script = "__init__.py"
        else:
            (folder / "function.json").write_text(json.dumps(config))
            script_file = config.get("scriptFile", "__init__.py")
            script = script_file if isinstance(script_file, str) else "__init__.py"
        (folder / script).write_text(textwrap.dedent(source))
    for relative, text in (files or {}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root
