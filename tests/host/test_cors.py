"""CORS as Core Tools configures it, on a real socket of 127.0.0.1 (aiohttp's client).

``local.settings.json`` ``Host.CORS`` / ``Host.CORSCredentials`` (or
``--cors`` / ``--cors-credentials``): allowed origins are echoed, preflights
are answered by the host, other origins get no CORS header; with no CORS
configured, nothing changes.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest

from azure.functions._errors import AppLoadError
from azure.functions._host.cors import PREFLIGHT_MAX_AGE, CorsPolicy
from azure.functions._host.host import Host
from azure.functions._host.server import Server
from azure.functions.testing import TestClient
from tests.host._support import http_function, write_app

HELLO = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    # A function's own CORS header: the host's policy replaces it.
    return func.HttpResponse("hello", headers={"Access-Control-Allow-Origin": "*"})
"""

CORS_HEADERS = (
    "Access-Control-Allow-Origin",
    "Access-Control-Allow-Credentials",
    "Access-Control-Allow-Methods",
    "Access-Control-Allow-Headers",
    "Access-Control-Max-Age",
)


def cors_app(root: Path, host_section: dict[str, object] | None) -> Path:
    write_app(
        root,
        {
            "Hello": http_function(HELLO, methods=["get"]),
            "Secret": http_function(HELLO, authLevel="function"),
        },
    )
    settings: dict[str, object] = {"IsEncrypted": False, "Values": {}}
    if host_section is not None:
        settings["Host"] = host_section
    (root / "local.settings.json").write_text(json.dumps(settings))
    return root


Scenario = Callable[[aiohttp.ClientSession, str], Coroutine[None, None, None]]


def serve(app: Path, scenario: Scenario, **cors: object) -> None:
    host = Host.load(app, **cors)  # type: ignore[arg-type]

    async def main() -> None:
        async with serving(host) as base, aiohttp.ClientSession() as session:
            await scenario(session, base)

    try:
        asyncio.run(main())
    finally:
        host.close()


@asynccontextmanager
async def serving(host: Host) -> AsyncIterator[str]:
    server = Server(host, port=0)
    port = await server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.stop()


def preflight(origin: str, method: str = "POST", headers: str = "") -> dict[str, str]:
    asked = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        asked["Access-Control-Request-Headers"] = headers
    return asked


def test_listed_origins_with_credentials(tmp_path: Path) -> None:
    app = cors_app(
        tmp_path, {"CORS": "http://a.com, https://b.com/", "CORSCredentials": True}
    )

    async def scenario(session: aiohttp.ClientSession, base: str) -> None:
        # Preflight to a GET-only route: the host answers it (not 405).
        asked = preflight("http://a.com", "POST", "x-custom, content-type")
        async with session.options(f"{base}/api/Hello", headers=asked) as response:
            assert response.status == 204
            assert response.headers["Access-Control-Allow-Origin"] == "http://a.com"
            assert response.headers["Access-Control-Allow-Methods"] == "POST"
            assert (
                response.headers["Access-Control-Allow-Headers"]
                == "x-custom, content-type"
            )
            assert response.headers["Access-Control-Allow-Credentials"] == "true"
            assert response.headers["Access-Control-Max-Age"] == str(PREFLIGHT_MAX_AGE)
            assert response.headers["Vary"] == "Origin"
        # A preflight from another origin: answered, without a CORS header.
        asked = preflight("http://evil.com")
        async with session.options(f"{base}/api/Hello", headers=asked) as response:
            assert response.status == 204
            assert not [name for name in CORS_HEADERS if name in response.headers]
        # The request itself: the allowed origin is echoed, once.
        origin = {"Origin": "https://b.com"}
        async with session.get(f"{base}/api/Hello", headers=origin) as response:
            assert response.status == 200
            assert response.headers.getall("Access-Control-Allow-Origin") == [
                "https://b.com"
            ]
            assert response.headers["Access-Control-Allow-Credentials"] == "true"
            assert response.headers["Vary"] == "Origin"
            assert await response.text() == "hello"
        # A 401 is readable by the page too (it can tell the user).
        async with session.get(f"{base}/api/Secret", headers=origin) as response:
            assert response.status == 401
            assert response.headers["Access-Control-Allow-Origin"] == "https://b.com"
        # Another origin, or none: the function's response as it is.
        for headers in ({"Origin": "http://evil.com"}, {}):
            async with session.get(f"{base}/api/Hello", headers=headers) as response:
                assert response.status == 200
                assert response.headers.getall("Access-Control-Allow-Origin") == ["*"]
                assert "Access-Control-Allow-Credentials" not in response.headers
        # An OPTIONS that is no preflight is routed as any request.
        async with session.options(f"{base}/api/Hello", headers=origin) as response:
            assert response.status == 405

    serve(app, scenario)


