"""The register of names (``refs/names.toml``) and its disambiguation rules.

The register is data for reviewers: one block per entry with its index form,
category and every surface form the witness uses. This module parses it with
a real TOML parser, checks it without a Sphinx build (``make check``) and
gives the tagger and the importer the same view of it, so that a form the
register calls ambiguous is ambiguous everywhere.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from sphinx.errors import SphinxError

from .._util import source_encoding, toml_file

CATEGORIES = ("person", "place", "organisation")
DISAMBIGUATION = "names-disambiguation.toml"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
# Private-use characters stand in for ruled forms while a line is escaped.
_PLACEHOLDER = 0xF0000


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
class Rule:
    """How to read the ``occurrence``-th ``form`` on a witness ``line``.

    ``entry`` names a register entry, or is empty when the words there are
    not a name (e.g. "Koba" cited as a word rather than as a person).
    """

    line: int
    form: str
    occurrence: int
    entry: str
    reason: str
    source_line: int = 0


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


def _block_lines(text: str, header: str) -> list[int]:
    """The line of each ``[[header]]`` block, in order, for located messages.

    TOML allows spaces in the brackets, a quoted name and a comment after it;
    its lines end at "\n" only (``splitlines`` would also split at U+2028).
    """
    pattern = re.compile(rf"""\s*\[\[\s*(?:{header}|"{header}"|'{header}')\s*\]\]\s*(?:#.*)?""")
    return [n for n, line in enumerate(text.split("\n"), 1) if pattern.fullmatch(line)]


def _key_line(text: str, key: str) -> int:
    """The line a top-level ``key = ...`` stands on, or the first line."""
    pattern = re.compile(rf"""\s*(?:{key}|"{key}"|'{key}')\s*=""")
    lines = text.split("\n")
    return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), 1)


def _read_toml(path: Path) -> tuple[dict[str, object], str]:
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
    data, text = _read_toml(path)
    raw = data.get("name", [])
    problems: list[str] = []
    if not isinstance(raw, list):
        raise RegisterError(f"{path}:{_key_line(text, 'name')}: expected [[name]] blocks")
    starts = _block_lines(text, "name")
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


def load_rules(path: Path) -> tuple[list[Rule], list[str]]:
    """Parse the disambiguation rules; a missing file means no rules."""
    if not path.is_file():
        return [], []
    data, text = _read_toml(path)
    problems: list[str] = []
    rules: list[Rule] = []
    starts = _block_lines(text, "rule")
    blocks = data.get("rule", [])
    if not isinstance(blocks, list):
        raise RegisterError(f"{path}:{_key_line(text, 'rule')}: expected [[rule]] blocks")
    for index, block in enumerate(blocks):
        source_line = starts[index] if index < len(starts) else 1
        if not isinstance(block, dict):
            problems.append(f"{path}:{source_line}: each rule is a [[rule]] block, not {block!r}")
            continue
        missing = [field for field in ("line", "form") if field not in block]
        if missing:
            problems.append(
                f"{path}:{source_line}: rule needs line, form, occurrence: {missing[0]!r}"
            )
            continue
        unknown, wrong = _rule_field_problems(block)
        problems += [f"{path}:{source_line}: {problem}" for problem in unknown + wrong]
        if wrong:
            continue
        rule = Rule(
            line=block["line"],
            form=block["form"],
            occurrence=block.get("occurrence", 1),
            entry=block.get("entry", ""),
            reason=block.get("reason", "").strip(),
            source_line=source_line,
        )
        if rule.occurrence < 1 or rule.line < 1:
            # occurrence 0 would pick the last occurrence (a Python index of -1).
            problems.append(f"{path}:{source_line}: line and occurrence count from 1")
            continue
        if not rule.reason:
            problems.append(f"{path}:{source_line}: rule for {rule.form!r} needs a reason")
        rules.append(rule)
    return rules, problems


_RULE_FIELDS = {"line": int, "form": str, "occurrence": int, "entry": str, "reason": str}


def _rule_field_problems(block: dict[str, object]) -> tuple[list[str], list[str]]:
    """Fields a rule does not have, and values of another type than the field's.

    TOML gives types: a line written ``27.5``, ``true`` or ``"27"`` would
    otherwise be read as another line (``true`` as 1) without a word. A rule
    with an unknown field is still used; one with a value of the wrong type is not.
    """
    unknown = [f"rule: unknown field {key!r}" for key in sorted(set(block) - set(_RULE_FIELDS))]
    wrong = []
    for key, kind in _RULE_FIELDS.items():
        value = block.get(key)
        if key in block and (not isinstance(value, kind) or isinstance(value, bool)):
            what = "a whole number" if kind is int else "text"
            wrong.append(f"rule: {key} must be {what}, not {value!r}")
    return unknown, wrong


