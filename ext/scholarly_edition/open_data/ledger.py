"""The citation ledger: every marker of the text, in reading order.

Read from the pages as built, as a reader sees them: the marker's label, its
chapter and page, its own anchor and its paragraph's, then from the note map
its note's status and the works it cites, with their locators.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .._util.documents import in_text
from .._util.page_text import Tag, parse
from .._util.per_document import reading_order
from ..notes import refs_state


def _paragraph(marker: Tag) -> str:
    """The anchor of the marker's paragraph, or of its section outside one."""
    for element in marker.parents:
        if element.name in ("p", "section") and element.get("id"):
            return str(element["id"])
    return ""


def ledger(app: Sphinx) -> list[dict[str, Any]]:
    notes = refs_state.note_map(app.env).notes if refs_state.configured(app.config) else {}
    rows = []
    for docname in reading_order(app.env):
        if not in_text(app.config, docname):
            continue
        page = app.builder.get_target_uri(docname)
        soup = parse((Path(app.outdir) / page).read_text(encoding="utf-8"))
        for marker in soup.select("sup.note-ref"):
            label = marker.get_text().strip().removeprefix("[").removesuffix("]")
            note = notes.get(label)
            rows.append(
                {
                    "label": label,
                    "chapter": docname,
                    "page": page,
                    "marker": marker.get("id", ""),
                    "paragraph": _paragraph(marker),
                    "status": note.status if note is not None else "unknown",
                    "works": [
                        {"id": cite.key, "locator": cite.locator}
                        for cite in (note.cites if note is not None else ())
                    ],
                }
            )
    return rows
