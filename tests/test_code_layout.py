"""The package stays a set of small modules, one job each, and a feature uses
another only when it sets that feature up.

The limits are the largest module and function the extension had when it was
split by feature (327 and 77 lines): a module that outgrows them has taken on
a second job.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ROOT
from scholarly_edition import FEATURES

PACKAGES = ROOT / "ext"
MODULE_LINES = 327
FUNCTION_LINES = 77


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGES.rglob("*.py") if ".egg-info" not in str(p))


def test_no_module_outgrows_its_job() -> None:
    long = {
        str(p.relative_to(PACKAGES)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert long == {}


def test_no_function_outgrows_its_job() -> None:
    long = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > FUNCTION_LINES:
                    long[f"{path.relative_to(PACKAGES)}:{node.lineno} {node.name}"] = size
    assert long == {}


def _features_imported(feature: str) -> set[str]:
    """The other features whose modules ``feature``'s modules import."""
    used = set()
    for path in (PACKAGES / "scholarly_edition" / feature).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 2 and node.module:
                used.add(node.module.split(".")[0])
    # _util is shared by every feature, never a feature of its own.
    return (used & set(FEATURES)) - {feature, "_util"}


@pytest.mark.parametrize("feature", FEATURES)
def test_a_feature_sets_up_every_feature_it_uses(feature: str, tmp_path: Path) -> None:
    srcdir = tmp_path / "root"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('bibtex_bibfiles = ["works.bib"]\n', encoding="utf-8")
    (srcdir / "works.bib").write_text("", encoding="utf-8")
    (srcdir / "index.md").write_text("# A page\n", encoding="utf-8")
    app = SphinxTestApp(
        "html", srcdir=srcdir, confoverrides={"extensions": [f"scholarly_edition.{feature}"]}
    )
    try:
        loaded = {name.removeprefix("scholarly_edition.") for name in app.extensions}
    finally:
        app.cleanup()
    assert _features_imported(feature) <= loaded
