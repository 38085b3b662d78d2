"""The TEI edition of the real text: valid for jing, faithful to the witness, and
carrying every marker, name, paragraph and annotation the HTML edition has."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_file

from conftest import ROOT, unavailable
from edition_tools import fidelity
from scholarly_edition.names import register as names_register
from scholarly_edition.tei.ns import TEI, XML, XML_ID
from scholarly_edition.tei.reading import editorial

NS = {"tei": TEI, "xml": XML}
SCHEMAS = ROOT.parent / "shared" / "schemas" / "tei"
NAME_TAGS = {f"{{{TEI}}}{tag}" for tag in ("persName", "placeName", "orgName")}


@pytest.fixture(scope="module")
def tei(tei_build: tuple[Path, str]) -> ET.Element:
    return ET.parse(tei_build[0] / "edition.xml").getroot()


@pytest.fixture(scope="module")
def chapters(html_build: tuple[Path, str], edition) -> list[tuple[str, BeautifulSoup]]:
    """Each chapter page's article, in reading order, as (page, soup)."""
    html = html_build[0]
    result = []
    for chapter in edition.chapters:
        page = f"{chapter.file}.html"
        soup = BeautifulSoup((html / page).read_text(encoding="utf-8"), "html.parser")
        result.append((page, soup.select_one(fidelity.HTML_MAIN)))
    return result


def test_the_tei_build_gives_no_warnings(tei_build: tuple[Path, str]) -> None:
    assert tei_build[1] == ""


