"""The printed notes are a critical apparatus: footnotes for what is known, one
statement for what is not, page references only to another page, and notes
in captions set at the foot of the page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp

import edition_data
from conftest import ROOT, make_latex_pdf, pdf_layout, require_tex

pytestmark = pytest.mark.pdf

# A footnote of a note: its label at the start of a line, then its text.
FOOTNOTE = re.compile(r"^\s*\[([^\]\s]+(?: \d+)?)\]\s+(\S.*)$", re.MULTILINE)
SEE_NOTE = re.compile(r"See note \[([^\]]+)\] on p\. (\S+?)\.")


def _pages(pdf: Path) -> list[tuple[str, str]]:
    """Each page as (its printed number, its text as pdftotext lays it out)."""
    text = pdf_layout(pdf)
    return list(zip(PdfReader(pdf).page_labels, text.split("\f"), strict=False))


def _expand(ranges: str) -> list[str]:
    """ "7–9, 12, h" as its labels."""
    labels: list[str] = []
    for part in ranges.split(", "):
        first, _, last = part.partition("–")
        labels += [str(n) for n in range(int(first), int(last) + 1)] if last else [first]
    return labels


def test_unresolved_notes_are_stated_once_not_footnoted(pdf_build: tuple[Path, str]) -> None:
    pages = _pages(pdf_build[0])
    footnotes = [m for _, text in pages for m in FOOTNOTE.finditer(text)]
    unknown = [m for m in footnotes if m[2].startswith("Source not yet identified")]
    data = edition_data.notes(ROOT)
    # One statement, at the first open note, with the page of their list.
    assert len(unknown) == 1, [m[0] for m in unknown[:5]]
    assert unknown[0][1] in data.unresolved
    found = re.search(r"listed on\s+p\. (\S+?)\.", " ".join(unknown[0].string.split()))
    assert found, unknown[0].string
    (listing,) = [text for label, text in pages if label == found[1]]
    listed = re.search(r"without a footnote: notes (.+?)\.", " ".join(listing.split()))
    assert listed, listing
    assert sorted(_expand(listed[1])) == sorted(data.unresolved)
    # Every resolved and explanatory note still has its footnote.
    footnoted = {m[1] for m in footnotes}
    assert set(data.resolved) | set(data.explanatory) <= footnoted


def test_a_later_use_refers_only_to_another_page(pdf_build: tuple[Path, str]) -> None:
    for label, text in _pages(pdf_build[0]):
        for see in SEE_NOTE.finditer(" ".join(text.split())):
            assert see[2] != label, f"p. {label}: {see[0]}"


def test_no_footnote_is_numbered_zero(pdf_build: tuple[Path, str]) -> None:
    """A footnote set inside a caption's box had the box's own number, 0."""
    for label, text in _pages(pdf_build[0]):
        assert not re.search(r"^\s*0\s{2,}\S", text, re.MULTILINE), f"p. {label}"


# A small text whose notes fall on two pages: a resolved note used again on its
# own page and on the next, a note in a caption, and an open note used twice.
TEXT = """# Text

A town was founded.[1] Its port opened.[n 1] The town grew.[1]

```{absent-image}
A view of the port.[a]
```

A group's note.[nb 2] The end of the first page.

```{raw} latex
\\clearpage
```

The port closed.[1] A later survey.[nb 2]
"""


@pytest.fixture(scope="module")
def small_pdf(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The resolved-notes test root with TEXT, as a PDF (one small TeX run)."""
    require_tex()
    srcdir = tmp_path_factory.mktemp("notes-pdf") / "root"
    shutil.copytree(rootdir / "test-resolved-notes", srcdir)
    (srcdir / "text.md").write_text(TEXT, encoding="utf-8")
    app = SphinxTestApp("latex", srcdir=srcdir, confoverrides={"latex_engine": "xelatex"})
    try:
        app.build()
        assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
        result = make_latex_pdf(app.outdir)
        assert result.returncode == 0, result.stdout[-3000:]
        (pdf,) = app.outdir.glob("*.pdf")
        return pdf
    finally:
        app.cleanup()


def test_a_page_reference_only_where_the_first_use_is_elsewhere(small_pdf: Path) -> None:
    pages = _pages(small_pdf)
    ((first, here),) = [(label, text) for label, text in pages if "The town grew" in text]
    ((_, there),) = [(label, text) for label, text in pages if "The port closed" in text]
    assert "See note" not in here
    assert f"See note [1] on p. {first}." in " ".join(there.split())


def test_a_note_in_a_caption_is_a_footnote_of_the_page(small_pdf: Path) -> None:
    (text,) = [text for _, text in _pages(small_pdf) if "A view of the port" in text]
    notes = {m[1]: m[2] for m in FOOTNOTE.finditer(text)}
    assert notes["a"] == "The letter is undated."
    # At the foot of the page, below the text that follows the caption.
    assert text.index("The letter is undated.") > text.index("The end of the first page.")


def test_an_open_note_says_once_what_the_open_notes_are(small_pdf: Path) -> None:
    pages = _pages(small_pdf)
    text = "\n".join(text for _, text in pages)
    assert [m[1] for m in FOOTNOTE.finditer(text) if "not yet identified" in m[2]] == ["nb 2"]
    words = " ".join(text.split())
    found = re.search(
        r"Nor are the sources of the notes printed without a footnote,"
        r" which are listed on p\. (\S+?)\.",
        words,
    )
    assert found, words
    (listing,) = [text for label, text in pages if label == found[1]]
    assert "without a footnote: notes nb 2." in " ".join(listing.split())


def test_a_docname_with_underscore_and_accents_keeps_its_page_references(
    rootdir: Path, tmp_path: Path
) -> None:
    """The notes' LaTeX labels are escaped as Sphinx escapes its own: a chapter
    called ``łódź_first`` is a target its later uses find, on their page."""
    require_tex()
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / "test-notes", srcdir)
    (srcdir / "first.md").rename(srcdir / "łódź_first.md")
    index = (srcdir / "index.md").read_text(encoding="utf-8")
    (srcdir / "index.md").write_text(index.replace("\nfirst\n", "\nłódź_first\n"), "utf-8")
    overrides = {"latex_engine": "xelatex", "latex_domain_indices": False}
    app = SphinxTestApp("latex", srcdir=srcdir, confoverrides=overrides)
    try:
        app.build()
        assert app.warning.getvalue() == ""
        result = make_latex_pdf(app.outdir)
        assert result.returncode == 0, result.stdout[-3000:]
        log = next(app.outdir.glob("*.log")).read_text(encoding="utf-8", errors="replace")
        assert [line for line in log.splitlines() if "undefined" in line.lower()] == []
        (pdf,) = app.outdir.glob("*.pdf")
        pages = _pages(pdf)
    finally:
        app.cleanup()
    first = next(label for label, text in pages if "Born in Gori,[1]" in text)
    second = next(text for _, text in pages if "Cited again.[1]" in text)
    assert f"See note [1] on p. {first}." in " ".join(second.split())
