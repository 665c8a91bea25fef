"""Apps and blueprints: registration, route prefixes, auth levels, function objects."""

from __future__ import annotations

import asyncio
import functools
import inspect
import pickle
import sys

import pytest

import azure.functions as func
from azure.functions.decorators.core import Trigger
from azure.functions.decorators.function_app import (
    DecoratorApi,
    FunctionBuilder,
    FunctionRegister,
)
from tests.decorators._support import binding_dicts, raw_bindings

REQUEST = func.HttpRequest(method="GET", url="http://localhost/api/hello", body=b"")


def route_and_auth(app: FunctionRegister) -> dict[str, tuple[object, object]]:
    found: dict[str, tuple[object, object]] = {}
    for function in app.get_functions():
        trigger = function.get_trigger()
        assert trigger is not None
        found[function.get_function_name() or ""] = (
            getattr(trigger, "route", None),
            getattr(trigger, "auth_level", None),
        )
    return found


# The decorated function -------------------------------------------------------


def test_decorated_function_keeps_its_signature_and_runs_the_original() -> None:
    app = func.FunctionApp()

    def hello(req: func.HttpRequest) -> func.HttpResponse:
        """Say hello."""
        return func.HttpResponse(f"hello from {req.url}")

    decorated = app.route()(hello)
    assert isinstance(decorated, FunctionBuilder)
    assert decorated(REQUEST).get_body() == b"hello from http://localhost/api/hello"
    assert inspect.signature(decorated) == inspect.signature(hello)
    assert decorated.__name__ == "hello"
    assert decorated.__doc__ == "Say hello."
    assert decorated.__wrapped__ is hello
    # The unit-test recipe of the reference's documentation.
    assert decorated.build().get_user_function() is hello
    assert decorated.build().get_user_function()(REQUEST).status_code == 200
    assert "hello" in repr(decorated)