@pytest.mark.parametrize(
    ("output", "schema"),
    [
        ("edition.xml", "tei_all.rng"),
        ("edition-simple.xml", "teisimple.rng"),
        ("edition-simple.xml", "tei_all.rng"),
    ],
)
def test_jing_validates_the_tei(tei_build: tuple[Path, str], output: str, schema: str) -> None:
    jing = shutil.which("jing")
    if jing is None:
        unavailable("jing", "sudo apt-get install jing")
    if not (SCHEMAS / schema).is_file():
        unavailable(
            f"the TEI schemas in {SCHEMAS}", "CI lays the shared folder beside the checkout"
        )
    result = subprocess.run(
        [jing, str(SCHEMAS / schema), str(tei_build[0] / output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_tei_text_is_the_witness_word_for_word(tei_build: tuple[Path, str], edition) -> None:
    report = fidelity.check_tei(edition, tei_build[0] / "edition.xml")
    assert report.problems == ()
    assert report.matched == report.witness_count > 10_000


def test_every_pointer_lands_on_one_element(tei: ET.Element) -> None:
    ids = Counter(element.get(XML_ID) for element in tei.iter() if element.get(XML_ID))
    assert [i for i, count in ids.items() if count > 1] == []
    dangling = [
        (element.tag, pointer)
        for element in tei.iter()
        for attribute in ("target", "ref", "resp")
        for pointer in (element.get(attribute) or "").split()
        if pointer.startswith("#") and pointer[1:] not in ids
    ]
    assert dangling == []


def test_every_marker_is_a_ref_to_its_note(tei: ET.Element, chapters) -> None:
    html = [sup.get_text() for _, main in chapters for sup in main.select("sup.note-ref")]
    body = tei.find(".//tei:body", NS)
    markers = body.findall(".//tei:ref[@type='noteref']", NS)
    assert ["".join(ref.itertext()) for ref in markers] == html
    listed = tei.findall(".//tei:back/tei:div[@type='notes']/tei:note", NS)
    notes = {note.get(XML_ID): note for note in listed}
    for ref in markers:
        assert notes[ref.get("target")[1:]].get("n") == ref.get("n")
    assert len(notes) == len({ref.get("n") for ref in markers})


def test_every_name_of_the_html_is_a_name_of_the_tei(tei: ET.Element, chapters) -> None:
    html = Counter(
        span["id"].removeprefix("name-").rsplit("-", 1)[0]
        for _, main in chapters
        for span in main.select("span.name")
    )
    body = tei.find(".//tei:body", NS)
    names = [element for element in body.iter() if element.tag in NAME_TAGS]
    assert Counter(n.get("ref").removeprefix("#names-entry-") for n in names) == html
    assert sum(html.values()) > 900


def test_the_register_is_listed_with_its_identifiers(tei: ET.Element) -> None:
    register, problems = names_register.load(ROOT / "refs" / "names.toml")
    assert problems == []
    lists = {"person": "listPerson", "place": "listPlace", "organisation": "listOrg"}
    for entry in register.entries.values():
        (listed,) = tei.findall(
            f".//tei:{lists[entry.category]}/*[@xml:id='names-entry-{entry.id}']", NS
        )
        assert listed[0].text == entry.index
        assert listed.findtext("tei:idno[@type='wikidata']", "", NS) == entry.wikidata


def test_every_paragraph_anchor_of_the_html_is_a_paragraph_of_the_tei(
    tei: ET.Element, chapters
) -> None:
    html = [
        f"{page}{link['href']}"
        for page, main in chapters
        for link in main.select("a.paragraph-link")
    ]
    tei_paragraphs = tei.findall(".//tei:body//tei:p[@corresp]", NS)
    assert [p.get("corresp") for p in tei_paragraphs] == html
    for p in tei_paragraphs:
        page, anchor = p.get("corresp").split(".html#")
        assert p.get(XML_ID) == f"{page.replace('/', '.')}.{anchor}"


def _reading(element: ET.Element) -> str:
    """The witness's words in ``element``, without the editors' (a correction's corr)."""
    parts = [element.text or ""]
    for child in element:
        if not editorial(child):
            parts.append(_reading(child))
        parts.append(child.tail or "")
    return "".join(parts)


def test_every_annotation_points_at_the_passage_it_quotes(tei: ET.Element, chapters) -> None:
    html = [aside for _, main in chapters for aside in main.select("aside.annotation-note")]
    notes = tei.findall(".//tei:body//tei:note[@type='annotation']", NS)
    assert len(notes) == len(html) == len(list((ROOT / "docs" / "annotations").glob("*.md")))
    segs = {seg.get(XML_ID): seg for seg in tei.iter(f"{{{TEI}}}seg")}
    for note in notes:
        name = note.get(XML_ID).removeprefix("annotation-")
        text = (ROOT / "docs" / "annotations" / f"{name}.md").read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1])
        pieces = [segs[target[1:]] for target in note.get("target").split()]
        assert "".join(_reading(seg) for seg in pieces) == front["target"]["quote"]
        assert note.get("subtype") == front["kind"]
        assert note.find(".//tei:date", NS).get("when") == str(front["date"])
        if front["kind"] == "correction":
            (choice,) = [c for seg in pieces for c in seg.iter(f"{{{TEI}}}choice")]
            assert choice.findtext("tei:sic", namespaces=NS) == front["reading"]
            assert choice.findtext("tei:corr", namespaces=NS) == front["proposed"]


def test_the_lacuna_is_a_gap_with_its_reason(tei: ET.Element) -> None:
    (gap,) = tei.iter(f"{{{TEI}}}gap")
    assert gap.get("reason")
    assert gap.findtext("tei:desc", namespaces=NS) == "the witness breaks off here"


def test_the_header_describes_the_witness_and_the_licence(tei: ET.Element) -> None:
    digest = hashlib.sha256((ROOT / "refs" / "witness.txt").read_bytes()).hexdigest()
    assert tei.findtext(".//tei:sourceDesc//tei:idno[@type='sha256']", namespaces=NS) == digest
    licence = tei.find(".//tei:publicationStmt//tei:licence", NS)
    assert licence.get("target") == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert "Wikipedia contributors" in "".join(licence.itertext())
    assert len(tei.findall(".//tei:editorialDecl/tei:p", NS)) >= 4


def test_every_work_of_the_bibliography_is_a_bibl(tei: ET.Element) -> None:
    works = parse_file(str(ROOT / "refs" / "works.bib")).entries
    listed = [bibl.get(XML_ID) for bibl in tei.findall(".//tei:listBibl/tei:bibl", NS)]
    assert listed == sorted(f"work-{key}" for key in works)
