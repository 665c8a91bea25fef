"""WsgiMiddleware: a real Flask app, and hand-written WSGI apps for PEP 3333's edges."""

from __future__ import annotations

import io
import json
import logging
import sys
import typing
from collections.abc import Callable, Iterable, Iterator

import pytest
from flask import Flask, Response, abort, jsonify, make_response, request

import azure.functions as func
from azure.functions._wsgi import StartResponse, WsgiApp, WsgiEnviron
from azure.functions.http import HttpResponseConverter
from tests._wire import WireResponse, read_http_output


def serve(
    app: WsgiApp,
    method: str,
    url: str,
    *,
    headers: list[tuple[str, str]] | None = None,
    body: bytes = b"",
    context: func.Context | None = None,
) -> func.HttpResponse:
    middleware = func.WsgiMiddleware(app)
    return middleware.handle(
        func.HttpRequest(method, url, headers=headers, body=body), context
    )


def wire(response: func.HttpResponse) -> WireResponse:
    datum = HttpResponseConverter.encode(response, expected_type=func.HttpResponse)
    return read_http_output(datum)


# -- a Flask app ------------------------------------------------------------


def flask_app(*, propagate: bool = False) -> Flask:
    app = Flask(__name__)
    app.config["PROPAGATE_EXCEPTIONS"] = propagate

    @app.route("/api/items/<int:item_id>", methods=["GET", "PUT"])
    def item(item_id: int) -> Response:
        return jsonify(
            id=item_id,
            q=request.args.getlist("q"),
            tags=request.headers.get("X-Tag"),
            cookies=request.cookies,
            json=request.get_json(silent=True),
            url=request.url,
            method=request.method,
        )

    @app.route("/api/cookies")
    def cookies() -> Response:
        response = make_response("cookies")
        response.set_cookie("session", "abc", httponly=True)
        response.set_cookie("theme", "dark")
        return response

    @app.route("/api/stream")
    def stream() -> Response:
        def rows() -> Iterator[str]:
            yield "a,b\n"
            yield "1,2\n"

        return Response(rows(), mimetype="text/csv")

    @app.route("/api/status/<int:code>")
    def status(code: int) -> Response:
        if code == 418:
            abort(418)
        return Response("status", status=code)

    @app.route("/api/boom")
    def boom() -> Response:
        raise ValueError("boom")

    @app.route("/api/log")
    def log() -> str:
        print("written to wsgi.errors", file=request.environ["wsgi.errors"])
        return "logged"

    return app


def test_routes_with_path_and_query_params_json_headers_and_cookies() -> None:
    response = serve(
        flask_app().wsgi_app,
        "put",
        "https://example.net/api/items/42?q=a&q=b",
        headers=[
            ("X-Tag", "one"),
            ("X-Tag", "two"),
            ("Cookie", "session=abc"),
            ("Cookie", "theme=dark"),
            ("Content-Type", "application/json"),
        ],
        body=b'{"name": "pen"}',
    )
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert json.loads(response.get_body()) == {
        "id": 42,
        "q": ["a", "b"],
        "tags": "one, two",
        "cookies": {"session": "abc", "theme": "dark"},
        "json": {"name": "pen"},
        "url": "https://example.net/api/items/42?q=a&q=b",
        "method": "PUT",
    }


def test_the_flask_app_object_itself_is_a_wsgi_app() -> None:
    response = serve(flask_app(), "GET", "https://example.net/api/items/1")
    assert json.loads(response.get_body())["id"] == 1


def test_every_set_cookie_header_reaches_the_wire() -> None:
    response = serve(flask_app().wsgi_app, "GET", "https://example.net/api/cookies")
    assert response.headers.getall("Set-Cookie") == [
        "session=abc; HttpOnly; Path=/",
        "theme=dark; Path=/",
    ]
    sent = wire(response)
    assert [(c.name, c.value, c.httponly) for c in sent.cookies] == [
        ("session", "abc", True),
        ("theme", "dark", False),
    ]


def test_streamed_response_arrives_whole() -> None:
    response = serve(flask_app().wsgi_app, "GET", "https://example.net/api/stream")
    assert response.get_body() == b"a,b\n1,2\n"
    assert response.mimetype == "text/csv"
    assert response.charset == "utf-8"


