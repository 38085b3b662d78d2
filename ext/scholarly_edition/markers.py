"""What a note marker is in the witness's running text, and the sentence it supports.

Numeric markers (``[3]``) are the article's reference numbers; single lower-case
letters (``[d]``, ``[h]``) are its explanatory notes. Other bracketed text, such
as ``[O.S. 6 December]`` or an editorial insertion in a quotation, is text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

# ASCII digits only: the article numbers its references 0-9, and a marker in
# another script's digits ("[٣]") is text, not a second spelling of note 3.
MARKER = re.compile(r"\[([0-9]{1,6}|[a-z])\]")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?:\[\w+\])*\s+(?=[\"“(]?[A-Z])")


def is_letter(note: str) -> bool:
    return note.isalpha()


@lru_cache(maxsize=64)
def _landmarks(text: str) -> tuple[list[int], list[int], list[int]]:
    """Sentence ends, and marker starts and ends, of ``text``, found once per text.

    Callers ask for every marker of a paragraph in turn; scanning the paragraph
    again for each one would be quadratic in a long, marker-dense paragraph.
    """
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    markers = [(m.start(), m.end()) for m in MARKER.finditer(text)]
    return ends, [s for s, _ in markers], [e for _, e in markers]


def sentence_before(text: str, position: int) -> str:
    """The sentence (or clause) a marker at ``position`` closes: the text back to
    the previous marker or sentence end, without markers."""
    ends, marker_starts, marker_ends = _landmarks(text)
    # A sentence end just before a marker runs over the marker (".[3] He"), so
    # the last one strictly before ``position`` is the same as in a scan that stops there.
    index = bisect_left(ends, position)
    start = ends[index - 1] if index else 0
    # The last marker that starts at or after ``start`` and ends by ``position``.
    last = bisect_left(marker_starts, position) - 1
    if last >= 0 and marker_ends[last] > position:
        last -= 1
    if last >= 0 and marker_starts[last] >= start:
        previous = marker_ends[last]
        if text[previous:position].strip(" ,;:"):
            start = previous
    return MARKER.sub("", text[start:position]).strip(" ,;")
