"""The edition's own annotations, in the built HTML and PDF, as docs/annotations has them."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import edition_data
from conftest import ROOT, pdf_text
from scholarly_edition import structure


def check_annotations_html(root: Path, edition: structure.Structure, html: Path) -> None:
    """Each annotation of ``root`` marks its passage on its chapter's page with the
    dagger number of its place in reading order, and the Annotations page lists
    every one by chapter and by contributor."""
    shipped = edition_data.annotations(root, edition)
    assert shipped
    for number, annotation in enumerate(shipped, start=1):
        page = html / f"{annotation.chapter}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if annotation.quote is not None:
            mark = soup.select_one(f"mark#annotated-{annotation.name}")
            assert mark is not None and mark.get_text() == annotation.quote, (page, annotation)
        note = soup.select_one(f"aside#annotation-{annotation.name}")
        assert note is not None, (page, annotation)
        heading = note.select_one(".annotation-heading").get_text()
        assert heading.startswith(f"†{number} {annotation.heading}"), (heading, annotation)
        byline = note.select_one(".annotation-byline").get_text()
        assert byline == f"By {annotation.contributor}, {annotation.date}."
        if annotation.kind == "correction":
            lemma = note.select_one(".annotation-lemma").get_text()
            assert lemma == f"{annotation.reading}] sic in the witness; read {annotation.proposed}"
    listing = BeautifulSoup((html / "annotations.html").read_text(encoding="utf-8"), "html.parser")
    listed = [
        li.get_text().split(" ", 1)[0] for li in listing.select("ul.annotations-by-chapter li li")
    ]
    assert listed == [f"†{number}" for number in range(1, len(shipped) + 1)]
    people = [li.p.get_text() for li in listing.select("ul.annotations-by-contributor > li")]
    assert people == sorted({a.contributor for a in shipped}, key=str.casefold)


def check_annotations_pdf(root: Path, edition: structure.Structure, pdf: Path) -> None:
    """Each annotation is a dagger after its passage and a footnote with its byline."""
    text = "".join(pdf_text(pdf).split())
    for number, annotation in enumerate(edition_data.annotations(root, edition), start=1):
        footnote = f"†{number} {annotation.heading}"
        if annotation.quote is not None:
            footnote += f" By {annotation.contributor}, {annotation.date}."
            assert "".join(f"{annotation.quote}†{number}".split()) in text, annotation
        assert "".join(footnote.split()) in text, annotation
        if annotation.kind == "correction":
            lemma = f"{annotation.reading}] sic in the witness; read {annotation.proposed}"
            assert "".join(lemma.split()) in text, annotation


def test_each_annotation_marks_its_passage(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    check_annotations_html(ROOT, edition, html_build[0])


@pytest.mark.pdf
def test_each_annotation_is_a_footnote_in_the_pdf(
    pdf_build: tuple[Path, str], edition: structure.Structure
) -> None:
    check_annotations_pdf(ROOT, edition, pdf_build[0])
