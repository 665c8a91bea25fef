"""Worker extensions: registration by ExtensionMeta, hooks, the JSON, misuse."""

from __future__ import annotations

import abc
import json
import logging
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

import azure.functions as func
from azure.functions.extension import (
    AppExtensionBase,
    ExtensionMeta,
    FuncExtensionBase,
    FunctionExtensionException,
)
from azure.functions.extension.app_extension_base import (
    AppExtensionBase as AppExtensionBaseFromModule,
)
from azure.functions.extension.app_extension_hooks import AppExtensionHooks
from azure.functions.extension.extension_hook_meta import ExtensionHookMeta
from azure.functions.extension.extension_scope import ExtensionScope
from azure.functions.extension.func_extension_hooks import FuncExtensionHooks

LOGGER = logging.getLogger("test-extension")


@pytest.fixture(autouse=True)
def fresh_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with empty registries; the old ones come back after."""
    monkeypatch.setattr(ExtensionMeta, "_func_exts", {})
    monkeypatch.setattr(ExtensionMeta, "_app_exts", None)
    monkeypatch.setattr(ExtensionMeta, "_info", {})


@pytest.fixture
def app_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An app root folder, announced as the host does."""
    monkeypatch.setenv("AzureWebJobsScriptRoot", str(tmp_path))
    return tmp_path


def make_context(function_name: str = "HttpTrigger") -> func.Context:
    return func.Context(invocation_id="inv-1", function_name=function_name)


class Recorder(FuncExtensionBase):
    """A function extension that records every hook call in ``calls``."""

    def __init__(self, file_path: str | os.PathLike[str]) -> None:
        super().__init__(file_path)
        self.calls: list[tuple[str, ...]] = []

    def post_function_load(
        self,
        function_name: str,
        function_directory: str,
        *args: object,
        **kwargs: object,
    ) -> None:
        self.calls.append(("load", function_name, function_directory))

    def pre_invocation(
        self,
        logger: logging.Logger,
        context: func.Context,
        func_args: dict[str, object] | None = None,
        *args: object,
        **kwargs: object,
    ) -> None:
        self.calls.append(("pre", context.function_name, repr(func_args)))

    def post_invocation(
        self,
        logger: logging.Logger,
        context: func.Context,
        func_args: dict[str, object] | None = None,
        func_ret: object = None,
        *args: object,
        **kwargs: object,
    ) -> None:
        self.calls.append(("post", context.function_name, repr(func_ret)))


def run_function_script(root: Path, relative: str, code: str) -> dict[str, object]:
    """Run *code* as the function script *relative* under *root*, like the worker."""
    script = root / relative
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(code)
    return runpy.run_path(str(script), init_globals={"Recorder": Recorder})


def names(hooks: list[ExtensionHookMeta]) -> list[str]:
    return [hook.ext_name for hook in hooks]


# --- the package surface ---------------------------------------------------


def test_top_level_names_are_the_extension_package_classes() -> None:
    assert func.AppExtensionBase is AppExtensionBase is AppExtensionBaseFromModule
    assert func.FuncExtensionBase is FuncExtensionBase
    assert func.ExtensionMeta is ExtensionMeta
    assert func.FunctionExtensionException is FunctionExtensionException


def test_exception_is_a_functions_error_and_a_plain_exception() -> None:
    assert issubclass(FunctionExtensionException, func.FunctionsError)
    assert issubclass(FunctionExtensionException, Exception)
    assert isinstance(ExtensionMeta, type)
    assert type(AppExtensionBase) is ExtensionMeta
    assert type(FuncExtensionBase) is ExtensionMeta