def test_async_function_stays_awaitable() -> None:
    app = func.FunctionApp()

    @app.route()
    async def hello(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("async")

    response = asyncio.run(hello(REQUEST))
    assert response.get_body() == b"async"
    if sys.version_info >= (3, 12):
        assert inspect.iscoroutinefunction(hello)
    (function,) = app.get_functions()
    assert inspect.iscoroutinefunction(function.get_user_function())


def test_function_object_calls_the_user_function() -> None:
    app = func.FunctionApp()

    @app.route()
    def hello(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("x")

    (function,) = app.get_functions()
    response = function(REQUEST)
    assert isinstance(response, func.HttpResponse)
    assert response.get_body() == b"x"
    assert function.function_script_file == "function_app.py"
    assert app.app_script_file == "function_app.py"
    assert function.http_type == "function"
    assert function.get_bindings_dict() == {
        "bindings": [b.get_dict_repr() for b in function.get_bindings()]
    }
    assert "hello" in repr(function)


def test_http_type() -> None:
    app = func.FunctionApp()

    @app.http_type("asgi")
    @app.route(route="a")
    def aa(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    assert [f.http_type for f in app.get_functions()] == ["asgi"]


def test_builder_build_without_an_app() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route()
    def hello(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    # build() alone knows no app: no auth level unless given.
    assert "authLevel" not in hello.build().get_raw_bindings()[0]
    assert '"authLevel": "ADMIN"' in hello.build("admin").get_raw_bindings()[0]


def test_functools_partial_needs_a_function_name() -> None:
    app = func.FunctionApp()

    def handler(req: func.HttpRequest, greeting: str) -> func.HttpResponse:
        return func.HttpResponse(greeting)

    app.route(route="p")(functools.partial(handler, greeting="hi"))
    with pytest.raises(func.FunctionDefinitionError, match=r"@app\.function_name"):
        app.get_functions()

    named = func.FunctionApp()
    named.function_name("partial")(
        named.route(route="p")(functools.partial(handler, greeting="hi"))
    )
    assert list(raw_bindings(named)) == ["partial"]


# Apps and blueprints -----------------------------------------------------------


def test_blueprint_functions_follow_the_apps_and_use_its_auth_level() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
    bp = func.Blueprint()

    @bp.route(route="bp/x", methods=(m for m in func.HttpMethod), auth_level="admin")
    def bpx(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    @bp.function_name("named")
    @bp.route()
    def bpy(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    @app.route(route="a")
    def aa(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    app.register_functions(bp)
    assert raw_bindings(app) == {
        "aa": [
            '{"direction": "IN", "type": "httpTrigger", "name": "req", "authLevel": "ANONYMOUS", "route": "a"}',
            '{"direction": "OUT", "type": "http", "name": "$return"}',
        ],
        "bpx": [
            '{"direction": "IN", "type": "httpTrigger", "name": "req", "methods": ["GET", "POST", "DELETE", "HEAD", "PATCH", "PUT", "OPTIONS", "QUERY"], "authLevel": "ADMIN", "route": "bp/x"}',
            '{"direction": "OUT", "type": "http", "name": "$return"}',
        ],
        "named": [
            '{"direction": "IN", "type": "httpTrigger", "name": "req", "authLevel": "ANONYMOUS", "route": "named"}',
            '{"direction": "OUT", "type": "http", "name": "$return"}',
        ],
    }
    assert not isinstance(bp, FunctionRegister)
    assert isinstance(app, func.FunctionRegister)
    assert isinstance(bp, DecoratorApi)


def test_get_functions_can_be_called_again() -> None:
    # The reference raised "does not have a unique function name" here.
    app = func.FunctionApp()
    app.route()(_ping)
    assert raw_bindings(app) == raw_bindings(app)
    assert app.functions_bindings == {"_ping".lstrip("_"): True}


def _ping(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("pong")


_ping.__name__ = "ping"


def test_route_prefix_and_nested_blueprints() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
    v1 = func.Blueprint(route_prefix="v1")
    items = func.Blueprint(route_prefix="/items/", http_auth_level="anonymous")
    admin = func.Blueprint(route_prefix="admin", http_auth_level=func.AuthLevel.ADMIN)

    @items.route(route="{id:int}")
    def get_item(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    @items.route(route="/{*rest}", auth_level="function")
    def item_rest(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    @items.route()
    def listing(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    @admin.route(route="")
    def admin_home(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    @v1.route(route="health")
    def health(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    @v1.timer_trigger(arg_name="timer", schedule="0 0 * * * *")
    def cleanup(timer: func.TimerRequest) -> None:
        pass

    v1.register_functions(items)
    v1.register_blueprint(admin)
    app.register_blueprint(v1)
    assert items.route_prefix == "items"
    assert route_and_auth(app) == {
        "health": ("v1/health", func.AuthLevel.FUNCTION),
        "cleanup": (None, None),
        "get_item": ("v1/items/{id:int}", func.AuthLevel.ANONYMOUS),
        "item_rest": ("v1/items/{*rest}", func.AuthLevel.FUNCTION),
        "listing": ("v1/items/listing", func.AuthLevel.ANONYMOUS),
        "admin_home": ("v1/admin", func.AuthLevel.ADMIN),
    }
    assert binding_dicts(app, "get_item")[0] == {
        "direction": "IN",
        "type": "httpTrigger",
        "name": "req",
        "authLevel": "ANONYMOUS",
        "route": "v1/items/{id:int}",
    }


def test_one_blueprint_in_two_apps() -> None:
    bp = func.Blueprint(route_prefix="shared")
    bp.route(route="x")(_ping)
    first = func.FunctionApp(http_auth_level="anonymous")
    second = func.FunctionApp(http_auth_level="admin")
    first.register_functions(bp)
    second.register_functions(bp)
    assert route_and_auth(first) == {"ping": ("shared/x", func.AuthLevel.ANONYMOUS)}
    assert route_and_auth(second) == {"ping": ("shared/x", func.AuthLevel.ADMIN)}
    # Building leaves the definition as it was.
    (builder,) = bp._function_builders
    trigger = builder._function.get_trigger()
    assert trigger is not None
    assert getattr(trigger, "route", None) == "x"


def test_an_app_cannot_be_registered() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="is an app") as caught:
        app.register_functions(func.FunctionApp())
    assert isinstance(caught.value, TypeError)
    bp = func.Blueprint()
    with pytest.raises(func.FunctionDefinitionError, match="itself"):
        bp.register_functions(bp)


def test_app_and_blueprint_arguments_are_checked() -> None:
    with pytest.raises(func.FunctionDefinitionError, match="http_auth_level"):
        func.FunctionApp(http_auth_level="everyone")
    with pytest.raises(func.FunctionDefinitionError, match="route_prefix"):
        func.Blueprint(route_prefix="a//b")
    with pytest.raises(func.FunctionDefinitionError, match="http_auth_level"):
        func.Blueprint(http_auth_level="nobody")
    assert (
        func.FunctionApp(http_auth_level="anonymous").auth_level
        is func.AuthLevel.ANONYMOUS
    )
    assert func.FunctionApp().auth_level is func.AuthLevel.FUNCTION


def test_decorators_of_two_containers_on_one_function_are_refused() -> None:
    app = func.FunctionApp()
    bp = func.Blueprint()
    decorated = bp.route()(_ping)
    with pytest.raises(func.FunctionDefinitionError, match="another app or blueprint"):
        app.function_name("other")(decorated)


# Checks made when the app is indexed ---------------------------------------------


def test_duplicate_names_ignoring_case_are_refused() -> None:
    app = func.FunctionApp()
    bp = func.Blueprint()
    app.function_name("Hello")(app.route(route="a")(_ping))
    bp.function_name("hello")(bp.route(route="b")(_ping))
    app.register_functions(bp)
    with pytest.raises(
        func.FunctionDefinitionError, match=r"another function is named 'Hello'"
    ) as caught:
        app.get_functions()
    assert caught.value.function == "hello"


def test_function_without_trigger_is_refused() -> None:
    app = func.FunctionApp()

    @app.queue_output(arg_name="out", queue_name="q", connection="c")
    def lonely(out: func.Out[str]) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match="has no trigger") as caught:
        app.get_functions()
    assert caught.value.function == "lonely"


def test_two_triggers_are_refused_when_the_second_is_added() -> None:
    app = func.FunctionApp()
    with pytest.raises(
        func.FunctionDefinitionError, match="exactly one trigger"
    ) as caught:

        @app.queue_trigger(arg_name="msg", queue_name="q", connection="c")
        @app.timer_trigger(arg_name="timer", schedule="0 0 * * * *")
        def both(timer: func.TimerRequest, msg: str) -> None:
            pass

    assert (caught.value.function, caught.value.decorator) == ("both", "queue_trigger")


def test_binding_must_name_a_parameter() -> None:
    app = func.FunctionApp()

    @app.queue_output(arg_name="outmsg", queue_name="q", connection="c")
    @app.route()
    def handler(req: func.HttpRequest, out: func.Out[str]) -> func.HttpResponse:
        return func.HttpResponse("")

    with pytest.raises(
        func.FunctionDefinitionError, match="names no parameter"
    ) as caught:
        app.get_functions()
    assert (caught.value.function, caught.value.argument) == ("handler", "outmsg")
    assert "its parameters: out, req" in str(caught.value)


def test_parameters_are_not_checked_through_kwargs() -> None:
    app = func.FunctionApp()

    @app.queue_output(arg_name="anything", queue_name="q", connection="c")
    @app.route()
    def handler(req: func.HttpRequest, **kwargs: object) -> func.HttpResponse:
        return func.HttpResponse("")

    assert len(app.get_functions()) == 1


@pytest.mark.parametrize("name", ["2x", "a-b", "$result", "out__msg", "__x", "x" * 129])
def test_binding_names_the_host_refuses(name: str) -> None:
    app = func.FunctionApp()
    with pytest.raises(
        func.FunctionDefinitionError, match="refuses the binding name"
    ) as caught:
        app.queue_output(arg_name=name, queue_name="q", connection="c")(_ping)
    assert caught.value.argument == "arg_name"
    with pytest.raises(func.FunctionDefinitionError, match="trigger_arg_name"):
        app.route(trigger_arg_name=name)(_ping)


@pytest.mark.parametrize("name", ["out_msg", "_private", "msg2", "M"])
def test_snake_case_binding_names_are_accepted(name: str) -> None:
    app = func.FunctionApp()
    app.queue_output(arg_name=name, queue_name="q", connection="c")(_ping)


def test_binding_names_differing_in_case_clash() -> None:
    app = func.FunctionApp()

    @app.queue_output(arg_name="Msg", queue_name="q", connection="c")
    @app.queue_trigger(arg_name="msg", queue_name="q", connection="c")
    def echo(msg: str, Msg: func.Out[str]) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match="two bindings are named"):
        app.get_functions()


def test_return_binding_must_be_an_output() -> None:
    app = func.FunctionApp()

    @app.generic_input_binding(arg_name="$return", type="blob")
    @app.timer_trigger(arg_name="timer", schedule="0 0 * * * *")
    def handler(timer: func.TimerRequest) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match="must be an output"):
        app.get_functions()


def test_only_functions_can_be_decorated() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="not to str"):
        app.route()("not a function")  # type: ignore[arg-type]


def test_errors_pickle_and_keep_their_fields() -> None:
    error = func.FunctionDefinitionError("f", "broken", argument="a", decorator="route")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.function, copy.argument, copy.decorator, str(copy)) == (
        "f",
        "a",
        "route",
        "function 'f', @route argument 'a': broken",
    )
    assert str(func.FunctionDefinitionError(None, "x")) == "function app: x"


# Extensions written against the reference's hooks -------------------------------


class _Audited(Trigger):
    """A third-party trigger written the reference's way."""

    @staticmethod
    def get_binding_name() -> str:
        return "auditTrigger"

    def __init__(
        self, name: str, topic: str, level: str | None = None, **kwargs: str
    ) -> None:
        self.topic = topic
        self.level = level
        super().__init__(name=name)


class _AuditApi(DecoratorApi):
    def audit_trigger(self, arg_name: str, topic: str, **kwargs: str) -> object:
        @self._configure_function_builder
        def wrap(fb: FunctionBuilder[..., object]) -> FunctionBuilder[..., object]:
            return fb.add_trigger(
                trigger=_Audited(name=arg_name, topic=topic, **kwargs)
            )

        return wrap


class _AuditApp(func.FunctionApp, _AuditApi):
    pass


def test_reference_style_extension_hooks_and_binding_classes() -> None:
    app = _AuditApp()

    def on_audit(event: str) -> None:
        pass

    decorator = app.audit_trigger("event", topic="t", extra_setting="x")
    assert callable(decorator)
    decorated = decorator(on_audit)
    app.function_name("audited")(decorated)
    assert raw_bindings(app) == {
        "audited": [
            '{"direction": "IN", "type": "auditTrigger", "name": "event", "topic": "t", "extraSetting": "x"}'
        ]
    }
    (function,) = app.get_functions()
    binding = function.get_bindings()[0]
    assert binding.init_params == [
        "name",
        "topic",
        "level",
        "kwargs",
        "name",
        "topic",
        "extra_setting",
    ]
    assert binding.get_dict_repr()["extraSetting"] == "x"


def test_binding_name_must_be_a_string() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="must be str") as caught:
        app.route(trigger_arg_name=5)(_ping)  # type: ignore[call-overload]
    assert caught.value.argument == "trigger_arg_name"


def test_route_checked_again_under_its_prefix() -> None:
    app = func.FunctionApp()
    bp = func.Blueprint(route_prefix="{id}")
    bp.route(route="{ID}")(_ping)
    app.register_functions(bp)
    with pytest.raises(func.FunctionDefinitionError, match="appears twice") as caught:
        app.get_functions()
    assert (caught.value.function, caught.value.argument) == ("ping", "route")


class _Opaque:
    """A callable whose parameters cannot be read."""

    __name__ = "opaque"
    __signature__ = 5

    def __call__(self, req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")


def test_parameters_that_cannot_be_read_are_not_checked() -> None:
    app = func.FunctionApp()
    app.queue_output(arg_name="anything", queue_name="q", connection="c")(
        app.route()(_Opaque())
    )
    assert list(raw_bindings(app)) == ["opaque"]


def test_star_args_do_not_bind() -> None:
    app = func.FunctionApp()

    @app.route()
    def handler(req: func.HttpRequest, *args: object) -> func.HttpResponse:
        return func.HttpResponse("")

    assert list(raw_bindings(app)) == ["handler"]


def test_nameless_callable_is_named_by_its_repr_in_errors() -> None:
    app = func.FunctionApp()
    nameless = functools.partial(_ping)
    with pytest.raises(func.FunctionDefinitionError) as caught:
        app.route(trigger_arg_name="bad-name")(nameless)
    assert caught.value.function == repr(nameless)


def test_durable_style_settings_are_taken_over() -> None:
    app = func.FunctionApp()
    other = func.Blueprint()

    def delegate(user: object) -> object:
        assert callable(user)
        return other.function_name("renamed")(
            other.timer_trigger(arg_name="timer", schedule="0 0 * * * *")(user)
        )

    @app._invoke_df_decorator(delegate)
    def tick(timer: func.TimerRequest) -> None:
        pass

    assert list(raw_bindings(app)) == ["renamed"]


def test_errors_in_extension_hooks_name_the_extension_decorator() -> None:
    app = _AuditApp()
    decorator = app.audit_trigger("event", topic="t")
    assert callable(decorator)
    with pytest.raises(func.FunctionDefinitionError) as caught:
        decorator(app.timer_trigger(arg_name="timer", schedule="0 0 * * * *")(_ping))
    assert caught.value.decorator == "audit_trigger"
