"""The apparatus pages of the editorial record, in the built HTML and PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT
from scholarly_edition.text import concordance, structure


def _page(html: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((html / name).read_text(encoding="utf-8"), "html.parser")


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_witness_line_is_in_the_concordance_and_its_anchor_holds_it(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    html = html_build[0]
    table = _page(html, "concordance.html").select("table.witness-concordance tbody tr")
    lines = [n for n, text in enumerate(edition.lines, 1) if text.strip()]
    assert [int(row.td.get_text()) for row in table] == lines
    for row in concordance.rows(edition):
        if not row.anchor:
            continue
        target = _page(html, f"{row.chapter}.html").find(id=row.anchor)
        assert target is not None, (row.line, row.chapter, row.anchor)
        start = " ".join(edition.lines[row.line - 1].split()[:4])
        if row.role != "subsection":
            if row.role == "attribution":
                # The attribution follows the quotation's last paragraph.
                target = target.find_parent("blockquote") or target
            # The annotations' dagger numbers are apparatus inside the text.
            text = re.sub(r"†\d+", "", target.get_text())
            assert start in _words(text), (row.line, row.anchor)
    data = (html / "witness-concordance.tsv").read_text(encoding="utf-8").splitlines()
    assert len(data) == len(lines) + 1


def test_the_slips_page_lists_every_correction_on_its_line(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    """Slips (first table) and statements the editors correct (second), each on the
    witness line it names; every correction is one of them, and each statement
    corrected names its source."""
    slips, statements = _page(html_build[0], "slips.html").select("table")
    listed = []
    for table, kind in ((slips, "slip"), (statements, "statement")):
        for row in table.select("tbody tr"):
            line, reading, _proposed, fourth, _link = (c.get_text() for c in row.select("td"))
            head = reading.split(" …")[0].rstrip(", ")
            assert head in edition.lines[int(line) - 1], (line, reading)
            if kind == "slip":
                assert fourth in ("the article's", "the capture's")
            else:
                assert row.select("td")[3].select("a[href^='bibliography.html#work-']"), line
            listed.append(row.select_one("td:last-child a")["href"])
    corrections = []
    for path in sorted((ROOT / "docs" / "annotations").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if front["kind"] == "correction":
            assert front.get("cites"), path.name
            corrections.append(f"annotations/{path.stem}.html")
    assert sorted(listed) == sorted(corrections)


def test_the_notes_page_explains_the_missing_numbers_and_the_letters(
    html_build: tuple[Path, str],
) -> None:
    text = _words(_page(html_build[0], "notes.html").select_one("article").get_text())
    assert "Notes 1, 2 and 6 are absent" in text
    assert "The letter h comes before the letter d" in text
    # Written as code: the numbers on this page are not uses of the notes.
    assert "ref-h-2" not in (html_build[0] / "notes.html").read_text(encoding="utf-8")
    assert text.count("Conjecture:") >= 2


def test_the_about_page_attributes_licenses_and_states_provenance(
    html_build: tuple[Path, str],
) -> None:
    about = _page(html_build[0], "about.html")
    text = _words(about.select_one("article").get_text())
    hrefs = {a["href"] for a in about.select("article a[href]")}
    assert "https://en.wikipedia.org/wiki/Joseph_Stalin" in hrefs
    assert any("action=history" in href for href in hrefs)
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in hrefs
    for words in (
        "This edition is an adaptation",
        "Disclaimer of warranties",
        "Lines 1–6 and 193 of the witness",
        "What is not known",
        "Who made the capture",
        "the edition has not identified it",
        '"diwndling"',
        "Statement of responsibility",
        "Purpose",
    ):
        assert words in text, words
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert f"version {cff['version']} of the edition, released on {cff['date-released']}" in text


@pytest.mark.pdf
def test_the_bibliography_has_both_web_pages_and_the_translator(
    html_build: tuple[Path, str], pdf_build: tuple[Path, str]
) -> None:
    text = _words(_page(html_build[0], "bibliography.html").select_one("article").get_text())
    assert "Translated by Nora Seligman Favorov" in text
    assert "This Book Will Give You Nightmares - Stalin: The Court of the Red Tsar" in text
    assert "URL: https://en.wikipedia.org/wiki/Joseph_Stalin" in text
    pdf = subprocess.run(
        ["pdftotext", str(pdf_build[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Translated by Nora Seligman Favorov" in _words(pdf)


@pytest.mark.pdf
def test_the_editors_rubrics_say_they_are_the_editors(
    html_build: tuple[Path, str], pdf_build: tuple[Path, str]
) -> None:
    rubrics = _page(html_build[0], "index.html").select("p.rubric.editors-rubric")
    assert [r.get_text() for r in rubrics] == [
        "The captured page (the editors' heading)",
        "The article's lead (the editors' heading)",
    ]
    pdf = _words(
        subprocess.run(
            ["pdftotext", "-l", "8", str(pdf_build[0]), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert re.search(r"The captured page \(the editors. heading\)", pdf)
    assert "Introduction" not in pdf
