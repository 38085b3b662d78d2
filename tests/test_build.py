"""The real edition: zero warnings, the shape of the book, the apparatus visible."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import pdf_text
from scholarly_edition.text import structure


def _page(html: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((html / name).read_text(encoding="utf-8"), "html.parser")


def test_html_builds_without_warnings(html_build: tuple[Path, str]) -> None:
    assert "WARNING" not in html_build[1]
    assert "ERROR" not in html_build[1]


def test_every_chapter_has_a_page(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    for chapter in edition.chapters:
        assert (html_build[0] / f"{chapter.file}.html").is_file()
    assert (html_build[0] / "about.html").is_file()


def _sidebar_links(root: Path, page: str) -> list[str]:
    nav = _page(root, page).select_one("nav.bd-docs-nav")
    assert nav is not None
    captions = [c.get_text(strip=True) for c in nav.select("p.caption")]
    assert captions == ["The text", "Apparatus"]
    return [a.get_text(strip=True) for a in nav.select("a.reference.internal")]


def test_table_of_contents_has_parts_and_dated_sections(html_build: tuple[Path, str]) -> None:
    """The sidebar lists the parts, and opens the current part at its dated sections."""
    links = _sidebar_links(html_build[0], "index.html")
    assert links[:4] == [
        "Joseph Stalin: An Edition of a Web-Page Transcript",
        "Early life",
        "In Lenin's government",
        "Consolidation of power",
    ]
    assert "1932–1939: Major crises" not in links
    assert links[-2:] == ["About this edition", "Start a New Edition"]
    links = _sidebar_links(html_build[0], "consolidation-of-power/1932-1939.html")
    start = links.index("Consolidation of power")
    assert links[start + 1 : start + 4] == [
        "1924–1927: Succeeding Lenin",
        "1927–1931: Dekulakisation, collectivisation, and industrialisation",
        "1932–1939: Major crises",
    ]
    assert "1878–1899: Childhood to young adulthood" not in links
    assert links[-2:] == ["About this edition", "Start a New Edition"]


def test_absent_images_are_marked(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    figures = []
    for chapter in edition.chapters:
        figures += _page(html_build[0], f"{chapter.file}.html").select("figure.absent-image")
    assert len(figures) == 19
    for figure in figures:
        placeholder = figure.select_one(".absent-image-placeholder")
        assert placeholder is not None
        assert placeholder.get_text() == "Image not in the witness"
        assert figure.select_one("figcaption p")


def test_lacuna_residue_quotes_and_hatnotes(html_build: tuple[Path, str]) -> None:
    last = _page(html_build[0], "consolidation-of-power/1932-1939.html")
    lacuna = last.select_one("span.lacuna")
    assert lacuna is not None
    witness_before = next(
        text
        for text in lacuna.find_all_previous(string=True)
        if text.find_parent(class_="annotation-ref") is None
    )
    assert witness_before.endswith("ethnic groups—amo")
    assert "breaks off" in lacuna.get_text()
    residue = last.select_one(".admonition.page-residue")
    assert residue is not None and "Loading 1 comment..." in residue.get_text()
    quote = _page(html_build[0], "early-life/1917.html").select_one("blockquote")
    assert quote is not None
    assert quote.select_one("p.attribution").get_text().startswith("— Stalin's editorial")
    hatnotes = _page(html_build[0], "consolidation-of-power/1932-1939.html").select("p.hatnote")
    assert [h.get_text().split(":")[0] for h in hatnotes] == [
        "Further information",
        "See also",
        "Main article",
    ]


def test_front_page_describes_the_header(html_build: tuple[Path, str]) -> None:
    front = _page(html_build[0], "index.html")
    fields = {
        dt.get_text(strip=True).rstrip(":"): dt.find_next_sibling("dd").get_text().strip()
        for dt in front.select("dl.field-list dt")
    }
    assert (
        fields["Title"] == "This Book Will Give You Nightmares - Stalin: The Court of the Red Tsar"
    )
    assert fields["Count"] == "994"
    assert front.select_one('a[href="https://thememoryhole.substack.com/"]')
    assert "Joseph Vissarionovich Stalin (born Ioseb" in front.get_text()


def test_about_page_has_licence_and_citation(html_build: tuple[Path, str]) -> None:
    text = _page(html_build[0], "about.html").get_text()
    assert "CC BY-SA 4.0" in text
    assert "Wikipedia contributors" in text
    assert "MIT licence" in text
    assert "How to cite this edition" in text


@pytest.mark.pdf
def test_pdf_builds_without_warnings(pdf_build: tuple[Path, str]) -> None:
    pdf, stderr = pdf_build
    assert "WARNING" not in stderr
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "undefined references" not in log
    assert "Missing character" not in log


@pytest.mark.pdf
def test_pdf_keeps_unicode(pdf_build: tuple[Path, str]) -> None:
    text = pdf_text(pdf_build[0])
    assert "Józef Piłsudski" in text
    assert "ethnic groups—amo" in text
    assert "Image not in the witness" in text


def test_make_check_is_clean(make_check: subprocess.CompletedProcess[str]) -> None:
    assert make_check.returncode == 0, make_check.stdout + make_check.stderr
