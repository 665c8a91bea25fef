"""Timer, warm-up, queue and generic decorators: their JSON and their arguments."""

from __future__ import annotations

import pytest

import azure.functions as func
from tests.decorators._support import binding_dicts, raw_bindings


def test_timer_trigger_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.timer_trigger(arg_name="timer", schedule="0 */5 * * * *")
    def timer_min(timer: func.TimerRequest) -> None:
        pass

    @app.timer_trigger(
        arg_name="timer",
        schedule="0 */5 * * * *",
        run_on_startup=True,
        use_monitor=False,
        data_type=func.DataType.STRING,
    )
    def timer_full(timer: func.TimerRequest) -> None:
        pass

    assert raw_bindings(app) == {
        "timer_min": [
            '{"direction": "IN", "type": "timerTrigger", "name": "timer", "schedule": "0 */5 * * * *"}'
        ],
        "timer_full": [
            '{"direction": "IN", "dataType": "STRING", "type": "timerTrigger", "name": "timer", "schedule": "0 */5 * * * *", "runOnStartup": true, "useMonitor": false}'
        ],
    }


def test_schedule_is_timer_triggers_alias() -> None:
    app = func.FunctionApp()
    assert func.FunctionApp.schedule is func.FunctionApp.timer_trigger

    @app.function_name("ticker")
    @app.schedule(schedule="0 */5 * * * *", arg_name="timer", run_on_startup=False)
    def tick(timer: func.TimerRequest) -> None:
        pass

    assert raw_bindings(app) == {
        "ticker": [
            '{"direction": "IN", "type": "timerTrigger", "name": "timer", "schedule": "0 */5 * * * *", "runOnStartup": false}'
        ]
    }


def test_camel_case_keyword_is_a_literal_host_property() -> None:
    app = func.FunctionApp()

    @app.timer_trigger(arg_name="timer", schedule="0 0 * * * *", someHostFlag=True)
    def tick(timer: func.TimerRequest) -> None:
        pass

    assert raw_bindings(app)["tick"] == [
        '{"direction": "IN", "type": "timerTrigger", "name": "timer", "schedule": "0 0 * * * *", "someHostFlag": true}'
    ]


@pytest.mark.parametrize(
    ("keyword", "message"),
    [
        ("run_on_start_up", "did you mean 'run_on_startup'"),
        ("usemonitor", "did you mean 'use_monitor'"),
        ("schedul", "did you mean 'schedule'"),
        ("runOnStartup", "the argument 'run_on_startup' already sets"),
        ("name", "set by the decorator"),
        ("direction", "set by the decorator"),
        ("type", "set by the decorator"),
    ],
)
def test_unknown_or_clashing_keyword_is_refused_naming_function_and_argument(
    keyword: str, message: str
) -> None:
    app = func.FunctionApp()
    extra: dict[str, object] = {keyword: True}
    decorator = app.timer_trigger("timer", "0 0 * * * *", False, None, None, **extra)

    def tick(timer: func.TimerRequest) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match=message) as caught:
        decorator(tick)
    error = caught.value
    assert (error.function, error.decorator, error.argument) == (
        "tick",
        "timer_trigger",
        keyword,
    )
    assert f"function 'tick', @timer_trigger argument '{keyword}'" in str(error)
    assert isinstance(error, TypeError)
    assert isinstance(error, ValueError)


def test_warm_up_trigger() -> None:
    app = func.FunctionApp()

    @app.warm_up_trigger(arg_name="warmup")
    def warm_min(warmup: func.WarmUpContext) -> None:
        pass

    @app.warm_up_trigger("warmup", data_type="binary")
    def warm_full(warmup: func.WarmUpContext) -> None:
        pass

    assert raw_bindings(app) == {
        "warm_min": ['{"direction": "IN", "type": "warmupTrigger", "name": "warmup"}'],
        "warm_full": [
            '{"direction": "IN", "dataType": "BINARY", "type": "warmupTrigger", "name": "warmup"}'
        ],
    }


def test_queue_trigger_and_output() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(
        arg_name="msg", queue_name="in-items", connection="AzureWebJobsStorage"
    )
    def queue_min(msg: func.QueueMessage) -> None:
        pass

    @app.queue_trigger(
        arg_name="msg",
        queue_name="in-items",
        connection="AzureWebJobsStorage",
        data_type=func.DataType.STRING,
    )
    @app.queue_output(
        arg_name="out",
        queue_name="out-items",
        connection="AzureWebJobsStorage",
        data_type=func.DataType.BINARY,
    )
    def queue_full(msg: func.QueueMessage, out: func.Out[str]) -> None:
        pass

    assert raw_bindings(app) == {
        "queue_min": [
            '{"direction": "IN", "type": "queueTrigger", "name": "msg", "queueName": "in-items", "connection": "AzureWebJobsStorage"}'
        ],
        "queue_full": [
            '{"direction": "OUT", "dataType": "BINARY", "type": "queue", "name": "out", "queueName": "out-items", "connection": "AzureWebJobsStorage"}',
            '{"direction": "IN", "dataType": "STRING", "type": "queueTrigger", "name": "msg", "queueName": "in-items", "connection": "AzureWebJobsStorage"}',
        ],
    }
    (_, full) = app.get_functions()
    assert [(b.name, b.direction, b.data_type) for b in full.get_bindings()] == [
        ("out", 1, 2),
        ("msg", 0, 1),
    ]