@pytest.mark.parametrize("code", [201, 204, 302, 418, 503])
def test_status_codes_pass_through_5xx_included(code: int) -> None:
    # The reference raised an exception for any status >= 500.
    response = serve(
        flask_app().wsgi_app, "GET", f"https://example.net/api/status/{code}"
    )
    assert response.status_code == code


def test_unknown_route_is_the_apps_404() -> None:
    response = serve(flask_app().wsgi_app, "GET", "https://example.net/api/nowhere")
    assert response.status_code == 404


def test_unhandled_flask_error_is_flasks_500() -> None:
    response = serve(flask_app().wsgi_app, "GET", "https://example.net/api/boom")
    assert response.status_code == 500
    assert b"Internal Server Error" in response.get_body()


def test_exception_from_the_app_propagates() -> None:
    with pytest.raises(ValueError, match="boom"):
        serve(flask_app(propagate=True).wsgi_app, "GET", "https://example.net/api/boom")


def test_wsgi_errors_lines_are_logged_and_later_requests_unaffected(
    caplog: pytest.LogCaptureFixture,
) -> None:
    middleware = func.WsgiMiddleware(flask_app().wsgi_app)
    with caplog.at_level(logging.ERROR, "azure.functions.WsgiMiddleware"):
        logged = middleware.handle(func.HttpRequest("GET", "https://h/api/log"))
        later = middleware.handle(func.HttpRequest("GET", "https://h/api/items/3"))
    assert logged.get_body() == b"logged"
    assert later.status_code == 200
    assert [r.getMessage() for r in caplog.records] == ["written to wsgi.errors"]


# -- the environ ------------------------------------------------------------


