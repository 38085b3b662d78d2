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
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from .._util.markers import MARKER
from .data import NoteTarget, QuoteTarget, SectionTarget, Target

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


def collapsed(text: str) -> str:
    """``normalise(text)[0]`` without the offsets, which only a match needs."""
    leading = _SPACE.match(text)
    return _SPACE.sub(" ", text[leading.end() :] if leading else text)


def normalise(text: str) -> tuple[str, list[int]]:
    """Whitespace collapsed to single spaces, and each kept character's offset in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    position = 0
    for space in _SPACE.finditer(text):
        out.append(text[position : space.start()])
        offsets.extend(range(position, space.start()))
        # Leading whitespace is dropped; every other run becomes one space.
        if offsets:
            out.append(" ")
            offsets.append(space.start())
        position = space.end()
    out.append(text[position:])
    offsets.extend(range(position, len(text)))
    return "".join(out), offsets


class Passages:
    """The blocks' texts, normalised once and joined, so that a target is one search.

    Searching block by block normalised every block again for every
    annotation: quadratic in the size of the text. One joined string (blocks
    apart by a character no text holds) is searched at the speed of
    ``str.find``, and a match is mapped back to its block by bisection.
    """

    SEPARATOR = "\0"

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        # The offsets back into each block's text are made for matched blocks only:
        # one list entry per character of the whole text cost more than the search.
        self.texts = [collapsed(block.text) for block in blocks]
        self._offsets: dict[int, list[int]] = {}
        self.text = self.SEPARATOR.join(self.texts)
        self.raw = self.SEPARATOR.join(block.text for block in blocks)
        self.starts = _starts(self.texts)
        self.raw_starts = _starts(block.text for block in blocks)

    def offsets(self, number: int) -> list[int]:
        """Each character of block ``number``'s collapsed text: its offset in the block."""
        if number not in self._offsets:
            self._offsets[number] = normalise(self.blocks[number].text)[1]
        return self._offsets[number]


def _starts(texts: Iterable[str]) -> list[int]:
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    return starts


def find(target: Target, blocks: list[Block] | Passages) -> list[Match]:
    """Every match of ``target``; build ``Passages`` once to look up many targets."""
    passages = blocks if isinstance(blocks, Passages) else Passages(blocks)
    if isinstance(target, QuoteTarget):
        return _quote(target, passages)
    if isinstance(target, SectionTarget):
        wanted = _SPACE.sub(" ", target.section).strip()
        return [
            Match(b, 0, len(b.text))
            for b in passages.blocks
            if b.kind == "title" and _SPACE.sub(" ", b.text).strip() == wanted
        ]
    return _note(target, passages)


def _quote(target: QuoteTarget, passages: Passages) -> list[Match]:
    exact = _SPACE.sub(" ", target.exact).strip()
    prefix = _SPACE.sub(" ", target.prefix).lstrip()
    suffix = _SPACE.sub(" ", target.suffix).rstrip()
    found = []
    start = passages.text.find(exact)
    while start != -1:
        number = bisect_right(passages.starts, start) - 1
        text = passages.texts[number]
        local = start - passages.starts[number]
        end = local + len(exact)
        if end <= len(text) and text[:local].endswith(prefix) and text[end:].startswith(suffix):
            offsets = passages.offsets(number)
            found.append(Match(passages.blocks[number], offsets[local], offsets[end - 1] + 1))
        start = passages.text.find(exact, start + 1)
    return found


def _note(target: NoteTarget, passages: Passages) -> list[Match]:
    """The note's first use in the text."""
    marker = f"[{target.note}]"
    if not MARKER.fullmatch(marker):
        return []
    start = passages.raw.find(marker)
    if start == -1:
        return []
    number = bisect_right(passages.raw_starts, start) - 1
    local = start - passages.raw_starts[number]
    return [Match(passages.blocks[number], local, local + len(marker))]


def closest(target: Target, blocks: list[Block] | Passages, count: int = 3) -> list[str]:
    """The passages most like a quotation that matched nothing."""
    if isinstance(blocks, Passages):
        blocks = blocks.blocks
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


def unmatched(
    target: Target, matches: list[Match], blocks: list[Block] | Passages, *, witness: bool = False
) -> str:
    """The message for a target that matches no passage or several ("" for exactly one).

    ``witness``: the blocks are the witness's lines (``describe``).
    """
    if len(matches) == 1:
        return ""
    if matches:
        places = " | ".join(describe(m, witness=witness) for m in matches[:5])
        return (
            f"target {target.describe()} matches {len(matches)} passages; add a prefix or "
            f"suffix to choose one: {places}"
        )
    near = " | ".join(f"“{s}”" for s in closest(target, blocks))
    return (
        f"target {target.describe()} matches no passage"
        + (f"; closest: {near}." if near else ".")
        + hint(target, blocks)
    )


def hint(target: Target, blocks: list[Block] | Passages) -> str:
    """Why a quotation that matched nothing may have failed, when that can be told."""
    if not isinstance(target, QuoteTarget):
        return ""
    passages = blocks if isinstance(blocks, Passages) else Passages(blocks)
    for part in (target.exact, target.prefix, target.suffix):
        for char in part:
            if unicodedata.category(char) in {"Cc", "Cf", "Co", "Cn"} and not char.isspace():
                name = unicodedata.name(char, "unassigned")
                return (
                    f" The quotation holds the invisible character U+{ord(char):04X} ({name}), "
                    "often copied with text from a web page: delete it."
                )
    exact = _SPACE.sub(" ", target.exact).strip()
    if exact and passages.text.replace(Passages.SEPARATOR, " ").find(exact) != -1:
        return (
            " The quotation runs over two paragraphs (or a heading and the text after it): "
            "quote words within one paragraph."
        )
    return ""


def describe(match: Match, width: int = 30, *, witness: bool = False) -> str:
    """The place of a match, as a reader finds it: document, line and the words around.

    ``witness``: the block's line is a line of the witness (``make check`` and
    ``make annotation`` read the witness), not of the chapter file the build reads.
    """
    before = match.block.text[max(0, match.start - width) : match.start]
    after = match.block.text[match.end : match.end + width]
    passage = match.block.text[match.start : match.end]
    block = match.block
    place = (
        f"{block.docname} (witness line {block.line})"
        if witness
        else f"{block.docname}:{block.line}"
    )
    return f"{place}: …{before}[{passage}]{after}…"
