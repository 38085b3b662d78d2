"""Validate the BibTeX file with bibtexparser v2 before pybtex formats it.

pybtex (through sphinxcontrib-bibtex) stops at the first bad entry; this lint
reports every failed block, duplicate key and missing field with its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock

from .notes_data import Problem

# What a reader needs to find the work again, per entry type.
REQUIRED = {
    "book": ({"author", "editor"}, {"title"}, {"publisher"}, {"year"}),
    "article": ({"author"}, {"title"}, {"journal"}, {"year"}),
    "incollection": ({"author"}, {"title"}, {"booktitle"}, {"publisher"}, {"year"}),
    "misc": ({"title"},),
}


@dataclass(frozen=True)
class BibCheck:
    keys: frozenset[str]
    problems: tuple[Problem, ...]


def check(path: Path) -> BibCheck:
    try:
        # utf-8-sig, as sphinxcontrib-bibtex reads it (bibtex_encoding).
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return BibCheck(frozenset(), (Problem(path, None, f"cannot read: {exc}"),))
    library = bibtexparser.parse_string(text)
    problems = []
    for block in library.failed_blocks:
        line = block.start_line + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            problems.append(Problem(path, line, f"duplicate BibTeX key {block.key!r}"))
        elif isinstance(block, ParsingFailedBlock):
            # bibtexparser's parse errors carry their reason in `abort_reason`.
            reason = getattr(block.error, "abort_reason", "") or str(block.error)
            problems.append(Problem(path, line, f"malformed BibTeX: {reason}".rstrip(": ")))
    for entry in library.entries:
        problems += _fields(path, entry)
    return BibCheck(frozenset(e.key for e in library.entries), tuple(problems))


def _fields(path: Path, entry: Entry) -> list[Problem]:
    required = REQUIRED.get(entry.entry_type.lower())
    line = entry.start_line + 1
    if required is None:
        return [Problem(path, line, f"{entry.key}: unsupported entry type @{entry.entry_type}")]
    present = {
        name.lower() for name, value in entry.fields_dict.items() if str(value.value).strip()
    }
    return [
        Problem(path, line, f"{entry.key}: missing field {' or '.join(sorted(group))}")
        for group in required
        if not group & present
    ]
