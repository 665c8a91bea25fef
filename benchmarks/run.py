"""Benchmark this checkout of ``azure.functions`` against ``azure-functions==1.26.0``.

Usage (from anywhere)::

    .venv/bin/python benchmarks/run.py            # full run, a few minutes
    .venv/bin/python benchmarks/run.py --quick    # smoke run
    .venv/bin/python benchmarks/run.py --only import --only http_decode

Four side environments live in ``benchmarks/.venvs/`` (created once, then
reused while their interpreter and requirements stay the same):

* ``ref``, ``ref-orjson``: the reference package from PyPI (+ ``orjson``);
* ``ours``, ``ours-orjson``: this checkout, installed as a built wheel (not
  editable), rebuilt and reinstalled on every run (+ ``orjson``).

Every measurement runs in those environments' interpreters, in child processes
started with ``-I`` from an empty directory, so neither the checkout nor the
caller's environment leaks in. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
VENVS = HERE / ".venvs"
RESULTS = HERE / "results"
WORKLOADS = HERE / "workloads.py"

REFERENCE = "azure-functions==1.26.0"

MICRO = (
    "http_decode",
    "http_decode_headers",
    "http_decode_json",
    "http_response_encode",
    "queue_decode",
    "timer_decode",
    "service_bus_decode",
    "event_grid_decode",
    "cosmos_db_decode",
    "blob_decode",
    "kafka_decode",
    "sql_decode",
    "event_hub_batch_decode",
)
BENCHMARKS = ("import", *MICRO)


@dataclass(frozen=True)
class Env:
    """One side environment."""

    name: str
    ours: bool
    orjson: bool

    @property
    def path(self) -> Path:
        return VENVS / self.name

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"

    @property
    def requirements(self) -> list[str]:
        """What is installed when the environment is created."""
        base = [] if self.ours else [REFERENCE]
        return [*base, "orjson"] if self.orjson else base


ENVS = (
    Env("ref", ours=False, orjson=False),
    Env("ours", ours=True, orjson=False),
    Env("ref-orjson", ours=False, orjson=True),
    Env("ours-orjson", ours=True, orjson=True),
)
#: (reference, ours) column pairs of the table.
PAIRS = ((ENVS[0], ENVS[1]), (ENVS[2], ENVS[3]))

#: Required speed-up (reference time / our time) per benchmark and orjson flag.
#: The import target "ours at most 25 % of the reference" is a speed-up of 4x.
TARGETS: dict[str, tuple[float, float]] = {
    "import": (4.0, 4.0),
    "http_decode": (3.0, 3.0),
    "http_response_encode": (3.5, 3.5),
    "http_decode_json": (1.2, 1.5),
    # Decode plus a typical first read, for every trigger type.
    "queue_decode": (3.0, 3.0),
    "timer_decode": (3.0, 3.0),
    "service_bus_decode": (3.0, 3.0),
    "event_grid_decode": (3.0, 3.0),
    "cosmos_db_decode": (3.0, 3.0),
    "blob_decode": (3.0, 3.0),
    "kafka_decode": (3.0, 3.0),
    "sql_decode": (3.0, 3.0),
    "event_hub_batch_decode": (3.0, 3.0),
}

# Import probes: the same head and tail around every command, so subtracting
# the bare run cancels them. The tail reports peak RSS (KiB on Linux), the
# number of modules, and the command's own time by an in-process clock.
_PROBE_HEAD = "import time; _t0 = time.perf_counter_ns()"
_PROBE_TAIL = (
    "_t1 = time.perf_counter_ns()\n"
    "import resource, sys; sys.stdout.write('%d %d %d' % "
    "(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(sys.modules), "
    "_t1 - _t0))"
)
IMPORT_COMMANDS = {
    "bare": "pass",
    "import": "import azure.functions",
    "first_use": (
        "import azure.functions as f; f.HttpRequest; f.HttpResponse; "
        "f.get_binding_registry().get('httpTrigger')"
    ),
}


# --- environments -------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_quiet(args: Sequence[str | Path]) -> str:
    """Run a command, failing loudly with its output if it fails."""
    done = subprocess.run(
        [str(arg) for arg in args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"command failed: {' '.join(map(str, args))}\n{done.stdout}")
    return done.stdout


def pip(env: Env, *args: str | Path) -> str:
    return run_quiet(
        [env.python, "-m", "pip", "--disable-pip-version-check", "-q", *args]
    )


def interpreter_id(python: str) -> str:
    """What identifies the interpreter a side environment was made from."""
    code = "import os, sys; print(os.path.realpath(sys.executable), sys.version)"
    return run_quiet([python, "-c", code]).strip()


def ensure_env(env: Env, python: str, python_id: str, rebuild: bool) -> None:
    """Create *env* unless an identical one exists (same interpreter, requirements)."""
    marker = env.path / "bench-env.json"
    spec = {"python": python_id, "requirements": env.requirements}
    if not rebuild and env.python.exists() and marker.exists():
        try:
            if json.loads(marker.read_text()) == spec:
                return
        except ValueError:
            pass
    log(f"creating {env.path.relative_to(REPO)} ...")
    shutil.rmtree(env.path, ignore_errors=True)
    run_quiet([python, "-m", "venv", env.path])
    if env.requirements:
        pip(env, "install", *env.requirements)
    marker.write_text(json.dumps(spec))


def build_our_wheel(env: Env, into: Path, rev: str | None) -> Path:
    """Build this checkout's wheel from a clean copy of the sources.

    A copy, because setuptools reuses ``build/`` in the tree, where a module
    deleted from the sources would survive into the wheel. The copy is of the
    working tree, or of commit *rev* when given.
    """
    source = into / "src"
    if rev is None:
        shutil.copytree(
            REPO,
            source,
            ignore=shutil.ignore_patterns(
                ".git",
                ".venv",
                ".venvs",
                "build",
                "dist",
                "*.egg-info",
                "__pycache__",
                ".*_cache",
                "results",
                ".venv-*",
            ),
        )
    else:
        archive = into / "src.tar"
        run_quiet(["git", "-C", REPO, "archive", "--output", archive, rev])
        source.mkdir()
        run_quiet(["tar", "-xf", archive, "-C", source])
    pip(env, "wheel", "--no-deps", "--wheel-dir", into / "dist", source)
    wheels = sorted((into / "dist").glob("azure_functions-*.whl"))
    if len(wheels) != 1:
        sys.exit(f"expected one wheel, built {[w.name for w in wheels]}")
    return wheels[0]


def install_ours(envs: Sequence[Env], rev: str | None) -> None:
    """Reinstall the current checkout (not editable) into each of *envs*."""
    if not envs:
        return
    log(f"building and installing this checkout ({rev or 'working tree'}) ...")
    with tempfile.TemporaryDirectory(prefix="bench-wheel-") as tmp:
        wheel = build_our_wheel(envs[0], Path(tmp), rev)
        for env in envs:
            pip(env, "install", "--force-reinstall", "--no-deps", wheel)
            pip(env, "install", wheel)  # dependencies, if any are missing


def installed_versions(env: Env) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json; print(json.dumps("
        "{d.metadata['Name'].lower(): d.version for d in m.distributions()}))"
    )
    versions: dict[str, str] = json.loads(run_quiet([env.python, "-I", "-c", code]))
    return versions


# --- import time ----------------------------------------------------------------


def rotated(items: Sequence[Any], by: int) -> list[Any]:
    by %= len(items)
    return [*items[by:], *items[:by]]


def measure_imports(
    envs: Sequence[Env], runs: int, cwd: Path
) -> dict[str, dict[str, Any]]:
    """Wall time, peak RSS and module count of each import command, per env.

    Rounds visit every environment and command, in a rotating order, so slow
    drift of the machine hits every column alike.
    """
    raw: dict[str, dict[str, dict[str, list[int]]]] = {
        env.name: {
            cmd: {"ns": [], "inner_ns": [], "rss_kib": [], "modules": []}
            for cmd in IMPORT_COMMANDS
        }
        for env in envs
    }
    commands = list(IMPORT_COMMANDS)
    log(f"import time: {runs} rounds x {len(envs)} envs x {len(commands)} commands")
    for round_no in range(runs):
        for env in rotated(envs, round_no):
            for cmd in rotated(commands, round_no):
                code = f"{_PROBE_HEAD}\n{IMPORT_COMMANDS[cmd]}\n{_PROBE_TAIL}"
                start = time.perf_counter_ns()
                done = subprocess.run(
                    [env.python, "-I", "-c", code],
                    cwd=cwd,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                elapsed = time.perf_counter_ns() - start
                if done.returncode != 0:
                    sys.exit(f"{env.name}: {cmd!r} failed:\n{done.stderr}")
                rss, modules, inner = map(int, done.stdout.split())
                sample = raw[env.name][cmd]
                sample["ns"].append(elapsed)
                sample["rss_kib"].append(rss)
                sample["modules"].append(modules)
                sample["inner_ns"].append(inner)

    results: dict[str, dict[str, Any]] = {}
    for env in envs:
        samples = raw[env.name]
        bare = samples["bare"]
        summary: dict[str, Any] = {"raw": samples}
        for cmd in ("import", "first_use"):
            ns = samples[cmd]["ns"]
            paired = [a - b for a, b in zip(ns, bare["ns"], strict=True)]
            summary[cmd] = {
                "seconds": (statistics.median(ns) - statistics.median(bare["ns"]))
                / 1e9,
                "paired_median_seconds": statistics.median(paired) / 1e9,
                "in_process_seconds": statistics.median(samples[cmd]["inner_ns"]) / 1e9,
                "rss_kib": statistics.median(samples[cmd]["rss_kib"])
                - statistics.median(bare["rss_kib"]),
                "modules": statistics.median(samples[cmd]["modules"])
                - statistics.median(bare["modules"]),
            }
        summary["bare_seconds"] = statistics.median(bare["ns"]) / 1e9
        results[env.name] = summary
    return results


# --- micro benchmarks -------------------------------------------------------------


class Child:
    """A ``workloads.py serve`` process in one environment."""

    def __init__(self, env: Env, cwd: Path) -> None:
        self.env = env
        self.process = subprocess.Popen(
            [str(env.python), "-I", str(WORKLOADS), "serve"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.info = self._read()
        package = Path(self.info["package_file"]).resolve()
        if not package.is_relative_to(env.path.resolve()):
            self.close()
            sys.exit(f"{env.name}: imported azure.functions from {package}")

    def _pipes(self) -> tuple[IO[str], IO[str]]:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None
        assert stdout is not None
        return stdin, stdout

    def _read(self) -> dict[str, Any]:
        line = self._pipes()[1].readline()
        if not line:
            sys.exit(f"{self.env.name}: the workload process died")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def ask(self, **request: Any) -> dict[str, Any]:
        stdin = self._pipes()[0]
        stdin.write(json.dumps(request) + "\n")
        stdin.flush()
        return self._read()

    def close(self) -> None:
        self._pipes()[0].close()
        self.process.wait(timeout=30)


def measure_micro(
    envs: Sequence[Env], names: Sequence[str], repeat: int, target: float, cwd: Path
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Per-operation times of each workload in each environment.

    Each environment calibrates its own loop count (the ``autorange`` rule
    with *target* seconds); the *repeat* timed runs are interleaved across
    environments, like ``Timer.repeat`` spread over rounds.
    """
    children = [Child(env, cwd) for env in envs]
    results: dict[str, dict[str, Any]] = {}
    try:
        for name in names:
            log(f"micro: {name}")
            entry: dict[str, Any] = {}
            for child in children:
                reply = child.ask(op="calibrate", name=name, target=target)
                entry[child.env.name] = {
                    "number": reply["number"],
                    "summary": reply["summary"],
                    "seconds_per_op": [],
                }
            for round_no in range(repeat):
                for child in rotated(children, round_no):
                    number = entry[child.env.name]["number"]
                    seconds = child.ask(op="time", name=name, number=number)["seconds"]
                    entry[child.env.name]["seconds_per_op"].append(seconds / number)
            for data in entry.values():
                data["median"] = statistics.median(data["seconds_per_op"])
                data["min"] = min(data["seconds_per_op"])
            results[name] = entry
    finally:
        infos = {child.env.name: child.info for child in children}
        for child in children:
            child.close()
    return results, infos


