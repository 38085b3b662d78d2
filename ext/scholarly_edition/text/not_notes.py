"""Brackets of the witness that look like note markers but are not notes.

A cited work's original year, "(2001) [1994]", has a note marker's shape. No
rule on the text tells it from a marker ("war. [3]" is one), so the editors
say which brackets are not notes, in the structure map's ``[[not_note]]``
blocks. The importer writes each as a ``{not-note}`` role, which the note
transform leaves as text, and the commands that count markers outside Sphinx
(``make check``, ``resolve``) skip the same brackets through :func:`markers`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .._util.markers import LABEL, NOT_NOTE_ROLE
from .structure_errors import fail

TABLE = "not_note"
ROLE = NOT_NOTE_ROLE
_BRACKET = re.compile(rf"\[(?:{LABEL.pattern})\]")
_FIELDS = {"line": int, "text": str, "occurrence": int, "reason": str}
# A private-use character stands in for each bracket while a line is escaped.
_PLACEHOLDER = 0xF8000


@dataclass(frozen=True)
class NotNote:
    """The ``occurrence``-th ``text`` ("[1994]") on witness line ``line`` is text, not a note."""

    line: int
    text: str
    occurrence: int = 1
    reason: str = ""


def read(data: dict[str, object], lines: tuple[str, ...]) -> tuple[NotNote, ...]:
    """The map's ``[[not_note]]`` blocks, each checked against the witness line it names."""
    blocks = data.get(TABLE, [])
    if not isinstance(blocks, list) or not all(isinstance(block, dict) for block in blocks):
        raise fail(f"[[{TABLE}]]", "expected [[not_note]] tables, each with a line and a text")
    entries: list[NotNote] = []
    for index, block in enumerate(blocks, start=1):
        entry = _entry(block, f"[[{TABLE}]] {index}", lines)
        if entry in entries:
            raise fail(f"[[{TABLE}]] {index}", f"line {entry.line}'s {entry.text} is listed twice")
        entries.append(entry)
    return tuple(entries)


def _entry(block: dict[str, object], where: str, lines: tuple[str, ...]) -> NotNote:
    unknown = sorted(set(block) - set(_FIELDS))
    if unknown:
        raise fail(where, f"unknown field {unknown[0]!r} (a block has {', '.join(_FIELDS)})")
    for key, kind in _FIELDS.items():
        value = block.get(key)
        if key in block and (not isinstance(value, kind) or isinstance(value, bool)):
            what = "a whole number" if kind is int else "text"
            raise fail(where, f"{key} must be {what}, not {value!r}")
    line, text = block.get("line"), block.get("text")
    if not isinstance(line, int) or not 1 <= line <= len(lines):
        raise fail(where, f"line must be a line of the witness (1-{len(lines)})")
    if not isinstance(text, str) or not _BRACKET.fullmatch(text):
        raise fail(where, 'text must be the bracket as the witness gives it, such as "[1994]"')
    occurrence = block.get("occurrence", 1)
    assert isinstance(occurrence, int)
    if occurrence < 1:
        raise fail(where, "occurrence counts from 1")
    found = _starts(lines[line - 1], text)
    if len(found) < occurrence:
        times = f"{len(found)} time{'s' if len(found) != 1 else ''}"
        raise fail(where, f"witness line {line} has {text} {times}, not {occurrence}")
    return NotNote(line, text, occurrence, str(block.get("reason", "")))


def _starts(text: str, bracket: str) -> list[int]:
    return [match.start() for match in re.finditer(re.escape(bracket), text)]


def spans(text: str, number: int, entries: tuple[NotNote, ...]) -> list[tuple[int, int]]:
    """Where on witness line ``number`` (its ``text``) the brackets that are not notes stand."""
    found = []
    for entry in entries:
        if entry.line == number:
            start = _starts(text, entry.text)[entry.occurrence - 1]
            found.append((start, start + len(entry.text)))
    return sorted(found)


def markers(
    text: str, number: int, entries: tuple[NotNote, ...], pattern: re.Pattern[str]
) -> list[re.Match[str]]:
    """The note markers of witness line ``number``: ``pattern``'s matches but the entries'."""
    skipped = set(spans(text, number, entries))
    return [match for match in pattern.finditer(text) if match.span() not in skipped]


def mark(text: str, number: int, entries: tuple[NotNote, ...], escape: Callable[[str], str]) -> str:
    """Line ``number`` escaped by ``escape``, each bracket that is not a note as a role.

    The brackets are swapped for placeholders before escaping, so that the
    escaping sees the line as without entries, and for ``{not-note}`[1994]```
    afterwards.
    """
    found = spans(text, number, entries)
    brackets = [text[start:end] for start, end in found]
    for index, (start, end) in reversed(list(enumerate(found))):
        text = text[:start] + chr(_PLACEHOLDER + index) + text[end:]
    escaped = escape(text)
    for index, bracket in enumerate(brackets):
        escaped = escaped.replace(chr(_PLACEHOLDER + index), f"{{{ROLE}}}`{bracket}`")
    return escaped
