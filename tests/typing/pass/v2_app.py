"""A v2 app using the core decorators, and the types mypy must infer for it.

Decorated functions keep their exact signatures: calling one in a unit test is
type-checked like calling the function itself.
"""

from __future__ import annotations

from collections.abc import Callable

from typing_extensions import assert_type

import azure.functions as func
from azure.functions.decorators.function_app import FunctionBuilder

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
bp = func.Blueprint(route_prefix="v1", http_auth_level="function")


@app.route(route="hello/{name}", methods=["GET", func.HttpMethod.POST])
def hello(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(f"hello {req.route_params.get('name')}")


@app.route
def bare(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("bare")


@app.route(
    route="items/{id:int}",
    trigger_arg_name="request",
    binding_arg_name="response",
    auth_level="admin",
    trigger_extra_fields={"data_type": "STRING"},
    binding_extra_fields={},
)
def item(request: func.HttpRequest, response: func.Out[func.HttpResponse]) -> None:
    response.set(func.HttpResponse("item"))


@app.function_name("ticker")
@app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:10")
@app.timer_trigger(schedule="0 */5 * * * *", arg_name="timer", run_on_startup=False)
def tick(timer: func.TimerRequest) -> None:
    pass


@app.schedule(arg_name="timer", schedule="0 0 * * * *", use_monitor=True)
@app.function_name(name="hourly")
def hourly(timer: func.TimerRequest) -> None:
    pass


@app.warm_up_trigger("warmup", data_type=func.DataType.UNDEFINED)
def warm(warmup: func.WarmUpContext) -> None:
    pass


@app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
@app.queue_output(
    arg_name="out", queue_name="out", connection="Storage", data_type="string"
)
def relay(msg: func.QueueMessage, out: func.Out[str]) -> None:
    out.set(msg.get_body().decode())


@app.generic_trigger(
    arg_name="blob", type="blobTrigger", path="in/{name}", connection="S"
)
@app.generic_input_binding(arg_name="doc", type="cosmosDB", database_name="db")
@app.generic_output_binding(arg_name="$return", type="queue", queueName="q")
def generic(blob: func.InputStream, doc: func.DocumentList) -> str:
    return str(len(doc))


@bp.route(route="async")
async def later(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("later")


@bp.orchestration_trigger(context_name="context")
def orchestrator(context: func.OrchestrationContext) -> str:
    return "done"


@bp.activity_trigger(input_name="city", activity="greet")
def greet(city: str) -> str:
    return f"hello {city}"


@bp.entity_trigger(context_name="context", entity_name="Counter")
def counter(context: func.EntityContext) -> None:
    pass


@bp.route(route="start")
@bp.durable_client_input(client_name="client", task_hub="hub")
async def start(req: func.HttpRequest, client: str) -> func.HttpResponse:
    return func.HttpResponse(client)


app.register_functions(bp)
app.register_blueprint(func.Blueprint())

# What a decorator returns is the function's FunctionBuilder, callable with the
# function's own parameters (names included: see the typing/fail snippets).
hello_builder: FunctionBuilder[[func.HttpRequest], func.HttpResponse] = hello
bare_builder: FunctionBuilder[[func.HttpRequest], func.HttpResponse] = bare
tick_builder: FunctionBuilder[[func.TimerRequest], None] = tick
generic_builder: FunctionBuilder[[func.InputStream, func.DocumentList], str] = generic
greet_callable: Callable[[str], str] = greet


def test_hello(req: func.HttpRequest) -> None:
    assert_type(hello(req), func.HttpResponse)
    assert_type(hello(req=req), func.HttpResponse)
    assert_type(bare(req), func.HttpResponse)
    assert_type(tick(func.TimerRequest()), None)
    function: func.Function[[func.HttpRequest], func.HttpResponse] = hello.build()
    assert_type(function.get_user_function()(req), func.HttpResponse)
    assert_type(hello.build().get_user_function()(req), func.HttpResponse)
    assert_type(greet("Seattle"), str)


def generic_user() -> Callable[[func.InputStream, func.DocumentList], str]:
    return generic.build().get_user_function()


async def test_later(req: func.HttpRequest) -> None:
    assert_type(await later(req), func.HttpResponse)


def index() -> None:
    functions: list[func.Function[..., object]] = app.get_functions()
    for function in functions:
        assert_type(function.get_function_name(), str | None)
        assert_type(function.get_raw_bindings(), list[str])
        assert_type(
            function.get_settings_dict("retry_policy"), dict[str, object] | None
        )
        assert_type(function.is_http_function(), bool)
        for binding in function.get_bindings():
            assert_type(binding.direction, int)
            assert_type(binding.data_type, int | None)
            assert_type(binding.name, str)
            assert_type(binding.type, str)
    assert_type(app.auth_level, func.AuthLevel | None)
    assert_type(app.app_script_file, str)


def failures() -> str:
    try:
        app.get_functions()
    except func.FunctionDefinitionError as error:
        assert_type(error.function, str | None)
        assert_type(error.argument, str | None)
        return error.detail
    return ""
