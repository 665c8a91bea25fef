"""What loading, reloading and unloading an app do to ``sys.modules``.

Only the app's own modules are forgotten (they are stale after an edit):
never a package installed in a virtual environment or ``site-packages``
folder inside the app's folder (where most users keep ``.venv``), never
``azure.functions`` itself. A problem in a function names the file that
holds it, a blueprint's module too.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import azure.functions
from azure.functions._errors import AppLoadError
from azure.functions._host.host import Host
from azure.functions._host.loading.app_loader import AppLoader
from azure.functions._host.wire import HttpRequestData

ROOT = Path(__file__).resolve().parents[3]

#: Where packages are installed inside the app, by module name (each folder
#: is put on ``sys.path`` as a virtual environment's site-packages would be).
INSTALLED = {
    "edges_venv_lib": ".venv/lib/python3.11/site-packages",
    "edges_plain_venv_lib": "venv/lib/python3.11/site-packages",
    "edges_named_env_lib": "env-311/lib/python3.11/packages",  # pyvenv.cfg marks it
    "edges_vendored_lib": "vendor/site-packages",
    "edges_debian_lib": "vendor/dist-packages",
    "edges_deployed_lib": ".python_packages/lib/site-packages",
}
VENVS = (".venv", "venv", "env-311")

FUNCTION_APP = """
import azure.functions as func
import edges_venv_lib, edges_plain_venv_lib, edges_named_env_lib
import edges_vendored_lib, edges_debian_lib, edges_deployed_lib
from shared import helpers

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="hi")
def hi(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(helpers.GREETING + " " + edges_venv_lib.NAME)
"""


def write_app_with_installed_packages(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    (root / "shared").mkdir(parents=True)
    (root / "host.json").write_text('{"version": "2.0"}')
    (root / "function_app.py").write_text(FUNCTION_APP)
    (root / "shared" / "__init__.py").write_text("")
    (root / "shared" / "helpers.py").write_text("GREETING = 'hello'\n")
    for venv in VENVS:
        (root / venv).mkdir()
        (root / venv / "pyvenv.cfg").write_text("home = /usr/bin\n")
    for name, folder in INSTALLED.items():
        (root / folder / name).mkdir(parents=True)
        (root / folder / name / "__init__.py").write_text(f"NAME = {name!r}\n")
        monkeypatch.syspath_prepend(str(root / folder))
    for name in INSTALLED:
        monkeypatch.delitem(sys.modules, name, raising=False)
    return root


def test_unloading_keeps_installed_packages_and_forgets_the_apps_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = write_app_with_installed_packages(tmp_path / "app", monkeypatch)
    framework = sys.modules["azure.functions"]
    loader = AppLoader(app)
    loader.load()
    installed = {name: sys.modules[name] for name in INSTALLED}
    assert "shared.helpers" in sys.modules
    loader.unload()
    assert {name: sys.modules.get(name) for name in INSTALLED} == installed
    assert "shared.helpers" not in sys.modules
    assert "function_app" not in sys.modules
    assert sys.modules["azure.functions"] is framework


def test_a_reload_reimports_the_app_and_keeps_installed_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = write_app_with_installed_packages(tmp_path / "app", monkeypatch)
    host = Host.load(app)

    async def scenario() -> None:
        installed = {name: sys.modules[name] for name in INSTALLED}
        (app / "shared" / "helpers.py").write_text("GREETING = 'hi again'\n")
        new = await host.reload()
        try:
            assert {name: sys.modules[name] for name in INSTALLED} == installed
            answer = await new.handle_http(
                HttpRequestData(method="GET", path="/api/hi")
            )
            assert (answer.status, answer.body) == (200, b"hi again edges_venv_lib")
        finally:
            new.close()

    try:
        asyncio.run(scenario())
    finally:
        host.close()


def test_azure_functions_installed_in_the_apps_venv_serves_a_second_test_client(
    tmp_path: Path,
) -> None:
    """The report as it came: the package in ``<app>/.venv``, two test clients."""
    app = tmp_path / "app"
    site = app / ".venv" / "lib" / "python3.11" / "site-packages"
    shutil.copytree(
        Path(azure.functions.__file__).parent,
        site / "azure" / "functions",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    (app / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (app / "host.json").write_text('{"version": "2.0"}')
    (app / "function_app.py").write_text(
        textwrap.dedent(
            """
            import azure.functions as func

            app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

            @app.route(route="hi")
            def hi(req: func.HttpRequest) -> func.HttpResponse:
                return func.HttpResponse("hi from " + func.__file__)
            """
        )
    )
    script = textwrap.dedent(
        """
        import sys
        from azure.functions.testing import TestClient

        for _ in range(3):
            with TestClient(sys.argv[1]) as client:
                print(client.get("/api/hi").text)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(app)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    expected = f"hi from {site / 'azure' / 'functions' / '__init__.py'}"
    assert result.stdout.splitlines() == [expected] * 3


def test_an_annotation_error_names_the_blueprints_file(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / "blueprints").mkdir(parents=True)
    (app / "host.json").write_text('{"version": "2.0"}')
    (app / "function_app.py").write_text(
        textwrap.dedent(
            """
            import azure.functions as func
            from blueprints.things import bp

            app = func.FunctionApp()
            app.register_functions(bp)
            """
        )
    )
    (app / "blueprints" / "__init__.py").write_text("")
    (app / "blueprints" / "things.py").write_text(
        textwrap.dedent(
            """
            import azure.functions as func

            bp = func.Blueprint()

            @bp.route(route="things")
            def things(req: int) -> func.HttpResponse:
                return func.HttpResponse("never")
            """
        )
    )
    loader = AppLoader(app)
    with pytest.raises(AppLoadError) as caught:
        loader.load()
    loader.unload()
    (error,) = caught.value.errors
    assert error.file == "blueprints/things.py"
    assert "does not match the Python annotation" in str(error)
    assert str(error).startswith("blueprints/things.py, function 'things'")
