"""A v1 HTTP function and the types mypy must infer for it."""

from __future__ import annotations

from typing import Any

from multidict import CIMultiDictProxy, MultiDictProxy
from typing_extensions import assert_type

import azure.functions as func


def main(req: func.HttpRequest) -> func.HttpResponse:
    assert_type(req.method, str)
    assert_type(req.url, str)
    assert_type(req.headers, CIMultiDictProxy[str])
    assert_type(req.headers.get("x-name"), str | None)
    assert_type(req.headers.getall("accept", []), list[str])
    assert_type(req.params, MultiDictProxy[str])
    assert_type(req.params["name"], str)
    assert_type(req.get_body(), bytes)
    assert_type(req.get_json(), Any)
    assert_type(req.form, func.FormData[str])
    assert_type(req.form.getlist("tag"), list[str])
    assert_type(req.files.getone("upload"), func.UploadedFile)
    assert isinstance(req.form, MultiDictProxy)
    body: func.JSONValue = req.get_json()  # opt in to the union, then narrow
    name = body.get("name") if isinstance(body, dict) else req.params.get("name")
    if not isinstance(name, str):
        return func.HttpResponse("missing name", status_code=400)
    response = func.HttpResponse(f"hello {name}", headers={"X-Greeting": "1"})
    response.headers.add("Set-Cookie", "a=1")
    response.set_cookie("session", "abc", httponly=True, samesite="Lax")
    assert_type(response.status_code, int)
    assert_type(response.get_body(), bytes)
    return response


def json_response() -> func.HttpResponse:
    return func.HttpResponse.json({"ok": True}, status_code=201)
