"""The book's LaTeX transforms on a small root: front matter, the worklist left
out, dates kept whole, and a clear message for a front-matter section that
does not exist."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

EXTENSIONS = ["myst_parser", "scholarly_edition", "scholarly_edition.latex.book"]


def _latex(rootdir: Path, tmp_path: Path, front: list[str]) -> tuple[str, str, Path]:
    """The resolved-notes root as LaTeX with the ``front`` matter set in its conf.py:
    (the .tex, the warnings, the source folder)."""
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / "test-resolved-notes", srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"edition_latex_front_matter = {front!r}\n")
    (srcdir / "about.md").write_text(
        "# About\n\n## Principles\n\nWhat is kept, as of 2026-11-26.\n\n## Other\n\nMore.\n",
        encoding="utf-8",
    )
    app = SphinxTestApp(
        "latex",
        srcdir=srcdir,
        confoverrides={
            "extensions": EXTENSIONS,
            "edition_notes_report_page": "report",
        },
    )
    try:
        app.build()
        (tex,) = app.outdir.glob("*.tex")
        return tex.read_text(encoding="utf-8"), strip_colors(app.warning.getvalue()), srcdir
    finally:
        app.cleanup()


def test_front_matter_worklist_and_dates(rootdir: Path, tmp_path: Path) -> None:
    tex, warnings, _ = _latex(rootdir, tmp_path, ["about#principles"])
    assert warnings == ""
    body = tex[tex.index(r"\begin{document}") :]
    front = body.index(r"\editionfrontchapter{Principles}")
    main = body.index(r"\ifdefined\editionmainmatter\editionmainmatter\fi")
    assert front < body.index("What is kept") < main < body.index("A town was founded")
    assert r"\section{Principles}" not in body and r"\section{Other}" in body
    assert r"\mbox{2026\sphinxhyphen{}11\sphinxhyphen{}26}" in body
    # The notes report is not in the book.
    assert r"\label{\detokenize{report::doc}}" not in body


def test_a_front_matter_section_that_does_not_exist(rootdir: Path, tmp_path: Path) -> None:
    """Said at the document that lacks it, or at the setting for no such document."""
    tex, warnings, srcdir = _latex(rootdir, tmp_path, ["about#nope", "gone#principles"])
    assert warnings.strip().splitlines() == [
        f"{srcdir / 'about.md'}: WARNING: edition_latex_front_matter: no section 'about#nope'"
        " (document#section id) [edition.front_matter]",
        f"{srcdir / 'conf.py'}:10: WARNING: edition_latex_front_matter: no section"
        " 'gone#principles' (document#section id) [edition.front_matter]",
    ]
    assert r"\ifdefined\editionmainmatter\editionmainmatter\fi" in tex
