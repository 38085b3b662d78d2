"""The index of names in the built edition: tricky passages, links, the PDF."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

import edition_data
from conftest import ROOT
from scholarly_edition.names import register as names_register
from scholarly_edition.text import structure


def _page(html: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((html / name).read_text(encoding="utf-8"), "html.parser")


def _article(html: Path, name: str) -> Tag:
    article = _page(html, name).select_one("article.bd-article")
    assert article is not None
    return article


def _mentions(html: Path, name: str) -> list[tuple[str, str]]:
    """(index form, text) of every anchored mention on a chapter page."""
    return [(s["title"], s.get_text()) for s in _article(html, name).select("span.name[id]")]


def _sentence(html: Path, name: str, start: str) -> Tag:
    for paragraph in _article(html, name).find_all("p"):
        # The paragraph's number (its permalink) may come before its text.
        if re.sub(r"^\d+", "", paragraph.get_text()).startswith(start):
            return paragraph
    raise AssertionError(start)


def test_false_friends_and_whole_words(html_build: tuple[Path, str]) -> None:
    html = html_build[0]
    terror = _sentence(html, "consolidation-of-power/1932-1939.html", "Stalin often gave")
    names = [(s["title"], s.get_text()) for s in terror.select("span.name")]
    assert ("Stalin Metallurgical Factory", "Stalin Metallurgical Factory") in names
    assert ("Saint Petersburg", "Leningrad") in names
    lead = _sentence(html, "index.html", "Joseph Vissarionovich Stalin")
    lead_names = [s.get_text() for s in lead.select("span.name")]
    assert "Stalinism" not in lead_names and "Marxism" not in lead_names
    assert "Leninist interpretation of Marxism" in lead.get_text()
    lenin = _sentence(html, "consolidation-of-power/1924-1927.html", "Lenin died")
    assert [s.get_text() for s in lenin.select("span.name")].count("Sverdlov University") == 1
    assert "Sverdlov" not in [s.get_text() for s in lenin.select("span.name")]


def test_every_tagged_text_is_a_register_form(html_build: tuple[Path, str]) -> None:
    register, _ = names_register.load(ROOT / "refs" / "names.toml")
    forms = {(e.index, form) for e in register.entries.values() for form in e.forms}
    tagged = 0
    for page in sorted(html_build[0].rglob("*.html")):
        for span in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
            "span.name[id]"
        ):
            assert (span["title"], span.get_text()) in forms, (page, span)
            tagged += 1
    assert tagged > len(register.entries)  # every entry is mentioned, some often


def test_possessives_nicknames_and_explicit_readings(html_build: tuple[Path, str]) -> None:
    html = html_build[0]
    early = _article(html, "early-life/1878-1899.html")
    text = str(early)
    assert 'title="Lenin, Vladimir">Lenin</span>\'s' in str(
        _article(html, "early-life/1905-1912.html")
    )
    # The possessive is tagged whether or not this is the page's first mention.
    assert re.search(
        r'title="Tbilisi">(<a [^>]*>)?Tiflis(</a>)?</span>\' revolutionary milieu',
        str(_article(html, "early-life/1899-1904.html")),
    )
    koba = [s["title"] for s in early.select("span.name") if "Koba" in s.get_text()]
    assert koba == ["Stalin, Joseph", "Egnatashvili, Yakobi"]
    assert '<span class="names-skip">Koba</span>' in text
    # The first mention on the page is also the link to its entry in the index.
    assert (
        'title="Iveria"><a class="name-link" href="../names.html#names-entry-iveria">Iveria</a>'
        '</span> (<span class="names-skip">Georgia</span>)'
    ) in text
    assert ("Stalin, Joseph", "Soso") in _mentions(html, "early-life/1878-1899.html")


def _first_line(edition: structure.Structure, chapter: str, role: str) -> int:
    (found,) = [c for c in edition.chapters if c.file == chapter]
    return next(n for n in range(found.first, found.last + 1) if edition.role(n) == role)


def test_headings_captions_and_quotations(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    """Names are tagged in quotations (with their attribution) and in captions:
    there, every form of the register the witness has, in order."""
    html = html_build[0]
    entries = edition_data.register(ROOT)
    index = {form: e["index"] for e in entries for form in e["forms"]}
    testament = _article(html, "lenins-government/1921-1923.html").select("blockquote")[0]
    quoted = [s.get_text() for s in testament.select("span.name")]
    first = _first_line(edition, "lenins-government/1921-1923", "quote")
    lines = edition.lines[first - 1 : first + 2]  # the quotation, a blank, the attribution
    assert quoted == edition_data.mentions(list(index), "\n".join(lines))
    assert quoted.count("Stalin") == 2 and "Krupskaya" in quoted
    caption = _article(html, "early-life/1878-1899.html").select_one("figcaption")
    assert caption is not None
    line = edition.lines[_first_line(edition, "early-life/1878-1899", "caption") - 1]
    forms = edition_data.mentions(list(index), line)
    assert [s.get_text() for s in caption.select("span.name")] == forms
    assert [s["title"] for s in caption.select("span.name")] == [index[f] for f in forms]
    assert "Stalin, Joseph" in [index[f] for f in forms]
    # A heading keeps its plain text; its mention is indexed at the heading.
    heading = _article(html, "lenins-government/index.html").select_one("h1")
    assert heading is not None and not heading.select("span.name")
    index = _page(html, "names.html")
    lenin = index.select_one("#names-entry-lenin-vladimir").find_next_sibling("dd")
    assert lenin.select_one('a[href="lenins-government/index.html#in-lenin-s-government"]')


def test_index_links_land_on_the_names(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    html = html_build[0]
    index = _page(html, "names.html")
    links = index.select("p.names-mentions a.reference.internal")
    targets = Counter()
    pages: dict[str, BeautifulSoup] = {}  # each page parsed once, not once per link
    for link in links:
        path, _, anchor = link["href"].partition("#")
        name = urlsplit(path).path
        if name not in pages:
            pages[name] = _page(html, name)
        target = pages[name].find(id=anchor)
        assert target is not None, link["href"]
        assert target.name == "section" or "name" in target.get("class", []), link["href"]
        targets[target.name] += 1
    anchored = sum(
        len(_article(html, f"{chapter.file}.html").select("span.name[id]"))
        for chapter in edition.chapters
    )
    assert targets["span"] == anchored
    # Every mention the tagger finds in the witness is in the index, less the
    # two the disambiguation rules mark as not names; hatnotes name other
    # articles and are not mentions.
    forms = [form for entry in edition_data.register(ROOT) for form in entry["forms"]]
    expected = sum(
        len(edition_data.mentions(forms, line))
        for number, line in enumerate(edition.lines, 1)
        if edition.role(number) != "hatnote"
    )
    assert len(links) == expected - edition_data.not_names(ROOT)


def test_hatnotes_are_not_mentions(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    """A hatnote's titles name other articles, so nothing in them is tagged, though
    they hold the register's forms ("Joseph Stalin", "Moscow" in "Moscow Trials")."""
    forms = [form for entry in edition_data.register(ROOT) for form in entry["forms"]]
    hatnotes = [
        (chapter.file, number)
        for chapter in edition.chapters
        for number in range(chapter.first, chapter.last + 1)
        if edition.role(number) == "hatnote"
    ]
    with_forms = [h for h in hatnotes if edition_data.mentions(forms, edition.lines[h[1] - 1])]
    assert len(with_forms) >= 4, with_forms
    for chapter, number in hatnotes:
        paragraphs = _article(html_build[0], f"{chapter}.html").select("p.hatnote")
        (shown,) = [
            p for p in paragraphs if " ".join(p.get_text().split()) == edition.lines[number - 1]
        ]
        assert not shown.select("span.name"), number
    index = _page(html_build[0], "names.html").get_text()
    assert "Early life of Joseph Stalin" not in index


