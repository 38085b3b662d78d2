"""Finding the passage an annotation targets, robust to edits elsewhere in the text.

A quotation target is the W3C Web Annotation TextQuoteSelector: the exact
text, with optional text just before (prefix) and after (suffix) to make it
unique. It is matched, whitespace-insensitively, within one block of the
text (a paragraph or a heading); it must match exactly one place. When it
matches none, the closest passages are suggested; when it matches several,
their places are listed so a prefix or suffix can tell them apart.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .annotations_data import NoteTarget, QuoteTarget, SectionTarget, Target
from .markers import MARKER

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Block:
    """A paragraph or heading of the text: where it is, and what it says."""

    docname: str
    index: int
    kind: str  # "paragraph" or "title"
    text: str
    line: int


@dataclass(frozen=True)
class Match:
    block: Block
    start: int  # offsets in block.text
    end: int


def normalise(text: str) -> tuple[str, list[int]]:
    """Whitespace collapsed to single spaces, and each kept character's offset in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    for match in re.finditer(r"\S+|\s+", text):
        if match.group().isspace():
            if out and out[-1] != " ":
                out.append(" ")
                offsets.append(match.start())
        else:
            out.extend(match.group())
            offsets.extend(range(match.start(), match.end()))
    return "".join(out), offsets


def find(target: Target, blocks: list[Block]) -> list[Match]:
    if isinstance(target, QuoteTarget):
        return _quote(target, blocks)
    if isinstance(target, SectionTarget):
        wanted = _SPACE.sub(" ", target.section).strip()
        return [
            Match(b, 0, len(b.text))
            for b in blocks
            if b.kind == "title" and _SPACE.sub(" ", b.text).strip() == wanted
        ]
    return _note(target, blocks)


def _quote(target: QuoteTarget, blocks: list[Block]) -> list[Match]:
    exact = _SPACE.sub(" ", target.exact).strip()
    prefix = _SPACE.sub(" ", target.prefix).lstrip()
    suffix = _SPACE.sub(" ", target.suffix).rstrip()
    found = []
    for block in blocks:
        text, offsets = normalise(block.text)
        start = text.find(exact)
        while start != -1:
            end = start + len(exact)
            if text[:start].endswith(prefix) and text[end:].startswith(suffix):
                found.append(Match(block, offsets[start], offsets[end - 1] + 1))
            start = text.find(exact, start + 1)
    return found


def _note(target: NoteTarget, blocks: list[Block]) -> list[Match]:
    """The note's first use in the text."""
    for block in blocks:
        for marker in MARKER.finditer(block.text):
            if marker.group(1) == target.note:
                return [Match(block, marker.start(), marker.end())]
    return []


def closest(target: Target, blocks: list[Block], count: int = 3) -> list[str]:
    """The passages most like a quotation that matched nothing."""
    if isinstance(target, SectionTarget):
        titles = [b.text for b in blocks if b.kind == "title"]
        return difflib.get_close_matches(target.section, titles, n=count, cutoff=0.4)
    if not isinstance(target, QuoteTarget):
        return []
    words = _SPACE.sub(" ", target.exact).split()
    size = max(len(words), 1)
    windows = []
    for block in blocks:
        block_words = block.text.split()
        windows += [" ".join(block_words[i : i + size]) for i in range(len(block_words))]
    unique = list(dict.fromkeys(windows))
    return difflib.get_close_matches(" ".join(words), unique, n=count, cutoff=0.5)


def describe(match: Match, width: int = 30) -> str:
    """The place of a match, as a reader finds it: document, line and the words around."""
    before = match.block.text[max(0, match.start - width) : match.start]
    after = match.block.text[match.end : match.end + width]
    passage = match.block.text[match.start : match.end]
    return f"{match.block.docname}:{match.block.line}: …{before}[{passage}]{after}…"
