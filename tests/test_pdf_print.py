"""What the printed book says and how it sets it: no text meant for the web,
the editorial principles before the text, commands and dates never broken
at a hyphen, one kind of quotation marks on the verso, and a bibliography
labelled and complete as the notes cite it (in the web edition too)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser import middlewares
from bs4 import BeautifulSoup
from pypdf import PdfReader

import edition_data
from conftest import ROOT, pdf_layout

pytestmark = pytest.mark.pdf


def _layout(pdf: Path) -> list[str]:
    text = pdf_layout(pdf)
    return text.split("\f")


def _bibliography(pages: list[str]) -> str:
    start = next(i for i, p in enumerate(pages) if p.lstrip().startswith("Bibliography"))
    end = next(i for i in range(start, len(pages)) if "Index of Names" in pages[i])
    return "\n".join(pages[start:end])


def _unbroken(text: str) -> str:
    """Text with line-end hyphenation undone and no whitespace, to find a phrase in."""
    return re.sub(r"\s+", "", re.sub(r"-\n\s*", "", text))


def test_web_only_text_is_not_printed(
    pdf_build: tuple[Path, str], html_build: tuple[Path, str]
) -> None:
    text = "\n".join(_layout(pdf_build[0]))
    web = ("pull request", "↩", "How to resolve", "make resolve", "Notes report", "Start a New")
    for web_only in web:
        assert web_only not in text, web_only
    notes = BeautifulSoup((html_build[0] / "notes.html").read_text(encoding="utf-8"), "html.parser")
    words = " ".join(notes.select_one("article").get_text().split())
    assert "(↩, or a, b, c … where it is cited more than once)" in words
    assert "The notes report lists the open notes" in words
    assert "running make resolve ARTICLE=page.html" in words


def test_the_editorial_principles_stand_in_the_front_matter(pdf_build: tuple[Path, str]) -> None:
    pages = _layout(pdf_build[0])
    labels = PdfReader(pdf_build[0]).page_labels
    (front,) = [i for i, p in enumerate(pages) if p.lstrip().startswith("Editorial principles")]
    assert re.fullmatch(r"[ivx]+", labels[front])
    assert front < labels.index("1")
    assert "What is preserved" in pages[front] and "What is unknown" in pages[front]
    # Moved, not repeated.
    assert sum("What is preserved" in page for page in pages) == 1


def test_commands_and_dates_are_never_hyphenated(pdf_build: tuple[Path, str]) -> None:
    tex = pdf_build[0].with_suffix(".tex").read_text(encoding="utf-8")
    # The words of every inline code span (commands, paths), TeX's escapes taken out.
    code = {
        word.strip(".,;:()")
        for span in re.findall(r"\\sphinxupquote\{((?:[^{}]|\{\})*)\}", tex)
        for word in re.sub(r"\\[A-Za-z]+(?:\{\})?", "", span).split()
    }
    assert "verify" in code
    for page in _layout(pdf_build[0]):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        for line, after in itertools.pairwise(lines):
            assert not re.search(r"\b\d{4}-(?:\d{2}-)?$", line), line
            broken = re.search(r"(\S+)-$", line)
            if broken:
                joined = (broken[1] + after.split()[0]).strip(".,;:()")
                assert joined not in code, f"{line} / {after}"


def test_the_verso_has_one_kind_of_quotation_marks(pdf_build: tuple[Path, str]) -> None:
    verso = _layout(pdf_build[0])[1]
    assert "“Joseph Stalin”" in " ".join(verso.split())
    assert '"' not in verso


def test_bibliography_labels_are_the_notes_short_form(
    pdf_build: tuple[Path, str], html_build: tuple[Path, str]
) -> None:
    data = edition_data.notes(ROOT)
    cited = {c.rsplit(", ", 1)[0] for citations in data.resolved.values() for c in citations}
    assert cited
    page = BeautifulSoup(
        (html_build[0] / "bibliography.html").read_text(encoding="utf-8"), "html.parser"
    )
    labels = [
        "".join(t for t in label.find_all(string=True) if t.parent.get("class") != ["fn-bracket"])
        for label in page.select(".citation .label")
    ]
    assert cited <= set(labels), labels
    assert not any(re.fullmatch(r"[A-Z][a-z]{0,2}\d\d", label) for label in labels), labels
    printed = " ".join(_bibliography(_layout(pdf_build[0])).split())
    for short in cited:
        surname = short.rsplit(" ", 1)[0]
        assert re.search(rf"{re.escape(short)} .{{0,30}}?{re.escape(surname)}\.", printed), short


def test_every_field_of_a_work_is_printed(
    pdf_build: tuple[Path, str], html_build: tuple[Path, str]
) -> None:
    library = bibtexparser.parse_file(
        str(ROOT / "refs" / "works.bib"),
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    page = BeautifulSoup(
        (html_build[0] / "bibliography.html").read_text(encoding="utf-8"), "html.parser"
    )
    outputs = {
        "HTML": _unbroken(page.select_one("article").get_text()),
        "PDF": _unbroken(_bibliography(_layout(pdf_build[0]))),
    }
    for entry in library.entries:
        for field in entry.fields:
            if field.key == "key":  # the sort key of a work without author
                continue
            if isinstance(field.value, list):
                values = [" ".join(p.first + p.von + p.last + p.jr) for p in field.value]
            else:
                values = [field.value]
            for value in values:
                for name, text in outputs.items():
                    assert _unbroken(value) in text, (name, entry.key, field.key)
