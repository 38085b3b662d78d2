"""Validate the BibTeX file with bibtexparser v2 before pybtex formats it.

pybtex (through sphinxcontrib-bibtex) stops at the first bad entry; this lint
reports every failed block, duplicate key and missing field with its line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import bibtexparser
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
)

from .._util import source_encoding
from .._util.problem import Problem

# What a reader needs to find the work again, per entry type.
REQUIRED = {
    "book": ({"author", "editor"}, {"title"}, {"publisher"}, {"year"}),
    "article": ({"author"}, {"title"}, {"journal"}, {"year"}),
    "incollection": ({"author"}, {"title"}, {"booktitle"}, {"publisher"}, {"year"}),
    "misc": ({"title"},),
    # A web page: the article the witness reproduces, the page it was captured from.
    "online": ({"title"},),
}
# Said once, with the cause, when the file cannot be used at all.
UNLINKED = "until it is fixed, no note that cites a work is linked"
# The type and key that open an entry: "@book{service2004,".
_ENTRY_START = re.compile(r"@\s*(\w+)\s*[{(][ \t]*([^\s,{}()\"=]+)[ \t]*(?=[,\n])")
# A value that holds "name = " at the start of a line holds the next field too.
_NEXT_FIELD = re.compile(r"\n\s*([A-Za-z][\w-]*)\s*=")
# bibtexparser logs each failed block without the file, counting lines from 0:
# this lint reports each with the file and its line instead.
logging.getLogger("bibtexparser.splitter").setLevel(logging.ERROR)


@dataclass(frozen=True)
class BibCheck:
    """The keys of the entries, the problems, and the keys of entries that failed to parse.

    ``readable`` is false when the file could not be read at all: its one
    message then stands for every note that cites a work. (A file with no
    entries is readable: a new edition starts with one.)
    """

    keys: frozenset[str]
    problems: tuple[Problem, ...]
    broken: frozenset[str] = frozenset()
    readable: bool = True


def check(path: Path) -> BibCheck:
    try:
        # utf-8-sig, as sphinxcontrib-bibtex reads it (bibtex_encoding).
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        return _unreadable(path, None, f"cannot read: {exc.strerror}")
    except UnicodeDecodeError as exc:
        line, message = source_encoding.undecodable(exc.object) or (None, str(exc))
        return _unreadable(path, line, f"cannot read: {message}")
    library = bibtexparser.parse_string(text)
    problems = []
    broken = set()
    for block in library.failed_blocks:
        line = _line(block)
        if isinstance(block, DuplicateBlockKeyBlock):
            problems.append(Problem(path, line, f"duplicate BibTeX key {block.key!r}"))
        elif isinstance(block, DuplicateFieldKeyBlock):
            # The block of a duplicate field is always the entry that holds it.
            key = cast(Entry, block.ignore_error_block).key
            fields = ", ".join(sorted(block.duplicate_keys))
            problems.append(Problem(path, line, f"{key}: the field {fields} is given twice"))
            broken.add(key)
        elif isinstance(block, ParsingFailedBlock):
            start = _ENTRY_START.match(_raw(block))
            message, following = _failure(text, block, start)
            broken.update(key for key in (start and start.group(2), following) if key)
            problems.append(Problem(path, line, message))
    for entry in library.entries:
        swallowed = _without_comma(path, entry)
        problems += swallowed or _fields(path, entry)
        if swallowed:
            broken.add(entry.key)
    keys = frozenset(e.key for e in library.entries) - broken
    return BibCheck(keys, tuple(problems), frozenset(broken))


def _without_comma(path: Path, entry: Entry) -> list[Problem]:
    """A field whose value runs into the next field, for want of the comma between.

    bibtexparser (and pybtex) read ``author = {A}`` and the ``title = {B}`` on
    the next line as one value: the entry would be reported as lacking a title.
    """
    for field in entry.fields:
        value = str(field.value)
        following = _NEXT_FIELD.search(value)
        if following:
            return [
                Problem(
                    path,
                    field.start_line + 1,
                    f"{entry.key}: no comma after the field {field.key} (before "
                    f"{following.group(1)}); add it",
                )
            ]
    return []


def _line(block: Block) -> int:
    """The block's line, from 1 (bibtexparser counts from 0).

    bibtexparser's types allow a block without a line or text, for blocks made
    by hand; every block its parser reads has both.
    """
    return cast(int, block.start_line) + 1


def _raw(block: Block) -> str:
    """The block's text as the file has it (see ``_line``)."""
    return cast(str, block.raw)


def _unreadable(path: Path, line: int | None, message: str) -> BibCheck:
    return BibCheck(frozenset(), (Problem(path, line, f"{message}; {UNLINKED}"),), readable=False)


def _failure(
    text: str, block: ParsingFailedBlock, start: re.Match[str] | None
) -> tuple[str, str | None]:
    """What is wrong with a block that failed, in words that lead to the fix, and the
    key of another entry pybtex reads wrongly for it: the next entry when the block
    runs into it, or the word pybtex takes for the key of an entry without one.

    An entry missing its closing brace is the common case, and bibtexparser's
    reason then names what it found instead (the next entry's ``@book``).
    pybtex, which formats the citations, takes the next entry into the
    unclosed one and loses it, so that entry is unusable too until the brace
    is added. The block's text ends where the next entry starts, or at the
    end of the file.
    """
    # bibtexparser's parse errors carry their reason in `abort_reason`.
    reason = getattr(block.error, "abort_reason", "") or str(block.error)
    raw = _raw(block)
    if start is None:
        if re.match(r"@\s*\w+\s*[{(][ \t]*(?:\n|,)", raw):
            # pybtex takes the next word for the key ("author"): unusable too.
            stand_in = re.match(r"@\s*\w+\s*[{(]\s*([^\s,{}()\"=]+)", raw)
            message = "malformed BibTeX: the entry has no key; write it after the brace"
            return message, stand_in.group(1) if stand_in else None
        return f"malformed BibTeX: {reason}".rstrip(": "), None
    entry = f"entry {start.group(2)!r}"
    closer = '"' if 'closing `"`' in reason else "}"
    line_start = sum(len(line) + 1 for line in text.split("\n")[: block.start_line])
    end = text.find(raw, line_start) + len(raw)
    rest = text[end:].lstrip()
    following = _ENTRY_START.match(rest)
    if following:
        line = text.count("\n", 0, len(text) - len(rest)) + 1
        message = (
            f"malformed BibTeX: {entry} is not closed before the next entry (line {line}); "
            f"add the {closer} it lacks"
        )
        return message, following.group(2)
    if "end of file" in reason:
        return (
            f"malformed BibTeX: {entry} is not closed before the end of the file; "
            f"add the {closer} it lacks"
        ), None
    return f"malformed BibTeX: {entry}: {reason}", None


def _fields(path: Path, entry: Entry) -> list[Problem]:
    required = REQUIRED.get(entry.entry_type.lower())
    line = _line(entry)
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
