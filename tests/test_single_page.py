"""The whole text on one page (singlehtml): every anchor once, every link
reaching its place, every paragraph, note and annotation of the pages."""

from __future__ import annotations

import posixpath
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT
from scholarly_edition.text import structure


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_anchor_is_on_the_page_once_and_every_link_reaches_one(
    singlehtml_build: Path, html_build: tuple[Path, str]
) -> None:
    page = _soup(singlehtml_build / "index.html")
    ids = Counter(element["id"] for element in page.select("[id]"))
    assert [i for i, count in ids.items() if count > 1] == []
    for link in page.select("a[href]"):
        href = link["href"]
        if href.startswith("#") and href != "#":
            assert href[1:] in ids, href
        elif href.startswith("../"):
            # A page or file the site has beside the one-page text (whole-text/).
            target = posixpath.normpath("whole-text/" + href.split("#")[0])
            assert (html_build[0] / target).is_file() or target.endswith((".pdf", ".epub")), href


def test_it_has_every_paragraph_note_name_and_annotation_of_the_pages(
    singlehtml_build: Path, html_build: tuple[Path, str]
) -> None:
    single = _soup(singlehtml_build / "index.html")
    chapters = [c.file for c in structure.load(ROOT / "refs" / "structure.toml").chapters]
    pages = [_soup(html_build[0] / f"{chapter}.html") for chapter in chapters]

    def count(selector: str) -> tuple[int, int]:
        return len(single.select(selector)), sum(len(p.select(selector)) for p in pages)

    for selector in ("a.paragraph-link", "sup.note-ref", "span.name", "aside.annotation-note"):
        found, expected = count(selector)
        assert found == expected > 0, selector
    # The notes and the Index of Names are on the page, and the text links them there.
    assert single.select("li.note-entry") and single.select('a.name-link[href^="#names-entry-"]')
    first = single.select_one("sup.note-ref > a")
    assert single.select_one(first["href"]).name == "li"
    # A paragraph's permalink is its own anchor.
    link = single.select("a.paragraph-link")[40]
    assert link.find_parent(["p", "li", "blockquote"])["id"] == link["href"][1:]
