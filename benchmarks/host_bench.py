"""HTTP throughput of the local host against a bare aiohttp server and Google's
``functions-framework``, on one hello function.

Usage (from anywhere)::

    .venv/bin/python benchmarks/host_bench.py            # full run, about 1.5 min
    .venv/bin/python benchmarks/host_bench.py --quick    # smoke run, ~20 s

Each server is started as its own process on a free port of 127.0.0.1 and
answers ``GET /api/hello`` with ``Hello, World!``:

* ``azure-functions host (def)``: this checkout's ``python -m azure.functions
  start`` on a v2 app whose ``hello`` is a plain ``def`` (run in the host's
  thread pool, as the Python worker runs it); ``(async def)``: the same
  function as a coroutine, on the event loop. Each invocation goes through
  the whole pipeline (routing, auth level, converters, ``functionTimeout``,
  the two ``Executing``/``Executed`` log lines; a ``Context`` is made only
  for a function that takes one, and ``hello`` does not);
* ``aiohttp (bare)``: an ``aiohttp.web`` application with one handler, the
  floor of what an aiohttp-based server can do;
* ``functions-framework``: Google's Functions Framework (Flask on gunicorn,
  its default), installed into ``benchmarks/.venvs/functions-framework``
  (created on first use, reused after).

The load comes from another process: ``wrk`` when it is installed
(``apt-get install wrk``), else this script's own asyncio client
(``--client python``: keep-alive connections, standard library only). On a
machine with two CPUs or more, each server runs on CPU 0 and the load
generator on CPU 1 (``--no-pin`` to let the scheduler place them): the two
never compete for a core, and the figures vary far less from run to run.

All servers are started first, each on its own port, and warmed up; then
``--rounds`` rounds measure each in turn, so a slower or faster spell of the
machine falls on every server alike. The table reports, per server, the
median of its rounds: requests/s and the p50/p99 latency; the targets (ours
at least 0.5x bare aiohttp and at least 4x functions-framework) are printed
PASS or FAIL. Raw numbers, every round's, go to
``benchmarks/results/host_bench.json``. The exit status is 0 unless a server
fails to start or answers wrongly (``--strict``: also when a target is missed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
VENVS = HERE / ".venvs"
RESULTS = HERE / "results"
FF_REQUIREMENT = "functions-framework==3.10.2"
PATH = "/api/hello"
EXPECTED = b"Hello, World!"

#: (name of the row we check, name of the row it is compared with, minimum ratio)
TARGETS = (
    ("aiohttp (bare)", 0.5),
    ("functions-framework", 4.0),
)

HELLO_APP = """
import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="hello", methods=["GET"])
{prefix}def hello(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("Hello, World!")
"""

BARE_AIOHTTP = """
import sys

from aiohttp import web


async def hello(request: web.Request) -> web.Response:
    return web.Response(text="Hello, World!")


app = web.Application()
app.router.add_get("/api/hello", hello)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
"""

FF_MAIN = """
def hello(request):
    return "Hello, World!"
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_ports(count: int) -> list[int]:
    """*count* distinct ports free on 127.0.0.1 (all probed at once)."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]
    finally:
        for probe in probes:
            probe.close()


# --- the servers ------------------------------------------------------------------


@dataclass
class ServerSpec:
    """How to start one server, and the port it listens on."""

    name: str
    argv: list[str]
    cwd: Path
    env: dict[str, str]
    port: int


def ensure_ff_env(python: str, rebuild: bool) -> Path:
    """The side environment with functions-framework; its interpreter."""
    env = VENVS / "functions-framework"
    interpreter = env / "bin" / "python"
    marker = env / "bench-env.json"
    spec = {"python": sys.version, "requirements": [FF_REQUIREMENT]}
    if not rebuild and interpreter.exists() and marker.exists():
        try:
            if json.loads(marker.read_text()) == spec:
                return interpreter
        except ValueError:
            pass
    log(f"creating {env.relative_to(REPO)} ({FF_REQUIREMENT}) ...")
    shutil.rmtree(env, ignore_errors=True)
    subprocess.run([python, "-m", "venv", str(env)], check=True)
    subprocess.run(
        [
            str(interpreter),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            FF_REQUIREMENT,
        ],
        check=True,
    )
    marker.write_text(json.dumps(spec))
    return interpreter


#: The hello function's kinds: (label, the prefix of its ``def``).
HOST_KINDS = (("def", ""), ("async def", "async "))


def host_name(label: str) -> str:
    """The row of this checkout's host serving the *label* kind of hello."""
    return f"azure-functions host ({label})"


def server_specs(
    work: Path, ff_python: Path | None, against: Against | None = None
) -> list[ServerSpec]:
    """The servers to compare; with *against*, the host from that tree too."""
    quiet = {"PYTHONUNBUFFERED": "1"}
    specs: list[ServerSpec] = []
    ports = iter(free_ports(6))
    port = next(ports)
    for label, prefix in HOST_KINDS:
        app = work / f"app_{prefix.strip() or 'sync'}"
        app.mkdir()
        (app / "host.json").write_text('{"version": "2.0"}')
        (app / "function_app.py").write_text(
            textwrap.dedent(HELLO_APP).replace("{prefix}", prefix)
        )
        trees = [(host_name(label), REPO)]
        if against is not None:
            trees.append((against.name_of(label), against.tree))
        for name, tree in trees:
            argv = [sys.executable, "-m", "azure.functions", "start", str(app)]
            specs.append(
                ServerSpec(
                    name,
                    [*argv, "--port", str(port)],
                    work,
                    {**quiet, "PYTHONPATH": str(tree)},
                    port,
                )
            )
            port = next(ports)
    bare = work / "bare_aiohttp.py"
    bare.write_text(textwrap.dedent(BARE_AIOHTTP))
    specs.append(
        ServerSpec(
            "aiohttp (bare)", [sys.executable, str(bare), str(port)], work, quiet, port
        )
    )
    port = next(ports)
    if ff_python is not None:
        source = work / "ff"
        source.mkdir()
        (source / "main.py").write_text(textwrap.dedent(FF_MAIN))
        specs.append(
            ServerSpec(
                "functions-framework",
                [
                    str(ff_python),
                    "-m",
                    "functions_framework",
                    "--target",
                    "hello",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                ],
                source,
                quiet,
                port,
            )
        )
    return specs


@dataclass(frozen=True)
class Against:
    """The package as of git commit *rev*, exported to *tree*, for an A/B."""

    rev: str
    tree: Path

    @classmethod
    def export(cls, rev: str, into: Path) -> Against:
        """Write ``azure/`` as of *rev* below *into* (``git archive``)."""
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", f"{rev}^{{commit}}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        into.mkdir()
        archive = into / "azure.tar"
        git_archive = ["git", "-C", str(REPO), "archive", "--output", str(archive)]
        subprocess.run([*git_archive, commit, "azure"], check=True)
        subprocess.run(["tar", "-xf", str(archive), "-C", str(into)], check=True)
        return cls(commit, into)

    def name_of(self, label: str) -> str:
        """The row of the host serving the *label* app from this tree."""
        return f"host ({label}) at {self.rev}"


def compare_rounds(mine: Measurement, theirs: Measurement) -> str:
    """*mine* against *theirs*: the change of the medians, and the rounds won."""
    pairs = list(zip(mine.rounds, theirs.rounds, strict=True))
    won = sum(ours["rps"] > other["rps"] for ours, other in pairs)
    change = (mine.rps / theirs.rps - 1) * 100
    return (
        f"{mine.server} vs {theirs.server}: {change:+.1f} % "
        f"(faster in {won} of {len(pairs)} rounds)"
    )


def wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    """Until *url* answers the hello body; fails if the process ends or times out."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body = response.read()
                if response.status == 200 and body == EXPECTED:
                    return
                raise RuntimeError(f"wrong answer: {response.status} {body[:80]!r}")
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"no answer from {url} within {timeout:.0f}s")
        time.sleep(0.1)


# --- the load ----------------------------------------------------------------------


@dataclass
class Measurement:
    """One server's measured rounds: the medians, and every round."""

    server: str
    client: str
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    rounds: list[dict[str, float]]

    @classmethod
    def of(
        cls, server: str, client: str, rounds: list[dict[str, float]]
    ) -> Measurement:
        """The medians (rate, latencies) and totals (requests, errors) of *rounds*."""
        return cls(
            server=server,
            client=client,
            requests=int(sum(r["requests"] for r in rounds)),
            seconds=sum(r["seconds"] for r in rounds),
            rps=statistics.median(r["rps"] for r in rounds),
            p50_ms=statistics.median(r["p50_ms"] for r in rounds),
            p99_ms=statistics.median(r["p99_ms"] for r in rounds),
            errors=int(sum(r["errors"] for r in rounds)),
            rounds=rounds,
        )


_WRK_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def pinned_to(cpus: set[int] | None) -> Callable[[], None] | None:
    """A ``preexec_fn`` that runs the child on *cpus* (``None``: anywhere)."""
    if cpus is None:
        return None

    def pin() -> None:
        os.sched_setaffinity(0, cpus)

    return pin


def run_wrk(
    url: str, seconds: float, connections: int, cpus: set[int] | None
) -> dict[str, float]:
    done = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--latency",
            "--timeout",
            "5s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=pinned_to(cpus),
    )
    out = done.stdout

    def latency(label: str) -> float:
        found = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        if found is None:
            raise RuntimeError(f"no {label}% latency in wrk's output:\n{out}")
        return float(found.group(1)) * _WRK_UNITS[found.group(2)]

    total = re.search(r"^\s*(\d+) requests in ([\d.]+)(m?s)", out, re.MULTILINE)
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", out, re.MULTILINE)
    if total is None or rps is None:
        raise RuntimeError(f"cannot read wrk's output:\n{out}")
    elapsed = float(total.group(2)) / (1000 if total.group(3) == "ms" else 1)
    errors = 0
    socket_errors = re.search(r"Socket errors: (.*)", out)
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return {
        "requests": int(total.group(1)),
        "seconds": elapsed,
        "rps": float(rps.group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": errors,
    }


def run_python_client(
    url: str, seconds: float, connections: int, cpus: set[int] | None
) -> dict[str, float]:
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--load",
            url,
            "--load-seconds",
            str(seconds),
            "--connections",
            str(connections),
        ],
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=pinned_to(cpus),
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


