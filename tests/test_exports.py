"""The lazy export lists agree: type checkers, ``__all__`` and the runtime table.

Each package that exports lazily (``azure.functions``,
``azure.functions.decorators``) states its public names three times: imports
for type checkers under ``TYPE_CHECKING``, the sorted ``__all__``, and the
``_EXPORTS`` table the interpreter uses. A name missing from one of them breaks
either type-checking users or running ones, so they are read from the source
and compared here.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import azure.functions

PACKAGE_DIR = Path(azure.functions.__file__).resolve().parent
LAZY_PACKAGES = {
    "azure.functions": PACKAGE_DIR / "__init__.py",
    "azure.functions.decorators": PACKAGE_DIR / "decorators" / "__init__.py",
}


class ExportLists:
    """The three export lists of one package's ``__init__.py``, as written."""

    def __init__(self, package: str, source: str) -> None:
        self.package = package
        tree = ast.parse(source)
        #: name -> module, relative to the package ("" for a submodule itself)
        self.checked: dict[str, str] = {}
        self.all: list[str] = []
        self.table: dict[str, str] = {}
        for node in tree.body:
            if isinstance(node, ast.If) and _is_type_checking(node.test):
                self._read_imports(node.body)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                target = (
                    node.targets[0] if isinstance(node, ast.Assign) else node.target
                )
                assert isinstance(target, ast.Name)
                if target.id == "__all__":
                    assert node.value is not None
                    self.all = ast.literal_eval(node.value)
                elif target.id == "_EXPORTS":
                    assert node.value is not None
                    self.table = ast.literal_eval(node.value)

    def _read_imports(self, body: list[ast.stmt]) -> None:
        for node in body:
            assert isinstance(node, ast.ImportFrom), ast.dump(node)
            assert node.level == 1, "imports relative to the package"
            for alias in node.names:
                # `from .x import Name as Name`: the explicit re-export form.
                assert alias.asname == alias.name, alias.name
                if node.module is None:
                    self.checked[alias.name] = ""
                else:
                    self.checked[alias.name] = node.module


def _is_type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


@pytest.fixture(params=sorted(LAZY_PACKAGES))
def lists(request: pytest.FixtureRequest) -> ExportLists:
    package: str = request.param
    return ExportLists(package, LAZY_PACKAGES[package].read_text(encoding="utf-8"))


def test_all_is_sorted_without_repeats(lists: ExportLists) -> None:
    assert lists.all == sorted(set(lists.all))


def test_the_three_lists_name_the_same_things(lists: ExportLists) -> None:
    # Submodules (`func.meta`) are attributes, not names `import *` gives.
    names = {name for name, module in lists.checked.items() if module}
    assert names == set(lists.all), "TYPE_CHECKING imports vs __all__"
    assert set(lists.table) == set(lists.checked), "_EXPORTS vs TYPE_CHECKING"


def test_each_name_comes_from_the_same_module_in_both_tables(
    lists: ExportLists,
) -> None:
    assert lists.table == lists.checked


def test_each_name_resolves_at_run_time_to_what_type_checkers_see(
    lists: ExportLists,
) -> None:
    package = importlib.import_module(lists.package)
    for name, module in lists.checked.items():
        if module:
            expected = getattr(
                importlib.import_module(f"{lists.package}.{module}"), name
            )
        else:
            expected = importlib.import_module(f"{lists.package}.{name}")
        assert getattr(package, name) is expected, name


def test_a_missing_type_checking_import_is_noticed() -> None:
    source = LAZY_PACKAGES["azure.functions"].read_text(encoding="utf-8")
    line = "    from ._form import FormLimits as FormLimits\n"
    assert line in source
    broken = ExportLists("azure.functions", source.replace(line, ""))
    assert "FormLimits" in set(broken.all) - set(broken.checked)
    assert "FormLimits" in set(broken.table) - set(broken.checked)


def test_an_unknown_name_is_an_attribute_error_naming_the_package() -> None:
    decorators = importlib.import_module("azure.functions.decorators")
    with pytest.raises(AttributeError, match=r"'azure\.functions\.decorators'.*Nope"):
        decorators.Nope  # noqa: B018
