"""The real edition: every marker of the witness is a working note link."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import edition_data
from conftest import ROOT
from scholarly_edition._util.markers import MARKER
from scholarly_edition.text import structure


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_marker_is_a_link_to_its_single_entry(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    html = html_build[0]
    witness = Counter(MARKER.findall("\n".join(edition.lines)))
    assert sum(n for label, n in witness.items() if label.isdigit()) == 474
    assert len([label for label in witness if label.isdigit()]) == 431
    assert witness["d"] == witness["h"] == 1

    found: Counter[str] = Counter()
    anchors: dict[str, str] = {}
    for chapter in edition.chapters:
        page = _soup(html / f"{chapter.file}.html")
        for ref in page.select("sup.note-ref"):
            link = ref.a
            label = link.get_text()[1:-1]
            assert link["href"].endswith(f"notes.html#note-{label}")
            found[label] += 1
            anchors[f"{chapter.file}.html#{ref['id']}"] = label
    assert found == witness

    notes = _soup(html / "notes.html")
    entries = notes.select("li.note-entry")
    assert len(entries) == len(witness)
    for entry in entries:
        label = entry["id"].removeprefix("note-")
        backlinks = entry.select(".note-backlinks a")
        assert len(backlinks) == witness[label]
        for link in backlinks:
            assert anchors[link["href"]] == label


def test_reused_note_has_four_lettered_backlinks(html_build: tuple[Path, str]) -> None:
    entry = _soup(html_build[0] / "notes.html").select_one("#note-230")
    assert [a.get_text() for a in entry.select(".note-backlinks a")] == ["a", "b", "c", "d"]


def test_resolved_notes_cite_as_the_source_readme_gives(html_build: tuple[Path, str]) -> None:
    edition_data.check_notes_html(ROOT, html_build[0])


def test_readers_pages_leave_how_to_resolve_a_note_to_the_contributors(
    html_build: tuple[Path, str],
) -> None:
    """Hundreds of open notes say that their source is not yet identified; the
    contributors' workflow is on the notes report, which the notes page names once."""
    html = html_build[0]
    for page in sorted(html.rglob("*.html")):
        name = page.relative_to(html).as_posix()
        if name != "notes-report.html":
            assert "How to resolve" not in page.read_text(encoding="utf-8"), name
    notes = BeautifulSoup((html / "notes.html").read_text(encoding="utf-8"), "html.parser")
    article = notes.select_one("article")
    assert len(article.select('a[href="notes-report.html"]')) == 1
    assert len(article.select("span.note-unresolved")) == len(edition_data.notes(ROOT).unresolved)


@pytest.mark.pdf
def test_pdf_carries_every_marker(pdf_build: tuple[Path, str]) -> None:
    """Each marker is printed where it stands; the first use of a note whose source
    is known, or of an explanatory note, has its footnote; an open note has none,
    but the first of them says what they are."""
    tex = pdf_build[0].with_suffix(".tex").read_text(encoding="utf-8")
    marks = re.findall(r"\\scholarnotemark(again)?\{(\w+)\}", tex)
    assert len(marks) == 476
    firsts = [label for again, label in marks if not again]
    assert len(firsts) == 433
    data = edition_data.notes(ROOT)
    footnoted = [label for label in firsts if label not in data.unresolved]
    assert re.findall(r"\\scholarnotetext\{(\w+)\}", tex) == footnoted
    opened = [label for label in firsts if label in data.unresolved]
    assert re.findall(r"\\scholarnoteunresolvedtext\{(\w+)\}", tex) == opened[:1]
    # Later uses of known notes refer to the first; TeX drops those on its page.
    agains = [label for again, label in marks if again and label not in data.unresolved]
    assert re.findall(r"\\scholarnoteagaintext\{(\w+)\}", tex) == agains


def test_parallel_build_of_the_edition_is_identical(
    html_build: tuple[Path, str], edition: structure.Structure, parallel_html_build: Path
) -> None:
    """`-j 2` merges domain data from two processes; every page must come out the same."""
    names = [f"{c.file}.html" for c in edition.chapters]
    names += ["notes.html", "notes-report.html", "bibliography.html"]
    for name in names:
        serial = (html_build[0] / name).read_bytes()
        assert (parallel_html_build / name).read_bytes() == serial, name
