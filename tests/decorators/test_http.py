"""``@app.route``: the HTTP trigger and output JSON, routes, methods, auth levels."""

from __future__ import annotations

import pytest

import azure.functions as func
from azure.functions.decorators.core import BindingDirection, Trigger
from azure.functions.decorators.generic import GenericTrigger
from azure.functions.decorators.http import HttpMethod, HttpTrigger, check_route
from azure.functions.decorators.timer import TimerTrigger
from tests.decorators._support import binding_dicts, raw_bindings

OK = func.HttpResponse("ok")


def test_minimal_route_defaults_to_the_function_name_and_app_auth_level() -> None:
    app = func.FunctionApp()

    @app.route()
    def minimal(req: func.HttpRequest) -> func.HttpResponse:
        return OK

    assert raw_bindings(app) == {
        "minimal": [
            '{"direction": "IN", "type": "httpTrigger", "name": "req", "authLevel": "FUNCTION", "route": "minimal"}',
            '{"direction": "OUT", "type": "http", "name": "$return"}',
        ]
    }


def test_full_route_json_matches_the_reference_key_for_key() -> None:
    app = func.FunctionApp()

    @app.route(
        route="items/{id:int}",
        trigger_arg_name="request",
        binding_arg_name="response",
        methods=["get", func.HttpMethod.POST],
        auth_level="anonymous",
        trigger_extra_fields={"data_type": func.DataType.STRING, "custom_flag": True},
        binding_extra_fields={"data_type": func.DataType.BINARY, "headers_mode": "all"},
    )
    def full(request: func.HttpRequest, response: func.Out[func.HttpResponse]) -> None:
        pass

    assert raw_bindings(app) == {
        "full": [
            '{"direction": "IN", "dataType": "STRING", "type": "httpTrigger", "name": "request", "methods": ["GET", "POST"], "authLevel": "ANONYMOUS", "route": "items/{id:int}", "customFlag": true}',
            '{"direction": "OUT", "dataType": "BINARY", "type": "http", "name": "response", "headersMode": "all"}',
        ]
    }


def test_issue_example_app() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="hello/{name}", methods=["GET"])
    def hello(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(f"hello {req.route_params['name']}")

    assert raw_bindings(app)["hello"] == [
        '{"direction": "IN", "type": "httpTrigger", "name": "req", "methods": ["GET"], "authLevel": "ANONYMOUS", "route": "hello/{name}"}',
        '{"direction": "OUT", "type": "http", "name": "$return"}',
    ]
    (function,) = app.get_functions()
    assert function.is_http_function()
    trigger = function.get_trigger()
    assert isinstance(trigger, HttpTrigger)
    assert trigger.direction == 0
    assert trigger.data_type is None
    assert [(b.name, b.type, b.direction) for b in function.get_bindings()] == [
        ("req", "httpTrigger", 0),
        ("$return", "http", 1),
    ]


def test_bare_route_decorator() -> None:
    app = func.FunctionApp(http_auth_level="ADMIN")

    @app.route
    def bare(req: func.HttpRequest) -> func.HttpResponse:
        return OK

    assert binding_dicts(app, "bare")[0] == {
        "direction": "IN",
        "type": "httpTrigger",
        "name": "req",
        "authLevel": "ADMIN",
        "route": "bare",
    }


def test_default_route_is_the_function_name_setting() -> None:
    app = func.FunctionApp()

    @app.function_name("Greeter")
    @app.route(auth_level=func.AuthLevel.ANONYMOUS)
    def greet(req: func.HttpRequest) -> func.HttpResponse:
        return OK

    assert binding_dicts(app, "Greeter")[0]["route"] == "Greeter"


@pytest.mark.parametrize(
    ("methods", "expected"),
    [
        (["GET"], ["GET"]),
        ("post", ["POST"]),
        (HttpMethod.PUT, ["PUT"]),
        ((m for m in HttpMethod), [m.name for m in HttpMethod]),
        ([], []),
    ],
    ids=["list", "one-string", "one-member", "generator", "empty"],
)
def test_methods_spellings(methods: object, expected: list[str]) -> None:
    app = func.FunctionApp()
    app.route(route="r", methods=methods)(handler)  # type: ignore[call-overload]
    assert binding_dicts(app, "handler")[0]["methods"] == expected


def handler(req: func.HttpRequest) -> func.HttpResponse:
    return OK


def test_dict_repr_keeps_enum_members_like_the_reference() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
    app.route(route="r", methods=["GET"])(handler)
    (function,) = app.get_functions()
    assert function.get_dict_repr() == {
        "scriptFile": "function_app.py",
        "bindings": [
            {
                "direction": BindingDirection.IN,
                "type": "httpTrigger",
                "name": "req",
                "methods": [HttpMethod.GET],
                "authLevel": func.AuthLevel.ANONYMOUS,
                "route": "r",
            },
            {"direction": BindingDirection.OUT, "type": "http", "name": "$return"},
        ],
    }
    assert str(function) == function.get_function_json()
    assert function.get_function_json() == (
        '{"scriptFile": "function_app.py", "bindings": [{"direction": "IN", '
        '"type": "httpTrigger", "name": "req", "methods": ["GET"], "authLevel": '
        '"ANONYMOUS", "route": "r"}, {"direction": "OUT", "type": "http", '
        '"name": "$return"}]}'
    )


def test_function_auth_level_beats_the_apps() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
    app.route(route="r", auth_level="admin")(handler)
    assert binding_dicts(app, "handler")[0]["authLevel"] == "ADMIN"


def test_app_auth_level_none_leaves_it_to_the_host() -> None:
    app = func.FunctionApp(http_auth_level=None)  # type: ignore[arg-type]
    app.route(route="r")(handler)
    assert "authLevel" not in binding_dicts(app, "handler")[0]


@pytest.mark.parametrize(
    "route",
    [
        "",
        "/{*route}",
        "items/{id:int}/{name?}",
        "files/{**path}",
        "a/{id:regex(^\\\\d{{3}}$)}",
        "{{literal}}/x",
        "~/x",
        "trailing/",
        "v1/items/{id:int:min(1)=5}",
    ],
)
def test_valid_routes(route: str) -> None:
    assert check_route(route) == route


@pytest.mark.parametrize(
    ("route", "problem"),
    [
        ("a//b", "twice in a row"),
        ("a/{id", "not closed"),
        ("a/}b", "closes no"),
        ("a/{}", "is not a parameter"),
        ("a/{?}", "is not a parameter"),
        ("{*rest}/tail", "last segment"),
        ("{*rest?}", "cannot be optional"),
        ("{id}/{ID}", "appears twice"),
        ("a?b", "'?' may only end"),
        ("{a{b}}", "nested"),
        ("~x", "cannot start with '~'"),
    ],
)
def test_invalid_routes_are_refused_naming_the_function(
    route: str, problem: str
) -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match=problem) as caught:
        app.route(route=route)(handler)
    assert caught.value.function == "handler"
    assert caught.value.argument == "route"
    assert caught.value.decorator == "route"
    assert isinstance(caught.value, ValueError)


