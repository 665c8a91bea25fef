"""Durable Functions decorators, with a stand-in for ``azure-functions-durable``.

The stand-in does what that package's ``Blueprint`` does with our base classes
(the hooks and binding classes written the reference's way): it wraps
orchestrators, swaps in a client wrapper, and adds its own bindings.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable

import pytest

import azure.functions as func
from azure.functions.decorators.core import InputBinding, Trigger
from azure.functions.decorators.function_app import (
    BindingApi,
    FunctionBuilder,
    FunctionRegister,
    SettingsApi,
    TriggerApi,
)
from tests.decorators._support import raw_bindings


class OrchestrationTrigger(Trigger):
    @staticmethod
    def get_binding_name() -> str:
        return "orchestrationTrigger"

    def __init__(self, name: str, orchestration: str | None = None) -> None:
        self.orchestration = orchestration
        super().__init__(name=name)


class ActivityTrigger(Trigger):
    @staticmethod
    def get_binding_name() -> str:
        return "activityTrigger"

    def __init__(self, name: str, activity: str | None = None) -> None:
        self.activity = activity
        super().__init__(name=name)


class EntityTrigger(Trigger):
    @staticmethod
    def get_binding_name() -> str:
        return "entityTrigger"

    def __init__(self, name: str, entity_name: str | None = None) -> None:
        self.entity_name = entity_name
        super().__init__(name=name)


class DurableClient(InputBinding):
    @staticmethod
    def get_binding_name() -> str:
        return "durableClient"

    def __init__(
        self,
        name: str,
        task_hub: str | None = None,
        connection_name: str | None = None,
    ) -> None:
        self.task_hub = task_hub
        self.connection_name = connection_name
        super().__init__(name=name)


Wrap = Callable[[FunctionBuilder[..., object]], FunctionBuilder[..., object]]
Decorator = Callable[[Callable[..., object]], FunctionBuilder[..., object]]


class StandInBlueprint(TriggerApi, BindingApi, SettingsApi):
    def __init__(self, http_auth_level: str = "FUNCTION") -> None:
        super().__init__(auth_level=http_auth_level)

    def _trigger(self, make: Callable[[], Trigger], wrap_user: bool) -> Decorator:
        @self._configure_function_builder
        def wrap(fb: FunctionBuilder[..., object]) -> FunctionBuilder[..., object]:
            return fb.add_trigger(trigger=make())

        if not wrap_user:
            return wrap

        def decorator(user: Callable[..., object]) -> FunctionBuilder[..., object]:
            def handle(context: str) -> str:
                return f"orchestrated {context}"

            handle.__name__ = user.__name__
            handle.orchestrator_function = user  # type: ignore[attr-defined]
            return wrap(handle)

        return decorator

    def orchestration_trigger(  # type: ignore[override]
        self, context_name: str, orchestration: str | None = None
    ) -> Decorator:
        return self._trigger(
            lambda: OrchestrationTrigger(context_name, orchestration), True
        )

    def activity_trigger(  # type: ignore[override]
        self, input_name: str, activity: str | None = None
    ) -> Decorator:
        return self._trigger(lambda: ActivityTrigger(input_name, activity), False)

    def entity_trigger(  # type: ignore[override]
        self, context_name: str, entity_name: str | None = None
    ) -> Decorator:
        return self._trigger(lambda: EntityTrigger(context_name, entity_name), False)

    def durable_client_input(  # type: ignore[override]
        self,
        client_name: str,
        task_hub: str | None = None,
        connection_name: str | None = None,
    ) -> Decorator:
        @self._configure_function_builder
        def wrap(fb: FunctionBuilder[..., object]) -> FunctionBuilder[..., object]:
            user = fb._function._func

            def with_client(*args: object, **kwargs: object) -> object:
                kwargs[client_name] = f"client({kwargs[client_name]})"
                return user(*args, **kwargs)

            with_client.__wrapped__ = user  # type: ignore[attr-defined]
            with_client.client_function = user  # type: ignore[attr-defined]
            fb._function._func = with_client
            return fb.add_binding(
                binding=DurableClient(client_name, task_hub, connection_name)
            )

        return wrap


class StandInDFApp(StandInBlueprint, FunctionRegister):
    pass


@pytest.fixture
def durable(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    module = types.ModuleType("azure.durable_functions")
    module.Blueprint = StandInBlueprint  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "azure.durable_functions", module)
    return module


def test_without_the_package_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "azure.durable_functions", None)
    app = func.FunctionApp()
    with pytest.raises(
        func.FunctionDefinitionError, match="azure-functions-durable"
    ) as caught:
        app.orchestration_trigger(context_name="context")
    assert caught.value.decorator == "orchestration_trigger"
    assert isinstance(caught.value.__cause__, ImportError)


@pytest.mark.usefixtures("durable")
def test_plain_app_delegates_to_the_durable_blueprint() -> None:
    app = func.FunctionApp()

    @app.route(route="start")
    @app.durable_client_input(
        client_name="client", task_hub="hub", connection_name="conn"
    )
    def start(req: func.HttpRequest, client: str) -> str:
        return client

    @app.function_name("porch")
    @app.orchestration_trigger(context_name="context")
    def orchestrate(context: str) -> str:
        return "user code"

    @app.orchestration_trigger(context_name="context", orchestration="named")
    @app.function_name("below")
    def orchestrate_below(context: str) -> str:
        return "user code"

    @app.activity_trigger(input_name="city", activity="greet")
    def hello(city: str) -> str:
        return f"hello {city}"

    @app.entity_trigger(context_name="context")
    def counter(context: str) -> None:
        pass

    assert raw_bindings(app) == {
        "start": [
            '{"direction": "IN", "type": "durableClient", "name": "client", "taskHub": "hub", "connectionName": "conn"}',
            '{"direction": "IN", "type": "httpTrigger", "name": "req", "authLevel": "FUNCTION", "route": "start"}',
            '{"direction": "OUT", "type": "http", "name": "$return"}',
        ],
        "porch": [
            '{"direction": "IN", "type": "orchestrationTrigger", "name": "context"}'
        ],
        # A name given below the durable decorator is kept (the reference lost it).
        "below": [
            '{"direction": "IN", "type": "orchestrationTrigger", "name": "context", "orchestration": "named"}'
        ],
        "hello": [
            '{"direction": "IN", "type": "activityTrigger", "name": "city", "activity": "greet"}'
        ],
        "counter": ['{"direction": "IN", "type": "entityTrigger", "name": "context"}'],
    }
    functions = {f.get_function_name(): f for f in app.get_functions()}
    user = functions["porch"].get_user_function()
    assert getattr(user, "orchestrator_function", None) is orchestrate.__wrapped__
    assert orchestrate("ctx") == "orchestrated ctx"
    client_user = functions["start"].get_user_function()
    assert getattr(client_user, "client_function", None) is start.__wrapped__
    assert start(req=None, client="raw") == "client(raw)"  # type: ignore[arg-type]
    assert hello("Seattle") == "hello Seattle"


@pytest.mark.usefixtures("durable")
def test_durable_decorator_on_a_blueprint() -> None:
    app = func.FunctionApp()
    bp = func.Blueprint()

    @bp.activity_trigger(input_name="payload")
    def work(payload: str) -> str:
        return payload

    app.register_functions(bp)
    assert raw_bindings(app) == {
        "work": ['{"direction": "IN", "type": "activityTrigger", "name": "payload"}']
    }


def test_durable_apps_subclassing_ours() -> None:
    app = StandInDFApp(http_auth_level="ANONYMOUS")
    assert isinstance(app, func.FunctionRegister)

    @app.route(route="orchestrators/{functionName}")
    @app.durable_client_input(client_name="client")
    def http_start(req: func.HttpRequest, client: str) -> str:
        return client

    @app.orchestration_trigger(context_name="context")
    def hello_orchestrator(context: str) -> str:
        return "result"

    bp = StandInBlueprint()

    @bp.function_name("bpOrch")
    @bp.orchestration_trigger(context_name="context", orchestration="o2")
    def bp_orch(context: str) -> str:
        return "result"

    app.register_functions(bp)
    assert raw_bindings(app) == {
        "http_start": [
            '{"direction": "IN", "type": "durableClient", "name": "client"}',
            '{"direction": "IN", "type": "httpTrigger", "name": "req", "authLevel": "ANONYMOUS", "route": "orchestrators/{functionName}"}',
            '{"direction": "OUT", "type": "http", "name": "$return"}',
        ],
        "hello_orchestrator": [
            '{"direction": "IN", "type": "orchestrationTrigger", "name": "context"}'
        ],
        "bpOrch": [
            '{"direction": "IN", "type": "orchestrationTrigger", "name": "context", "orchestration": "o2"}'
        ],
    }
    # The test recipe of the durable package's documentation.
    orchestrator = hello_orchestrator.build().get_user_function()
    assert getattr(orchestrator, "orchestrator_function", None) is not None
    client_user = http_start.build().get_user_function()
    client_function = client_user.client_function  # type: ignore[attr-defined]
    assert client_function.__name__ == "http_start"


@pytest.mark.usefixtures("durable")
def test_a_durable_decorator_returning_something_else_is_refused() -> None:
    app = func.FunctionApp()
    decorator = app._invoke_df_decorator(lambda user: user)

    def f(context: str) -> None:
        pass

    with pytest.raises(func.FunctionDefinitionError, match="did not return"):
        decorator(f)


@pytest.mark.usefixtures("durable")
def test_errors_name_the_durable_decorator() -> None:
    app = func.FunctionApp()
    trigger = app.timer_trigger(arg_name="timer", schedule="0 0 * * * *")
    with pytest.raises(func.FunctionDefinitionError, match="exactly one") as caught:
        app.orchestration_trigger(context_name="context")(trigger(_orchestrate))
    assert (caught.value.function, caught.value.decorator) == (
        "_orchestrate",
        "orchestration_trigger",
    )


def _orchestrate(context: str) -> None:
    pass
