"""Quotation lines without a blank line between (witness 68–69) are one paragraph of
two lines; with one between (137, 139) they are two paragraphs: in the structure
map, the chapters, the concordance, the HTML and the PDF."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition_tools import importer
from scholarly_edition.text import concordance, structure


def _line(edition: structure.Structure, number: int) -> str:
    return edition.lines[number - 1]


def test_the_map_records_which_quotation_lines_share_a_paragraph(
    edition: structure.Structure,
) -> None:
    assert (edition.role(68), edition.role(69)) == ("quote", "quote-line")
    assert not _line(edition, 138).strip()
    assert (edition.role(137), edition.role(139)) == ("quote", "quote")


def test_the_chapters_write_one_paragraph_of_two_lines_and_two_paragraphs(
    edition: structure.Structure,
) -> None:
    chapters = importer.render(edition)
    assert (
        f"> {{.witness-lines}}\n> {_line(edition, 68)}\n> The existing pseudo-government"
    ) in chapters["early-life/1917.md"]
    assert (
        "> We have fallen behind the advanced countries by fifty to a hundred years. We must "
        "close that gap in ten years. Either we do this or we'll be crushed.\n>\n> This is what"
    ) in chapters["consolidation-of-power/1927-1931.md"]


def test_a_quotation_of_lines_without_an_attribution_stays_one_quotation(
    tmp_path: Path,
) -> None:
    """At the end of a chapter a quotation has no attribution to close it: each of
    its lines still stands inside the quotation."""
    witness = tmp_path / "witness.txt"
    witness.write_text("Title\n\nFirst line\nSecond line", encoding="utf-8")
    digest = hashlib.sha256(witness.read_bytes()).hexdigest()
    (tmp_path / "structure.toml").write_text(
        f'witness = "witness.txt"\nsha256 = "{digest}"\n'
        '[[chapter]]\nfile = "index"\nfirst = 1\n'
        '[lines]\n3 = "quote"\n4 = "quote-line"\n'
        '[edition]\ntitle = "T"\n',
        encoding="utf-8",
    )
    page = importer.render(structure.load(tmp_path / "structure.toml"))["index.md"]
    assert "\n\n> {.witness-lines}\n> First line\n> Second line\n" in page


def test_the_concordance_puts_both_lines_in_one_paragraph(edition: structure.Structure) -> None:
    anchors = {row.line: row.anchor for row in concordance.rows(edition)}
    assert anchors[69] == anchors[68] != ""
    assert anchors[139] != anchors[137]


def _quotations(html: Path, page: str) -> list[BeautifulSoup]:
    soup = BeautifulSoup((html / page).read_text(encoding="utf-8"), "html.parser")
    return soup.select("article blockquote")


def _text(node: BeautifulSoup) -> str:
    for link in node.select("a.paragraph-link"):
        link.decompose()
    return " ".join(node.get_text().split())


def test_the_html_shows_a_line_break_and_two_paragraphs(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    html = html_build[0]
    first = _quotations(html, "early-life/1917.html")[0]
    (lines,) = first.select("p:not(.attribution)")
    assert "witness-lines" in lines["class"]
    assert len(lines.select("br")) == 1
    before, after = str(lines).split("<br/>")
    assert _text(BeautifulSoup(before, "html.parser")).endswith(_line(edition, 68))
    assert _text(BeautifulSoup(after, "html.parser")) == _line(edition, 69)
    second = next(
        quote
        for quote in _quotations(html, "consolidation-of-power/1927-1931.html")
        if "We have fallen behind" in quote.get_text()
    )
    paragraphs = second.select("p:not(.attribution)")
    assert [_text(p) for p in paragraphs] == [_line(edition, 137), _line(edition, 139)]
    assert not second.select("br, .witness-lines")


@pytest.mark.pdf
def test_the_pdf_breaks_the_line_inside_the_paragraph(pdf_build: tuple[Path, str]) -> None:
    pdf = pdf_build[0]
    tex = (pdf.parent / "stalin-edition.tex").read_text(encoding="utf-8")
    tex = tex.replace("\\sphinxhyphen{}", "-")
    # One paragraph, its two lines parted by a line break; then two paragraphs.
    assert "a government of workers and peasants.\\\\\nThe existing pseudo-government" in tex
    assert "crushed.\n\n\\sphinxAtStartPar\nThis is what our obligations" in tex
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "workers and peasants.\nThe existing pseudo-government" in text
