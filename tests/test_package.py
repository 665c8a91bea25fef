"""The package as a whole: its exports, its laziness, its namespace, its version."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import azure.functions as func

ROOT = Path(__file__).resolve().parent.parent

INTENDED_EXPORTS = {
    "AccessRights",
    "AppExtensionBase",
    "AsgiFunctionApp",
    "AsgiMiddleware",
    "AuthLevel",
    "BindingApi",
    "BlobSource",
    "Blueprint",
    "Cardinality",
    "CloudEvent",
    "Context",
    "ConverterRegistrationError",
    "CosmosDBChangeFeedMode",
    "DataType",
    "DatumTypeError",
    "DatumValueError",
    "DecoratorApi",
    "DeliveryMode",
    "Document",
    "DocumentList",
    "EntityContext",
    "EventGridEvent",
    "EventGridOutputEvent",
    "EventHubEvent",
    "ExtensionMeta",
    "ExternalHttpFunctionApp",
    "FormData",
    "FormDataError",
    "FormLimits",
    "FuncExtensionBase",
    "Function",
    "FunctionApp",
    "FunctionDefinitionError",
    "FunctionExtensionException",
    "FunctionRegister",
    "FunctionsError",
    "HeaderTypeError",
    "HttpMethod",
    "HttpRequest",
    "HttpResponse",
    "InputStream",
    "InvalidHeaderError",
    "InvalidJSONError",
    "JSONShapeError",
    "JSONValue",
    "KafkaConverter",
    "KafkaEvent",
    "KafkaTriggerConverter",
    "MCPToolContext",
    "McpPropertyType",
    "MySqlRow",
    "MySqlRowList",
    "OrchestrationContext",
    "Out",
    "OutputNotSetError",
    "PayloadTooLargeError",
    "PromptArgument",
    "PromptInvocationContext",
    "QueueMessage",
    "ResponseBodyError",
    "RetryContext",
    "RpcException",
    "ServiceBusMessage",
    "SettingsApi",
    "SqlRow",
    "SqlRowList",
    "TimerRequest",
    "TraceContext",
    "TriggerApi",
    "UploadedFile",
    "WarmUpContext",
    "WsgiFunctionApp",
    "WsgiMiddleware",
    "check_json",
    "get_binding_registry",
    "mcp_content",
    "register_converter",
}


def run_python(code: str, *, path: list[Path] | None = None) -> str:
    env_path = ":".join(str(p) for p in path) if path else ""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": env_path} if path else None,
        cwd=ROOT if path is None else path[0],
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_all_is_sorted_and_exactly_the_intended_names() -> None:
    assert list(func.__all__) == sorted(func.__all__)
    assert set(func.__all__) == INTENDED_EXPORTS


@pytest.mark.parametrize("name", sorted(INTENDED_EXPORTS))
def test_every_exported_name_exists(name: str) -> None:
    assert getattr(func, name) is not None


def test_star_import_gives_every_name() -> None:
    namespace: dict[str, object] = {}
    exec("from azure.functions import *", namespace)
    assert set(namespace) >= INTENDED_EXPORTS


def test_exported_classes_live_in_private_modules_and_have_docstrings() -> None:
    for name in INTENDED_EXPORTS - {"JSONValue"}:
        value = getattr(func, name)
        # The worker-extension classes and the v2 programming model (its
        # decorators) keep the reference's public modules.
        assert value.__module__.startswith(
            (
                "azure.functions._",
                "azure.functions.extension.",
                "azure.functions.decorators.",
            )
        ), name
        assert (value.__doc__ or "").strip(), f"{name} has no docstring"


def test_dir_lists_lazy_names() -> None:
    assert set(dir(func)) >= INTENDED_EXPORTS


def test_unknown_attribute_raises_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="NoSuchThing"):
        func.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018


def test_submodules_the_worker_uses_are_reachable_as_attributes() -> None:
    assert func.meta.Datum("x", "string").value == "x"
    assert func.http.HttpRequest is func.HttpRequest


# The binding modules azure-functions 1.26.0 and 2.x import when the package is
# imported, so that `func.blob.InputStream` works without importing it.
EAGER_SUBMODULES = [
    "blob",
    "connectors",
    "cosmosdb",
    "decorators",
    "durable_functions",
    "eventgrid",
    "eventhub",
    "extension",
    "http",
    "kafka",
    "mcp",
    "meta",
    "mysql",
    "queue",
    "servicebus",
    "sql",
    "timer",
    "warmup",
]


@pytest.mark.parametrize("name", EAGER_SUBMODULES)
def test_each_binding_module_is_an_attribute_loaded_on_first_use(name: str) -> None:
    out = run_python(
        "import sys, azure.functions as func\n"
        f"before = 'azure.functions.{name}' in sys.modules\n"
        f"print(before, func.{name}.__name__, {name!r} in dir(func))"
    )
    assert out.split() == ["False", f"azure.functions.{name}", "True"]


def test_version_sorts_at_or_above_the_reference() -> None:
    parts = func.__version__.split(".")
    assert (int(parts[0]), int(parts[1])) >= (1, 27)
    from azure.functions._version import __version__

    assert func.__version__ == __version__


def test_import_is_lazy() -> None:
    heavy = [
        "multidict",
        "yarl",
        "json",
        "typing",
        "email",
        "http.cookies",
        "threading",
    ]
    code = (
        "import sys, json as _j\n"
        "before = set(sys.modules)\n"
        "import azure.functions\n"
        "print(_j.dumps(sorted(set(sys.modules) - before)))\n"
    )
    loaded = json.loads(run_python(code))
    assert not [m for m in heavy if m in loaded], loaded
    assert "azure.functions._http_request" not in loaded


def test_first_use_loads_only_what_it_needs() -> None:
    code = (
        "import sys, azure.functions as f\n"
        "f.Out\n"
        "print('multidict' in sys.modules, 'azure.functions._http_request' in sys.modules)"
    )
    assert run_python(code).split() == ["False", "False"]


def test_py_typed_ships_and_azure_is_a_namespace_package() -> None:
    assert (ROOT / "azure" / "functions" / "py.typed").is_file()
    assert not (ROOT / "azure" / "__init__.py").exists()
    import azure

    assert getattr(azure, "__file__", None) is None


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("azure_functions-*.whl")
    return built


def test_wheel_ships_no_azure_init_and_py_typed(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "azure/__init__.py" not in names
    assert "azure/functions/py.typed" in names
    assert "azure/functions/meta.py" in names
    assert not [n for n in names if n.startswith("tests/")]


def _fake_azure_distribution(site: Path) -> None:
    package = site / "azure" / "othersdk"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("GREETING = 'other azure distribution'\n")


@pytest.mark.parametrize("same_site_dir", [True, False], ids=["same-dir", "other-dir"])
def test_another_azure_distribution_still_imports(
    wheel: Path, tmp_path: Path, same_site_dir: bool
) -> None:
    ours = tmp_path / "site-a"
    zipfile.ZipFile(wheel).extractall(ours)
    other = ours if same_site_dir else tmp_path / "site-b"
    _fake_azure_distribution(other)
    code = (
        "import azure.othersdk, azure.functions as f\n"
        "print(azure.othersdk.GREETING)\n"
        "print(f.HttpResponse('x').status_code)\n"
        "print(f.__file__)\n"
    )
    greeting, status, location = run_python(code, path=[ours, other]).splitlines()
    assert (greeting, status) == ("other azure distribution", "200")
    assert Path(location).is_relative_to(ours)
