"""``python -m azure.functions start [APP_DIR]``: run a function app locally.

Exit codes: 0 after SIGINT/SIGTERM once in-flight invocations finished (or the
drain bound ran out), 2 for usage errors, 1 for an app that cannot load (the
message names the file, the function and the binding), an ASGI app whose
lifespan start-up fails, or a port that cannot be bound. A second
SIGINT/SIGTERM stops at once.

With ``--watch``, an edit to a ``.py`` or ``.json`` file of the app reloads
it; an app that cannot load at start is reported and loaded again at the
next change, instead of exiting.

The app runs with its folder as the working directory, as in Azure.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .._errors import AppLoadError
from .._version import __version__
from . import console, logs
from .cors import CorsPolicy
from .loading.app_loader import format_load_error
from .watch import AppWatcher

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .host import Host
    from .server import Server

__all__ = ["banner", "main"]

PROG = "python -m azure.functions"
DEFAULT_PORT = 7071


def _prog() -> str:
    """``python -m azure.functions``, or the console script's name."""
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return PROG if name in ("", "__main__.py", "-c") else name


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_prog(),
        description="Run an Azure Functions Python app locally, without the "
        "Functions host or Core Tools.",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    start = commands.add_parser(
        "start",
        help="serve the app's HTTP functions and run its timers",
        description="Load APP_DIR (a v1 app: host.json and a folder per function; "
        "or a v2 app: function_app.py), print its functions and serve them until "
        "SIGINT or SIGTERM.",
    )
    start.add_argument(
        "app_dir",
        nargs="?",
        default=".",
        metavar="APP_DIR",
        help="the app (default: .)",
    )
    start.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    start.add_argument(
        "--port",
        type=_port,
        default=None,
        help="port to listen on; 0 picks a free one (default: local.settings.json "
        f"Host.LocalHttpPort, else {DEFAULT_PORT})",
    )
    start.add_argument(
        "--drain-timeout",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="on SIGINT/SIGTERM, how long invocations in flight may take to finish "
        "(default: 30)",
    )
    start.add_argument(
        "--cors",
        metavar="ORIGINS",
        help="origins browsers may call the app from, separated by commas "
        "(http://localhost:3000,https://example.com), or '*' for any "
        "(default: local.settings.json Host.CORS; none: no CORS headers)",
    )
    start.add_argument(
        "--cors-credentials",
        action="store_true",
        help="let those origins send credentials (cookies, Authorization) "
        "(default: local.settings.json Host.CORSCredentials)",
    )
    start.add_argument(
        "--watch",
        action="store_true",
        help="reload the app when one of its .py or .json files changes "
        "(invocations in flight finish on the old code; a broken edit is "
        "reported and the old code keeps serving)",
    )
    return parser


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return port


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if seconds < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command != "start":
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: name a command: start", file=sys.stderr)
        return 2
    try:
        CorsPolicy.parse(args.cors, credentials=args.cors_credentials)
    except ValueError as exc:
        parser.error(f"--cors: {exc}")
    return _start(
        Path(args.app_dir),
        bind=args.host,
        port=args.port,
        drain_timeout=args.drain_timeout,
        watch=args.watch,
        cors=(args.cors, args.cors_credentials),
    )


def _start(
    app_dir: Path,
    *,
    bind: str,
    port: int | None,
    drain_timeout: float,
    watch: bool,
    cors: tuple[str | None, bool] = (None, False),
) -> int:
    # As in Azure, the app's folder is the working directory while it runs:
    # relative paths in the app mean the same locally and deployed.
    app_dir = app_dir.absolute()
    with _working_directory(app_dir):
        return _run(
            app_dir,
            bind=bind,
            port=port,
            drain_timeout=drain_timeout,
            watch=watch,
            cors=cors,
        )


@contextmanager
def _working_directory(folder: Path) -> Iterator[None]:
    """Work in *folder* (when it is one) inside the block; the previous one after."""
    if not folder.is_dir():
        yield
        return
    previous = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def _run(
    app_dir: Path,
    *,
    bind: str,
    port: int | None,
    drain_timeout: float,
    watch: bool,
    cors: tuple[str | None, bool],
) -> int:
    handler = console.ConsoleHandler(sys.stdout)
    root = logging.getLogger()
    root.addHandler(handler)
    logs.install()
    try:
        try:
            from .server import Server
        except ImportError as exc:  # aiohttp, the host extra
            print(
                f"error: the local host needs {exc.name or 'aiohttp'}: "
                "pip install 'azure-functions[host]'",
                file=sys.stderr,
            )
            return 1
        watcher = AppWatcher(app_dir) if watch and app_dir.is_dir() else None
        host = _load(app_dir, watcher, cors)
        if host is None:
            return 1
        chosen = port if port is not None else host.local_port or DEFAULT_PORT
        server = Server(
            host,
            bind=bind,
            port=chosen,
            drain_timeout=drain_timeout,
            watcher=watcher,
            on_reload=lambda new: _print_banner(
                handler, banner(new, server.bind, server.port, footer=False)
            ),
        )
        try:
            code = asyncio.run(_serve(server, handler))
        finally:
            server.host.close()
        busy = server.host.invoker.threads_busy
        if busy:
            logs.host_logger().warning(
                "%d function call(s) in threads never returned; exiting without them.",
                busy,
            )
            logging.shutdown()
            sys.stdout.flush()
            os._exit(code)  # threads running user code would block a normal exit
        return code
    finally:
        logs.uninstall()
        root.removeHandler(handler)


