"""Index v2 function apps with the reference SDK and with ours; report differences.

Each app is a folder holding a ``function_app.py`` (and maybe blueprint
modules beside it). Every app is indexed twice, each time in a fresh
interpreter: once with the reference ``azure-functions`` (``--ref-python``)
and once with this package (``--our-python``). The child does what the Python
worker does: imports ``function_app``, finds the one ``FunctionRegister``
among its globals and calls ``get_functions()``; then, for every function, it
reads the name, the raw bindings, the retry settings, ``is_http_function()``,
each binding's ``type``/``name``/``direction``/``data_type``, the trigger and
the parameters of the user function.

Apps import packages that are not installed and read settings at import, so
the child

* stubs every import that fails (never ``azure.functions*``) with a permissive
  module: attributes, calls, subscripts, decorators and base classes all work;
* hides third-party packages installed on one side only, so that both sides
  import the same things (``--no-hide`` turns this off);
* answers ``"0"`` for any unset setting the app's own code reads
  (``os.environ[...]``, and ``.get``/``getenv`` without a default);
* refuses network connections;

and the parent kills it after ``--timeout`` seconds. Stubs and ``"0"`` apply
to the app's own code only: installed packages see real imports and settings.

Apps on Durable Functions need ``azure-functions-durable`` (it subclasses the
SDK's classes, so stubbing it would hide them); install it once beside both
interpreters and pass the folder with ``--extra-path``::

    pip install --no-deps --target /tmp/durable_site azure-functions-durable \
        furl orderedmultidict opentelemetry-sdk opentelemetry-semantic-conventions

Summary: ``identical`` (both indexed alike), ``different`` (both indexed,
outputs differ), ``both-fail`` (and how many with the same error type and
message), ``only-one-fails``; then the per-app report (``--report``) and every
result (``--json``). Exits 0 when every app is identical.

Usage::

    .venv/bin/python scripts/compare_indexing.py /tmp/v2corpus \
        --extra-path /tmp/durable_site --report /tmp/report.txt
"""

from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

