"""The note data checked and reported without a build: ``make check``, ``make notes-report``.

The markers are read from the witness, line by line, through the structure
map's chapters: the same markers the build turns into notes.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from scholarly_edition._util import toml_file
from scholarly_edition._util.markers import MARKER, sentence_before
from scholarly_edition._util.problem import Problem
from scholarly_edition.notes import bib_lint
from scholarly_edition.notes import data as notes_data
from scholarly_edition.notes import provenance as article_provenance
from scholarly_edition.notes.data import NoteMap
from scholarly_edition.text.structure import Structure

from ..configuration import Edition


@dataclass(frozen=True)
class Use:
    chapter: str
    title: str
    label: str
    line: int
    sentence: str


def uses(structure: Structure, marker: re.Pattern[str] = MARKER) -> list[Use]:
    """Every marker of the witness, in order, with its chapter and the sentence it closes;
    the brackets the structure map reads as text ([[not_note]]) are none."""
    result = []
    for chapter in structure.chapters:
        title = structure.lines[chapter.first - 1] if chapter.first > 1 else "Front page"
        for number in range(chapter.first, chapter.last + 1):
            text = structure.lines[number - 1]
            for match in structure.markers(number, marker):
                sentence = sentence_before(text, match.start(), marker)
                result.append(Use(chapter.file, title, match.group(1), number, sentence))
    return result


@dataclass(frozen=True)
class Sources:
    """What the notes and the annotations cite, each file parsed once per check:
    the keys of every BibTeX file and the note map checked against them."""

    keys: frozenset[str]
    note_map: NoteMap


def read_sources(edition: Edition) -> Sources:
    """The BibTeX files' keys and the note map checked against them."""
    keys: set[str] = set()
    broken: set[str] = set()
    problems: list[Problem] = []
    readable = True
    for path in edition.works:
        bib = bib_lint.check(path)
        keys |= set(bib.keys)
        broken |= set(bib.broken)
        problems += bib.problems
        readable = readable and bib.readable
    notes_path = edition.notes
    if notes_path is None:
        return Sources(frozenset(keys), NoteMap(edition.source / "conf.py", {}, tuple(problems)))
    notes = notes_data.load(notes_path, keys if readable else None, frozenset(broken))
    return Sources(frozenset(keys), replace(notes, problems=tuple(problems) + notes.problems))


def load(edition: Edition) -> NoteMap:
    """The note map checked against every BibTeX file the edition cites from."""
    return read_sources(edition).note_map


def check(edition: Edition, structure: Structure, sources: Sources | None = None) -> list[Problem]:
    """Problems of the BibTeX files and note map, and markers and entries that disagree."""
    if edition.notes is None:
        return []  # an edition without the note apparatus
    note_map = (sources or read_sources(edition)).note_map
    problems = list(note_map.problems)
    used = uses(structure, edition.marker)
    labels = {use.label for use in used}
    witness = structure.witness_path
    for use in used:
        if use.label not in note_map.notes and not note_map.reported(use.label):
            message = f"note [{use.label}] is not in the note map"
            problems.append(Problem(witness, use.line, message))
    for label, note in note_map.notes.items():
        if label not in labels:
            problems.append(
                Problem(
                    note_map.path,
                    note.line,
                    f"note {label} is in the note map but never cited in the text",
                )
            )
    return problems + (_article(edition.article) if edition.article else [])


def _article(path: Path) -> list[Problem]:
    """The provenance file, when there is one, must be TOML the About page can read."""
    if not path.exists():
        return []
    try:
        article_provenance.load(path)
    except tomllib.TOMLDecodeError as exc:
        return [Problem(path, toml_file.error_line(exc), f"malformed TOML: {exc}")]
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(path, None, f"cannot be read: {exc}")]
    return []


def report(edition: Edition, structure: Structure, note_map: NoteMap | None = None) -> str:
    """Resolved and unresolved notes per chapter, and the passage of each open note
    (``note_map`` when the caller has read it)."""
    notes = (note_map or load(edition)).notes
    firsts: dict[str, Use] = {}
    for use in uses(structure, edition.marker):
        firsts.setdefault(use.label, use)
    status = Counter(notes[u.label].status for u in firsts.values() if u.label in notes)
    with_text = sum(bool(notes[u.label].text) for u in firsts.values() if u.label in notes)
    lines = [
        f"{len(firsts)} notes: {status['resolved']} resolved, {status['unresolved']} "
        f"unresolved, {status['explanatory'] - with_text} explanatory (text not in the witness)"
        + (f", {with_text} with their text from the article's list" if with_text else ""),
        "",
        f"{'chapter':<70} {'notes':>5} {'resolved':>8} {'open':>5}",
    ]
    chapters: dict[str, list[Use]] = {}
    for use in firsts.values():
        chapters.setdefault(use.title, []).append(use)
    for title, chapter_uses in chapters.items():
        resolved = sum(notes[u.label].resolved for u in chapter_uses if u.label in notes)
        unresolved = sum(
            notes[u.label].status == notes_data.UNRESOLVED for u in chapter_uses if u.label in notes
        )
        lines.append(f"{title[:70]:<70} {len(chapter_uses):>5} {resolved:>8} {unresolved:>5}")
    for title, chapter_uses in chapters.items():
        open_uses = [
            u for u in chapter_uses if u.label in notes and notes[u.label].status == "unresolved"
        ]
        if open_uses:
            lines += ["", title]
            lines += [f"  [{u.label}] (witness line {u.line}) {u.sentence}" for u in open_uses]
    return "\n".join(lines)
