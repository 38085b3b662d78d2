"""The reading text of the TEI edition: what the fidelity check compares with the witness.

The witness's words are the text of ``front`` and ``body``. The editors'
words are left out: notes (the article's notes, annotations, editorial
notes), editorial headings, figure descriptions, the proposed readings of
corrections (``corr``; the witness's ``sic`` stays), the lacuna's
description, and anything the editors are responsible for (``resp``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

from .ns import EDITORS, XML_ID, local, tag

EDITORIAL = frozenset({"note", "figDesc", "corr", "gap"})


def editorial(element: ET.Element) -> bool:
    return (
        local(element) in EDITORIAL
        or element.get("type") == "editorial"
        or element.get("resp") == EDITORS
    )


def _pieces(element: ET.Element, place: str) -> Iterator[tuple[str, str]]:
    place = element.get(XML_ID, place)
    if element.text:
        yield element.text, place
    for child in element:
        if not editorial(child):
            yield from _pieces(child, place)
        if child.tail:
            yield child.tail, place


def reading_text(path: Path) -> Iterator[tuple[str, str]]:
    """Pieces of the witness's text in order, each with the ``xml:id`` it stands in."""
    text = ET.parse(path).getroot().find(tag("text"))
    if text is None:
        raise ValueError(f"{path}: no <text> element")
    for part in ("front", "body"):
        found = text.find(tag(part))
        if found is not None:
            for piece, place in _pieces(found, part):
                yield piece, f"{path.name} #{place}"
