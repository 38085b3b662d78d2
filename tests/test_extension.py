"""The extension's nodes in every builder, through Sphinx's own test fixtures."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

import scholarly_edition
from conftest import EPUB_METADATA


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True)
def test_html(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert '<figure class="absent-image">' in html
    assert ">Image not in the witness</div>" in html
    assert "<figcaption>\n<p>A caption with <em>emphasis</em>.</p>\n</figcaption>" in html
    assert (
        'mid-wo<span class="lacuna apparatus" role="note"><span class="lacuna-sign">[…]</span>'
        " <em>the witness breaks off here</em></span>"
    ) in html


@pytest.mark.sphinx("latex", testroot="apparatus", freshenv=True)
def test_latex(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    assert "\\usepackage{scholarlyedition}" in tex
    assert "\\begin{scholarabsentimage}{Image not in the witness}" in tex
    assert "mid\\sphinxhyphen{}wo\\scholarlacuna{the witness breaks off here}" in tex
    assert (app.outdir / "scholarlyedition.sty").is_file()


# A definition in a LaTeX file: \newcommand{\name}, \newenvironment{name}, \def\name.
DEFINED = re.compile(
    r"\\(?:(?:new|renew|provide)(?:command|environment)\*?\s*\{?\\?|(?:e|g|x)?def\s*\\)"
    r"([A-Za-z@]+)"
)


def test_the_package_latex_stays_out_of_sphinx_s_namespace() -> None:
    """Sphinx may define any ``\\sphinx…`` name in a later release: the package's
    macros and environments are its own, ``\\scholar…``."""
    files = sorted(Path(scholarly_edition.__file__).parent.rglob("*.sty"))
    assert files
    defined = {name for path in files for name in DEFINED.findall(path.read_text("utf-8"))}
    assert "scholarlacuna" in defined
    assert sorted(name for name in defined if name.lower().startswith("sphinx")) == []


@pytest.mark.parametrize("root", ["apparatus", "notes", "names", "annotations", "paragraphs"])
@pytest.mark.parametrize("builder", ["text", "man", "texinfo", "epub", "tei"])
def test_other_builders(make_app, rootdir, tmp_path, builder: str, root: str) -> None:
    """Every node of every feature has a visitor in each builder: a missing one
    is the warning "unknown node type: …" (or a crash), so any warning fails."""
    srcdir = _copy_root(rootdir, tmp_path, root)
    app = make_app(builder, srcdir=srcdir, freshenv=True, confoverrides=EPUB_METADATA)
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True, parallel=2)
def test_parallel_build_matches_serial(app: SphinxTestApp, make_app, rootdir, tmp_path) -> None:
    app.build()
    serial = make_app("html", srcdir=_copy_root(rootdir, tmp_path), freshenv=True)
    serial.build()
    for name in ("index.html", "second.html"):
        assert (app.outdir / name).read_bytes() == (serial.outdir / name).read_bytes()


def test_setup_declares_parallel_safety(make_app, rootdir, tmp_path) -> None:
    app = make_app("html", srcdir=_copy_root(rootdir, tmp_path))
    extension = app.extensions["scholarly_edition"]
    assert extension.version == scholarly_edition.__version__
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True


def _copy_root(rootdir: Path, tmp_path: Path, root: str = "apparatus") -> Path:
    target = tmp_path / "src"
    shutil.copytree(rootdir / f"test-{root}", target)
    return target
