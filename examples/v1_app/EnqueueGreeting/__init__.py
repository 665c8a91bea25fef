"""Queues a greeting for the name in the JSON body: an ``Out[str]`` and ``$return``."""

from __future__ import annotations

import azure.functions as func


def main(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    """``POST /api/greetings {"name": ...}`` → one queue message, 202 Accepted."""
    try:
        body = req.get_json()
    except func.InvalidJSONError as exc:
        return func.HttpResponse.json({"error": str(exc)}, status_code=400)
    name = body.get("name") if isinstance(body, dict) else None
    if not isinstance(name, str) or not name:
        return func.HttpResponse.json({"error": 'send {"name": ...}'}, status_code=400)
    greeting = f"hello {name}"
    msg.set(greeting)
    return func.HttpResponse.json({"queued": greeting}, status_code=202)
