"""The note map (``refs/notes.toml``): what each bracketed note cites.

Loaded with :mod:`tomllib`; every problem is returned with the file and the
line of the entry, so that a contributor who resolves a note sees where a
mistake is.
"""

from __future__ import annotations

import tomllib
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

from .._util import source_encoding, toml_file
from .._util.markers import LABEL
from .._util.problem import Problem

UNRESOLVED = "unresolved"
EXPLANATORY = "explanatory"


@dataclass(frozen=True)
class Cite:
    key: str
    # Empty when the source cites the work as a whole (a web page, an article).
    locator: str = ""
    # The words of the work the source quotes, when it quotes them.
    quote: str = ""


@dataclass(frozen=True)
class Note:
    """One note: its label as printed, its status and (when resolved) its citations."""

    label: str
    status: str
    cites: tuple[Cite, ...]
    line: int
    # An explanatory note's own words, from the article's list (plain text).
    text: str = ""

    @property
    def resolved(self) -> bool:
        return self.status == "resolved"


@dataclass(frozen=True)
class NoteMap:
    """The usable notes, the problems, and every label the map lists.

    ``listed`` holds the labels of notes left out for a problem reported at
    their line, so that their markers are not reported again one by one;
    ``readable`` is false when the file could not be read at all, and its one
    message stands for every marker of the text.
    """

    path: Path
    notes: dict[str, Note]
    problems: tuple[Problem, ...]
    listed: frozenset[str] = frozenset()
    readable: bool = True

    def reported(self, label: str) -> bool:
        """Whether a marker of ``label`` that is not linked is explained by a message already."""
        return not self.readable or label in self.listed


def _key_lines(text: str) -> dict[str, int]:
    """The line each top-level key of ``[notes]`` stands on (TOML keeps no positions)."""
    lines: dict[str, int] = {}
    # TOML ends lines at "\n" only: splitlines() would also split at U+2028 and
    # the like inside a comment or string, and every later line would be off.
    for number, line in enumerate(text.split("\n"), start=1):
        key = line.split("=", 1)[0].strip().strip("\"'")
        if "=" in line and not line.lstrip().startswith("#") and key:
            lines.setdefault(key, number)
    return lines


# Said once, with the cause, when the note map cannot be used at all.
UNLINKED = "until it is fixed, no note marker of the text is linked"


def _unreadable(path: Path, line: int | None, message: str) -> NoteMap:
    return NoteMap(path, {}, (Problem(path, line, f"{message}; {UNLINKED}"),), readable=False)


def load(path: Path, bib_keys: Set[str] | None, broken: Set[str] = frozenset()) -> NoteMap:
    """Read and check the note map against the keys of the BibTeX file.

    ``bib_keys`` is None when the BibTeX file could not be read, and
    ``broken`` holds the keys of its entries that could not be parsed: both
    are reported once at the BibTeX file, so the notes citing them are left
    out (unlinked) without a message of their own.
    """
    try:
        data, text = toml_file.read(path)
    except OSError as exc:
        return _unreadable(path, None, f"cannot read the note map: {exc.strerror}")
    except UnicodeDecodeError as exc:
        line, message = source_encoding.undecodable(exc.object) or (None, str(exc))
        return _unreadable(path, line, f"cannot read the note map: {message}")
    except tomllib.TOMLDecodeError as exc:
        message = f"malformed note map: {exc}"
        if "Cannot overwrite a value" in str(exc):
            message = f"duplicate note number: {exc}"
        return _unreadable(path, toml_file.error_line(exc), message)
    lines = _key_lines(text)
    table = data.get("notes")
    if not isinstance(table, dict):
        return _unreadable(path, None, "the note map needs a [notes] table")
    notes: dict[str, Note] = {}
    problems: list[Problem] = []
    for label, value in table.items():
        line = lines.get(label)
        note, trouble = _note(label, value, line, bib_keys, broken)
        problems += [Problem(path, line, message) for message in trouble]
        if note is not None:
            notes[label] = note
    return NoteMap(path, notes, tuple(problems), frozenset(table))


def _note(
    label: str, value: object, line: int | None, bib_keys: Set[str] | None, broken: Set[str]
) -> tuple[Note | None, list[str]]:
    if not LABEL.fullmatch(label):
        return None, [f"note {label!r}: a note is a number or a single lower-case letter"]
    if value in (UNRESOLVED, EXPLANATORY):
        if value == EXPLANATORY and label.isdigit():
            return None, [f"note {label}: only lettered notes are explanatory"]
        return Note(label, str(value), (), line or 0), []
    if isinstance(value, dict):
        return _explanatory(label, value, line, bib_keys, broken)
    if not isinstance(value, list) or not value:
        return None, [
            f"note {label}: expected {UNRESOLVED!r}, {EXPLANATORY!r} or a list of citations"
        ]
    cites, trouble, unusable = _cites(label, value, bib_keys, broken)
    if trouble or unusable:
        return None, trouble
    return Note(label, "resolved", tuple(cites), line or 0), []


def _explanatory(
    label: str,
    value: dict[str, object],
    line: int | None,
    bib_keys: Set[str] | None,
    broken: Set[str],
) -> tuple[Note | None, list[str]]:
    """A note with its own text, as the article's list gives it, and its citations."""
    text = value.get("text")
    if set(value) - {"text", "cites"} or not isinstance(text, str) or not text.strip():
        return None, [f"note {label}: a note with text is {{ text = ..., cites = [...] }}"]
    listed = value.get("cites", [])
    if not isinstance(listed, list):
        return None, [f"note {label}: cites is a list of citations"]
    cites, trouble, unusable = _cites(label, listed, bib_keys, broken)
    if trouble or unusable:
        return None, trouble
    return Note(label, EXPLANATORY, tuple(cites), line or 0, " ".join(text.split())), []


def _cites(
    label: str, value: list[object], bib_keys: Set[str] | None, broken: Set[str]
) -> tuple[list[Cite], list[str], bool]:
    """The citations, the problems, and whether one cites an entry the BibTeX file lost."""
    cites = []
    trouble = []
    unusable = False
    for item in value:
        if not isinstance(item, dict) or not {"key"} <= set(item) <= {"key", "locator", "quote"}:
            trouble.append(f"note {label}: each citation is {{ key = ..., locator = ... }}")
            continue
        if not all(isinstance(item[f], str) for f in ("key", "locator", "quote") if f in item):
            # A page written as a number (locator = 12) or a key as a list.
            trouble.append(f'note {label}: key and locator are text, in quotes: locator = "p. 12"')
            continue
        key = str(item["key"])
        quote = " ".join(str(item.get("quote", "")).split())
        if bib_keys is None or key in broken:
            unusable = True  # the BibTeX file's own message says why
        elif key not in bib_keys:
            trouble.append(f"note {label}: no BibTeX entry with key {key!r}")
        if "quote" in item and not quote:
            trouble.append(f"note {label}: the quotation of {key!r} is empty")
        if "locator" not in item:
            # The source cites the work as a whole.
            cites.append(Cite(key, "", quote))
            continue
        locator = str(item["locator"]).strip()
        if not locator:
            trouble.append(f"note {label}: citation of {key!r} has an empty locator")
        elif "{" in locator or "}" in locator:
            # sphinxcontrib-bibtex reads the locator inside "key{locator}": a
            # brace there stopped the build with "malformed citation target".
            trouble.append(f"note {label}: the locator of {key!r} may not contain {{ or }}")
        cites.append(Cite(key, locator, quote))
    return cites, trouble, unusable
