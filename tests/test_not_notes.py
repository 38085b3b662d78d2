"""Brackets the editors read as text, not notes: the map's [[not_note]] blocks, the
importer's {not-note} role, and the note transform, checks and resolve leaving them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from edition_tools import importer
from edition_tools.checks import notes as notes_check
from edition_tools.resolve import align
from scholarly_edition._util.markers import MARKER
from scholarly_edition.text import structure

WITNESS = (
    "A Title\n"
    "\n"
    "Hazewinkel, ed. (2001) [1994], cited.[1] A second [2] and a note.[2]\n"
    "\n"
    "Again (1999) [1994] and [1994], the *second* one a year too.[3]\n"
)


def _soup(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="not-notes", freshenv=True)
def test_a_not_note_bracket_is_text_not_a_marker(app: SphinxTestApp) -> None:
    """No warning for [1994], absent from the note map; [2] is a note only where unmarked."""
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    page = _soup(app, "first.html")
    assert [r.get_text() for r in page.select("sup.note-ref")] == ["[1]", "[2]", "[2]"]
    assert [s.get_text() for s in page.select("span.not-note")] == ["[1994]", "[2]"]
    assert page.select("span.not-note a, span.not-note sup") == []
    text = " ".join(page.select_one("p").get_text().split())
    assert "Hazewinkel, ed. (2001) [1994], cited once.[1]" in text
    notes = _soup(app, "notes.html")
    assert [e["id"] for e in notes.select("li.note-entry")] == ["note-1", "note-2"]
    assert [a.get_text() for a in notes.select("#note-2 .note-backlinks a")] == ["a", "b"]
    report = _soup(app, "notes-report.html").get_text(" ")
    assert "2 notes are cited in the text" in report and "1994" not in report


@pytest.mark.sphinx("latex", testroot="not-notes", freshenv=True)
def test_a_not_note_bracket_is_text_in_the_pdf(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    tex = (app.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    assert r"(2001) \DUrole{not-note}{{[}1994{]}}, cited once.\scholarnotemark{1}" in tex
    assert "scholarnotemark{1994}" not in tex and "scholarnotemark{2}{" in tex


def _map(tmp_path: Path, blocks: str, top: str = "") -> Path:
    (tmp_path / "witness.txt").write_text(WITNESS, encoding="utf-8")
    digest = hashlib.sha256(WITNESS.encode("utf-8")).hexdigest()
    path = tmp_path / "structure.toml"
    path.write_text(
        f'witness = "witness.txt"\nsha256 = "{digest}"\n{top}\n[[chapter]]\nfile = "index"\n'
        f'first = 1\n\n{blocks}\n[lines]\n1 = "title"\n\n[edition]\ntitle = "T"\n',
        encoding="utf-8",
    )
    return path


BLOCKS = (
    '[[not_note]]\nline = 3\ntext = "[1994]"\nreason = "the original year"\n\n'
    '[[not_note]]\nline = 3\ntext = "[2]"\n\n'
    '[[not_note]]\nline = 5\ntext = "[1994]"\noccurrence = 2\n'
)


def test_the_map_names_each_bracket_and_the_importer_writes_its_role(tmp_path: Path) -> None:
    loaded = structure.load(_map(tmp_path, BLOCKS))
    assert [(n.line, n.text, n.occurrence) for n in loaded.not_notes] == [
        (3, "[1994]", 1),
        (3, "[2]", 1),
        (5, "[1994]", 2),
    ]
    (chapter,) = importer.render(loaded).values()
    assert (
        "Hazewinkel, ed. (2001) {not-note}`[1994]`, cited.[1] A second {not-note}`[2]` and"
        " a note.[2]\n\nAgain (1999) [1994] and {not-note}`[1994]`, the \\*second\\* one a"
        " year too.[3]\n"
    ) in chapter
    # make check's notes and resolve count the same markers as the build.
    labels = [use.label for use in notes_check.uses(loaded)]
    assert labels == ["1", "2", "1994", "3"]
    found = align.witness_markers(loaded.lines, MARKER, loaded.not_notes)
    assert [(m.label, m.line) for m in found] == [("1", 3), ("2", 3), ("1994", 5), ("3", 5)]


BRACKET = 'text must be the bracket as the witness gives it, such as "[1994]"'


@pytest.mark.parametrize(
    ("blocks", "at", "message"),
    [
        ('[[not_note]]\nline = 5\ntext = "[2]"\n', 1, "witness line 5 has [2] 0 times, not 1"),
        (
            BLOCKS + '\n[[not_note]]\nline = 5\ntext = "[1994]"\noccurrence = 3\n',
            4,
            "witness line 5 has [1994] 2 times, not 3",
        ),
        ('[[not_note]]\nline = 9\ntext = "[2]"\n', 1, "line must be a line of the witness (1-6)"),
        ('[[not_note]]\nline = 3\ntext = "1994"\n', 1, BRACKET),
        ('[[not_note]]\nline = 3\ntext = "[sic]"\n', 1, BRACKET),
        ('[[not_note]]\nline = "3"\ntext = "[2]"\n', 1, "line must be a whole number, not '3'"),
        (
            '[[not_note]]\nline = 3\ntext = "[2]"\nlabel = 2\n',
            1,
            "unknown field 'label' (a block has line, text, occurrence, reason)",
        ),
        (BLOCKS + '[[not_note]]\nline = 3\ntext = "[2]"\n', 4, "line 3's [2] is listed twice"),
    ],
    ids=["absent", "too-few", "no-line", "no-bracket", "no-marker", "type", "field", "twice"],
)
def test_a_block_that_matches_nothing_is_an_error_at_its_line(
    tmp_path: Path, blocks: str, at: int, message: str
) -> None:
    path = _map(tmp_path, blocks)
    line = [n for n, row in enumerate(path.read_text().split("\n"), 1) if row == "[[not_note]]"]
    with pytest.raises(structure.StructureError) as raised:
        structure.load(path)
    assert str(raised.value) == f"{path}:{line[at - 1]}: [[not_note]] {at}: {message}"


def test_not_note_must_be_blocks(tmp_path: Path) -> None:
    path = _map(tmp_path, "", top='not_note = "[1994]"\n')
    with pytest.raises(structure.StructureError) as raised:
        structure.load(path)
    assert str(raised.value) == (
        f"{path}:3: [[not_note]]: expected [[not_note]] tables, each with a line and a text"
    )