# --- report ---------------------------------------------------------------------


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    magnitude = abs(seconds)
    if magnitude >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    if magnitude >= 1e-6:
        return f"{seconds * 1e6:.2f} us"
    return f"{seconds * 1e9:.0f} ns"


def fmt_kib(kib: float | None) -> str:
    if kib is None:
        return "-"
    return f"{kib / 1024:.2f} MiB" if abs(kib) >= 1024 else f"{kib:.0f} KiB"


def fmt_count(count: float | None) -> str:
    return "-" if count is None else f"{count:.0f}"


def speedup(ref: float | None, ours: float | None) -> float | None:
    """``ref / ours``; infinite when ours is nil or below the noise (<= 0)."""
    if ref is None or ours is None:
        return None
    return ref / ours if ours > 0 else float("inf")


def fmt_speedup(value: float | None) -> str:
    if value is None:
        return "-"
    return "inf" if value == float("inf") else f"{value:.2f}x"


def verdict(name: str, orjson: bool, value: float | None) -> tuple[str, bool | None]:
    """Target text and whether it is met (``None``: no target, or no data)."""
    target = TARGETS.get(name)
    if target is None or value is None:
        return "", None
    required = target[1] if orjson else target[0]
    passed = value >= required
    text = f"<=25% {'PASS' if passed else 'FAIL'}" if name == "import" else ""
    if not text:
        text = f">={required:g}x {'PASS' if passed else 'FAIL'}"
    return text, passed


