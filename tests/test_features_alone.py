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


@pytest.mark.parametrize(
    ("feature", "root", "page", "shown"),
    [
        # The markers link to their notes, and the notes page lists them.
        ("notes", "test-notes", "first.html", 'href="notes.html#note-'),
        ("notes", "test-notes", "notes.html", 'class="reference internal"'),
        # The Index of Names links each mention.
        ("names", "test-names", "index-of-names.html", 'href="chapter.html#'),
        # The annotations stand beside the text.
        ("annotations", "test-annotations", "first.html", "annotation-note"),
    ],
)
def test_a_feature_alone_does_its_work_on_its_root(
    feature: str, root: str, page: str, shown: str, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / root, srcdir)
    with _build(srcdir, ["myst_parser", f"scholarly_edition.{feature}"]) as (app, warnings):
        assert warnings == ""
        assert shown in (app.outdir / page).read_text(encoding="utf-8")
