"""Each feature of the extension loads on its own, as ``sphinx.ext.*`` do, and
does its job with zero warnings: an edition takes only what it needs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from scholarly_edition import FEATURES


@contextmanager
def _build(srcdir: Path, extensions: list[str]) -> Iterator[tuple[SphinxTestApp, str]]:
    app = SphinxTestApp("html", srcdir=srcdir, confoverrides={"extensions": extensions})
    try:
        app.build()
        yield app, strip_colors(app.warning.getvalue())
    finally:
        app.cleanup()


@pytest.mark.parametrize("feature", FEATURES)
def test_every_feature_builds_a_plain_page_alone(feature: str, tmp_path: Path) -> None:
    srcdir = tmp_path / "root"
    srcdir.mkdir()
    # The notes feature cites through sphinxcontrib-bibtex, which needs a file.
    (srcdir / "conf.py").write_text(
        'exclude_patterns = ["_build"]\nbibtex_bibfiles = ["works.bib"]\n', encoding="utf-8"
    )
    (srcdir / "works.bib").write_text(
        "@book{work, author = {A. Author}, title = {A Work}, year = {2000}}\n", encoding="utf-8"
    )
    (srcdir / "index.md").write_text("# A page\n\nPlain text [sic].\n", encoding="utf-8")
    with _build(srcdir, ["myst_parser", f"scholarly_edition.{feature}"]) as (app, warnings):
        assert warnings == ""
        assert "Plain text [sic]." in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_the_notes_feature_alone_links_markers_to_their_notes(
    rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / "test-notes", srcdir)
    with _build(srcdir, ["myst_parser", "scholarly_edition.notes"]) as (app, warnings):
        assert warnings == ""
        first = (app.outdir / "first.html").read_text(encoding="utf-8")
        assert 'href="notes.html#note-' in first
        assert 'class="reference internal"' in (app.outdir / "notes.html").read_text("utf-8")


def test_the_names_feature_alone_fills_the_index_of_names(rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / "test-names", srcdir)
    with _build(srcdir, ["myst_parser", "scholarly_edition.names"]) as (app, warnings):
        assert warnings == ""
        index = (app.outdir / "index-of-names.html").read_text(encoding="utf-8")
        assert 'href="chapter.html#' in index


def test_the_annotations_feature_alone_places_its_annotations(
    rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    with _build(srcdir, ["myst_parser", "scholarly_edition.annotations"]) as (app, warnings):
        assert warnings == ""
        pages = "".join(p.read_text("utf-8") for p in app.outdir.glob("*.html"))
        assert "annotation-note" in pages
