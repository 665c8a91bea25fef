"""Sphinx configuration of the azure-functions documentation.

Built with warnings as errors by ``tests/test_docs.py``; by hand::

    .venv/bin/python -m sphinx -W -b html docs /tmp/azure-functions-docs
"""

from __future__ import annotations

import builtins
import sys
from pathlib import Path

from docutils import nodes
from docutils.nodes import Element
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # document this checkout, not an installed copy

from azure.functions import __all__ as functions_all  # noqa: E402
from azure.functions import __version__  # noqa: E402

project = "azure-functions (typed)"
author = "The azure-functions typed rewrite contributors"
copyright = "the azure-functions typed rewrite contributors"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_intersphinx", "README.md"]
language = "en"

# MyST: ::: fences for directives; anchors for headings down to level 3.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc: the public names, in the order their modules list them.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
autodoc_default_options = {"show-inheritance": True}

# The Python docs' inventory ships with the docs (the build needs no network);
# links still point at docs.python.org.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", str(HERE / "_intersphinx/python-3.11.inv")),
}

html_theme = "furo"
html_title = f"azure-functions {release}"
html_static_path: list[str] = []
pygments_style = "default"


_BUILTIN_NAMES = frozenset(vars(builtins))
_EXPORTED = frozenset(functions_all)


def _builtin_names_mean_builtins(app: Sphinx, doctree: nodes.document) -> None:
    """Resolve a bare builtin name in a signature (``-> type``) to the builtin.

    Names in annotations are looked up loosely, by suffix, so ``type`` would
    also match the attributes ``CloudEvent.type`` and ``Datum.type``; a bare
    builtin name always means the builtin.
    """
    for node in doctree.findall(addnodes.pending_xref):
        if (
            node.get("refdomain") == "py"
            and node.hasattr("refspecific")
            and node.get("reftarget") in _BUILTIN_NAMES
        ):
            del node["refspecific"]  # the domain searches loosely if it is there


def _public_path(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: Element
) -> Element | None:
    """Link a name the package exports to its ``azure.functions.<Name>`` entry.

    Docstrings and signatures name types as their module sees them
    (``QueueMessage`` in ``azure.functions.queue``, a private module's path);
    the API reference documents each once, at its public path.
    """
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    parts = target.split(".")
    tail: list[str] | None = None
    if parts[:2] == ["azure", "functions"]:
        tail = next(
            (parts[i:] for i in range(2, len(parts)) if parts[i] in _EXPORTED), None
        )
    elif parts[0] in _EXPORTED:
        tail = parts
    if tail is None:
        return None
    public = ".".join(["azure", "functions", *tail])
    if public == target:
        return None
    return env.get_domain("py").resolve_xref(
        env,
        node.get("refdoc", ""),
        app.builder,
        node["reftype"],
        public,
        node,
        contnode,
    )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the hooks above."""
    app.connect("doctree-read", _builtin_names_mean_builtins)
    app.connect("missing-reference", _public_path)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
