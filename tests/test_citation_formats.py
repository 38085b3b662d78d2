"""The edition's citation as CSL-JSON and RIS, read back by citeproc-py and rispy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rispy
from bs4 import BeautifulSoup
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from sphinx.testing.util import SphinxTestApp

from conftest import edition_citation
from scholarly_edition.html import citation, citation_formats, citing

ROOT = Path(__file__).resolve().parent.parent
# rispy's mapping lacks ED, the editors' tag that Zotero and EndNote read.
RIS_TAGS = {**rispy.TAG_KEY_MAPPING, "ED": "editors"}
RIS_LISTS = [*rispy.LIST_TYPE_TAGS, "ED"]


def _bibliography(text: str) -> list[str]:
    """The CSL-JSON formatted by citeproc-py in the style it bundles."""
    items = json.loads(text)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_citeproc_formats_the_edition_s_csl_json() -> None:
    edition = edition_citation()
    (entry,) = _bibliography(citation_formats.csl_json(edition, "en"))
    assert entry.startswith(f"{edition.editors} (ed.) (2026) {edition.title}."), entry
    (item,) = json.loads(citation_formats.csl_json(edition, "en"))
    assert item["issued"] == {"date-parts": [[2026, 12, 1]]}
    assert (item["version"], item["language"], item["note"]) == ("0.1.0", "en", edition.source)
    assert "URL" not in item  # CITATION.cff gives no address yet


def test_a_published_edition_s_csl_json_has_its_address() -> None:
    edition = citation.load(ROOT / "tests" / "roots" / "test-published" / "CITATION.cff")
    (item,) = json.loads(citation_formats.csl_json(edition))
    assert item["URL"] == "https://edition.example.org/published/"
    assert item["editor"] == [{"literal": "The editors & their helpers"}]
    (entry,) = _bibliography(citation_formats.csl_json(edition))
    assert "The editors & their helpers (ed.) (2025) A Published Edition: Of a Witness." in entry


@pytest.mark.parametrize(
    ("cff", "address"),
    [
        (ROOT / "CITATION.cff", None),
        (
            ROOT / "tests" / "roots" / "test-published" / "CITATION.cff",
            "https://edition.example.org/published/",
        ),
    ],
    ids=["edition", "published"],
)
def test_rispy_reads_the_edition_s_ris(cff: Path, address: str | None) -> None:
    edition = citation.load(cff, "a transcript of a web page")
    (record,) = rispy.loads(
        citation_formats.ris(edition, "en"), mapping=RIS_TAGS, list_tags=RIS_LISTS
    )
    assert record["type_of_reference"] == "ELEC"
    assert record["id"] == edition.key
    assert record["editors"] == [edition.editors]
    assert record["title"] == edition.title
    assert record["edition"] == edition.version
    assert record["year"] == edition.year
    assert record["date"] == edition.released.replace("-", "/")
    assert record["language"] == "en"
    assert record["notes"] == [edition.source]
    assert record.get("urls") == ([address] if address else None)
    assert "unknown_tag" not in record


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True)
def test_the_about_page_offers_csl_json_and_ris(app: SphinxTestApp) -> None:
    """Beside the BibTeX, the same citation in CSL-JSON and RIS, as the module gives them."""
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    # Its file gives no release date: the page has the build's, as the directive does.
    edition = citing.dated(citation.load(Path(app.srcdir) / "CITATION.cff"))
    blocks = [pre.get_text() for pre in soup.select("div.highlight pre")]
    assert blocks[0].strip() == edition.bibtex()
    assert blocks[1].strip() == citation_formats.csl_json(edition, "en")
    assert blocks[2] == citation_formats.ris(edition, "en")
    for number in soup.select("a.paragraph-link"):
        number.decompose()  # this root's paragraphs are numbered
    labels = [p.get_text() for p in soup.select("p") if p.get_text().startswith("In ")]
    assert labels == [
        "In BibTeX (biblatex):",
        "In CSL-JSON (Zotero, Pandoc, citeproc):",
        "In RIS (EndNote, Mendeley, Zotero):",
    ]


@pytest.mark.sphinx("latex", testroot="paragraphs", freshenv=True)
def test_the_printed_about_page_gives_the_bibtex_only(app: SphinxTestApp) -> None:
    """On paper no reference manager reads the page: its BibTeX stays, CSL-JSON and RIS do not."""
    app.build()
    (tex,) = app.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    assert "In BibTeX (biblatex):" in text
    assert "CSL-JSON" not in text and "In RIS" not in text and "date-parts" not in text
