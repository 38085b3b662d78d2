"""The citation ledger: every marker of the text, in reading order.

Read from the pages as built, as a reader sees them: the marker's label, its
chapter and page, its own anchor and its paragraph's, then from the note map
its note's status and the works it cites, with their locators. Each page is
read where it is written, and kept by its digest (``_util/built_pages.py``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .._util.built_pages import BuiltPages, WrittenPage
from .._util.documents import in_text
from .._util.page_text import Element
from .._util.per_document import reading_order
from ..notes import refs_state

READER = "ledger"


# A sup element whose classes include note-ref (CSS's sup.note-ref).
MARKERS = "//sup[contains(concat(' ', normalize-space(@class), ' '), ' note-ref ')]"


def _paragraph(marker: Element) -> str:
    """The anchor of the marker's paragraph, or of its section outside one."""
    for element in marker.iterancestors("p", "section"):
        if element.get("id"):
            return str(element.get("id"))
    return ""


def markers(page: Element) -> list[tuple[str, str, str]]:
    """Each marker of a page: its label, its anchor and its paragraph's."""
    return [
        (
            marker.text_content().strip().removeprefix("[").removesuffix("]"),
            str(marker.get("id", "")),
            _paragraph(marker),
        )
        for marker in page.xpath(MARKERS)
    ]


def read_written(
    app: Sphinx, docname: str, page: WrittenPage, doctree: nodes.document
) -> tuple[str, object] | None:
    """The markers of a text page, read in the process that wrote it."""
    return (READER, markers(page.root)) if in_text(app.config, docname) else None


def ledger(app: Sphinx) -> list[dict[str, Any]]:
    notes = refs_state.note_map(app.env).notes if refs_state.configured(app.config) else {}
    pages = BuiltPages(app, READER)
    rows = []
    for docname in reading_order(app.env):
        if not in_text(app.config, docname):
            continue
        page = app.builder.get_target_uri(docname)
        for label, marker, paragraph in pages.reading(docname, lambda page: markers(page.root)):
            note = notes.get(label)
            rows.append(
                {
                    "label": label,
                    "chapter": docname,
                    "page": page,
                    "marker": marker,
                    "paragraph": paragraph,
                    "status": note.status if note is not None else "unknown",
                    "works": [
                        {"id": cite.key, "locator": cite.locator}
                        for cite in (note.cites if note is not None else ())
                    ],
                }
            )
    return rows