def test_queue_output_to_return_value() -> None:
    app = func.FunctionApp()

    @app.queue_output(arg_name="$return", queue_name="q", connection="c")
    @app.route()
    def enqueue(req: func.HttpRequest) -> str:
        return "message"

    # Two outputs named $return: the host refuses that, and so do we.
    with pytest.raises(func.FunctionDefinitionError, match="two bindings are named"):
        app.get_functions()


def test_generic_bindings_minimal_and_full() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="blob", type="blobTrigger")
    def generic_min(blob: func.InputStream) -> None:
        pass

    @app.generic_trigger(
        arg_name="blob",
        type="blobTrigger",
        data_type="binary",
        path="samples/{name}",
        connection="Storage",
        source="EventGrid",
    )
    @app.generic_input_binding(
        arg_name="doc",
        type="cosmosDB",
        data_type=func.DataType.STRING,
        database_name="db",
        container_name="items",
        sql_query="SELECT * FROM c",
        id="{id}",
    )
    @app.generic_output_binding(
        arg_name="outdoc",
        type="cosmosDB",
        database_name="db",
        container_name="items",
        create_if_not_exists=True,
        partition_key="/id",
        extra={"a": None, "b": [1, None, "x"]},
    )
    def generic_full(
        blob: func.InputStream, doc: func.DocumentList, outdoc: func.Out[func.Document]
    ) -> None:
        pass

    assert raw_bindings(app) == {
        "generic_min": ['{"direction": "IN", "type": "blobTrigger", "name": "blob"}'],
        "generic_full": [
            '{"direction": "OUT", "type": "cosmosDB", "name": "outdoc", "databaseName": "db", "containerName": "items", "createIfNotExists": true, "partitionKey": "/id", "extra": {"b": [1, "x"]}}',
            '{"direction": "IN", "dataType": "STRING", "type": "cosmosDB", "name": "doc", "databaseName": "db", "containerName": "items", "sqlQuery": "SELECT * FROM c", "id": "{id}"}',
            '{"direction": "IN", "dataType": "BINARY", "type": "blobTrigger", "name": "blob", "path": "samples/{name}", "connection": "Storage", "source": "EventGrid"}',
        ],
    }


def test_generic_binding_keeps_camel_case_and_renders_enums_by_name() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(
        arg_name="msg",
        type="serviceBusTrigger",
        queueName="q",
        cardinality=func.Cardinality.MANY,
        access_rights=func.AccessRights.LISTEN,
        tags=("a", None),
    )
    def bus(msg: str) -> None:
        pass

    assert binding_dicts(app, "bus") == [
        {
            "direction": "IN",
            "type": "serviceBusTrigger",
            "name": "msg",
            "queueName": "q",
            "cardinality": "MANY",
            "accessRights": "LISTEN",
            "tags": ["a", None],
        }
    ]


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"direction": "OUT"}, "direction"),
        ({"init_params": []}, "init_params"),
        ({"when": object()}, "when"),
        ({"nested": {1: "x"}}, "nested"),
        ({"bad-key": 1}, "bad-key"),
    ],
)
def test_generic_binding_refuses_reserved_or_unserializable_properties(
    kwargs: dict[str, object], argument: str
) -> None:
    app = func.FunctionApp()
    decorator = app.generic_input_binding("x", "blob", None, **kwargs)

    def f(x: str) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError) as caught:
        decorator(f)
    assert caught.value.argument == argument
    assert caught.value.decorator == "generic_input_binding"


@pytest.mark.parametrize("binding_type", ["", 5, None])
def test_generic_binding_needs_a_type(binding_type: object) -> None:
    app = func.FunctionApp()
    decorator = app.generic_trigger(arg_name="x", type=binding_type)  # type: ignore[arg-type]

    def f(x: str) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match="type") as caught:
        decorator(f)
    assert caught.value.argument == "type"


@pytest.mark.parametrize("data_type", ["text", 1, func.Cardinality.ONE])
def test_bad_data_type_is_refused(data_type: object) -> None:
    app = func.FunctionApp()
    decorator = app.queue_trigger("m", "q", "c", data_type)  # type: ignore[arg-type]

    def f(m: str) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError) as caught:
        decorator(f)
    assert caught.value.argument == "data_type"


@pytest.mark.parametrize(
    "data_type", ["string", "STRING", "String", func.DataType.STRING]
)
def test_data_type_spellings(data_type: object) -> None:
    app = func.FunctionApp()

    decorator = app.queue_trigger("m", "q", "c", data_type)  # type: ignore[arg-type]

    @decorator
    def f(m: str) -> None:
        pass

    assert binding_dicts(app, "f")[0]["dataType"] == "STRING"