def build_rows(
    imports: dict[str, dict[str, Any]], micro: dict[str, dict[str, Any]]
) -> tuple[list[list[str]], list[dict[str, Any]]]:
    """Table cells and the verdicts, one per (benchmark, pair) with a target."""
    rows: list[list[str]] = []
    verdicts: list[dict[str, Any]] = []

    def row(
        label: str,
        name: str,
        values: list[tuple[float | None, float | None]],
        fmt: Callable[[float | None], str],
        kind: str = "time",
    ) -> None:
        """One table row; *kind* "time" shows the speed-up, "size" does not."""
        cells = [label]
        for (ref, ours), (ref_env, _) in zip(values, PAIRS, strict=True):
            ratio = speedup(ref, ours)
            text, passed = verdict(name, ref_env.orjson, ratio)
            if passed is not None and ratio is not None:
                verdicts.append(
                    {
                        "benchmark": name,
                        "orjson": ref_env.orjson,
                        "speedup": ratio if math.isfinite(ratio) else "inf",
                        "pass": passed,
                    }
                )
            shown = fmt_speedup(ratio) if kind == "time" else ""
            cells += [fmt(ref), fmt(ours), shown, text]
        rows.append(cells)

    def imp(cmd: str, key: str) -> list[tuple[float | None, float | None]]:
        def value(env: Env) -> float | None:
            data = imports.get(env.name)
            return None if data is None else float(data[cmd][key])

        return [(value(ref), value(ours)) for ref, ours in PAIRS]

    if imports:
        row("import (over bare python)", "import", imp("import", "seconds"), fmt_time)
        row(
            "import (in-process clock)",
            "inner",
            imp("import", "in_process_seconds"),
            fmt_time,
        )
        row("import + first use", "first_use", imp("first_use", "seconds"), fmt_time)
        row("import: peak RSS delta", "rss", imp("import", "rss_kib"), fmt_kib, "size")
        row(
            "import: modules loaded",
            "modules",
            imp("import", "modules"),
            fmt_count,
            "size",
        )
    for name, entry in micro.items():
        medians = [(entry[r.name]["median"], entry[o.name]["median"]) for r, o in PAIRS]
        row(name, name, medians, fmt_time)
    return rows, verdicts


