"""`make check` and `make notes-report` on the note data, without a build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import edition_data
from conftest import ROOT, edition_at
from edition_tools.checks import notes as notes_check
from edition_tools.cli import main
from scholarly_edition.text import structure


def test_the_edition_passes(edition: structure.Structure) -> None:
    assert notes_check.check(edition_at(ROOT), edition) == []


def test_a_missing_key_and_an_unused_entry_are_named(
    checkout: Path, edition: structure.Structure, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = checkout / "refs" / "notes.toml"
    text = re.sub(
        r"^4 = .*$", '4 = [{ key = "nobody", locator = "p. 15" }]', notes.read_text(), flags=re.M
    )
    notes.write_text(text + '999 = "unresolved"\n')
    assert main(["--root", str(checkout), "check"]) == 1
    out = capsys.readouterr().out
    line_4 = text.splitlines().index('4 = [{ key = "nobody", locator = "p. 15" }]') + 1
    assert f"{notes}:{line_4}: note 4: no BibTeX entry with key 'nobody'" in out
    assert (
        f"{notes}:{len(text.splitlines()) + 1}: note 999 is in the note map but never "
        "cited in the text" in out
    )
    assert "note [4] is not in the note map" not in out


def test_a_marker_missing_from_the_map_is_named_at_its_witness_line(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = checkout / "refs" / "notes.toml"
    notes.write_text(notes.read_text().replace('230 = "unresolved"\n', ""))
    assert main(["--root", str(checkout), "check"]) == 1
    out = capsys.readouterr().out
    assert out.count("note [230] is not in the note map") == 4
    assert f"{checkout / 'refs' / 'witness.txt'}:96: note [230]" in out


def test_report_lists_open_notes_with_their_passage(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Counts as the note map has them; note 7 open and note 3 resolved in this copy
    whatever the edition's map says of them now."""
    path = checkout / "refs" / "notes.toml"
    text = re.sub(r"^7 = .*$", '7 = "unresolved"', path.read_text(encoding="utf-8"), flags=re.M)
    text = re.sub(r"^3 = .*$", '3 = [{ key = "service2004", locator = "p. 1" }]', text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    data = edition_data.notes(checkout)
    assert main(["--root", str(checkout), "notes-report"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"{len(data.labels)} notes: {len(data.resolved)} resolved, "
        f"{len(data.unresolved)} unresolved, {len(data.explanatory)} explanatory"
    )
    assert "  [7] (witness line 20) and baptised on 29 December." in out
    assert "[3] (witness line" not in out