def capturing(environs: list[WsgiEnviron]) -> WsgiApp:
    def app(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
        environs.append(environ)
        body = environ["wsgi.input"]
        assert isinstance(body, io.BytesIO)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [body.read()]

    return app


def test_environ_follows_pep_3333() -> None:
    environs: list[WsgiEnviron] = []
    context = func.Context(
        invocation_id="inv-1",
        function_name="http_app_func",
        function_directory="/home/site/wwwroot",
    )
    response = serve(
        capturing(environs),
        "post",
        "https://example.net:8443/api/caf%C3%A9/a%2Fb?x=1&y=%20",
        headers=[
            ("X-Tag", "one"),
            ("x-tag", "two"),
            ("Cookie", "a=1"),
            ("Cookie", "b=2"),
            ("Content-Type", "text/plain"),
            ("Content-Length", "999"),
            ("X-Name", "Zoë"),
        ],
        body=b"payload",
        context=context,
    )
    assert response.get_body() == b"payload"
    [environ] = environs
    assert environ["REQUEST_METHOD"] == "POST"
    assert environ["SCRIPT_NAME"] == ""
    # Bytes-as-latin-1, as PEP 3333 wants; "%2F" decodes like any escape.
    path = environ["PATH_INFO"]
    assert isinstance(path, str)
    assert path.encode("latin-1").decode("utf-8") == "/api/café/a/b"
    assert environ["QUERY_STRING"] == "x=1&y=%20"
    assert environ["CONTENT_TYPE"] == "text/plain"
    assert environ["CONTENT_LENGTH"] == "7"
    assert "HTTP_CONTENT_TYPE" not in environ
    assert "HTTP_CONTENT_LENGTH" not in environ
    assert environ["HTTP_X_TAG"] == "one, two"
    assert environ["HTTP_COOKIE"] == "a=1; b=2"
    assert environ["HTTP_X_NAME"] == "Zoë".encode().decode("latin-1")
    assert environ["SERVER_NAME"] == "example.net"
    assert environ["SERVER_PORT"] == "8443"
    assert environ["SERVER_PROTOCOL"] == "HTTP/1.1"
    assert environ["wsgi.version"] == (1, 0)
    assert environ["wsgi.url_scheme"] == "https"
    assert environ["wsgi.multithread"] is True
    assert environ["wsgi.multiprocess"] is False
    assert environ["wsgi.run_once"] is False
    assert isinstance(environ["wsgi.errors"], io.TextIOBase)
    assert environ["azure_functions.invocation_id"] == "inv-1"
    assert environ["azure_functions.function_name"] == "http_app_func"
    assert environ["azure_functions.function_directory"] == "/home/site/wwwroot"
    assert environ["azure_functions.trace_context"] is context.trace_context
    assert environ["azure_functions.retry_context"] is context.retry_context
    assert (
        environ["azure_functions.thread_local_storage"] is context.thread_local_storage
    )


def test_environ_without_context_or_body() -> None:
    environs: list[WsgiEnviron] = []
    serve(capturing(environs), "GET", "http://localhost:7071")
    [environ] = environs
    assert environ["PATH_INFO"] == "/"
    assert environ["QUERY_STRING"] == ""
    assert environ["CONTENT_LENGTH"] == "0"
    assert "CONTENT_TYPE" not in environ
    assert environ["SERVER_NAME"] == "localhost"
    assert environ["SERVER_PORT"] == "7071"
    assert environ["wsgi.url_scheme"] == "http"
    assert not [key for key in environ if key.startswith("azure_functions.")]


def test_path_info_carries_any_escaped_bytes() -> None:
    environs: list[WsgiEnviron] = []
    serve(capturing(environs), "GET", "https://h/a%FFb")
    assert environs[0]["PATH_INFO"] == "/a\xffb"


@pytest.mark.parametrize(
    ("url", "headers", "port"),
    [
        ("https://example.net/", [], "443"),
        ("http://example.net/", [], "80"),
        ("https://example.net/", [("X-Forwarded-Port", "8080")], "8080"),
        ("https://example.net/", [("X-Forwarded-Port", "x, 4443")], "4443"),
        ("https://example.net/", [("X-Forwarded-Port", "junk")], "443"),
        ("https://example.net:99999/", [], "443"),
    ],
)
def test_server_port(url: str, headers: list[tuple[str, str]], port: str) -> None:
    environs: list[WsgiEnviron] = []
    serve(capturing(environs), "GET", url, headers=headers)
    assert environs[0]["SERVER_PORT"] == port


# -- start_response and the iterable ----------------------------------------


class Body:
    """An app iterable that records whether the server closed it."""

    def __init__(self, chunks: Iterable[object], fail_at: int | None = None) -> None:
        self.chunks = list(chunks)
        self.fail_at = fail_at
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for index, chunk in enumerate(self.chunks):
            if index == self.fail_at:
                raise OSError("disk gone")
            yield chunk  # type: ignore[misc]  # the tests feed non-bytes too

    def close(self) -> None:
        self.closed = True


def returning(body: Body, status: str = "200 OK") -> WsgiApp:
    def app(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
        start_response(status, [("Content-Type", "text/plain")])
        return body

    return app


def test_iterable_is_closed_after_success() -> None:
    body = Body([b"a", b"", b"b"])
    response = serve(returning(body), "GET", "https://h/")
    assert response.get_body() == b"ab"
    assert body.closed


def test_iterable_is_closed_when_it_fails() -> None:
    body = Body([b"a", b"b"], fail_at=1)
    with pytest.raises(OSError, match="disk gone"):
        serve(returning(body), "GET", "https://h/")
    assert body.closed


def test_non_bytes_chunk_is_refused_and_the_iterable_closed() -> None:
    body = Body([b"a", "text"])
    with pytest.raises(TypeError, match="must produce bytes, got str"):
        serve(returning(body), "GET", "https://h/")
    assert body.closed


def test_write_callable_adds_to_the_body() -> None:
    def app(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
        write = start_response("200 OK", [])
        write(b"written ")
        return [b"returned"]

    assert serve(app, "GET", "https://h/").get_body() == b"written returned"


def test_exc_info_before_any_body_replaces_the_response() -> None:
    def app(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
        start_response("200 OK", [("X-Stage", "first")])
        try:
            raise KeyError("late failure")
        except KeyError:
            start_response(
                "500 Internal Server Error", [("X-Stage", "error")], sys.exc_info()
            )
        return [b"error page"]

    response = serve(app, "GET", "https://h/")
    assert response.status_code == 500
    assert response.headers.getall("X-Stage") == ["error"]
    assert response.get_body() == b"error page"


def test_exc_info_after_body_bytes_reraises_the_apps_exception() -> None:
    def app(environ: WsgiEnviron, start_response: StartResponse) -> Iterator[bytes]:
        start_response("200 OK", [])
        yield b"half a page"
        try:
            raise KeyError("late failure")
        except KeyError:
            start_response("500 Internal Server Error", [], sys.exc_info())
        yield b"never"  # pragma: no cover

    with pytest.raises(KeyError, match="late failure"):
        serve(app, "GET", "https://h/")


def test_generator_app_may_call_start_response_lazily() -> None:
    def app(environ: WsgiEnviron, start_response: StartResponse) -> Iterator[bytes]:
        yield b""
        start_response("201 Created", [("Location", "/items/1")])
        yield b"created"

    response = serve(app, "GET", "https://h/")
    assert response.status_code == 201
    assert response.headers["Location"] == "/items/1"
    assert response.get_body() == b"created"


BadApp = Callable[[WsgiEnviron, StartResponse], Iterable[bytes]]


def twice(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
    start_response("200 OK", [])
    start_response("200 OK", [])
    return []


def never_starts(
    environ: WsgiEnviron, start_response: StartResponse
) -> Iterable[bytes]:
    return []


def body_first(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
    return [b"early"]


def bad_status(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
    start_response("OK", [])
    return []


def status_int(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
    start_response(200, [])  # type: ignore[arg-type]
    return []


def bad_headers(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
    start_response("200 OK", [("X-Count", 3)])  # type: ignore[list-item]
    return []


def header_tuple(
    environ: WsgiEnviron, start_response: StartResponse
) -> Iterable[bytes]:
    start_response("200 OK", (("X-A", "1"),))  # type: ignore[arg-type]
    return []


def crlf_header(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
    start_response("200 OK", [("X-A", "1\r\nX-Injected: yes")])
    return []


@pytest.mark.parametrize(
    ("app", "error", "match"),
    [
        (twice, RuntimeError, "twice"),
        (never_starts, RuntimeError, "without calling start_response"),
        (body_first, RuntimeError, "before calling start_response"),
        (bad_status, ValueError, "'200 OK'"),
        (status_int, TypeError, "got int"),
        (bad_headers, TypeError, r"\(str, str\) tuples"),
        (header_tuple, TypeError, "must be a list"),
        (crlf_header, func.InvalidHeaderError, "CR, LF"),
    ],
)
def test_pep_3333_violations_raise(
    app: BadApp, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        serve(app, "GET", "https://h/")


def test_response_headers_latin1_strings_become_text() -> None:
    def app(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
        start_response(
            "200 OK",
            [
                ("X-Utf8", "café".encode().decode("latin-1")),
                ("X-Latin1", "café"),
                ("X-Wide", "✓"),
                ("Transfer-Encoding", "chunked"),
                ("Content-Type", "text/html; charset=iso-8859-1"),
            ],
        )
        return [b"x"]

    response = serve(app, "GET", "https://h/")
    assert response.headers["X-Utf8"] == "café"
    assert response.headers["X-Latin1"] == "café"
    assert response.headers["X-Wide"] == "✓"
    assert "Transfer-Encoding" not in response.headers
    assert response.mimetype == "text/html"
    assert response.charset == "iso-8859-1"


def test_wsgi_errors_stream_logs_each_line(caplog: pytest.LogCaptureFixture) -> None:
    def app(environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
        errors = environ["wsgi.errors"]
        assert isinstance(errors, io.TextIOBase)
        assert errors.writable()
        errors.write("first line\nsecond ")
        errors.writelines(["line\r\n", "\n", "unterminated"])
        with pytest.raises(TypeError, match="takes str"):
            errors.write(b"bytes")  # type: ignore[arg-type]
        start_response("200 OK", [])
        return []

    with caplog.at_level(logging.ERROR, "azure.functions.WsgiMiddleware"):
        serve(app, "GET", "https://h/")
    assert [r.getMessage() for r in caplog.records] == [
        "first line",
        "second line",
        "unterminated",
    ]


def test_main_is_a_function_the_worker_can_load() -> None:
    middleware = func.WsgiMiddleware(flask_app().wsgi_app)
    context = func.Context(invocation_id="1", function_name="f")
    response = middleware.main(
        func.HttpRequest("GET", "https://h/api/items/5"), context
    )
    assert json.loads(response.get_body())["id"] == 5
    assert typing.get_type_hints(middleware.main) == {
        "req": func.HttpRequest,
        "context": func.Context,
        "return": func.HttpResponse,
    }


def test_repr_names_the_app() -> None:
    assert "never_starts" in repr(func.WsgiMiddleware(never_starts))
