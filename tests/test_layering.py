"""The package's import graph: no cycles, and each layer imports only downwards.

Every ``import`` in every module counts, also those inside functions (they
run later, but a cycle through them still ties the modules together); only
imports under ``if TYPE_CHECKING:`` are left out, since they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import azure.functions

PACKAGE_DIR = Path(azure.functions.__file__).resolve().parent
PACKAGE = "azure.functions"


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the package: dotted name -> (file, is a package)."""
    found: dict[str, tuple[Path, bool]] = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = [PACKAGE, *path.relative_to(PACKAGE_DIR).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found[".".join(parts)] = (path, is_package)
    return found


MODULES = _modules()


def _is_type_checking(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )


def _targets(module: str, is_package: bool, node: ast.ImportFrom) -> set[str]:
    """The package modules a ``from ... import ...`` statement loads."""
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        source = ".".join([*base, *([node.module] if node.module else [])])
    else:
        source = node.module or ""
    found = set()
    for alias in node.names:
        submodule = f"{source}.{alias.name}"
        found.add(submodule if submodule in MODULES else source)
    return found


def imports_of(module: str) -> set[str]:
    """The package modules *module* imports, anywhere but under TYPE_CHECKING."""
    path, is_package = MODULES[module]
    found: set[str] = set()
    pending: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
    while pending:
        node = pending.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt) and _is_type_checking(child):
                assert isinstance(child, ast.If)
                pending.extend(child.orelse)
                continue
            if isinstance(child, ast.ImportFrom):
                found |= _targets(module, is_package, child)
            elif isinstance(child, ast.Import):
                found |= {alias.name for alias in child.names}
            pending.append(child)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: imports_of(module) for module in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle_through_a_third_module() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_imports_inside_functions_count_and_type_checking_ones_do_not() -> None:
    # `Converter.__init_subclass__` imports the registry inside the method.
    assert f"{PACKAGE}._registry" in GRAPH[f"{PACKAGE}._converter"]
    # `_converter` names `Datum` for type checkers only.
    assert f"{PACKAGE}._datum" not in GRAPH[f"{PACKAGE}._converter"]


#: The types and helpers every binding builds on.
CORE = frozenset(
    {
        "",
        "_context",
        "_converter",
        "_cookies",
        "_datum",
        "_errors",
        "_form",
        "_headers",
        "_http_request",
        "_http_response",
        "_json",
        "_lazy",
        "_metadata",
        "_out",
        "_registry",
        "_typed_data",
        "_types",
        "_version",
    }
)


def _layer(module: str) -> str:
    rest = module.removeprefix(PACKAGE).lstrip(".")
    head = rest.split(".", 1)[0]
    if head in {"_host", "testing", "__main__"}:
        return "host"
    if head in {"decorators", "_asgi", "_wsgi"}:
        return "programming model"
    if head in CORE:
        return "core"
    if "." not in rest and head not in {"meta", "extension"} and head[:1] != "_":
        # The binding modules at the reference's paths (azure.functions.queue,
        # .cosmosdb ...) re-export names from every layer below the host.
        return "public paths"
    # _bindings, _register, meta and extension.
    return "bindings"


#: Each layer may import its own and the layers after it in this order.
LAYERS = ("host", "public paths", "programming model", "bindings", "core")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_imports_only_its_own_layer_or_lower(module: str) -> None:
    if module == PACKAGE:  # the lazy table names every layer, by design
        return
    allowed = set(LAYERS[LAYERS.index(_layer(module)) :])
    upward = {
        target
        for target in GRAPH[module]
        if target != PACKAGE and _layer(target) not in allowed
    }
    assert upward == set(), f"{module} ({_layer(module)}) imports {upward}"


# --- the local host's own layers -------------------------------------------------

HOST = f"{PACKAGE}._host"
#: The host's top: what drives a request or the process (none is imported below).
HOST_TOP = frozenset(f"{HOST}.{name}" for name in ("admin", "cli", "host", "server"))
#: The parts below it: the wire values, routes, app loading, trigger payloads.
HOST_PARTS = ("wire", "routing", "loading", "payloads")


def _in_part(module: str, part: str) -> bool:
    return module == f"{HOST}.{part}" or module.startswith(f"{HOST}.{part}.")


@pytest.mark.parametrize(
    "module",
    sorted(m for m in MODULES if any(_in_part(m, part) for part in HOST_PARTS)),
)
def test_host_parts_never_import_the_host_server_cli_or_admin(module: str) -> None:
    assert GRAPH[module] & HOST_TOP == set()
    assert f"{PACKAGE}.testing" not in GRAPH[module]


@pytest.mark.parametrize("part", ["wire", "routing"])
def test_wire_and_routing_are_host_free(part: str) -> None:
    # Nothing of the host but themselves: no app, keys, invoker or logs.
    outside = {
        target
        for module in MODULES
        if _in_part(module, part)
        for target in GRAPH[module]
        if target.startswith(f"{HOST}.") and not _in_part(target, part)
    }
    assert outside == set()


def test_the_server_and_the_test_client_share_the_hosts_entry_point() -> None:
    # Both import the host and the wire values; the old dispatch module is gone.
    for module in (f"{HOST}.server", f"{PACKAGE}.testing"):
        assert {f"{HOST}.host", f"{HOST}.wire"} <= GRAPH[module]
    assert f"{HOST}.dispatch" not in MODULES