REF_PYTHON = "/tmp/refvenv/bin/python"
OUR_PYTHON = str(Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python")

# What a child prints when asked for the packages it could import.
_LIST_PACKAGES = """
import json, pkgutil, sys
names = set()
for module in pkgutil.iter_modules():
    names.add(module.name)
try:
    import azure
    for module in pkgutil.iter_modules(list(azure.__path__)):
        names.add("azure." + module.name)
except ImportError:
    pass
print(json.dumps(sorted(names - set(sys.stdlib_module_names))))
"""


# ---------------------------------------------------------------------------
# The child: runs in the interpreter under test; standard library only.
# ---------------------------------------------------------------------------


def _stub_module_type() -> tuple[type, Callable[[str], Any]]:
    """The permissive stub class, and a factory of stub modules."""
    import contextlib
    import types

    class _StubMeta(type):
        def __getattr__(cls, name: str) -> Any:
            if name.startswith("__") and name.endswith("__"):
                raise AttributeError(name)
            return Stub(f"{cls.__name__}.{name}")

    class _StubBase(metaclass=_StubMeta):
        """What a class deriving from a stub derives from instead."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            for key, value in kwargs.items():
                with contextlib.suppress(AttributeError, TypeError):
                    object.__setattr__(self, key, value)

        def __init_subclass__(cls, **kwargs: Any) -> None:
            super().__init_subclass__()

        def __getattr__(self, name: str) -> Any:
            if name.startswith("__") and name.endswith("__"):
                raise AttributeError(name)
            return Stub(f"{type(self).__name__}.{name}")

    class Stub:
        """Anything: a class, a function, a decorator, a value."""

        def __init__(self, name: str = "stub") -> None:
            object.__setattr__(self, "_stub_name", name)

        def __repr__(self) -> str:
            return f"<stub {object.__getattribute__(self, '_stub_name')}>"

        def __str__(self) -> str:
            return ""

        def __format__(self, spec: str) -> str:
            return ""

        def __getattr__(self, name: str) -> Any:
            if name.startswith("__") and name.endswith("__"):
                raise AttributeError(name)
            return Stub(f"{object.__getattribute__(self, '_stub_name')}.{name}")

        def __setattr__(self, name: str, value: Any) -> None:
            pass

        def __delattr__(self, name: str) -> None:
            pass

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            # Used as a decorator: hand the function or class back.
            if len(args) == 1 and not kwargs and isinstance(args[0], type):
                return args[0]
            if (
                len(args) == 1
                and not kwargs
                and isinstance(args[0], types.FunctionType | types.MethodType)
            ):
                return args[0]
            return Stub(f"{object.__getattribute__(self, '_stub_name')}()")

        def __getitem__(self, key: Any) -> Any:
            return Stub(f"{object.__getattribute__(self, '_stub_name')}[]")

        def __setitem__(self, key: Any, value: Any) -> None:
            pass

        def __delitem__(self, key: Any) -> None:
            pass

        def __iter__(self) -> Iterator[Any]:
            return iter(())

        def __aiter__(self) -> Any:
            return self

        async def __anext__(self) -> Any:
            raise StopAsyncIteration

        def __len__(self) -> int:
            return 0

        def __contains__(self, item: Any) -> bool:
            return False

        def __bool__(self) -> bool:
            return True

        def __int__(self) -> int:
            return 0

        def __float__(self) -> float:
            return 0.0

        def __index__(self) -> int:
            return 0

        def __fspath__(self) -> str:
            return "stub"

        def __enter__(self) -> Any:
            return self

        def __exit__(self, *args: Any) -> None:
            return None

        async def __aenter__(self) -> Any:
            return self

        async def __aexit__(self, *args: Any) -> None:
            return None

        def __await__(self) -> Any:
            return iter(())

        def __mro_entries__(self, bases: tuple[Any, ...]) -> tuple[type, ...]:
            return (_StubBase,)

        def _binary(self, other: Any) -> Any:
            return Stub(f"{object.__getattribute__(self, '_stub_name')}<op>")

        __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _binary
        __truediv__ = __rtruediv__ = __floordiv__ = __mod__ = __pow__ = _binary
        __or__ = __ror__ = __and__ = __rand__ = __xor__ = __matmul__ = _binary
        __lt__ = __le__ = __gt__ = __ge__ = _binary

        def __neg__(self) -> Any:
            return self

        def __hash__(self) -> int:
            return id(self)

        def __eq__(self, other: object) -> bool:
            return self is other

    def make_module(name: str) -> Any:
        module = types.ModuleType(name)
        module.__path__ = []
        module.__dict__["__stub__"] = True

        def __getattr__(attribute: str) -> Any:
            if attribute.startswith("__") and attribute.endswith("__"):
                raise AttributeError(attribute)
            return Stub(f"{name}.{attribute}")

        module.__dict__["__getattr__"] = __getattr__
        return module

    return Stub, make_module


def _install_stub_finder(hidden: set[str], app_dir: str) -> None:
    """Stub missing imports (finder last) and hidden packages (finder first).

    Either is stubbed only where the app's own code imports it.
    """
    import importlib.abc
    import importlib.machinery

    _, make_module = _stub_module_type()

    def protected(name: str) -> bool:
        return name == "azure.functions" or name.startswith("azure.functions.")

    def importer_is_app() -> bool:
        """Whether the import statement is in the app's own code."""
        frame: Any = sys._getframe(2)
        while frame is not None:
            module_name = frame.f_globals.get("__name__", "")
            if isinstance(module_name, str) and module_name.startswith("importlib"):
                frame = frame.f_back
                continue
            return str(frame.f_code.co_filename).startswith(app_dir)
        return False

    class Loader(importlib.abc.Loader):
        def create_module(self, spec: importlib.machinery.ModuleSpec) -> Any:
            return make_module(spec.name)

        def exec_module(self, module: Any) -> None:
            return None

    loader = Loader()

    def stub_spec(name: str) -> importlib.machinery.ModuleSpec:
        return importlib.machinery.ModuleSpec(name, loader, is_package=True)

    def parent_is_stub(fullname: str) -> bool:
        parent = sys.modules.get(fullname.rpartition(".")[0])
        return parent is not None and "__stub__" in vars(parent)

    class MissingFinder(importlib.abc.MetaPathFinder):
        # Only the app's own imports are stubbed: an installed package that
        # tries an optional dependency gets its ImportError, as it expects.
        def find_spec(
            self, fullname: str, path: Any, target: Any = None
        ) -> importlib.machinery.ModuleSpec | None:
            if protected(fullname):
                return None
            if importer_is_app() or parent_is_stub(fullname):
                return stub_spec(fullname)
            return None

    class HiddenFinder(importlib.abc.MetaPathFinder):
        def find_spec(
            self, fullname: str, path: Any, target: Any = None
        ) -> importlib.machinery.ModuleSpec | None:
            if protected(fullname):
                return None
            parts = fullname.split(".")
            heads = {parts[0], ".".join(parts[:2])}
            if heads & hidden and importer_is_app():
                return stub_spec(fullname)
            return None

    sys.meta_path.insert(0, HiddenFinder())
    sys.meta_path.append(MissingFinder())


def _install_environ(app_dir: str) -> None:
    """Unset settings the app reads come back as ``"0"``.

    Only for reads in the app's own code (installed packages that read their
    own settings see the real environment); ``get``/``getenv`` defaults win.
    """
    missing = object()
    environ_class: Any = type(os.environ)
    skipped = {
        os.path.realpath(__file__),
        os.path.realpath(os.__file__),
        os.path.realpath(getattr(sys.modules.get("_collections_abc"), "__file__", "")),
    }

    def app_is_reading() -> bool:
        frame: Any = sys._getframe(2)
        while frame is not None:
            filename = frame.f_code.co_filename
            if filename in skipped or os.path.realpath(filename) in skipped:
                frame = frame.f_back
                continue
            return str(filename).startswith(app_dir)
        return False

    class PermissiveEnviron(environ_class):  # type: ignore[misc]
        def __getitem__(self, key: Any) -> Any:
            try:
                return super().__getitem__(key)
            except KeyError:
                if app_is_reading():
                    return "0"
                raise

        def __contains__(self, key: object) -> bool:
            try:
                super().__getitem__(key)
            except KeyError:
                return False
            return True

        def get(self, key: Any, default: Any = missing) -> Any:
            try:
                return super().__getitem__(key)
            except KeyError:
                if default is not missing:
                    return default
                return "0" if app_is_reading() else None

    os.environ.__class__ = PermissiveEnviron

    def getenv(key: str, default: Any = missing) -> Any:
        return os.environ.get(key, default)

    os.getenv = getenv


def _block_network() -> None:
    import socket

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("network access is disabled while indexing")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse
    socket.getaddrinfo = refuse


def _plain(value: Any) -> Any:
    """A JSON-able form of an enum or other value read from a binding."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    inner = getattr(value, "value", None)
    if inner is not None and type(value).__name__ != "Stub":
        return _plain(inner)
    return repr(value)


def _describe_error(error: BaseException) -> dict[str, str]:
    import re

    message = re.sub(r"0x[0-9a-fA-F]+", "0x?", str(error))
    return {"type": type(error).__name__, "message": message}


def _read(getter: Callable[[], Any]) -> Any:
    try:
        return getter()
    except Exception as error:
        return {"error": _describe_error(error)}


def _describe_function(function: Any) -> dict[str, Any]:
    import inspect

    def binding(b: Any) -> dict[str, Any]:
        def attribute(key: str) -> Callable[[], Any]:
            return lambda: _plain(getattr(b, key))

        return {
            key: _read(attribute(key))
            for key in ("type", "name", "direction", "data_type")
        }

    def bindings() -> list[dict[str, Any]]:
        return [binding(b) for b in function.get_bindings()]

    def trigger() -> Any:
        found = function.get_trigger()
        if found is None:
            return None
        return {"type": _plain(found.type), "name": _plain(found.name)}

    def retry() -> Any:
        # The worker asks for "retry_policy", the setting's name; the brief
        # of the conformance suite speaks of "retry": read both.
        settings = {
            name: function.get_settings_dict(name) for name in ("retry", "retry_policy")
        }
        return json.loads(json.dumps(settings, default=repr))

    def parameters() -> list[str]:
        return list(inspect.signature(function.get_user_function()).parameters)

    return {
        "name": _read(function.get_function_name),
        "raw_bindings": _read(lambda: list(function.get_raw_bindings())),
        "retry": _read(retry),
        "is_http_function": _read(function.is_http_function),
        "bindings": _read(bindings),
        "trigger": _read(trigger),
        "parameters": _read(parameters),
    }


def _index(app_dir: str) -> dict[str, Any]:
    """What the worker sees of the app in *app_dir*."""
    import importlib

    try:
        module = importlib.import_module("function_app")
    except BaseException as error:
        return {"outcome": "error", "stage": "import", **_describe_error(error)}
    from azure.functions import FunctionRegister

    app: Any = None
    try:
        for attribute in module.__dir__():
            found = getattr(module, attribute, None)
            if isinstance(found, FunctionRegister):
                if app is not None:
                    raise ValueError(
                        f"More than one {app.__class__.__name__} or other top "
                        "level function app instances are defined."
                    )
                app = found
        if app is None:
            raise ValueError(
                "Could not find top level function app instances in function_app.py."
            )
    except ValueError as error:
        return {"outcome": "error", "stage": "find-app", **_describe_error(error)}
    try:
        functions = list(app.get_functions())
    except BaseException as error:
        return {"outcome": "error", "stage": "get_functions", **_describe_error(error)}
    return {
        "outcome": "indexed",
        "functions": [_describe_function(function) for function in functions],
    }


def child_main(app_dir: str, result_path: str, hidden: list[str]) -> int:
    """Index the app in *app_dir*, writing what was seen to *result_path*."""
    import importlib.util
    import io

    spec = importlib.util.find_spec("azure.functions")
    sdk = "" if spec is None or spec.origin is None else spec.origin
    import azure.functions  # noqa: F401  # loaded before any stub exists

    _block_network()
    app_dir = os.path.realpath(app_dir)
    _install_environ(os.path.join(app_dir, ""))
    _install_stub_finder(set(hidden), os.path.join(app_dir, ""))
    sys.path.insert(0, app_dir)
    os.chdir(app_dir)
    sys.argv = [os.path.join(app_dir, "function_app.py")]
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()
    try:
        result = _index(app_dir)
    finally:
        sys.stdout, sys.stderr = saved
    result["sdk"] = sdk
    with open(result_path, "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=1, sort_keys=True, default=repr)
    sys.stdout.flush()
    os._exit(0)


# ---------------------------------------------------------------------------
# The parent.
# ---------------------------------------------------------------------------


def _packages(python: str, extra_paths: Sequence[str]) -> set[str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(extra_paths)
    completed = subprocess.run(
        [python, "-c", _LIST_PACKAGES],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),
        env=environment,
        timeout=120,
    )
    names: list[str] = json.loads(completed.stdout)
    return set(names)


def _run_side(
    python: str,
    app_dir: Path,
    hidden: Sequence[str],
    extra_paths: Sequence[str],
    timeout: float,
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="index-") as scratch:
        result_path = os.path.join(scratch, "result.json")
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("PYTHON") and key != "VIRTUAL_ENV"
        }
        environment["PYTHONPATH"] = os.pathsep.join(extra_paths)
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment["PYTHONHASHSEED"] = "0"
        command = [
            python,
            "-s",
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); "
            "import compare_indexing as c; "
            "sys.path.pop(0); "
            "c.child_main(sys.argv[2], sys.argv[3], sys.argv[4:])",
            str(Path(__file__).resolve().parent),
            str(app_dir),
            result_path,
            *hidden,
        ]
        try:
            completed = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=scratch,
                env=environment,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            return {"outcome": "error", "stage": "timeout", "type": "Timeout"}
        try:
            with open(result_path, encoding="utf-8") as handle:
                result: dict[str, Any] = json.load(handle)
        except (OSError, ValueError):
            tail = (completed.stderr or "").strip().splitlines()[-3:]
            return {
                "outcome": "error",
                "stage": "crash",
                "type": f"exit {completed.returncode}",
                "message": " | ".join(tail),
            }
        return result


def _comparable(result: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in result.items() if key != "sdk"}


def _classify(reference: dict[str, Any], ours: dict[str, Any]) -> str:
    ref_ok = reference["outcome"] == "indexed"
    our_ok = ours["outcome"] == "indexed"
    if ref_ok and our_ok:
        return (
            "identical" if _comparable(reference) == _comparable(ours) else "different"
        )
    if not ref_ok and not our_ok:
        return "both-fail"
    return "only-one-fails"


def _outcome_line(result: dict[str, Any]) -> str:
    if result["outcome"] == "indexed":
        return f"indexed, {len(result['functions'])} function(s)"
    return (
        f"error at {result.get('stage')}: {result.get('type')}: "
        f"{result.get('message', '')}"
    )


def _diff(reference: dict[str, Any], ours: dict[str, Any]) -> list[str]:
    ref_text = json.dumps(_comparable(reference), indent=1, sort_keys=True)
    our_text = json.dumps(_comparable(ours), indent=1, sort_keys=True)
    return list(
        difflib.unified_diff(
            ref_text.splitlines(),
            our_text.splitlines(),
            "reference",
            "ours",
            n=2,
            lineterm="",
        )
    )


def _apps(corpus: Path, only: Sequence[str]) -> list[Path]:
    found = sorted(path.parent for path in corpus.glob("*/function_app.py"))
    if only:
        found = [path for path in found if path.name in only]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder of app folders")
    parser.add_argument("--ref-python", default=REF_PYTHON)
    parser.add_argument("--our-python", default=OUR_PYTHON)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument(
        "--extra-path",
        action="append",
        default=[],
        help="a folder put on both sides' sys.path (e.g. azure-functions-durable)",
    )
    parser.add_argument(
        "--no-hide",
        action="store_true",
        help="let each side import the packages it has, even if the other lacks them",
    )
    parser.add_argument("--report", type=Path, help="write the per-app report here")
    parser.add_argument("--json", type=Path, help="write every result here")
    parser.add_argument("--only", nargs="*", default=[], help="app folder names")
    options = parser.parse_args(argv)

    apps = _apps(options.corpus, options.only)
    if not apps:
        print(f"no */function_app.py under {options.corpus}", file=sys.stderr)
        return 2
    extra = [str(Path(path).resolve()) for path in options.extra_path]
    ref_hidden: list[str] = []
    our_hidden: list[str] = []
    if not options.no_hide:
        ref_packages = _packages(options.ref_python, extra)
        our_packages = _packages(options.our_python, extra)
        ref_hidden = sorted(ref_packages - our_packages)
        our_hidden = sorted(our_packages - ref_packages)

    def run(app: Path) -> tuple[Path, dict[str, Any], dict[str, Any]]:
        reference = _run_side(
            options.ref_python, app, ref_hidden, extra, options.timeout
        )
        ours = _run_side(options.our_python, app, our_hidden, extra, options.timeout)
        return app, reference, ours

    results: list[tuple[Path, dict[str, Any], dict[str, Any]]] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=options.jobs) as pool:
        results = list(pool.map(run, apps))

    counts = {"identical": 0, "different": 0, "both-fail": 0, "only-one-fails": 0}
    same_error = 0
    lines: list[str] = []
    everything: dict[str, Any] = {}
    for app, reference, ours in results:
        verdict = _classify(reference, ours)
        counts[verdict] += 1
        everything[app.name] = {
            "verdict": verdict,
            "reference": reference,
            "ours": ours,
        }
        if verdict == "identical":
            continue
        if verdict == "both-fail" and _comparable(reference) == _comparable(ours):
            same_error += 1
        lines.append(f"== {app.name}: {verdict}")
        lines.append(f"   reference: {_outcome_line(reference)}")
        lines.append(f"   ours:      {_outcome_line(ours)}")
        if verdict == "different":
            lines.extend("   " + line for line in _diff(reference, ours))
        elif verdict == "both-fail" and _comparable(reference) != _comparable(ours):
            lines.append("   (the two errors differ)")
    summary = (
        f"{len(results)} apps: {counts['identical']} identical, "
        f"{counts['different']} different, {counts['both-fail']} both-fail "
        f"({same_error} with the same error), "
        f"{counts['only-one-fails']} only-one-fails"
    )
    report = "\n".join([*lines, summary]) + "\n"
    if options.report:
        options.report.write_text(report, encoding="utf-8")
    if options.json:
        options.json.write_text(
            json.dumps(everything, indent=1, sort_keys=True), encoding="utf-8"
        )
    print(report if not options.report else summary)
    return 0 if counts["identical"] == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
