"""The article's notes at the back: one ``note`` per note, which every marker's ``ref`` targets.

A note keeps its label as ``n``. What it says is what its preview in the
text says (the same resolved nodes): short citations that point to the
works' ``bibl`` entries, the article's own words for an explanatory note, or
the statement that its source is not yet identified.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from sphinx.environment import BuildEnvironment

from ..notes import refs_state
from ..notes.data import EXPLANATORY
from .ns import sub
from .text import TEITranslator, note_id

STATUS_TYPES = {"resolved": "citation", EXPLANATORY: "explanatory"}


def notes_div(back: ET.Element, translator: TEITranslator, env: BuildEnvironment) -> None:
    """The notes of every marker of the text, in the order of their first use."""
    div = sub(back, "div", type="notes")
    sub(div, "head", "Notes", type="editorial")
    notes = refs_state.note_map(env).notes
    for label, preview in translator.collected.previews.items():
        note = notes.get(label)
        status = note.status if note is not None else "unresolved"
        element = sub(
            div,
            "note",
            xml_id=note_id(label),
            n=label,
            type=STATUS_TYPES.get(status, "unresolved"),
        )
        translator.stack = [element]
        for child in preview.children:
            child.walkabout(translator)