def test_nothing_is_registered_on_import() -> None:
    code = (
        "from azure.functions.extension import ExtensionMeta\n"
        "print(ExtensionMeta.get_registered_extensions_json())\n"
        "print(ExtensionMeta.get_application_hooks())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.stdout.split() == ["{}", "None"]


def test_scopes() -> None:
    class NotAnExtension(metaclass=ExtensionMeta):
        pass

    assert ExtensionMeta._get_extension_scope(AppExtensionBase) is (
        ExtensionScope.APPLICATION
    )
    assert ExtensionMeta._get_extension_scope(FuncExtensionBase) is (
        ExtensionScope.FUNCTION
    )
    assert ExtensionMeta._get_extension_scope(NotAnExtension) is (
        ExtensionScope.UNKNOWN
    )
    assert [scope.value for scope in ExtensionScope] == [0, 1, 2]


# --- application extensions --------------------------------------------------


def test_empty_registry() -> None:
    assert ExtensionMeta.get_registered_extensions_json() == "{}"
    assert ExtensionMeta.get_application_hooks() is None
    assert ExtensionMeta.get_function_hooks("HttpTrigger") is None


def test_defining_an_app_extension_runs_init_and_registers_every_hook() -> None:
    events: list[str] = []

    class Audit(AppExtensionBase):
        @classmethod
        def init(cls) -> None:
            events.append("init")

        @classmethod
        def pre_invocation_app_level(
            cls,
            logger: logging.Logger,
            context: func.Context,
            func_args: dict[str, object] | None = None,
            *args: object,
            **kwargs: object,
        ) -> None:
            events.append(f"pre {context.function_name} {func_args}")

    assert events == ["init"]
    hooks = ExtensionMeta.get_application_hooks()
    assert isinstance(hooks, AppExtensionHooks)
    assert hooks._fields == (
        "post_function_load_app_level",
        "pre_invocation_app_level",
        "post_invocation_app_level",
    )
    # The hooks it inherits (no-ops) are registered as well, as in the reference.
    assert [names(registered) for registered in hooks] == [["Audit"]] * 3
    assert hooks.pre_invocation_app_level[0].ext_impl == Audit.pre_invocation_app_level

    hooks.pre_invocation_app_level[0].ext_impl(LOGGER, make_context(), {"x": 1})
    assert (
        hooks.post_invocation_app_level[0].ext_impl(
            LOGGER, make_context(), {"x": 1}, "result"
        )
        is None
    )
    assert events == ["init", "pre HttpTrigger {'x': 1}"]
    assert ExtensionMeta.get_registered_extensions_json() == (
        '{"AppExtension": ["Audit"]}'
    )


def test_app_extensions_run_in_definition_order() -> None:
    order: list[str] = []

    class First(AppExtensionBase):
        @classmethod
        def post_function_load_app_level(
            cls,
            function_name: str,
            function_directory: str,
            *args: object,
            **kwargs: object,
        ) -> None:
            order.append(f"first {function_name} {function_directory}")

    class Second(AppExtensionBase):
        @classmethod
        def post_function_load_app_level(
            cls,
            function_name: str,
            function_directory: str,
            *args: object,
            **kwargs: object,
        ) -> None:
            order.append(f"second {function_name}")

    hooks = ExtensionMeta.get_application_hooks()
    assert hooks is not None
    for hook in hooks.post_function_load_app_level:
        hook.ext_impl("HttpTrigger", "/home/site/wwwroot/HttpTrigger")
    assert order == [
        "first HttpTrigger /home/site/wwwroot/HttpTrigger",
        "second HttpTrigger",
    ]
    assert json.loads(ExtensionMeta.get_registered_extensions_json()) == {
        "AppExtension": ["First", "Second"]
    }


def test_app_extension_subclass_of_an_app_extension_registers_too() -> None:
    class Base(AppExtensionBase):
        pass

    class Derived(Base):
        pass

    hooks = ExtensionMeta.get_application_hooks()
    assert hooks is not None
    assert names(hooks.pre_invocation_app_level) == ["Base", "Derived"]


def test_configure_and_init_defaults_are_no_ops() -> None:
    class Plain(AppExtensionBase):
        pass

    assert Plain.configure(1, key="value") is None
    assert Plain.init() is None


def test_app_extension_cannot_be_instantiated() -> None:
    class Audit(AppExtensionBase):
        pass

    with pytest.raises(
        FunctionExtensionException, match=r"Audit.*must not be instantiated"
    ):
        Audit()
    with pytest.raises(func.FunctionsError, match="AppExtensionBase"):
        AppExtensionBase()


def test_a_failing_init_leaves_the_extension_unregistered() -> None:
    with pytest.raises(RuntimeError, match="no config"):

        class Broken(AppExtensionBase):
            @classmethod
            def init(cls) -> None:
                raise RuntimeError("no config")

    assert ExtensionMeta.get_application_hooks() is None
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


def test_a_class_without_scope_is_not_an_extension() -> None:
    class NotAnExtension(metaclass=ExtensionMeta):
        def pre_invocation(self) -> None:
            raise AssertionError("never registered")

    with pytest.raises(FunctionExtensionException, match="NotAnExtension is not"):
        NotAnExtension()
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


# --- function extensions ---------------------------------------------------


def test_function_extension_is_tied_to_its_function_folder(app_root: Path) -> None:
    namespace = run_function_script(
        app_root, "HttpTrigger/__init__.py", "ext = Recorder(__file__)\n"
    )
    extension = namespace["ext"]
    assert isinstance(extension, Recorder)
    assert extension._trigger_name == "HttpTrigger"

    hooks = ExtensionMeta.get_function_hooks("HttpTrigger")
    assert isinstance(hooks, FuncExtensionHooks)
    assert hooks._fields == ("post_function_load", "pre_invocation", "post_invocation")
    assert [names(registered) for registered in hooks] == [["Recorder"]] * 3
    assert hooks.pre_invocation[0].ext_impl == extension.pre_invocation
    # Looked up case-insensitively; other functions have no hooks.
    assert ExtensionMeta.get_function_hooks("httptrigger") is hooks
    assert ExtensionMeta.get_function_hooks("HTTPTRIGGER") is hooks
    assert ExtensionMeta.get_function_hooks("TimerTrigger") is None
    assert ExtensionMeta.get_application_hooks() is None


def test_script_in_a_subfolder_belongs_to_the_top_folder(app_root: Path) -> None:
    namespace = run_function_script(
        app_root, "HttpTrigger/helpers/tracing.py", "ext = Recorder(__file__)\n"
    )
    extension = namespace["ext"]
    assert isinstance(extension, Recorder)
    assert extension._trigger_name == "HttpTrigger"
    assert ExtensionMeta.get_function_hooks("HttpTrigger") is not None


def test_path_objects_and_unnormalised_paths_are_accepted(app_root: Path) -> None:
    extension = Recorder(app_root / "Queue" / "." / "sub" / ".." / "main.py")
    assert extension._trigger_name == "Queue"
    assert ExtensionMeta.get_function_hooks("queue") is not None


def test_hooks_run_like_the_worker_runs_them(app_root: Path) -> None:
    """Worker order: app pre, function pre, the function, function post, app post."""
    order: list[str] = []

    class Timing(AppExtensionBase):
        @classmethod
        def pre_invocation_app_level(
            cls,
            logger: logging.Logger,
            context: func.Context,
            func_args: dict[str, object] | None = None,
            *args: object,
            **kwargs: object,
        ) -> None:
            order.append("app pre")

        @classmethod
        def post_invocation_app_level(
            cls,
            logger: logging.Logger,
            context: func.Context,
            func_args: dict[str, object] | None = None,
            func_ret: object = None,
            *args: object,
            **kwargs: object,
        ) -> None:
            order.append(f"app post {func_ret}")

    namespace = run_function_script(
        app_root, "HttpTrigger/__init__.py", "ext = Recorder(__file__)\n"
    )
    extension = namespace["ext"]
    assert isinstance(extension, Recorder)
    context = make_context("HttpTrigger")
    arguments: dict[str, object] = {"req": "request"}

    app_hooks = ExtensionMeta.get_application_hooks()
    func_hooks = ExtensionMeta.get_function_hooks(context.function_name)
    assert app_hooks is not None
    assert func_hooks is not None
    for hook in func_hooks.post_function_load:
        hook.ext_impl("HttpTrigger", str(app_root / "HttpTrigger"))
    for hook in app_hooks.pre_invocation_app_level:
        hook.ext_impl(LOGGER, context, arguments)
    for hook in func_hooks.pre_invocation:
        hook.ext_impl(LOGGER, context, arguments)
    order.append("function")
    for hook in func_hooks.post_invocation:
        hook.ext_impl(LOGGER, context, arguments, "done")
    for hook in app_hooks.post_invocation_app_level:
        hook.ext_impl(LOGGER, context, arguments, "done")

    assert order == ["app pre", "function", "app post done"]
    assert extension.calls == [
        ("load", "HttpTrigger", str(app_root / "HttpTrigger")),
        ("pre", "HttpTrigger", "{'req': 'request'}"),
        ("post", "HttpTrigger", "'done'"),
    ]


def test_several_extensions_and_functions_in_the_json(app_root: Path) -> None:
    run_function_script(app_root, "HttpTrigger/__init__.py", "a = Recorder(__file__)\n")

    class Audit(AppExtensionBase):
        pass

    class Other(Recorder):
        def __init__(self, file_path: str | os.PathLike[str]) -> None:
            super().__init__(file_path)

    Other(app_root / "HttpTrigger" / "__init__.py")
    Recorder(app_root / "Timer" / "__init__.py")

    hooks = ExtensionMeta.get_function_hooks("HttpTrigger")
    assert hooks is not None
    assert names(hooks.pre_invocation) == ["Recorder", "Other"]
    # The exact text the worker logs: stdlib separators, registration order,
    # function names as written in their folder.
    assert ExtensionMeta.get_registered_extensions_json() == (
        '{"FuncExtension": {"HttpTrigger": ["Recorder", "Other"], '
        '"Timer": ["Recorder"]}, "AppExtension": ["Audit"]}'
    )


def test_non_callable_hook_attributes_are_skipped(app_root: Path) -> None:
    class Partial(FuncExtensionBase):
        pre_invocation = "disabled"  # type: ignore[assignment]

        def __init__(self, file_path: str) -> None:
            super().__init__(file_path)

    Partial(str(app_root / "HttpTrigger" / "__init__.py"))
    hooks = ExtensionMeta.get_function_hooks("HttpTrigger")
    assert hooks is not None
    assert [names(registered) for registered in hooks] == [["Partial"], [], ["Partial"]]


# --- function extension misuse ---------------------------------------------


def test_script_root_must_be_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("AzureWebJobsScriptRoot", raising=False)
    with pytest.raises(FunctionExtensionException, match="AzureWebJobsScriptRoot"):
        Recorder(tmp_path / "HttpTrigger" / "__init__.py")
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


@pytest.mark.parametrize(
    "where",
    ["root", "outside", "hidden", "relative"],
)
def test_path_outside_a_function_folder_is_refused(app_root: Path, where: str) -> None:
    path = {
        "root": app_root,
        "outside": app_root.parent / "elsewhere" / "main.py",
        "hidden": app_root / ".python_packages" / "ext.py",
        "relative": Path("main.py"),
    }[where]
    with pytest.raises(FunctionExtensionException, match="cannot tell which function"):
        Recorder(path)
    assert ExtensionMeta._func_exts == {}
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


def test_script_at_the_root_is_named_after_the_file(app_root: Path) -> None:
    # As in the reference: the first path part below the root, even a file.
    extension = Recorder(app_root / "function_app.py")
    assert extension._trigger_name == "function_app.py"
    assert ExtensionMeta.get_function_hooks("function_app.py") is not None


def test_the_base_is_abstract(app_root: Path) -> None:
    with pytest.raises(TypeError, match="abstract"):
        FuncExtensionBase(app_root / "HttpTrigger" / "__init__.py")  # type: ignore[abstract]


def test_a_subclass_must_define_init(app_root: Path) -> None:
    class NoInit(FuncExtensionBase):
        pass

    with pytest.raises(TypeError, match="abstract"):
        NoInit(app_root / "HttpTrigger" / "__init__.py")  # type: ignore[abstract]
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


def test_init_must_call_super_init(app_root: Path) -> None:
    class Forgetful(FuncExtensionBase):
        def __init__(self, file_path: str) -> None:
            self.file_path = file_path

    with pytest.raises(FunctionExtensionException, match="super"):
        Forgetful(str(app_root / "HttpTrigger" / "__init__.py"))
    assert ExtensionMeta.get_function_hooks("HttpTrigger") is None


def test_init_must_pass_the_file_path(app_root: Path) -> None:
    class NoPath(FuncExtensionBase):
        def __init__(self, file_path: str) -> None:
            super().__init__()  # type: ignore[call-arg]

    with pytest.raises(TypeError):
        NoPath(str(app_root / "HttpTrigger" / "__init__.py"))
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


def test_another_drive_is_refused(
    app_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def other_drive(path: str, start: str) -> str:
        raise ValueError(f"path is on mount 'D:', start on mount 'C:': {path}")

    monkeypatch.setattr(os.path, "relpath", other_drive)
    with pytest.raises(FunctionExtensionException, match="cannot tell which function"):
        Recorder("D:/HttpTrigger/__init__.py")


# --- classes built on the metaclass directly (as the reference's tests do) ---


def test_metaclass_only_app_extension_registers_the_hooks_it_has() -> None:
    class Minimal(metaclass=ExtensionMeta):
        _scope = ExtensionScope.APPLICATION

        @classmethod
        def pre_invocation_app_level(cls) -> str:
            return "called"

    hooks = ExtensionMeta.get_application_hooks()
    assert hooks is not None
    assert [names(registered) for registered in hooks] == [[], ["Minimal"], []]
    assert hooks.pre_invocation_app_level[0].ext_impl() == "called"
    assert ExtensionMeta.get_registered_extensions_json() == (
        '{"AppExtension": ["Minimal"]}'
    )


def test_metaclass_only_function_extension_uses_its_trigger_name() -> None:
    class Minimal(metaclass=ExtensionMeta):
        _scope = ExtensionScope.FUNCTION

        def __init__(self) -> None:
            self._trigger_name = "Queue"

        def post_invocation(self) -> str:
            return "called"

    Minimal()
    hooks = ExtensionMeta.get_function_hooks("queue")
    assert hooks is not None
    assert [names(registered) for registered in hooks] == [[], [], ["Minimal"]]
    assert hooks.post_invocation[0].ext_impl() == "called"


def test_stand_ins_named_like_the_bases_are_not_registered() -> None:
    # The bases carry a scope but are not extensions; like the reference, they
    # are recognised by name.
    class AppExtensionBase(metaclass=ExtensionMeta):
        _scope = ExtensionScope.APPLICATION

    class FuncExtensionBase(metaclass=ExtensionMeta):
        _scope = ExtensionScope.FUNCTION

    assert isinstance(FuncExtensionBase(), FuncExtensionBase)
    assert ExtensionMeta.get_application_hooks() is None
    assert ExtensionMeta._func_exts == {}
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


# --- re-imports -------------------------------------------------------------------

# Run in a child process: it drops azure.functions from sys.modules, which this
# test session must not see.
REIMPORT_SCRIPT = r"""
import json, os, sys

def drop(predicate):
    for name in [m for m in sys.modules if predicate(m)]:
        del sys.modules[name]

def every_module(name):
    return name == "azure.functions" or name.startswith("azure.functions.")

import azure.functions as first

class Tracing(first.AppExtensionBase):
    @classmethod
    def pre_invocation_app_level(cls, logger, context, func_args=None, *a, **k):
        return "tracing"

class Timer(first.FuncExtensionBase):
    def __init__(self, file_path):
        super().__init__(file_path)

    def post_invocation(self, *args, **kwargs):
        return "timer"

Timer(os.path.join(os.environ["AzureWebJobsScriptRoot"], "HttpTrigger", "main.py"))

report = {}

def snapshot(module):
    meta = module.ExtensionMeta
    app = meta.get_application_hooks()
    function = meta.get_function_hooks("HttpTrigger")
    return {
        "same_class": meta is first.ExtensionMeta,
        "json": json.loads(meta.get_registered_extensions_json()),
        "app": [h.ext_impl(None, None) for h in app.pre_invocation_app_level],
        "function": [h.ext_impl() for h in function.post_invocation],
    }

# Every azure.functions* module dropped, the package imported again.
drop(every_module)
import azure.functions as second
report["fresh_module"] = second is not first
report["after_purge"] = snapshot(second)

# An extension defined against the second import is seen through the first.
class Audit(second.AppExtensionBase):
    @classmethod
    def pre_invocation_app_level(cls, logger, context, func_args=None, *a, **k):
        return "audit"

report["first_sees_second"] = snapshot(first)

# A third import keeps the first class, not the one the second dropped.
drop(every_module)
import azure.functions as third
report["third"] = snapshot(third)

# What the worker does: drop only the package (and the namespace), import it.
sys.modules.pop("azure.functions")
sys.modules.pop("azure")
import azure.functions as fourth
report["worker_pop"] = snapshot(fourth)

# Only the extension modules dropped (a sys.modules snapshot restored).
drop(lambda name: name.startswith("azure.functions.extension"))
from azure.functions.extension import ExtensionMeta as Again
report["extension_dropped"] = Again is first.ExtensionMeta

# A reset by assignment, as the worker's tests do, is one reset for all.
third.ExtensionMeta._app_exts = None
report["reset_seen"] = first.ExtensionMeta.get_application_hooks() is None
print(json.dumps(report))
"""


def test_hooks_survive_reimporting_the_package(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", REIMPORT_SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "AzureWebJobsScriptRoot": str(tmp_path)},
    )
    report = json.loads(result.stdout)
    registered = {
        "AppExtension": ["Tracing"],
        "FuncExtension": {"HttpTrigger": ["Timer"]},
    }
    both = {**registered, "AppExtension": ["Tracing", "Audit"]}
    assert report["fresh_module"] is True
    assert report["after_purge"] == {
        "same_class": True,
        "json": registered,
        "app": ["tracing"],
        "function": ["timer"],
    }
    for key in ("first_sees_second", "third", "worker_pop"):
        assert report[key] == {
            "same_class": True,
            "json": both,
            "app": ["tracing", "audit"],
            "function": ["timer"],
        }, key
    assert report["extension_dropped"] is True
    assert report["reset_seen"] is True


def test_a_reimported_class_is_the_first_one_still_alive() -> None:
    from azure.functions.extension._generations import first_generation

    def define() -> type:
        # As executing the same module again would: same module, same name.
        return type("Meta", (abc.ABCMeta,), {"__module__": "tests.reimported"})

    first = define()
    assert first_generation(first) is first  # nothing earlier
    assert first_generation(define()) is first
    # The class the second import dropped is never picked again.
    assert first_generation(define()) is first
