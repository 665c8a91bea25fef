"""``function_name`` and ``retry``: the settings the worker reads."""

from __future__ import annotations

import pytest

import azure.functions as func
from azure.functions.decorators.function_name import FunctionName
from azure.functions.decorators.retry_policy import RetryPolicy
from tests.decorators._support import raw_bindings


def tick(timer: func.TimerRequest) -> None:
    pass


@pytest.mark.parametrize("name_on_top", [True, False])
def test_function_name_works_above_and_below_the_trigger(name_on_top: bool) -> None:
    app = func.FunctionApp()
    trigger = app.timer_trigger(arg_name="timer", schedule="0 0 * * * *")
    name = app.function_name("ticker")
    decorated = name(trigger(tick)) if name_on_top else trigger(name(tick))
    (function,) = app.get_functions()
    assert function.get_function_name() == "ticker"
    assert function.get_settings_dict("function_name") == {
        "setting_name": "function_name",
        "function_name": "ticker",
    }
    assert decorated.build().get_function_name() == "ticker"


def test_function_name_extra_fields_and_default_name() -> None:
    app = func.FunctionApp()

    @app.function_name(name="Named", setting_extra_fields={"foo": 1, "gone": None})
    @app.timer_trigger(arg_name="timer", schedule="0 0 * * * *")
    def named(timer: func.TimerRequest) -> None:
        pass

    @app.timer_trigger(arg_name="timer", schedule="0 0 * * * *")
    def plain(timer: func.TimerRequest) -> None:
        pass

    named_fn, plain_fn = app.get_functions()
    assert named_fn.get_settings_dict("function_name") == {
        "setting_name": "function_name",
        "function_name": "Named",
        "foo": 1,
    }
    assert plain_fn.get_function_name() == "plain"
    assert plain_fn.get_settings_dict("function_name") is None
    assert plain_fn.get_setting("function_name") is None


@pytest.mark.parametrize(
    "name", ["1st", "host", "HOST", "with space", "a" * 129, "_private", "ünï", ""]
)
def test_names_the_host_refuses(name: str) -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="function names") as caught:
        app.function_name(name)(tick)
    # An empty name cannot name the error: the Python name does.
    assert caught.value.function == (name or "tick")
    assert caught.value.decorator == "function_name"


def test_name_must_be_str() -> None:
    with pytest.raises(func.FunctionDefinitionError, match="must be str"):
        FunctionName(5)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["a", "a-b_c9", "A" * 128, "hosts"])
def test_names_the_host_accepts(name: str) -> None:
    assert FunctionName(name).get_settings_value("function_name") == name


def test_function_name_given_twice_is_refused() -> None:
    app = func.FunctionApp()
    with pytest.raises(func.FunctionDefinitionError, match="given twice"):
        app.function_name("b")(app.function_name("a")(tick))


def test_retry_settings_match_the_reference() -> None:
    app = func.FunctionApp()

    @app.retry(
        strategy="exponential_backoff",
        max_retry_count="5",
        minimum_interval="00:00:05",
        maximum_interval="00:15:00",
    )
    @app.timer_trigger(arg_name="timer", schedule="0 0 * * * *")
    def retried(timer: func.TimerRequest) -> None:
        pass

    @app.function_name(name="Named")
    @app.retry(
        strategy="fixed_delay",
        max_retry_count=3,
        delay_interval="00:00:10",
        setting_extra_fields={"jitter": "yes"},
    )
    @app.generic_input_binding(arg_name="inp", type="blob", path="x/y", connection="c")
    @app.generic_output_binding(
        arg_name="$return", type="queue", queue_name="q", connection="c"
    )
    @app.generic_trigger(arg_name="evt", type="eventGridTrigger")
    def named(evt: func.EventGridEvent, inp: str) -> str:
        return inp

    retried_fn, named_fn = app.get_functions()
    assert retried_fn.get_settings_dict("retry_policy") == {
        "setting_name": "retry_policy",
        "strategy": "exponential_backoff",
        "max_retry_count": "5",
        "minimum_interval": "00:00:05",
        "maximum_interval": "00:15:00",
    }
    assert named_fn.get_settings_dict("retry_policy") == {
        "setting_name": "retry_policy",
        "strategy": "fixed_delay",
        "max_retry_count": 3,
        "delay_interval": "00:00:10",
        "jitter": "yes",
    }
    assert raw_bindings(app)["Named"] == [
        '{"direction": "IN", "type": "eventGridTrigger", "name": "evt"}',
        '{"direction": "OUT", "type": "queue", "name": "$return", "queueName": "q", "connection": "c"}',
        '{"direction": "IN", "type": "blob", "name": "inp", "path": "x/y", "connection": "c"}',
    ]
    setting = named_fn.get_setting("retry_policy")
    assert isinstance(setting, RetryPolicy)
    assert setting.get_settings_value("delay_interval") == "00:00:10"
    assert retried_fn.get_settings_dict("no_such_setting") is None


FIXED = {"strategy": "fixed_delay", "max_retry_count": "3"}
BACKOFF = {"strategy": "exponential_backoff", "max_retry_count": "3"}
SECOND = {"delay_interval": "00:00:01"}


@pytest.mark.parametrize(
    ("arguments", "argument", "message"),
    [
        ({**FIXED, "strategy": "linear"}, "strategy", "not a retry strategy"),
        ({**FIXED, **SECOND, "max_retry_count": "x"}, "max_retry_count", "count"),
        ({**FIXED, **SECOND, "max_retry_count": -2}, "max_retry_count", "count"),
        ({**FIXED, **SECOND, "max_retry_count": True}, "max_retry_count", "count"),
        (FIXED, "delay_interval", "needs a delay_interval"),
        ({**FIXED, "delay_interval": "10s"}, "delay_interval", "HH:MM:SS"),
        ({**FIXED, "delay_interval": "24:00:00"}, "delay_interval", "out of range"),
        ({**BACKOFF, "maximum_interval": "00:01:00"}, "minimum_interval", "needs"),
        ({**BACKOFF, "minimum_interval": "00:01:00"}, "maximum_interval", "needs"),
        (
            {**BACKOFF, "minimum_interval": "00:01:00", "maximum_interval": "00:00:30"},
            "maximum_interval",
            "shorter than",
        ),
    ],
)
def test_retry_policies_the_worker_cannot_read_are_refused(
    arguments: dict[str, object], argument: str, message: str
) -> None:
    app = func.FunctionApp()
    decorator = app.retry(**arguments)  # type: ignore[arg-type]
    with pytest.raises(func.FunctionDefinitionError, match=message) as caught:
        decorator(tick)
    assert (caught.value.function, caught.value.decorator, caught.value.argument) == (
        "tick",
        "retry",
        argument,
    )


def test_retry_given_twice_is_refused() -> None:
    app = func.FunctionApp()
    retry = app.retry(
        strategy="fixed_delay", max_retry_count="1", delay_interval="00:00:01"
    )
    with pytest.raises(func.FunctionDefinitionError, match="retry_policy"):
        retry(retry(tick))


def test_unlimited_retries() -> None:
    policy = RetryPolicy("fixed_delay", "-1", delay_interval="1:2:3")
    assert policy.get_dict_repr()["max_retry_count"] == "-1"