def occurrences(text: str, form: str) -> list[int]:
    """Start offsets of ``form`` as a whole word in ``text``."""
    return [match.start() for match in re.finditer(form_pattern(form), text)]


def check(path: Path, lines: tuple[str, ...]) -> list[str]:
    """Every problem of the register at ``path`` and of the rules beside it, against the
    witness lines."""
    rules_path = path.parent / DISAMBIGUATION
    try:
        register, problems = load(path)
        rules, rule_problems = load_rules(rules_path)
    except RegisterError as exc:
        return [str(exc)]
    problems += rule_problems
    ruled = {(rule.line, rule.form, rule.occurrence) for rule in rules}
    candidates = register.candidates()
    for rule in rules:
        where = f"{rules_path}:{rule.source_line}"
        if rule.entry and rule.entry not in register.entries:
            problems.append(f"{where}: unknown register entry {rule.entry!r}")
        elif rule.entry and rule.form not in register.entries[rule.entry].forms:
            problems.append(f"{where}: {rule.form!r} is not a form of {rule.entry!r}")
        text = lines[rule.line - 1] if 1 <= rule.line <= len(lines) else ""
        if len(occurrences(text, rule.form)) < rule.occurrence:
            problems.append(
                f"{where}: witness line {rule.line} has no occurrence {rule.occurrence} "
                f"of {rule.form!r}"
            )
    # The tagger imports this module; what it reads as a name decides which
    # occurrences of an ambiguous form need a rule.
    from .tagger import FormMatcher, mentions

    matcher = FormMatcher(register.forms)
    ambiguous = {form for form, ids in candidates.items() if len(ids) > 1}
    tagged = [
        set(mentions(matcher, text)) if any(form in text for form in ambiguous) else set()
        for text in lines
    ]
    for form, ids in sorted(candidates.items()):
        if form not in ambiguous:
            continue
        for number, text in enumerate(lines, start=1):
            for occurrence, start in enumerate(occurrences(text, form), start=1):
                if (start, start + len(form)) not in tagged[number - 1]:
                    continue  # part of a longer form, or in brackets: never tagged as it
                if (number, form, occurrence) not in ruled:
                    problems.append(
                        f"{register.path}:{register.entries[ids[-1]].line}: "
                        f"form {form!r} is claimed by {', '.join(ids)} and "
                        f"witness line {number} (occurrence {occurrence}) has no rule in "
                        f"{DISAMBIGUATION}"
                    )
    return problems


@lru_cache(maxsize=8)
def cached(path: Path, mtime_ns: int) -> tuple[Register, tuple[str, ...]]:
    """The register and its problems, parsed once per process.

    ``mtime_ns`` is only part of the cache key: an edited register is re-read.
    """
    register, problems = load(path)
    return register, tuple(problems)


def mark_line(text: str, number: int, rules: list[Rule], escape: Callable[[str], str]) -> str:
    """Escape witness line ``number`` as ``escape`` does, with its rules as roles.

    Each ruled occurrence is swapped for a private-use placeholder before
    escaping (so the escaping sees the whole line, as without rules) and for
    the role afterwards: ``{name}`Form <id>``` or ``{not-name}`Form```.
    """
    roles: list[str] = []
    spans: list[tuple[int, int, int]] = []
    for rule in rules:
        if rule.line != number:
            continue
        starts = occurrences(text, rule.form)
        if len(starts) < rule.occurrence:
            continue
        start = starts[rule.occurrence - 1]
        target = f" <{rule.entry}>" if rule.entry else ""
        role = "name" if rule.entry else "not-name"
        spans.append((start, start + len(rule.form), len(roles)))
        roles.append(f"{{{role}}}`{rule.form}{target}`")
    for start, end, index in sorted(spans, reverse=True):
        text = text[:start] + chr(_PLACEHOLDER + index) + text[end:]
    escaped = escape(text)
    for index, role in enumerate(roles):
        escaped = escaped.replace(chr(_PLACEHOLDER + index), role)
    return escaped
