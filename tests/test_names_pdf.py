"""The printed Index of Names finds its mentions' pages whatever a document is
called: labels are escaped as Sphinx escapes its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from conftest import make_latex_pdf, pdf_layout, require_tex

pytestmark = pytest.mark.pdf


def test_a_docname_with_underscore_and_accents_keeps_its_index_pages(
    rootdir: Path, tmp_path: Path
) -> None:
    require_tex()
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / "test-names", srcdir)
    (srcdir / "chapter.md").rename(srcdir / "łódź_chapter.md")
    index = (srcdir / "index.md").read_text(encoding="utf-8")
    (srcdir / "index.md").write_text(index.replace("\nchapter\n", "\nłódź_chapter\n"), "utf-8")
    app = SphinxTestApp(
        "latex",
        srcdir=srcdir,
        confoverrides={
            "latex_engine": "xelatex",
            "names_documents": ["index", "łódź_chapter"],
            # As the edition: the printed Index of Names, not Sphinx's domain
            # indices (whose LaTeX leaves a docname unescaped).
            "latex_domain_indices": False,
        },
    )
    try:
        app.build()
        assert strip_colors(app.warning.getvalue()) == ""
        result = make_latex_pdf(app.outdir)
        assert result.returncode == 0, result.stdout[-3000:]
        log = next(app.outdir.glob("*.log")).read_text(encoding="utf-8", errors="replace")
        assert "undefined" not in log.lower(), [
            line for line in log.splitlines() if "undefined" in line.lower()
        ]
        text = pdf_layout(next(app.outdir.glob("*.pdf")))
    finally:
        app.cleanup()
    # Lenin is named on the first page and in the renamed chapter: the Index of
    # Names gives both pages under his entry and its description.
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Lenin, Vladimir ("))
    assert lines[start + 2].split() == ["1,", "3"], lines[start : start + 3]