def test_any_origin_without_credentials(tmp_path: Path) -> None:
    app = cors_app(tmp_path, {"CORS": "*"})

    async def scenario(session: aiohttp.ClientSession, base: str) -> None:
        asked = preflight("http://anywhere.test", "PUT")
        async with session.options(f"{base}/api/missing", headers=asked) as response:
            assert response.status == 204
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert response.headers["Access-Control-Allow-Methods"] == "PUT"
            assert "Access-Control-Allow-Credentials" not in response.headers
            assert "Vary" not in response.headers
        origin = {"Origin": "http://anywhere.test"}
        async with session.get(f"{base}/api/missing", headers=origin) as response:
            assert response.status == 404
            assert response.headers["Access-Control-Allow-Origin"] == "*"

    serve(app, scenario)


def test_without_cors_nothing_changes(tmp_path: Path) -> None:
    app = cors_app(tmp_path, None)

    async def scenario(session: aiohttp.ClientSession, base: str) -> None:
        asked = preflight("http://a.com")
        async with session.options(f"{base}/api/Hello", headers=asked) as response:
            assert response.status == 405
            assert response.headers["Allow"] == "GET"
            assert "Access-Control-Allow-Origin" not in response.headers
        origin = {"Origin": "http://a.com"}
        async with session.get(f"{base}/api/Hello", headers=origin) as response:
            assert response.headers.getall("Access-Control-Allow-Origin") == ["*"]

    serve(app, scenario)


def test_the_given_origins_win_over_the_settings(tmp_path: Path) -> None:
    app = cors_app(tmp_path, {"CORS": "http://a.com"})

    async def scenario(session: aiohttp.ClientSession, base: str) -> None:
        for origin, allowed in (("http://a.com", False), ("http://c.com", True)):
            asked = preflight(origin)
            async with session.options(f"{base}/api/Hello", headers=asked) as response:
                assert response.status == 204
                assert ("Access-Control-Allow-Origin" in response.headers) is allowed
                assert (
                    "Access-Control-Allow-Credentials" in response.headers
                ) is allowed

    serve(app, scenario, cors="http://c.com", cors_credentials=True)


def test_a_reload_keeps_the_given_origins_and_reads_new_settings(
    tmp_path: Path,
) -> None:
    app = cors_app(tmp_path, {"CORS": "http://a.com"})
    given = Host.load(app, cors="http://c.com")
    from_settings = Host.load(app)

    async def reload(host: Host) -> CorsPolicy | None:
        new = await host.reload()
        new.close()
        return new.cors

    try:
        cors_app_settings = {"CORS": "http://b.com", "CORSCredentials": True}
        (app / "local.settings.json").write_text(
            json.dumps({"Values": {}, "Host": cors_app_settings})
        )
        kept = asyncio.run(reload(given))
        assert kept is not None
        assert (kept.origins, kept.credentials) == (frozenset({"http://c.com"}), True)
        read = asyncio.run(reload(from_settings))
        assert read is not None
        assert (read.origins, read.credentials) == (frozenset({"http://b.com"}), True)
    finally:
        given.close()
        from_settings.close()


def test_the_test_client_takes_the_same_path(tmp_path: Path) -> None:
    app = cors_app(tmp_path, {"CORS": "http://a.com"})
    with TestClient(app) as client:
        answer = client.request(
            "OPTIONS", "/api/Hello", headers=preflight("http://a.com")
        )
        assert answer.status_code == 204
        assert answer.headers["Access-Control-Allow-Origin"] == "http://a.com"


@pytest.mark.parametrize(
    ("host_section", "message"),
    [
        ({"CORS": "*", "CORSCredentials": True}, 'every origin ("*") with credentials'),
        ({"CORS": 5}, "'Host.CORS' is 5; expected the allowed origins"),
        ({"CORS": "*", "CORSCredentials": "yes"}, "'Host.CORSCredentials' is \"yes\""),
    ],
)
def test_cors_settings_that_cannot_work_are_refused(
    tmp_path: Path, host_section: dict[str, object], message: str
) -> None:
    app = cors_app(tmp_path, host_section)
    with pytest.raises(AppLoadError) as caught:
        Host.load(app)
    (error,) = caught.value.errors
    assert error.file == "local.settings.json"
    assert message in str(error)


def test_the_policy_compares_origins_ignoring_case_and_a_trailing_slash() -> None:
    policy = CorsPolicy.parse(" http://A.com/ ,https://b.com:8443")
    assert policy is not None
    assert policy.allows("http://a.com")
    assert policy.allows("https://B.com:8443")
    assert not policy.allows("https://b.com")
    assert not policy.allows("null")
    assert CorsPolicy.parse("") is None
    assert CorsPolicy.parse(None, credentials=True) is None
    with pytest.raises(ValueError, match="at least one origin"):
        CorsPolicy([" ", ""])
    assert repr(policy) == "<CorsPolicy http://a.com,https://b.com:8443>"
