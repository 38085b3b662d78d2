"""What a note marker is in the witness's running text, and the sentence it supports.

Numeric markers (``[3]``) are the article's reference numbers; single lower-case
letters (``[d]``, ``[h]``) are its explanatory notes, and so are Wikipedia's
grouped labels (``[n 1]``, ``[nb 2]``: a group name, a space, a number), for
the groups an edition names (``edition_note_groups``). Other bracketed text,
such as ``[O.S. 6 December]``, ``[citation needed]``, ``[sic]`` or an
editorial insertion in a quotation, is text.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

# The group names of explanatory notes that Wikipedia's articles commonly use
# ({{efn|name=...}} with group n, nb, note ...).
GROUPS = ("N", "NB", "n", "nb", "note")
_GROUP = re.compile(r"[A-Za-z][A-Za-z-]{0,19}")


def pattern(groups: tuple[str, ...] | list[str] = GROUPS) -> re.Pattern[str]:
    """The markers of an edition whose grouped notes are in ``groups``.

    ASCII digits only: the article numbers its references 0-9, and a marker in
    another script's digits ("[٣]") is text, not a second spelling of note 3.
    """
    names = sorted({g for g in groups if _GROUP.fullmatch(g)}, key=lambda g: (-len(g), g))
    grouped = "|".join(re.escape(g) for g in names)
    labels = r"[0-9]{1,6}|[a-z]" + (rf"|(?:{grouped}) [0-9]{{1,4}}" if grouped else "")
    return _compiled(labels)


@lru_cache(maxsize=8)
def _compiled(labels: str) -> re.Pattern[str]:
    return re.compile(rf"\[({labels})\]")


MARKER = pattern()


def configured(conf: Path) -> re.Pattern[str]:
    """The markers of the edition whose ``conf.py`` is ``conf``, for commands run outside Sphinx.

    ``edition_note_groups`` is read from the file's own literal assignment
    (:func:`ast.literal_eval`), never by running it; without one, the default.
    """
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return MARKER
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "edition_note_groups" for t in node.targets
        ):
            try:
                groups = ast.literal_eval(node.value)
            except ValueError:
                return MARKER
            if isinstance(groups, list | tuple) and all(isinstance(g, str) for g in groups):
                return pattern(tuple(groups))
    return MARKER


# The role of a bracket with a marker's shape that the editors read as text
# ("(2001) [1994]"): written by the importer, left as text by the notes.
NOT_NOTE_ROLE = "not-note"

LABEL = re.compile(r"[0-9]{1,6}|[a-z]|[A-Za-z][A-Za-z-]{0,19} [0-9]{1,4}")


def is_reference_label(label: str) -> bool:
    """A numbered reference ("12"), not an explanatory note ("h", "n 1")."""
    return label.isdigit()


def slug(label: str) -> str:
    """The label as part of an identifier: "n 1" is "n-1" (an id has no spaces)."""
    return label.replace(" ", "-")


_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?:\[\w+(?: \w+)?\])*\s+(?=[\"“(]?[A-Z])")


def is_letter(note: str) -> bool:
    return note.isalpha()


@lru_cache(maxsize=64)
def _landmarks(
    text: str, marker: re.Pattern[str] = MARKER
) -> tuple[list[int], list[int], list[int]]:
    """Sentence ends, and marker starts and ends, of ``text``, found once per text.

    Callers ask for every marker of a paragraph in turn; scanning the paragraph
    again for each one would be quadratic in a long, marker-dense paragraph.
    """
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    markers = [(m.start(), m.end()) for m in marker.finditer(text)]
    return ends, [s for s, _ in markers], [e for _, e in markers]


def sentence_before(text: str, position: int, marker: re.Pattern[str] = MARKER) -> str:
    """The sentence (or clause) a marker at ``position`` closes: the text back to
    the previous marker or sentence end, without markers."""
    ends, marker_starts, marker_ends = _landmarks(text, marker)
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
    return marker.sub("", text[start:position]).strip(" ,;")
