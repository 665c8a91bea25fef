"""Loading apps: v1 folders, v2 objects, and the worker's checks, with errors naming where."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import azure.functions as func
from azure.functions._errors import AppLoadError, FunctionLoadError
from azure.functions._host.loading.app_loader import (
    AppLoader,
    find_registers,
    functions_from_register,
)
from azure.functions._host.loading.config import DEFAULT_FUNCTION_TIMEOUT
from azure.functions._host.loading.model import AppInfo
from tests.host._support import HTTP_IN, HTTP_OUT, http_function, write_app

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "v1_app"

HELLO = """
import azure.functions as func

def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("hi")
"""


@pytest.fixture
def loaded() -> Iterator[Callable[[Path], AppInfo]]:
    loaders: list[AppLoader] = []

    def load(root: Path) -> AppInfo:
        loader = AppLoader(root)
        loaders.append(loader)
        return loader.load()

    yield load
    for loader in loaders:
        loader.unload()


def load_errors(root: Path) -> list[FunctionLoadError]:
    loader = AppLoader(root)
    with pytest.raises(AppLoadError) as caught:
        loader.load()
    loader.unload()
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, func.FunctionsError)
    return caught.value.errors


def only_error(root: Path) -> FunctionLoadError:
    (error,) = load_errors(root)
    return error


# --- the example app ----------------------------------------------------------------


def test_example_app_loads_into_one_description(
    loaded: Callable[[Path], AppInfo],
) -> None:
    app = loaded(EXAMPLE)
    assert app.kind == "v1"
    assert [f.name for f in app.functions] == [
        "EnqueueGreeting",
        "HttpHello",
        "ProcessGreeting",
        "TimerTriggerFunction",
    ]
    hello = app.function("httphello")  # names ignore case, as in the host
    assert hello.trigger.type == "httpTrigger"
    assert hello.trigger.get("METHODS") == ["get", "post"]
    assert hello.return_binding is not None
    assert hello.return_binding.type == "http"
    assert hello.entry_point == "main"
    assert hello.script_file == EXAMPLE / "HttpHello" / "__init__.py"
    assert hello.directory == EXAMPLE / "HttpHello"
    assert not hello.is_async

    enqueue = app.function("EnqueueGreeting")
    (out,) = enqueue.outputs
    assert (out.name, out.binding.type, out.converter, out.pytype) == (
        "msg",
        "queue",
        "generic",  # Out[str]: str goes through the generic converter
        str,
    )
    assert enqueue.return_info is not None
    assert enqueue.return_info.converter == "http"
    assert enqueue.return_info.pytype is func.HttpResponse

    timer = app.function("TimerTriggerFunction")
    assert timer.script_file.name == "main.py"
    assert timer.trigger.raw["schedule"] == "0 */5 * * * *"

    process = app.function("ProcessGreeting")
    assert process.context_param == "context"
    assert [p.name for p in process.inputs] == ["msg"]
    assert app.host.route_prefix == "api"
    assert app.host.function_timeout == 300.0


# --- host.json and local.settings.json ------------------------------------------------


def test_host_json_route_prefix_timeout_and_function_list(
    tmp_path: Path, loaded: Callable[[Path], AppInfo]
) -> None:
    write_app(
        tmp_path,
        {"A": http_function(HELLO), "B": http_function(HELLO)},
        host={
            "version": "2.0",
            "functionTimeout": "00:00:02.5",
            "functions": ["b"],
            "extensions": {
                "http": {"routePrefix": "/v1/", "customHeaders": {"X-A": "1"}}
            },
        },
    )
    app = loaded(tmp_path)
    assert app.host.route_prefix == "v1"
    assert app.host.function_timeout == 2.5
    assert app.host.custom_headers == (("X-A", "1"),)
    assert [f.name for f in app.functions] == ["B"]


@pytest.mark.parametrize(
    ("timeout", "seconds"),
    [(None, DEFAULT_FUNCTION_TIMEOUT), ("-1", None), ("01:00:00", 3600.0)],
)
def test_function_timeout_values(
    tmp_path: Path,
    loaded: Callable[[Path], AppInfo],
    timeout: str | None,
    seconds: float | None,
) -> None:
    host: dict[str, object] = {"version": "2.0"}
    if timeout is not None:
        host["functionTimeout"] = timeout
    write_app(tmp_path, {"A": http_function(HELLO)}, host=host)
    assert loaded(tmp_path).host.function_timeout == seconds


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ({}, "'version' property is missing"),
        ({"version": "1.0"}, "'version' is '1.0'"),
        (
            {"version": "2.0", "functionTimeout": "soon"},
            "'functionTimeout' is \"soon\"",
        ),
        ({"version": "2.0", "extensions": {"http": {"routePrefix": 3}}}, "routePrefix"),
    ],
)
def test_bad_host_json_names_the_file(
    tmp_path: Path, host: dict[str, object], message: str
) -> None:
    write_app(tmp_path, {"A": http_function(HELLO)}, host=host)
    error = only_error(tmp_path)
    assert error.file == "host.json"
    assert message in str(error)


def test_missing_host_json(tmp_path: Path) -> None:
    error = only_error(tmp_path)
    assert error.file == "host.json"
    assert "not found" in str(error)


def test_not_a_directory(tmp_path: Path) -> None:
    error = only_error(tmp_path / "nowhere")
    assert "not a directory" in str(error)


def test_local_settings_go_into_the_environment_without_overriding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOST_TEST_KEPT", "from the environment")
    monkeypatch.delenv("HOST_TEST_NEW", raising=False)
    source = """
    import os
    import azure.functions as func

    SEEN_AT_IMPORT = os.environ["HOST_TEST_NEW"]

    def main(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(SEEN_AT_IMPORT)
    """
    write_app(
        tmp_path,
        {"A": http_function(source)},
        settings={"HOST_TEST_KEPT": "from settings", "HOST_TEST_NEW": "new"},
    )
    loader = AppLoader(tmp_path)
    app = loader.load()
    assert app.settings["HOST_TEST_NEW"] == "new"
    assert os.environ["HOST_TEST_NEW"] == "new"
    assert os.environ["HOST_TEST_KEPT"] == "from the environment"
    loader.unload()
    assert "HOST_TEST_NEW" not in os.environ
    assert os.environ["HOST_TEST_KEPT"] == "from the environment"


def test_encrypted_settings_are_refused(tmp_path: Path) -> None:
    write_app(tmp_path, {"A": http_function(HELLO)})
    (tmp_path / "local.settings.json").write_text(
        json.dumps({"IsEncrypted": True, "Values": {}})
    )
    error = only_error(tmp_path)
    assert error.file == "local.settings.json"
    assert "IsEncrypted" in str(error)


def test_unload_forgets_modules_and_sys_path(tmp_path: Path) -> None:
    write_app(tmp_path, {"A": http_function(HELLO)}, files={"helper.py": "X = 1\n"})
    loader = AppLoader(tmp_path)
    loader.load()
    assert "__app__.A" in sys.modules
    assert str(tmp_path) in sys.path
    loader.unload()
    assert "__app__.A" not in sys.modules
    assert str(tmp_path) not in sys.path


# --- v1 scripts ---------------------------------------------------------------


def test_script_file_entry_point_and_the_2018_main_py(
    tmp_path: Path, loaded: Callable[[Path], AppInfo]
) -> None:
    legacy = (
        {"bindings": [HTTP_IN, HTTP_OUT]},
        "import azure.functions as func\n\n"
        "def main(req: func.HttpRequest) -> str:\n    return 'legacy'\n",
    )
    custom = (
        {"bindings": [HTTP_IN, HTTP_OUT], "scriptFile": "app.py", "entryPoint": "run"},
        "def run(req):\n    return 'custom'\n",
    )
    write_app(tmp_path, {"Custom": custom})
    (tmp_path / "Legacy").mkdir()
    (tmp_path / "Legacy" / "function.json").write_text(json.dumps(legacy[0]))
    (tmp_path / "Legacy" / "main.py").write_text(legacy[1])
    app = loaded(tmp_path)
    assert app.function("Legacy").script_file.name == "main.py"
    custom_info = app.function("Custom")
    assert (custom_info.script_file.name, custom_info.entry_point) == ("app.py", "run")
    assert custom_info.func.__name__ == "run"


def test_relative_imports_work_as_in_the_worker(
    tmp_path: Path, loaded: Callable[[Path], AppInfo]
) -> None:
    source = """
    import azure.functions as func
    from ..shared import helper
    import shared_top

    def main(req: func.HttpRequest) -> str:
        return helper.GREETING + shared_top.SUFFIX
    """
    write_app(
        tmp_path,
        {"A": http_function(source)},
        files={
            "shared/__init__.py": "",
            "shared/helper.py": "GREETING = 'hi'\n",
            "shared_top.py": "SUFFIX = '!'\n",
        },
    )
    app = loaded(tmp_path)
    assert app.function("A").func.__module__ == "__app__.A"


def test_disabled_functions_are_listed_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loaded: Callable[[Path], AppInfo]
) -> None:
    broken = "this is not python"
    off = ({"bindings": [HTTP_IN, HTTP_OUT], "disabled": True}, broken)
    write_app(
        tmp_path,
        {"Off": off, "BySetting": http_function(broken), "On": http_function(HELLO)},
    )
    monkeypatch.setenv("AzureWebJobs.BySetting.Disabled", "true")
    app = loaded(tmp_path)
    assert [f.name for f in app.functions] == ["On"]
    assert sorted(app.disabled) == ["BySetting", "Off"]


# --- broken v1 apps ---------------------------------------------------------------


def test_bad_json_names_the_file_and_position(tmp_path: Path) -> None:
    write_app(tmp_path, {"Broken": ('{"bindings": [}', HELLO)})
    error = only_error(tmp_path)
    assert error.file == "Broken/function.json"
    assert "invalid JSON" in str(error)
    assert "line 1, column 15" in str(error)


def test_syntax_error_names_the_script_and_line(tmp_path: Path) -> None:
    write_app(tmp_path, {"Broken": http_function("def main(req:\n    pass\n")})
    error = only_error(tmp_path)
    assert error.file == "Broken/__init__.py"
    assert error.function == "Broken"
    assert "SyntaxError" in str(error)
    assert "(line 1)" in str(error)


def test_import_time_exception_is_kept_as_the_cause(tmp_path: Path) -> None:
    write_app(tmp_path, {"Broken": http_function("raise RuntimeError('no config')\n")})
    error = only_error(tmp_path)
    assert "importing it raised RuntimeError: no config" in str(error)
    assert isinstance(error.__cause__, RuntimeError)


def test_missing_entry_point(tmp_path: Path) -> None:
    write_app(tmp_path, {"Broken": http_function("def handler(req):\n    pass\n")})
    error = only_error(tmp_path)
    assert error.file == "Broken/__init__.py"
    assert "main() is not defined" in str(error)


def test_missing_script_file(tmp_path: Path) -> None:
    write_app(tmp_path, {"Broken": http_function(HELLO)})
    (tmp_path / "Broken" / "__init__.py").unlink()
    error = only_error(tmp_path)
    assert "does not exist" in str(error)


def test_no_functions_at_all(tmp_path: Path) -> None:
    write_app(tmp_path, {})
    assert "no functions found" in str(only_error(tmp_path))


def test_every_broken_function_is_reported_at_once(tmp_path: Path) -> None:
    write_app(
        tmp_path,
        {
            "One": ("not json", HELLO),
            "Two": http_function("def main(x):\n    pass\n"),
            "Fine": http_function(HELLO),
        },
    )
    errors = load_errors(tmp_path)
    assert [e.function for e in errors] == [None, "Two"]
    assert errors[0].file == "One/function.json"


def binding_error(tmp_path: Path, bindings: list[object], source: str) -> str:
    write_app(tmp_path, {"F": ({"bindings": bindings}, source)})
    error = only_error(tmp_path)
    assert error.function == "F"
    assert error.file == "F/function.json"
    return str(error)


def test_unknown_binding_types_fall_back_to_the_generic_converter(
    tmp_path: Path, loaded: Callable[[Path], AppInfo]
) -> None:
    source = """
    import azure.functions as func

    def main(req: func.HttpRequest, extra: str, sink: func.Out[bytes]) -> str:
        return "ok"
    """
    bindings = [
        HTTP_IN,
        HTTP_OUT,
        {"type": "customThing", "direction": "in", "name": "extra"},
        {"type": "customSink", "direction": "out", "name": "sink"},
    ]
    write_app(tmp_path, {"F": ({"bindings": bindings}, source)})
    function = loaded(tmp_path).function("F")
    params = {p.name: p for p in (*function.inputs, *function.outputs)}
    # No converter of their own: the generic one decides (str/bytes accepted).
    assert params["extra"].converter == "customThing"
    assert params["sink"].converter == "customSink"


def test_annotation_the_converter_refuses(tmp_path: Path) -> None:
    source = "def main(req: int) -> str:\n    return ''\n"
    message = binding_error(tmp_path, [HTTP_IN, HTTP_OUT], source)
    assert "binding 'req'" in message
    assert (
        'binding type "httpTrigger" does not match the Python annotation "int"'
        in message
    )


def test_return_annotation_the_converter_refuses(tmp_path: Path) -> None:
    source = "def main(req) -> int:\n    return 1\n"
    message = binding_error(tmp_path, [HTTP_IN, HTTP_OUT], source)
    assert "binding '$return'" in message
    assert '"int" does not match binding type "http"' in message


def test_out_binding_without_out_annotation(tmp_path: Path) -> None:
    source = "def main(req, msg: str) -> str:\n    return ''\n"
    queue = {"type": "queue", "direction": "out", "name": "msg", "queueName": "q"}
    message = binding_error(tmp_path, [HTTP_IN, HTTP_OUT, queue], source)
    assert "binding 'msg'" in message
    assert "not annotated azure.functions.Out[T]" in message


def test_in_binding_with_out_annotation(tmp_path: Path) -> None:
    source = (
        "import azure.functions as func\n"
        "def main(req: func.Out[str]) -> str:\n    return ''\n"
    )
    message = binding_error(tmp_path, [HTTP_IN, HTTP_OUT], source)
    assert 'has the "in" direction' in message


def test_out_type_argument_is_checked(tmp_path: Path) -> None:
    source = (
        "import azure.functions as func\n"
        "def main(req, msg: func.Out[int]) -> str:\n    return ''\n"
    )
    queue = {"type": "queue", "direction": "out", "name": "msg", "queueName": "q"}
    message = binding_error(tmp_path, [HTTP_IN, HTTP_OUT, queue], source)
    assert 'binding type "queue" does not match the Python annotation "int"' in message


def test_non_type_annotation(tmp_path: Path) -> None:
    source = "def main(req: 'str | None') -> str:\n    return ''\n"
    message = binding_error(tmp_path, [HTTP_IN, HTTP_OUT], source)
    assert "invalid non-type annotation" in message


def test_parameters_and_bindings_must_match(tmp_path: Path) -> None:
    message = binding_error(
        tmp_path, [HTTP_IN, HTTP_OUT], "def main(req, other):\n    pass\n"
    )
    assert "declared in Python but have no binding: other" in message


def test_binding_without_parameter(tmp_path: Path) -> None:
    queue = {"type": "queue", "direction": "out", "name": "msg", "queueName": "q"}
    message = binding_error(
        tmp_path, [HTTP_IN, HTTP_OUT, queue], "def main(req):\n    pass\n"
    )
    assert "binding 'msg'" in message
    assert "no parameter of that name" in message


def test_return_binding_must_be_out(tmp_path: Path) -> None:
    bad_return = {"type": "http", "direction": "in", "name": "$return"}
    message = binding_error(
        tmp_path, [HTTP_IN, bad_return], "def main(req):\n    pass\n"
    )
    assert 'must have direction set to "out"' in message


def test_inout_is_refused(tmp_path: Path) -> None:
    blob = {"type": "blob", "direction": "inout", "name": "b", "path": "x"}
    message = binding_error(tmp_path, [HTTP_IN, HTTP_OUT, blob], HELLO)
    assert '"inout" bindings are not supported' in message


def test_context_annotation_must_be_context(tmp_path: Path) -> None:
    message = binding_error(
        tmp_path, [HTTP_IN, HTTP_OUT], "def main(req, context: str):\n    pass\n"
    )
    assert 'the "context" parameter is expected to be of type' in message


def test_trigger_count_and_unique_names(tmp_path: Path) -> None:
    timer = {
        "type": "timerTrigger",
        "direction": "in",
        "name": "t",
        "schedule": "* * * * * *",
    }
    assert "no trigger binding" in binding_error(
        tmp_path / "a", [HTTP_OUT], "def main():\n    pass\n"
    )
    assert "more than one trigger binding" in binding_error(
        tmp_path / "b", [HTTP_IN, HTTP_OUT, timer], "def main(req, t):\n    pass\n"
    )
    duplicate = {"type": "queue", "direction": "out", "name": "REQ", "queueName": "q"}
    assert "another binding has this name" in binding_error(
        tmp_path / "c", [HTTP_IN, HTTP_OUT, duplicate], "def main(req):\n    pass\n"
    )


@pytest.mark.parametrize(
    ("binding", "message"),
    [
        ("not an object", "bindings[0] is not a JSON object"),
        ({"type": "httpTrigger", "direction": "in"}, "has no 'name'"),
        ({"name": "req", "direction": "in"}, "has no 'type'"),
        (
            {"name": "req", "type": "httpTrigger", "direction": "sideways"},
            "'direction'",
        ),
    ],
)
def test_malformed_bindings(tmp_path: Path, binding: object, message: str) -> None:
    assert message in binding_error(tmp_path, [binding], HELLO)


# --- v2 apps ------------------------------------------------------------------------


class FakeFunction:
    """The three methods the worker reads from a v2 function."""

    def __init__(
        self, name: str, func_: Callable[..., object], bindings: list[str]
    ) -> None:
        self._name = name
        self._func = func_
        self._bindings = bindings

    def get_function_name(self) -> str | None:
        return self._name

    def get_user_function(self) -> Callable[..., object]:
        return self._func

    def get_raw_bindings(self) -> list[str]:
        return self._bindings


class FakeRegister:
    """A stand-in for ``func.FunctionApp``: ``get_functions()``."""

    def __init__(self, *functions: FakeFunction) -> None:
        self.functions = list(functions)

    def get_functions(self) -> list[FakeFunction]:
        return self.functions


def greet(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("hi")


# The JSON the v2 decorators write: upper-case directions and data types.
V2_HTTP = [
    json.dumps(
        {
            "direction": "IN",
            "dataType": "UNDEFINED",
            "type": "httpTrigger",
            "name": "req",
        }
    ),
    json.dumps({"direction": "OUT", "type": "http", "name": "$return"}),
]


def test_a_register_object_becomes_the_same_description(tmp_path: Path) -> None:
    register = FakeRegister(FakeFunction("greet", greet, V2_HTTP))
    functions, errors = functions_from_register(
        register, root=tmp_path, script_file=tmp_path / "function_app.py"
    )
    assert errors == []
    (function,) = functions
    assert function.name == "greet"
    assert function.source == "v2"
    assert function.func is greet
    assert function.entry_point == "greet"
    assert function.directory == tmp_path
    assert function.trigger.direction == "in"
    assert function.trigger.data_type is None
    assert function.return_info is not None
    assert function.return_info.converter == "http"


def test_register_problems_are_reported_per_function(tmp_path: Path) -> None:
    def bad(req: int) -> str:
        return ""

    register = FakeRegister(
        FakeFunction("fine", greet, V2_HTTP),
        FakeFunction("bad", bad, V2_HTTP),
        FakeFunction("garbled", greet, ["{not json"]),
    )
    functions, errors = functions_from_register(
        register, root=tmp_path, script_file=tmp_path / "function_app.py"
    )
    assert [f.name for f in functions] == ["fine"]
    # Each names the file that holds the function: this one, outside the app.
    assert [(e.file, e.function) for e in errors] == [
        (__file__, "bad"),
        (__file__, "garbled"),
    ]
    assert "is not valid JSON" in str(errors[1])


def test_register_that_raises_while_indexing(tmp_path: Path) -> None:
    class Exploding:
        def get_functions(self) -> list[FakeFunction]:
            raise func.FunctionsError("two functions are called 'x'")

    functions, errors = functions_from_register(
        Exploding(), root=tmp_path, script_file=tmp_path / "function_app.py"
    )
    assert functions == []
    assert "indexing the app raised FunctionsError" in str(errors[0])


def test_find_registers_skips_classes_and_modules() -> None:
    register = FakeRegister()
    namespace: dict[str, object] = {
        "app": register,
        "alias": register,
        "FakeRegister": FakeRegister,
        "os": os,
        "number": 3,
    }
    assert find_registers(namespace) == [register]


FAKE_APP = """
import json
import azure.functions as func


class Function:
    def get_function_name(self):
        return "hello"

    def get_user_function(self):
        return hello

    def get_raw_bindings(self):
        return [
            json.dumps({"direction": "IN", "type": "httpTrigger", "name": "req",
                        "authLevel": "ANONYMOUS"}),
            json.dumps({"direction": "OUT", "type": "http", "name": "$return"}),
        ]


class App:
    def get_functions(self):
        return [Function()]


def hello(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("hi")


app = App()
"""


def test_function_app_py_is_loaded_as_v2(
    tmp_path: Path, loaded: Callable[[Path], AppInfo]
) -> None:
    write_app(tmp_path, {}, files={"function_app.py": FAKE_APP})
    app = loaded(tmp_path)
    assert app.kind == "v2"
    (function,) = app.functions
    assert function.name == "hello"
    assert function.script_file == tmp_path / "function_app.py"


def test_function_app_py_needs_exactly_one_app(tmp_path: Path) -> None:
    write_app(tmp_path / "none", {}, files={"function_app.py": "x = 1\n"})
    assert "defines no function app" in str(only_error(tmp_path / "none"))
    write_app(
        tmp_path / "two", {}, files={"function_app.py": FAKE_APP + "other = App()\n"}
    )
    error = only_error(tmp_path / "two")
    assert error.file == "function_app.py"
    assert "more than one function app" in str(error)
    assert "app, other" in str(error)


def test_a_real_function_app(tmp_path: Path, loaded: Callable[[Path], AppInfo]) -> None:
    source = """
    import azure.functions as func

    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="items/{id:int}", methods=["GET"])
    def item(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(req.route_params["id"])

    @app.queue_trigger(arg_name="msg", queue_name="q", connection="Storage")
    @app.queue_output(arg_name="out", queue_name="q2", connection="Storage")
    def relay(msg: func.QueueMessage, out: func.Out[str]) -> None:
        out.set(msg.get_body().decode())
    """
    write_app(tmp_path, {}, files={"function_app.py": source})
    app = loaded(tmp_path)
    assert app.kind == "v2"
    item = app.function("item")
    assert item.trigger.get("route") == "items/{id:int}"
    assert item.trigger.get("authLevel") == "ANONYMOUS"
    relay = app.function("relay")
    assert relay.trigger.type == "queueTrigger"
    assert [p.name for p in relay.outputs] == ["out"]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"Values": {"N": 1}}, "'Values.N' is 1; app settings are strings"),
        ({"Values": []}, "'Values' must be an object"),
        ({"Host": {"LocalHttpPort": "x"}}, "'Host.LocalHttpPort' must be a port"),
        ({"Host": {"LocalHttpPort": True}}, "'Host.LocalHttpPort' must be a port"),
        ([], "expected a JSON object, found an array"),
    ],
)
def test_bad_local_settings_name_the_file(
    tmp_path: Path, settings: object, message: str
) -> None:
    write_app(tmp_path, {"A": http_function(HELLO)})
    (tmp_path / "local.settings.json").write_text(json.dumps(settings))
    error = only_error(tmp_path)
    assert error.file == "local.settings.json"
    assert message in str(error)


def test_a_trigger_with_no_converter_of_its_own_runs_through_the_generic_one(
    tmp_path: Path,
) -> None:
    from azure.functions.testing import TestClient

    source = """
    def main(event: str) -> str:
        return event.upper()
    """
    trigger = {"type": "customTrigger", "direction": "in", "name": "event"}
    write_app(tmp_path, {"Custom": ({"bindings": [trigger]}, source)})
    with TestClient(tmp_path) as client:
        function = client.app.function("Custom")
        # As in the worker, a generic binding returns its value implicitly.
        assert function.return_info is not None
        assert function.return_info.converter == "customTrigger"
        result = client.invoke("Custom", "value")
        assert result.succeeded
        assert result.return_value == "VALUE"
        assert result.outputs["$return"].type == "string"


def test_two_v2_apps_loaded_at_once_each_get_their_own_function_app(
    tmp_path: Path, loaded: Callable[[Path], AppInfo]
) -> None:
    apps: list[AppInfo] = []
    for name in ("first", "second"):
        root = tmp_path / name
        root.mkdir()
        (root / "host.json").write_text('{"version": "2.0"}')
        (root / "function_app.py").write_text(
            "import azure.functions as func\n"
            "app = func.FunctionApp()\n"
            f"@app.route(route='{name}')\n"
            f"def {name}(req: func.HttpRequest) -> str:\n"
            f"    return '{name}'\n"
        )
        apps.append(loaded(root))
    assert [[f.name for f in app.functions] for app in apps] == [["first"], ["second"]]
    assert apps[0].app_object is not apps[1].app_object
    assert sys.modules["function_app"].__file__ == str(
        tmp_path / "second" / "function_app.py"
    )


# --- configuration files as the host reads them: comments, trailing commas ----------

COMMENTED_HOST = """{
  // As Microsoft's samples write it.
  "version": "2.0",
  /* a block
     comment */
  "extensions": {"http": {"routePrefix": "v1",},},
}"""

COMMENTED_SETTINGS = """{
  "IsEncrypted": false,
  "Values": {
    "GREETING_FROM_SETTINGS": "hi", // used by the function
  },
}"""

COMMENTED_FUNCTION = """{
  "bindings": [
    // the trigger
    {"type": "httpTrigger", "direction": "in", "name": "req",
     "authLevel": "anonymous",},
    {"type": "http", "direction": "out", "name": "$return"},
  ],
}"""


def test_comments_and_trailing_commas_are_read_as_the_host_reads_them(
    tmp_path: Path,
    loaded: Callable[[Path], AppInfo],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GREETING_FROM_SETTINGS", raising=False)
    write_app(tmp_path, {"Hello": (COMMENTED_FUNCTION, HELLO)})
    (tmp_path / "host.json").write_text(COMMENTED_HOST)
    (tmp_path / "local.settings.json").write_text(COMMENTED_SETTINGS)
    app = loaded(tmp_path)
    assert app.host.route_prefix == "v1"
    assert [f.name for f in app.functions] == ["Hello"]
    assert app.functions[0].trigger.get("authLevel") == "anonymous"
    assert os.environ["GREETING_FROM_SETTINGS"] == "hi"


def test_an_error_past_the_comments_names_its_line_and_column(tmp_path: Path) -> None:
    broken = '{\n  // fine so far\n  "bindings": [\n    {"type": }\n  ]\n}'
    write_app(tmp_path, {"Broken": (broken, HELLO)})
    error = only_error(tmp_path)
    assert error.file == "Broken/function.json"
    assert "invalid JSON" in str(error)
    assert "(line 4, column 14)" in str(error)


def test_without_json5_comments_get_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "json5", None)  # as if not installed
    write_app(tmp_path, {"Hello": (COMMENTED_FUNCTION, HELLO)})
    error = only_error(tmp_path)
    assert error.file == "Hello/function.json"
    assert "invalid JSON" in str(error)
    assert "pip install 'azure-functions[host]'" in str(error)
    write_app(tmp_path / "strict", {"Broken": ('{"bindings": [}', HELLO)})
    plain = only_error(tmp_path / "strict")
    assert "line 1, column 15" in str(plain)
    assert "pip install" not in str(plain)  # nothing the host would read either
