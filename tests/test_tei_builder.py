"""The ``tei`` builder on a small root, through Sphinx's own test fixtures."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from edition_tools import new_edition
from scholarly_edition.tei.ns import TEI, XML, XML_ID

NS = {"tei": TEI, "xml": XML}


def _copy_root(rootdir: Path, tmp_path: Path, name: str) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(rootdir / f"test-{name}", srcdir)
    return srcdir


@pytest.fixture
def built(make_app, rootdir: Path, tmp_path: Path) -> tuple[SphinxTestApp, ET.Element]:
    app = make_app("tei", srcdir=_copy_root(rootdir, tmp_path, "annotations"), freshenv=True)
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    return app, ET.parse(app.outdir / "edition.xml").getroot()


def test_paragraphs_have_their_html_anchors(built) -> None:
    _, root = built
    paragraphs = root.findall(".//tei:body//tei:p[@corresp]", NS)
    assert [(p.get(XML_ID), p.get("corresp")) for p in paragraphs] == [
        ("first.p1", "first.html#p1"),
        ("first.a-section-p1", "first.html#a-section-p1"),
        ("second.p1", "second.html#p1"),
    ]


def test_every_marker_refers_to_one_note_with_its_label(built) -> None:
    _, root = built
    markers = root.findall(".//tei:body//tei:ref[@type='noteref']", NS)
    assert [m.text or "".join(m.itertext()) for m in markers] == [
        "[1]",
        "[2]",
        "[1]",
        "[a]",
        "[1]",
        "[1]",
    ]
    notes = {n.get(XML_ID): n for n in root.findall(".//tei:back//tei:note", NS)}
    assert sorted(notes) == ["note-1", "note-2", "note-a"]
    for marker in markers:
        note = notes[marker.get("target").removeprefix("#")]
        assert note.get("n") == marker.get("n")
    # The resolved note cites the works of the listBibl, with its locators.
    cited = notes["note-1"]
    assert [r.get("target") for r in cited.findall("tei:ref", NS)] == [
        "#work-service2004",
        "#work-conquest1991",
    ]
    assert "".join(cited.itertext()) == "Service 2004, p. 14; Conquest 1991, pp. 2–3"
    assert notes["note-2"].get("type") == "unresolved"
    assert notes["note-a"].get("type") == "explanatory"
    works = root.findall(".//tei:listBibl/tei:bibl", NS)
    assert [w.get(XML_ID) for w in works] == ["work-conquest1991", "work-service2004"]


def test_a_correction_is_sic_and_corr_and_its_annotation_points_at_it(built) -> None:
    _, root = built
    (seg,) = root.findall(".//tei:seg[@xml:id='annotated-diwndling']", NS)
    choice = seg.find("tei:choice", NS)
    assert choice.findtext("tei:sic", namespaces=NS) == "diwndling"
    assert choice.findtext("tei:corr", namespaces=NS) == "dwindling"
    (note,) = root.findall(".//tei:note[@type='annotation'][@subtype='correction']", NS)
    assert note.get("target") == "#annotated-diwndling"
    assert note.get("n") == "†2"
    assert note.find(".//tei:date", NS).get("when") == "2026-11-26"
    contributor = note.get("resp").removeprefix("#")
    (named,) = root.findall(f".//tei:titleStmt//tei:name[@xml:id='{contributor}']", NS)
    assert named.text == "The editors"


@pytest.mark.sphinx("tei", testroot="annotations", freshenv=True, parallel=2)
def test_parallel_build_matches_serial(app: SphinxTestApp, make_app, rootdir, tmp_path) -> None:
    app.build()
    serial = make_app("tei", srcdir=_copy_root(rootdir, tmp_path, "annotations"), freshenv=True)
    serial.build()
    for name in ("edition.xml", "edition-simple.xml"):
        assert (app.outdir / name).read_bytes() == (serial.outdir / name).read_bytes()


def test_the_header_names_the_structure_map_where_conf_py_puts_it(make_app, tmp_path: Path) -> None:
    """An edition keeping its data in data/ says so in the TEI's description of
    the structure map, not refs/."""
    witness = tmp_path / "w.txt"
    witness.write_text("A first line.\n\nA second line.\n", encoding="utf-8")
    root = tmp_path / "edition"
    new_edition.create(root, witness, "Moved", sys.executable)
    (root / "refs").rename(root / "data")
    conf = root / "docs" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace("../refs/", "../data/"), "utf-8")
    app = make_app("tei", srcdir=root / "docs", freshenv=True)
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    tei = ET.parse(app.outdir / "edition.xml").getroot()
    title = tei.find(".//tei:taxonomy[@xml:id='structure-map']/tei:bibl/tei:title", NS)
    assert title is not None
    assert title.text == "The editorial reading of the witness, line by line (data/structure.toml)"
