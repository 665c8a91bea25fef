"""Greets whoever is named in the query string or in a JSON body."""

from __future__ import annotations

import logging

import azure.functions as func


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Answer ``hello <name>``, remembering the name in a cookie."""
    logging.info("HttpHello: %s %s", req.method, req.url)
    name = req.params.get("name") or req.cookies.get("name")
    if name is None and req.get_body():
        try:
            body = req.get_json()
        except func.InvalidJSONError as exc:
            return func.HttpResponse(str(exc), status_code=400)
        if isinstance(body, dict) and isinstance(body.get("name"), str):
            name = str(body["name"])
    if not name:
        return func.HttpResponse.json({"error": "pass a name"}, status_code=400)
    response = func.HttpResponse(f"hello {name}")
    response.set_cookie("name", name, httponly=True, samesite="Lax")
    return response