def _load(
    app_dir: Path, watcher: AppWatcher | None, cors: tuple[str | None, bool]
) -> Host | None:
    """Load the app; with a watcher, report failures and wait for a fixing edit.

    ``None`` when it cannot be loaded (and there is no watcher), or when
    SIGINT/SIGTERM came while waiting.
    """
    from .host import Host

    while True:
        try:
            return Host.load(app_dir, cors=cors[0], cors_credentials=cors[1])
        except AppLoadError as exc:
            print(f"error: {format_load_error(exc)}", file=sys.stderr, flush=True)
            if watcher is None:
                return None
        print(
            "Waiting for a change to the app's files to load it again "
            "(--watch); Ctrl+C to stop.",
            file=sys.stderr,
            flush=True,
        )
        if not _wait_for_change(watcher):
            return None


def _wait_for_change(watcher: AppWatcher) -> bool:
    """Poll until a file changes (``True``) or SIGINT/SIGTERM comes (``False``)."""
    stop: list[int] = []
    previous = signal.signal(signal.SIGTERM, lambda number, _frame: stop.append(number))
    try:
        while not stop:
            time.sleep(watcher.interval)
            if watcher.poll():
                time.sleep(watcher.settle)
                watcher.poll()
                return True
        return False
    except KeyboardInterrupt:
        return False
    finally:
        signal.signal(signal.SIGTERM, previous)


def _print_banner(handler: console.ConsoleHandler, text: str) -> None:
    handler.flush()  # the lines logged before it come first
    print(text, flush=True)


async def _serve(server: Server, handler: console.ConsoleHandler) -> int:
    loop = asyncio.get_running_loop()
    handler.batch_on(loop)
    try:
        return await _serve_on(loop, server, handler)
    finally:
        handler.batch_on(None)


async def _serve_on(
    loop: asyncio.AbstractEventLoop, server: Server, handler: console.ConsoleHandler
) -> int:
    from .lifespan import LifespanStartupError

    stop = asyncio.Event()
    signals = 0

    def on_signal() -> None:
        nonlocal signals
        signals += 1
        if signals == 1:
            logs.host_logger().info(
                "Stopping: no new requests; waiting up to %gs for %d invocation(s) in "
                "flight.",
                server.drain_timeout,
                server.host.invoker.in_flight,
            )
            stop.set()
        else:
            logs.host_logger().warning("Stopping now, without waiting.")
            handler.batch_on(None)
            logging.shutdown()
            sys.stdout.flush()
            os._exit(1)

    for number in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(number, on_signal)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - Windows
            signal.signal(number, lambda *_: loop.call_soon_threadsafe(on_signal))
    try:
        await server.start()
    except OSError as exc:
        print(
            f"error: cannot listen on {server.bind}:{server.port}: {exc}",
            file=sys.stderr,
        )
        return 1
    except LifespanStartupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    _print_banner(handler, banner(server.host, server.bind, server.port))
    await stop.wait()
    await server.stop()
    logs.host_logger().info("Host stopped.")
    return 0


def banner(host: Host, bind: str, port: int, *, footer: bool = True) -> str:
    """The start-up text: each function with its trigger, and its URL for HTTP ones.

    *footer* adds the key (``function`` and ``admin`` routes and the admin
    API need it) and "Press Ctrl+C to stop.".
    """
    app = host.app
    shown = (
        "localhost"
        if bind in ("127.0.0.1", "0.0.0.0", "localhost", "::", "::1")
        else bind
    )
    base = f"http://{shown}:{port}"
    lines = [
        f"Azure Functions local host: azure-functions {__version__}, "
        f"Python {sys.version.split()[0]}",
        f"App: {app.root} ({app.kind}, {len(app.functions)} functions)",
        *([f"CORS: {_cors_text(host.cors)}"] if host.cors is not None else []),
        "",
        "Functions:",
        "",
    ]
    for function in sorted(app.functions, key=lambda f: f.name.lower()):
        route = host.routes.get(function.name)
        if route is None:
            lines.append(f"\t{function.name}: {function.trigger.type}")
        else:
            methods = f"[{','.join(sorted(route.methods))}] " if route.methods else ""
            lines.append(f"\t{function.name}: {methods}{base}/{route.template.text}")
        lines.append("")
    for name in app.disabled:
        lines.append(f"\t{name}: disabled")
        lines.append("")
    lines.extend(_storage_lines(host))
    if not footer:
        return "\n".join(lines).rstrip()
    # Always: even with every route anonymous, the admin API needs it.
    source = (
        "made for this run; set FUNCTIONS_LOCAL_KEY to choose it"
        if host.keys.generated
        else "FUNCTIONS_LOCAL_KEY"
    )
    lines.append(f"Function and admin key ({source}):")
    lines.append(f"\t{host.keys.key}")
    lines.append(
        "\tsend it as the x-functions-key header or the code parameter "
        "(function and admin routes, /admin/...)"
    )
    lines.append("")
    lines.append("Press Ctrl+C to stop.")
    return "\n".join(lines)


def _cors_text(policy: CorsPolicy) -> str:
    origins = (
        "any origin (*)" if policy.any_origin else ", ".join(sorted(policy.origins))
    )
    return origins + (", with credentials" if policy.credentials else "")


def _storage_lines(host: Host) -> list[str]:
    """The banner's storage part: each connection's backend, where data lives."""
    targets = host.storage.targets
    if not targets:
        return []
    lines = ["Storage (queues, blobs):", ""]
    lines.extend(f"\t{target.describe()}" for target in targets)
    if any(target.kind == "embedded" for target in targets):
        lines.append(f"\tembedded data: {host.storage.folder} (delete it to reset)")
    lines.append("")
    return lines
