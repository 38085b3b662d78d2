"""Paragraph anchors, the edition's citation and search by name form, without a browser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import bibtexparser
import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

import scholarly_edition
from conftest import edition_citation
from scholarly_edition.html import citation, phrase_search
from scholarly_edition.names import search_terms

ROOT = Path(__file__).resolve().parent.parent


def _copy_root(rootdir: Path, tmp_path: Path) -> Path:
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-paragraphs", source)
    return source


def _anchors(html: str) -> dict[str, str]:
    """Each numbered paragraph's anchor and the start of its text."""
    soup = BeautifulSoup(html, "html.parser")
    result = {}
    for link in soup.select("a.paragraph-link"):
        anchor = link["href"].removeprefix("#")
        block = soup.find(id=anchor)
        assert block is not None, anchor
        assert link.get_text() == anchor.rpartition("p")[2]
        result[anchor] = block.get_text(" ", strip=True)[:30]
    return result


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True)
def test_paragraphs_are_numbered_per_section(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    anchors = _anchors(html)
    # The number comes first: it stands in the margin before the text. Each
    # paragraph of a quotation is numbered like the rest.
    assert list(anchors.items())[:7] == [
        ("p1", "1 First paragraph of the text."),
        ("p2", "2 Second paragraph."),
        ("p3", "3 The first paragraph of a quo"),
        ("p4", "4 Its second paragraph, number"),
        ("p5", "5 Third paragraph."),
        ("a-subsection-p1", "1 First paragraph of the subse"),
        ("a-subsection-p2", "2 Second paragraph of the subs"),
    ]
    assert (
        '<a class="paragraph-link apparatus" href="#p1" title="Link to paragraph 1"'
        ' aria-label="Paragraph 1: link">1</a>'
    ) in html
    soup = BeautifulSoup(html, "html.parser")
    uncounted = soup.select("p.apparatus, p.hatnote")
    assert len(uncounted) == 2  # the introduction and the hatnote
    for paragraph in uncounted:
        assert not paragraph.get("id"), paragraph
    other = (app.outdir / "other.html").read_text(encoding="utf-8")
    assert _anchors(other) == {"p1": "1 Only paragraph."}


def test_an_edit_elsewhere_leaves_the_anchors(make_app, rootdir: Path, tmp_path: Path) -> None:
    """A paragraph added in the subsection renumbers nothing before it, nor other pages."""
    source = _copy_root(rootdir, tmp_path)
    app = make_app("html", srcdir=source, freshenv=True)
    app.build()
    before = _anchors((app.outdir / "index.html").read_text(encoding="utf-8"))
    text = (source / "index.md").read_text(encoding="utf-8")
    (source / "index.md").write_text(
        text.replace("## Citing", "A paragraph added later.\n\n## Citing"), encoding="utf-8"
    )
    app = make_app("html", srcdir=source)
    app.build()
    after = _anchors((app.outdir / "index.html").read_text(encoding="utf-8"))
    assert after == {**before, "a-subsection-p3": "3 A paragraph added later."}


def test_anchors_are_the_same_under_parallel_reading(make_app, rootdir, tmp_path) -> None:
    pages = []
    for jobs in (1, 2):
        source = _copy_root(rootdir, tmp_path / f"j{jobs}")
        app = make_app("html", srcdir=source, freshenv=True, parallel=jobs)
        app.build()
        pages.append(_anchors((app.outdir / "index.html").read_text(encoding="utf-8")))
    assert pages[0] == pages[1]


@pytest.mark.sphinx("text", testroot="paragraphs", freshenv=True)
def test_plain_text_has_no_paragraph_numbers(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "First paragraph of the text.\n" in text


def test_citation_file_matches_the_edition() -> None:
    """CITATION.cff is valid YAML of CFF 1.2.0 and names this edition's version."""
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["cff-version"] == "1.2.0"
    assert {"message", "title", "authors", "version", "license"} <= data.keys()
    assert str(data["version"]) == scholarly_edition.__version__
    edition = edition_citation()
    assert edition.text() == (
        "The editors of the Joseph Stalin transcript edition, eds. Joseph Stalin: An Edition"
        " of a Web-Page Transcript. Version 0.1.0, 2026. Text of the English Wikipedia article"
        ' "Joseph Stalin" by Wikipedia contributors (CC BY-SA 4.0), edited from a transcript'
        " of a web page."
    )
    assert edition.bibtex() == (
        "@online{joseph-stalin-edition,\n"
        "  editor = {{The editors of the Joseph Stalin transcript edition}},\n"
        "  title = {{Joseph Stalin: An Edition of a Web-Page Transcript}},\n"
        "  version = {0.1.0},\n"
        "  date = {2026-12-01},\n"
        "  note = {Text of the English Wikipedia article ``Joseph Stalin'' by\n"
        "    Wikipedia contributors (CC BY-SA 4.0), edited from a transcript of a\n"
        "    web page},\n"
        "}"
    )


def test_the_edition_s_biblatex_entry_reads_back_with_its_special_characters() -> None:
    """bibtexparser reads the entry of a file with an address and an "&" in a name."""
    edition = citation.load(ROOT / "tests" / "roots" / "test-published" / "CITATION.cff")
    library = bibtexparser.parse_string(edition.bibtex())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert (entry.entry_type, entry.key) == ("online", "a-published-edition-edition")
    fields = {field.key: field.value for field in entry.fields}
    assert fields["editor"] == r"{The editors \& their helpers}"
    assert fields["date"] == "2025-03-04"
    assert fields["url"] == "https://edition.example.org/published/"
    assert edition.repository == "https://gitlab.example.org/editors/published"


def test_about_page_and_cite_dialog_give_the_citation_file(html_build) -> None:
    html_dir = html_build[0]
    edition = edition_citation()
    soup = BeautifulSoup((html_dir / "about.html").read_text(encoding="utf-8"), "html.parser")
    quote = soup.select_one("blockquote.edition-citation")
    # The About page is apparatus: its paragraphs carry no numbers.
    assert quote.select_one("a.paragraph-link") is None
    assert " ".join(quote.get_text().split()) == edition.text()
    assert quote.select_one("em").get_text() == edition.title
    assert soup.select_one("div.highlight-bibtex pre").get_text().strip() == edition.bibtex()
    page = (html_dir / "index.html").read_text(encoding="utf-8")
    data = json.loads(page.split("window.editionCitation = ", 1)[1].split(";</script>", 1)[0])
    assert data["before"] + data["title"] + data["after"] == edition.text()
    assert (data["key"], data["version"], data["date"]) == (edition.key, "0.1.0", "2026-12-01")
    assert [tuple(field) for field in data["fields"]] == edition.fields()


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True, confoverrides={"release": "9"})
def test_a_citation_file_of_another_version_is_a_warning(app: SphinxTestApp) -> None:
    app.build()
    assert "version 0.1.0 differs from the edition's release 9 [edition.citation]" in (
        app.warning.getvalue()
    )


def test_search_finds_every_form_of_a_name(html_build) -> None:
    """ "Tbilisi" finds the chapter that says only "Tiflis", through the register."""
    index = (html_build[0] / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    chapter = data["docnames"].index("early-life/1899-1904")
    pages = data["terms"]["tbilisi"]
    assert chapter in (pages if isinstance(pages, list) else [pages])


def test_search_finds_a_word_without_its_diacritics(html_build) -> None:
    """ "Pilsudski" and "Jozef" find the chapter that says "Józef Piłsudski"."""
    index = (html_build[0] / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    chapter = data["docnames"].index("lenins-government/1918-1921")
    for term in ("pilsudski", "jozef"):
        pages = data["terms"][term]
        assert chapter in (pages if isinstance(pages, list) else [pages]), term
    assert search_terms.folded("Łódź") == "Lodz" and search_terms.folded("Kraków") == "Krakow"


def test_search_leaves_out_the_working_lists(html_build) -> None:
    """The notes report repeats the text's sentences and the Index of Names lists
    chapter titles and link numbers: neither makes a search find them beside the text."""
    out = html_build[0]
    index = (out / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    report = data["docnames"].index("notes-report")
    names = data["docnames"].index("names")
    chapter = data["docnames"].index("early-life/1878-1899")

    def pages(term: str, kind: str = "terms") -> list[int]:
        found = data[kind].get(term, [])
        return found if isinstance(found, list) else [found]

    assert not any(report in pages(term) for term in data["terms"])
    # The Index of Names is found by its entries ("Gori"), not by the titles of
    # the chapters it lists ("1878–1899: Childhood to young adulthood").
    assert names in pages("gori")
    assert chapter in pages("childhood", "titleterms") and names not in pages("childhood")
    texts = phrase_search.load(out / phrase_search.FILENAME)
    assert texts is not None and "notes-report" not in texts
    assert not any("Childhood to young adulthood" in text for _, text in texts["names"])
    assert any("Gori" in text for _, text in texts["names"])