def render(rows: list[list[str]]) -> str:
    header = [
        "benchmark",
        "ref",
        "ours",
        "speed-up",
        "target",
        "ref+orjson",
        "ours+orjson",
        "speed-up",
        "target",
    ]
    table = [header, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        left = cells[0].ljust(widths[0])
        pairs = []
        for start in (1, 5):
            group = [
                cells[i].rjust(widths[i])
                if i - start < 3
                else cells[i].ljust(widths[i])
                for i in range(start, start + 4)
            ]
            pairs.append("  ".join(group))
        return f"{left}  | {pairs[0]}  | {pairs[1]}".rstrip()

    rule = "-" * len(line(header))
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


# --- main -----------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=f"Compare this checkout of azure.functions with {REFERENCE}."
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="interpreter the side environments are made from (default: this one)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=None,
        help="import-time rounds (default 41; quick 7)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer, shorter repeats: a smoke run"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=f"run only these benchmarks (repeatable, or comma-separated): "
        f"{', '.join(BENCHMARKS)}",
    )
    parser.add_argument(
        "--rev",
        default=None,
        help="benchmark this git commit of the checkout instead of the working tree",
    )
    parser.add_argument(
        "--rebuild-envs", action="store_true", help="recreate every side environment"
    )
    parser.add_argument(
        "--output", type=Path, default=RESULTS / "latest.json", help="raw results file"
    )
    args = parser.parse_args(argv)
    selected: list[str] = []
    for item in args.only or [",".join(BENCHMARKS)]:
        selected += [name.strip() for name in item.split(",") if name.strip()]
    unknown = sorted(set(selected) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; choose from {list(BENCHMARKS)}")
    args.selected = [name for name in BENCHMARKS if name in selected]
    if args.runs is None:
        args.runs = 7 if args.quick else 41
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def git_state(rev: str | None) -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(REPO), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            check=False,
        )
        return done.stdout.strip()

    if rev is not None:
        return {"commit": git("rev-parse", "--verify", f"{rev}^{{commit}}")}
    return {
        "commit": git("rev-parse", "HEAD"),
        "dirty": bool(git("status", "--porcelain")),
    }