def test_route_must_be_a_string() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="must be str"):
        app.route(route=5)(handler)  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "methods",
    [["GETT"], ["GET", None], [1], 7],
    ids=["typo", "none", "int", "not-iterable"],
)
def test_invalid_methods_are_refused(methods: object) -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError) as caught:
        app.route(route="r", methods=methods)(handler)  # type: ignore[call-overload]
    assert caught.value.argument == "methods"
    assert "handler" in str(caught.value)


def test_unknown_method_lists_the_choices() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="GET, POST, DELETE"):
        app.route(methods=["FETCH"])(handler)


@pytest.mark.parametrize("level", ["superuser", 3])
def test_invalid_auth_level_is_refused(level: object) -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError) as caught:
        app.route(auth_level=level)(handler)  # type: ignore[call-overload]
    assert caught.value.argument == "auth_level"


@pytest.mark.parametrize(
    ("extra", "argument"),
    [
        ({"auth_level": "admin"}, "trigger_extra_fields['auth_level']"),
        ({"authLevel": "admin"}, "trigger_extra_fields['authLevel']"),
        ({"route": "x"}, "trigger_extra_fields['route']"),
        ({"methods": ["GET"]}, "trigger_extra_fields['methods']"),
        ({"name": "other"}, "trigger_extra_fields['name']"),
        ({"direction": "OUT"}, "trigger_extra_fields['direction']"),
        ({"type": "other"}, "trigger_extra_fields['type']"),
        ({"data_type": "STRING", "dataType": "BINARY"}, "dataType"),
        ({"bad key": 1}, "trigger_extra_fields['bad key']"),
        ({"value": object()}, "trigger_extra_fields['value']"),
    ],
)
def test_conflicting_or_unusable_trigger_extra_fields(
    extra: dict[str, object], argument: str
) -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError) as caught:
        app.route(trigger_extra_fields=extra)(handler)
    assert caught.value.argument is not None
    assert caught.value.argument.endswith(argument)
    assert caught.value.function == "handler"


def test_binding_extra_fields_cannot_rename_the_output() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError) as caught:
        app.route(binding_extra_fields={"name": "x"})(handler)
    assert caught.value.argument == "binding_extra_fields['name']"


def test_extra_fields_data_type_in_the_hosts_spelling_is_written_as_given() -> None:
    # As in the reference: the JSON says what was given; the binding's own
    # data type (what the worker reads) stays unset.
    app = func.FunctionApp()
    app.route(route="r", trigger_extra_fields={"dataType": "string"})(handler)
    assert binding_dicts(app, "handler")[0]["dataType"] == "string"
    (function,) = app.get_functions()
    assert [b.data_type for b in function.get_bindings()] == [None, None]


def test_is_supported_trigger_type_by_class_or_host_type() -> None:
    assert Trigger.is_supported_trigger_type(HttpTrigger("req"), HttpTrigger)
    generic = GenericTrigger("req", type="httpTrigger")
    assert Trigger.is_supported_trigger_type(generic, HttpTrigger)
    assert not Trigger.is_supported_trigger_type(TimerTrigger("t"), HttpTrigger)


def test_generic_http_trigger_counts_as_http_function() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.generic_output_binding(arg_name="$return", type="http")
    @app.generic_trigger(arg_name="req", type="httpTrigger")
    def raw(req: func.HttpRequest) -> func.HttpResponse:
        return OK

    (function,) = app.get_functions()
    assert function.is_http_function()
    # The reference sets route and authLevel on such a trigger too.
    assert binding_dicts(app, "raw")[0] == {
        "direction": "IN",
        "type": "httpTrigger",
        "name": "req",
        "route": "raw",
        "authLevel": "ANONYMOUS",
    }


def test_query_is_a_method_a_route_takes() -> None:
    # HttpMethod.QUERY: azure-functions 2.3.0.
    app = func.FunctionApp()

    @app.route(route="search", methods=[HttpMethod.QUERY, "post"])
    def search(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    @app.route(route="q", methods="query")
    def q(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    assert binding_dicts(app, "search")[0]["methods"] == ["QUERY", "POST"]
    assert binding_dicts(app, "q")[0]["methods"] == ["QUERY"]
    assert HttpMethod.QUERY.value == "QUERY"
    assert list(HttpMethod)[-1] is HttpMethod.QUERY