async def _load(url: str, seconds: float, connections: int) -> dict[str, float]:
    """Keep-alive GETs on *connections* connections for *seconds*; the numbers."""
    match = re.fullmatch(r"http://([^:/]+):(\d+)(/.*)", url)
    assert match is not None, url
    host, port, path = match.group(1), int(match.group(2)), match.group(3)
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def connection() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
                body = await reader.readexactly(int(length.group(1)) if length else 0)
                latencies.append(time.perf_counter() - started)
                if not head.startswith(b"HTTP/1.1 200") or body != EXPECTED:
                    errors += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000,
        "errors": errors,
    }


# --- the run -----------------------------------------------------------------------


@dataclass
class Plan:
    """How to load the servers."""

    client: str
    warmup: float
    seconds: float
    rounds: int
    connections: int
    #: CPUs for the servers and for the load generator (``None``: anywhere).
    server_cpus: set[int] | None
    load_cpus: set[int] | None


def start_server(spec: ServerSpec, plan: Plan) -> subprocess.Popen[bytes]:
    """Start *spec*'s server and wait until it answers hello."""
    log(f"{spec.name}: starting on port {spec.port} ...")
    process = subprocess.Popen(
        spec.argv,
        cwd=spec.cwd,
        env={**os.environ, **spec.env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=pinned_to(plan.server_cpus),
    )
    try:
        wait_ready(url_of(spec), process, timeout=60)
    except BaseException:
        stop_server(process)
        raise
    return process


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def url_of(spec: ServerSpec) -> str:
    return f"http://127.0.0.1:{spec.port}{PATH}"


def measure_all(specs: Sequence[ServerSpec], plan: Plan) -> list[Measurement]:
    """Start every server, warm each up, then measure them in turn, round by round."""
    load = run_wrk if plan.client == "wrk" else run_python_client
    processes: dict[str, subprocess.Popen[bytes]] = {}
    rounds: dict[str, list[dict[str, float]]] = {spec.name: [] for spec in specs}
    try:
        for spec in specs:
            processes[spec.name] = start_server(spec, plan)
        if plan.warmup > 0:
            for spec in specs:
                log(f"{spec.name}: warm-up {plan.warmup:g}s")
                load(url_of(spec), plan.warmup, plan.connections, plan.load_cpus)
        for number in range(1, plan.rounds + 1):
            for spec in specs:
                log(f"{spec.name}: round {number}/{plan.rounds}, {plan.seconds:g}s")
                numbers = load(
                    url_of(spec), plan.seconds, plan.connections, plan.load_cpus
                )
                if processes[spec.name].poll() is not None:
                    code = processes[spec.name].returncode
                    raise RuntimeError(f"{spec.name}: the server exited with {code}")
                rounds[spec.name].append(numbers)
    finally:
        for process in processes.values():
            stop_server(process)
    return [Measurement.of(spec.name, plan.client, rounds[spec.name]) for spec in specs]


def report(
    results: Sequence[Measurement], against: Against | None = None
) -> tuple[str, bool]:
    """The table, the target lines and the A/B lines; whether every target was met."""
    by_name = {result.server: result for result in results}
    lines = [
        "| server | requests/s | p50 | p99 | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        lines.append(
            f"| {result.server} | {result.rps:,.0f} | {result.p50_ms:.2f} ms "
            f"| {result.p99_ms:.2f} ms | {result.errors} |"
        )
    lines.append("")
    all_met = True
    ours = [result for result in results if result.server.startswith("azure-")]
    for mine in ours:
        for other_name, minimum in TARGETS:
            other = by_name.get(other_name)
            if other is None:
                lines.append(f"{mine.server} vs {other_name}: not measured")
                continue
            ratio = mine.rps / other.rps
            met = ratio >= minimum
            all_met = all_met and met
            lines.append(
                f"{'PASS' if met else 'FAIL'}: {mine.server} is {ratio:.2f}x "
                f"{other_name} (target >= {minimum:g}x)"
            )
    if against is not None:
        for label, _ in HOST_KINDS:
            current = by_name.get(host_name(label))
            theirs = by_name.get(against.name_of(label))
            if current is not None and theirs is not None:
                lines.append(compare_rounds(current, theirs))
    return "\n".join(lines), all_met


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds (5)")
    parser.add_argument(
        "--duration", type=float, default=5.0, help="seconds per round (5)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="(3)")
    parser.add_argument("--connections", type=int, default=64, help="(64)")
    parser.add_argument(
        "--client",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="the load generator: wrk if installed (auto), or the asyncio client",
    )
    parser.add_argument(
        "--quick", action="store_true", help="1 s warm-up, one round of 3 s"
    )
    parser.add_argument(
        "--no-pin",
        action="store_true",
        help="do not run servers on CPU 0 and the load on CPU 1",
    )
    parser.add_argument(
        "--no-ff", action="store_true", help="skip functions-framework (no side venv)"
    )
    parser.add_argument(
        "--against",
        metavar="REV",
        help="also serve the host as of git commit REV: an A/B, round by round",
    )
    parser.add_argument("--rebuild-envs", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 on a miss")
    parser.add_argument("--output", type=Path, default=RESULTS / "host_bench.json")
    # The asyncio client, run as its own process by --client python.
    parser.add_argument("--load", help=argparse.SUPPRESS)
    parser.add_argument("--load-seconds", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.load:
        numbers = asyncio.run(_load(args.load, args.load_seconds, args.connections))
        print(json.dumps(numbers))
        return 0

    if args.quick:
        args.warmup, args.duration, args.rounds = 1.0, 3.0, 1
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    if client == "wrk" and not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk), or use --client python")
    ff_python = None if args.no_ff else ensure_ff_env(sys.executable, args.rebuild_envs)

    pin = not args.no_pin and hasattr(os, "sched_setaffinity") and _cpus() >= 2
    plan = Plan(
        client=client,
        warmup=args.warmup,
        seconds=args.duration,
        rounds=max(1, args.rounds),
        connections=args.connections,
        server_cpus={0} if pin else None,
        load_cpus={1} if pin else None,
    )
    against = None
    with tempfile.TemporaryDirectory(prefix="host-bench-") as tmp:
        try:
            if args.against:
                against = Against.export(args.against, Path(tmp) / "against")
            specs = server_specs(Path(tmp), ff_python, against)
            results = measure_all(specs, plan)
        except (RuntimeError, subprocess.CalledProcessError) as exc:
            log(str(exc))
            return 1
    table, met = report(results, against)
    placement = "servers on CPU 0, load on CPU 1" if pin else "not pinned"
    print(
        f"\nGET {PATH} -> 'Hello, World!'; {client}, {args.connections} connections, "
        f"{args.warmup:g}s warm-up, median of {plan.rounds} round(s) of "
        f"{args.duration:g}s per server, interleaved; {placement}; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs\n"
    )
    print(table)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(
            {
                "client": client,
                "connections": args.connections,
                "warmup_s": args.warmup,
                "duration_s": args.duration,
                "rounds": plan.rounds,
                "pinned": pin,
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "against": None if against is None else against.rev,
                "results": [asdict(result) for result in results],
            },
            indent=2,
        )
    )
    return 1 if args.strict and not met else 0


def _cpus() -> int:
    """How many CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