@dataclass
class Report:
    table: str
    verdicts: list[dict[str, Any]]
    mismatches: list[str]

    def lines(self) -> Iterator[str]:
        yield self.table
        yield ""
        yield "speed-up = ref / ours (higher is better for ours); times are medians."
        yield "import target: ours' time over bare python <= 25 % of ref's (>= 4x)."
        for mismatch in self.mismatches:
            yield f"RESULT MISMATCH: {mismatch}"
        failed = [
            f"{v['benchmark']}{' (orjson)' if v['orjson'] else ''}"
            for v in self.verdicts
            if not v["pass"]
        ]
        summary = (
            f"targets: {len(self.verdicts) - len(failed)}/{len(self.verdicts)} met"
        )
        yield f"{summary}; FAILED: {', '.join(failed)}" if failed else summary


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    python_id = interpreter_id(args.python)
    VENVS.mkdir(parents=True, exist_ok=True)
    for env in ENVS:
        ensure_env(env, args.python, python_id, args.rebuild_envs)
    install_ours([env for env in ENVS if env.ours], args.rev)

    versions = {env.name: installed_versions(env) for env in ENVS}
    orjson_versions = {versions[e.name].get("orjson") for e in ENVS if e.orjson}
    if len(orjson_versions) > 1:
        log(
            f"warning: the orjson environments differ: {orjson_versions}; "
            "use --rebuild-envs to align them"
        )

    # An empty working directory: no http.py or azure/ to shadow anything.
    with tempfile.TemporaryDirectory(prefix="bench-cwd-") as tmp:
        cwd = Path(tmp)
        imports = (
            measure_imports(ENVS, args.runs, cwd) if "import" in args.selected else {}
        )
        names = [name for name in MICRO if name in args.selected]
        micro: dict[str, dict[str, Any]] = {}
        infos: dict[str, dict[str, Any]] = {}
        if names:
            micro, infos = measure_micro(
                ENVS,
                names,
                repeat=3 if args.quick else 7,
                target=0.02 if args.quick else 0.2,
                cwd=cwd,
            )

    mismatches = []
    for name, entry in micro.items():
        reference = entry[ENVS[0].name]["summary"]
        for env_name, data in entry.items():
            if data["summary"] != reference:
                mismatches.append(f"{name}: {env_name} differs from {ENVS[0].name}")

    rows, verdicts = build_rows(imports, micro)
    report = Report(render(rows), verdicts, mismatches)
    print("\n".join(report.lines()))

    args.output.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "git": git_state(args.rev),
        "host": {
            "platform": platform.platform(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "python": python_id,
        },
        "options": {
            "runs": args.runs,
            "quick": args.quick,
            "only": args.selected,
            "rev": args.rev,
        },
        "envs": {
            env.name: {
                "requirements": env.requirements,
                "installed": versions[env.name],
                **infos.get(env.name, {}),
            }
            for env in ENVS
        },
        "import": imports,
        "micro": micro,
        "targets": {
            name: {"plain": t[0], "orjson": t[1]} for name, t in TARGETS.items()
        },
        "verdicts": verdicts,
        "mismatches": mismatches,
        "table": report.table,
        "elapsed_seconds": time.perf_counter() - started,
    }
    args.output.write_text(json.dumps(document, indent=2) + "\n")
    log(f"raw results: {args.output}  ({time.perf_counter() - started:.0f} s)")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
