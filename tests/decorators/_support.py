"""Helpers for the decorator tests: the JSON an app gives the worker."""

from __future__ import annotations

import json

from azure.functions.decorators.function_app import FunctionRegister


def raw_bindings(app: FunctionRegister) -> dict[str, list[str]]:
    """Function name → ``get_raw_bindings()``, as the worker reads them."""
    return {
        function.get_function_name() or "": function.get_raw_bindings()
        for function in app.get_functions()
    }


def binding_dicts(app: FunctionRegister, name: str) -> list[dict[str, object]]:
    """The parsed JSON of one function's bindings."""
    found: list[dict[str, object]] = [
        json.loads(text) for text in raw_bindings(app)[name]
    ]
    return found
