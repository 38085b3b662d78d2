"""The open data beside the HTML (``data/``), read by the tools that read such data:
the works' CSL-JSON by citeproc-py, the register's JSON-LD by rdflib."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_file
from rdflib import RDF, Graph, Namespace, URIRef

from conftest import ROOT
from edition_tools import fidelity
from scholarly_edition.names import register as names_register
from scholarly_edition.notes import data as notes_data

SCHEMA = Namespace("https://schema.org/")
# Where the edition would be published: relative addresses resolve against it.
SITE = "https://edition.example/"


@pytest.fixture(scope="module")
def data(html_build: tuple[Path, str]) -> Path:
    return html_build[0] / "data"


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def chapters(html_build: tuple[Path, str], edition) -> dict[str, BeautifulSoup]:
    return {
        f"{c.file}.html": BeautifulSoup(
            (html_build[0] / f"{c.file}.html").read_text(encoding="utf-8"), "html.parser"
        ).select_one(fidelity.HTML_MAIN)
        for c in edition.chapters
    }


def test_citeproc_formats_every_work_in_a_standard_style(data: Path) -> None:
    works = _load(data / "works.json")
    keys = parse_file(str(ROOT / "refs" / "works.bib")).entries.keys()
    assert sorted(w["id"] for w in works) == sorted(keys)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(works), formatter.plain)
    for work in works:
        bibliography.register(Citation([CitationItem(work["id"])]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == len(works)
    for work in works:
        names = [a.get("family", a.get("literal")) for a in work.get("author", [])]
        assert any(work["title"] in e and all(n in e for n in names) for e in entries), work
    assert "Conquest, R. (1991) Stalin: Breaker of Nations. London: Weidenfeld & Nicolson." in (
        entries
    )


def test_rdflib_reads_every_entity_with_a_type_a_label_and_its_mentions(
    data: Path, chapters: dict[str, BeautifulSoup]
) -> None:
    graph = Graph()
    graph.parse(data / "register.jsonld", format="json-ld", publicID=f"{SITE}data/register.jsonld")
    register, problems = names_register.load(ROOT / "refs" / "names.toml")
    assert problems == []
    types = {"person": SCHEMA.Person, "place": SCHEMA.Place, "organisation": SCHEMA.Organization}
    for entry in register.entries.values():
        entity = URIRef(f"{SITE}names.html#names-entry-{entry.id}")
        assert (entity, RDF.type, types[entry.category]) in graph
        assert str(graph.value(entity, SCHEMA.name)) == entry.index
        same = graph.value(entity, SCHEMA.sameAs)
        wikidata = f"http://www.wikidata.org/entity/{entry.wikidata}" if entry.wikidata else None
        assert (str(same) if same else None) == wikidata
    entities = set(graph.subjects(RDF.type, None))
    assert len(entities) == len(register.entries)
    assert all(graph.value(e, SCHEMA.name) for e in entities)
    # Every mention in the text is a page fragment that mentions its entity: a
    # tagged name, or a heading that names it (headings carry no tags).
    spans = Counter()
    for page, entity in graph.subject_objects(SCHEMA.mentions):
        path, anchor = str(page).removeprefix(SITE).split("#")
        entry = register.entries[str(entity).rsplit("#names-entry-", 1)[1]]
        found = chapters[path].find(id=anchor)
        assert found is not None, page
        if found.name == "span":
            spans[entry.id] += 1
            assert found["id"].removeprefix("name-").rsplit("-", 1)[0] == entry.id
        else:
            heading = found.find(["h1", "h2", "h3"]).get_text()
            assert any(form in heading for form in entry.forms), (page, entry.id)
    html = Counter(
        span["id"].removeprefix("name-").rsplit("-", 1)[0]
        for main in chapters.values()
        for span in main.select("span.name")
    )
    assert spans == html


def test_the_ledger_lists_every_marker_with_its_paragraph_and_note(
    data: Path, chapters: dict[str, BeautifulSoup]
) -> None:
    rows = _load(data / "citation-ledger.json")
    markers = [
        (page, sup["id"]) for page, main in chapters.items() for sup in main.select("sup.note-ref")
    ]
    assert [(row["page"], row["marker"]) for row in rows] == markers
    keys = set(parse_file(str(ROOT / "refs" / "works.bib")).entries.keys())
    notes = notes_data.load(ROOT / "refs" / "notes.toml", keys).notes
    for row in rows:
        note = notes[row["label"]]
        assert row["status"] == note.status
        assert [(w["id"], w["locator"]) for w in row["works"]] == [
            (c.key, c.locator) for c in note.cites
        ]
        paragraph = chapters[row["page"]].find(id=row["paragraph"])
        assert paragraph is not None and paragraph.find(id=row["marker"]) is not None


def test_the_concordance_gives_every_line_of_the_witness_its_place(data: Path, edition) -> None:
    rows = _load(data / "concordance.json")
    lines = [n for n in range(1, len(edition.lines) + 1) if edition.role(n) != "blank"]
    assert [row["line"] for row in rows] == lines
    assert {row["page"] for row in rows} == {f"{c.file}.html" for c in edition.chapters}
