"""The witness's markers matched with the article's reference marks.

A marker matches a mark of the same label whose preceding words agree with
the witness's: both are captures of one sentence, so their last words are the
same words whatever became of spacing, quotation marks or markup. Marks are
taken in reading order, so a reference used many times ([12] at five places)
is matched use by use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scholarly_edition._util.markers import MARKER
from scholarly_edition.text import not_notes as not_notes_
from scholarly_edition.text.not_notes import NotNote

from .article import Mark, words

# How many words before a marker are compared, and how many must agree.
WINDOW = 8
AGREE = 3


@dataclass(frozen=True)
class Marker:
    """A marker of the witness: its label, its line and the words before it."""

    label: str
    line: int
    before: str

    @property
    def words(self) -> list[str]:
        return words(self.before)


@dataclass(frozen=True)
class Alignment:
    matched: list[tuple[Marker, Mark]]
    # Each marker that matched no mark, with the page's context of the nearest
    # mark of its label ("" when the page has no mark of that label).
    unmatched: list[tuple[Marker, str]]

    @property
    def ratio(self) -> float:
        total = len(self.matched) + len(self.unmatched)
        return len(self.matched) / total if total else 1.0


def witness_markers(
    lines: Sequence[str], pattern: re.Pattern[str] = MARKER, not_notes: tuple[NotNote, ...] = ()
) -> list[Marker]:
    """Every marker of the witness in reading order, with the words of its line before it;
    the brackets the structure map reads as text (``not_notes``) are none."""
    result = []
    for number, text in enumerate(lines, start=1):
        for match in not_notes_.markers(text, number, not_notes, pattern):
            before = pattern.sub(" ", text[: match.start()])
            result.append(Marker(match.group(1), number, before))
    return result


def agree(witness: list[str], page: list[str]) -> bool:
    """Whether two captures' words before a marker are the same sentence's."""
    a, b = witness[-WINDOW:], page[-WINDOW:]
    shared = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        shared += 1
    return shared >= min(AGREE, len(a), len(b))


def align(markers: list[Marker], marks: list[Mark]) -> Alignment:
    by_label: dict[str, list[int]] = {}
    for index, mark in enumerate(marks):
        by_label.setdefault(mark.label, []).append(index)
    # Two views of a mark's context: the visible words, and with hidden text too.
    mark_words = [(mark.words[-WINDOW:], mark.all_words[-WINDOW:]) for mark in marks]
    used: set[int] = set()
    matched: list[tuple[Marker, Mark]] = []
    unmatched: list[tuple[Marker, str]] = []
    last = -1
    for marker in markers:
        candidates = [i for i in by_label.get(marker.label, []) if i not in used]
        witness = marker.words
        agreeing = [i for i in candidates if any(agree(witness, w) for w in mark_words[i])]
        # In reading order after the last match; else anywhere (a witness may
        # skip or reorder a passage).
        chosen = next((i for i in agreeing if i > last), agreeing[0] if agreeing else None)
        if chosen is None:
            nearest = candidates[0] if candidates else None
            page = marks[nearest].visible if nearest is not None else ""
            unmatched.append((marker, _tail(page)))
            continue
        used.add(chosen)
        last = chosen
        matched.append((marker, marks[chosen]))
    return Alignment(matched, unmatched)


def _tail(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return ("…" + text[-size:]) if len(text) > size else text
