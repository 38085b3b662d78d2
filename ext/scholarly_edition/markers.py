"""What a note marker is in the witness's running text, and the sentence it supports.

Numeric markers (``[3]``) are the article's reference numbers; single lower-case
letters (``[d]``, ``[h]``) are its explanatory notes. Other bracketed text, such
as ``[O.S. 6 December]`` or an editorial insertion in a quotation, is text.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"\[(\d{1,6}|[a-z])\]")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?:\[\w+\])*\s+(?=[\"“(]?[A-Z])")


def is_letter(note: str) -> bool:
    return note.isalpha()


def sentence_before(text: str, position: int) -> str:
    """The sentence (or clause) a marker at ``position`` closes: the text back to
    the previous marker or sentence end, without markers."""
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, position):
        if match.end() < position:
            start = match.end()
    previous = [m.end() for m in MARKER.finditer(text, start, position)]
    if previous and text[previous[-1] : position].strip(" ,;:"):
        start = previous[-1]
    return MARKER.sub("", text[start:position]).strip(" ,;")