def test_three_parts_in_collation_order(html_build: tuple[Path, str]) -> None:
    index = _page(html_build[0], "names.html")
    persons = index.select_one("section#persons")
    assert persons is not None
    headings = [dt.get_text() for dt in persons.select("dl.names-index > dt")]
    assert headings.index("Pereprygina, Lidia") < headings.index("Piłsudski, Józef")
    assert headings.index("Piłsudski, Józef") < headings.index("Plekhanov, Georgi")
    assert "Koba" in headings and "Soso" in headings
    letters = [a.get_text() for a in persons.select("p.names-letters a")]
    assert letters == sorted(letters) and "J" in letters
    places = index.select_one("section#places")
    assert places is not None
    see = places.find("dt", string="Petrograd").find_next_sibling("dd")
    assert see.get_text(" ", strip=True) == "see Saint Petersburg"
    assert index.select_one("section#organisations dt#names-entry-bolsheviks")
    # One Index of Names: no compact copies of it, nor a general index repeating it.
    for page in ("genindex.html", "names-persons.html", "names-places.html"):
        assert not (html_build[0] / page).exists(), page


@pytest.mark.pdf
def test_pdf_has_the_index_of_names(pdf_build: tuple[Path, str]) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_build[0]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    part = text[text.index("Other forms of a name used") :]
    (pilsudski,) = [e for e in edition_data.register(ROOT) if e["id"] == "pilsudski-jozef"]
    # The PDF may set an apostrophe as a typographic one.
    words = pilsudski["description"].split()[:3]
    description = r"\s+".join(re.escape(word).replace("'", ".") for word in words)
    assert re.search(
        rf"Piłsudski, Józef\n\s+{description}[^\n]*\n(\s+\S[^\n]*\n)*?\s+\d+\n",
        part,
    )
    assert re.search(r"Koba\n\s+see Stalin, Joseph", part)
    assert "Index of Names: Persons" not in text


def test_parallel_build_gives_the_same_index(
    html_build: tuple[Path, str], parallel_html_build: Path
) -> None:
    """`-j 2` merges the mentions of two processes; the index and chapters must not change."""
    pages = ["names.html", "early-life/1878-1899.html"]
    for page in pages:
        serial = (html_build[0] / page).read_bytes()
        assert (parallel_html_build / page).read_bytes() == serial, page
