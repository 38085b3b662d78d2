"""The register of names (``refs/names.toml``): its entries, read for every feature.

The register is data for reviewers: one block per entry with its index form,
category and every surface form the witness uses. This module parses it with
a real TOML parser and gives the tagger, the importer and ``make check``
(:mod:`edition_tools.checks.names`) the same view of it, so that a form the
register calls ambiguous is ambiguous everywhere; :mod:`.disambiguation`
reads the rules for those forms.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from sphinx.errors import SphinxError

from .._util import source_encoding, toml_file

CATEGORIES = ("person", "place", "organisation")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")


class RegisterError(SphinxError):
    """A register that cannot be used; the message names the file and line.

    A Sphinx error, so that a build stops with this message rather than a
    traceback; ``make check`` prints it the same way.
    """

    category = "Edition data error"


@dataclass(frozen=True)
class Entry:
    """One person, place or organisation of the register."""

    id: str
    index: str
    category: str
    forms: tuple[str, ...]
    description: str
    dates: str = ""
    wikidata: str = ""
    line: int = 0


@dataclass(frozen=True)
class Register:
    path: Path
    entries: dict[str, Entry]

    def candidates(self) -> dict[str, tuple[str, ...]]:
        """Every surface form with the ids of the entries that claim it (do not modify)."""
        return self._candidates

    @cached_property
    def _candidates(self) -> dict[str, tuple[str, ...]]:
        # Once per register, not once per document: the tagger asks on every page.
        table: dict[str, list[str]] = {}
        for entry in self.entries.values():
            for form in entry.forms:
                table.setdefault(form, []).append(entry.id)
        return {form: tuple(ids) for form, ids in table.items()}

    @cached_property
    def forms(self) -> frozenset[str]:
        """Every surface form, as one hashable value (a cache key for the matcher)."""
        return frozenset(self._candidates)

    @cached_property
    def digests(self) -> tuple[str, dict[str, tuple[str, str]]]:
        """A digest of the forms table, and two of each entry: what the text's reading
        takes of it (index form, category, forms) and what only written pages show
        (description, dates, Wikidata). The next build compares them to find the
        documents an edit concerns, and whether to read or only write them."""
        forms = _digest(sorted(self._candidates.items()))
        return forms, {
            i: (_digest((e.index, e.category, e.forms)), _digest(replace(e, line=0)))
            for i, e in self.entries.items()
        }


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def form_pattern(form: str) -> str:
    """A whole-word pattern: no letter or digit may touch the form.

    A hyphen may ("anti-Stalin"), an apostrophe may ("Lenin's", "Tiflis'");
    "Stalinism", "Leninist" and "Marxism" never match "Stalin", "Lenin" or
    "Marx".
    """
    return rf"(?<![\w]){re.escape(form)}(?![\w])"


def read_toml(path: Path) -> tuple[dict[str, object], str]:
    """The register's or the rules' table and text; an unusable file is a RegisterError."""
    try:
        return toml_file.read(path)
    except OSError as exc:
        raise RegisterError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        line, message = source_encoding.undecodable(exc.object) or (None, str(exc))
        raise RegisterError(f"{path}:{line or 1}: cannot read: {message}") from None
    except tomllib.TOMLDecodeError as exc:
        line = toml_file.error_line(exc)
        where = f"{path}:{line}" if line else str(path)
        raise RegisterError(f"{where}: malformed TOML: {exc}") from None


def load(path: Path) -> tuple[Register, list[str]]:
    """Parse the register; return it with the problems found (``path:line: ...``).

    Entries with problems are still returned where they can be, so that one
    slip does not hide every other name.
    """
    data, text = read_toml(path)
    raw = data.get("name", [])
    problems: list[str] = []
    if not isinstance(raw, list):
        raise RegisterError(f"{path}:{toml_file.key_line(text, 'name')}: expected [[name]] blocks")
    starts = toml_file.block_lines(text, "name")
    placed: list[tuple[str, int]] = []
    entries: dict[str, Entry] = {}
    for number, block in enumerate(raw):
        # Blocks written inline (name = [{...}]) have no header line: the file's first.
        line = starts[number] if number < len(starts) else 1
        where = f"{path}:{line}"
        if not isinstance(block, dict):
            problems.append(f"{where}: each name is a [[name]] block, not {block!r}")
            continue
        entry_id = block.get("id", "")
        if not isinstance(entry_id, str):
            problems.append(f"{where}: id must be text, not {entry_id!r}")
            continue
        placed.append((entry_id, line))
        if not _ID.match(entry_id):
            problems.append(f"{where}: id {entry_id!r} must be lowercase words joined by '-'")
            continue
        if entry_id in entries:
            problems.append(f"{where}: duplicate id {entry_id!r}")
            continue
        forms = block.get("forms", [])
        entry = Entry(
            id=entry_id,
            index=str(block.get("index", "")).strip(),
            category=str(block.get("category", "")),
            forms=_forms(forms),
            description=str(block.get("description", "")).strip(),
            dates=str(block.get("dates", "")).strip(),
            wikidata=str(block.get("wikidata", "")).strip(),
            line=line,
        )
        problems += [f"{where}: {entry_id}: {problem}" for problem in _entry_problems(entry, block)]
        entries[entry_id] = entry
    problems += [
        f"{path}:{line}: entries must be sorted by id: {where}"
        for line, where in _out_of_order(placed)
    ]
    return Register(path, entries), problems


def _forms(value: object) -> tuple[str, ...]:
    """The forms of a block's ``forms`` field, whatever its type (reported if not a list).

    A single form written without brackets is still the entry's form, so that
    no rule naming it reports the same slip again.
    """
    if isinstance(value, str):
        return (value,)
    return tuple(str(form) for form in value) if isinstance(value, list) else ()


def _out_of_order(placed: list[tuple[str, int]]) -> list[tuple[int, str]]:
    """The line of each block out of id order, and where it belongs.

    The blocks that stay are the longest run already in order (a longest
    non-decreasing subsequence); the others are the ones to move. One block
    moved down the file makes every block it passed look out of place to a
    neighbour-by-neighbour comparison; this names only the block moved.
    """
    ids = [entry_id for entry_id, _ in placed]
    ordered = sorted(ids)
    if ids == ordered:
        return []
    # tails[k]: index of the smallest last id of an ordered run of length k + 1,
    # and tail_ids[k] that id (kept beside it, so each step is a bisection).
    tails: list[int] = []
    tail_ids: list[str] = []
    before: list[int | None] = []
    for index, entry_id in enumerate(ids):
        length = bisect_right(tail_ids, entry_id)
        before.append(tails[length - 1] if length else None)
        if length == len(tails):
            tails.append(index)
            tail_ids.append(entry_id)
        else:
            tails[length] = index
            tail_ids[length] = entry_id
    kept: set[int] = set()
    last = tails[-1] if tails else None
    while last is not None:
        kept.add(last)
        last = before[last]
    result = []
    for index, (entry_id, line) in enumerate(placed):
        if index in kept:
            continue
        position = bisect_left(ordered, entry_id)
        where = (
            f"{entry_id!r} belongs after {ordered[position - 1]!r}"
            if position
            else f"{entry_id!r} belongs before {ordered[1]!r}"
        )
        result.append((line, where))
    return result


def _entry_problems(entry: Entry, block: dict[str, object]) -> Iterator[str]:
    known = {"id", "index", "category", "forms", "description", "dates", "wikidata"}
    for key in sorted(set(block) - known):
        yield f"unknown field {key!r}"
    # TOML gives types: a number or a list where text belongs was read as its
    # Python spelling, and a form written as a single string as no form at all.
    for key in sorted(known - {"id", "forms"}):
        if key in block and not isinstance(block[key], str):
            yield f"{key} must be text, not {block[key]!r}"
    forms = block.get("forms", [])
    if not isinstance(forms, list) or not all(isinstance(form, str) for form in forms):
        yield f'forms must be a list of text, such as ["Lenin"], not {forms!r}'
    for field in ("index", "description"):
        if not getattr(entry, field):
            yield f"empty {field}"
    if entry.category not in CATEGORIES:
        yield f"category must be one of {', '.join(CATEGORIES)}, not {entry.category!r}"
    if not entry.forms and isinstance(block.get("forms", []), list):
        yield "no surface forms"
    for form in entry.forms:
        if not form.strip() or form != form.strip():
            yield f"empty or padded form {form!r}"
    if len(set(entry.forms)) != len(entry.forms):
        yield "a form is listed twice"
    if "dates" in block and not entry.dates:
        yield "empty dates (leave the field out when the text gives none)"
    if "wikidata" in block and not _QID.match(entry.wikidata):
        yield f"wikidata must be a QID such as Q855, not {entry.wikidata!r}"


@lru_cache(maxsize=8)
def cached(path: Path, mtime_ns: int) -> tuple[Register, tuple[str, ...]]:
    """The register and its problems, parsed once per process.

    ``mtime_ns`` is only part of the cache key: an edited register is re-read.
    """
    register, problems = load(path)
    return register, tuple(problems)
