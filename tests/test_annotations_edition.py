"""The edition's own annotations, in the built HTML and PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import pdf_text

SHIPPED = {
    "old-style-dates": ("index.html", "[O.S. 6 December]"),
    "shpalerhy-prison": ("early-life/1912-1917.html", "Shpalerhy Prison"),
    "diwndling": ("lenins-government/1918-1921.html", "diwndling"),
    "truncation": ("consolidation-of-power/1932-1939.html", "ethnic groups—amo"),
}


def test_each_annotation_marks_its_passage(html_build: tuple[Path, str]) -> None:
    for number, (name, (page, words)) in enumerate(SHIPPED.items(), start=1):
        soup = BeautifulSoup((html_build[0] / page).read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one(f"mark#annotated-{name}").get_text() == words
        note = soup.select_one(f"aside#annotation-{name}")
        assert note.select_one(".annotation-heading").get_text().startswith(f"†{number} ")
    listing = BeautifulSoup(
        (html_build[0] / "annotations.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert len(listing.select("ul.annotations-by-chapter li li")) == 4
    assert [li.p.get_text() for li in listing.select("ul.annotations-by-contributor > li")] == [
        "The editors"
    ]


@pytest.mark.pdf
def test_each_annotation_is_a_footnote_in_the_pdf(pdf_build: tuple[Path, str]) -> None:
    text = pdf_text(pdf_build[0])
    assert "amid a diwndling†3 food supply" in text
    assert "†3 Correction on “diwndling” By The editors, 2026-11-26." in text
    assert "diwndling] sic in the witness; read dwindling" in text
    assert "Shpalerhy Prison†2" in text
