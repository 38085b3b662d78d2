"""The edition's citation as CSL-JSON and RIS, for the reference managers that
read those rather than BibTeX (Zotero, Mendeley, EndNote; Pandoc and citeproc
read CSL-JSON).

The same item as the "Cite" dialog's (``cite.js``) for a whole page, without
the passage and the date of access: a web page edited by the editors, with
its version, release date, address when known, and what it edits as a note.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx import addnodes

from .._util.i18n import _
from .citation import EditionCitation

# RIS's type of a web page; its version goes under ET (edition), as cite.js gives it.
RIS_TYPE = "ELEC"


def csl_item(citation: EditionCitation, language: str = "") -> dict[str, Any]:
    """One CSL-JSON item (CSL 1.0.2's schema) for the edition."""
    item: dict[str, Any] = {
        "id": citation.key,
        "type": "webpage",
        "title": citation.title,
        "editor": [{"literal": citation.editors}],
        "version": citation.version,
    }
    if citation.released:
        parts = [int(part) for part in citation.released.split("-")]
        item["issued"] = {"date-parts": [parts]}
    if citation.url:
        item["URL"] = citation.url
    item["note"] = citation.source
    if language:
        item["language"] = language
    return item


def csl_json(citation: EditionCitation, language: str = "") -> str:
    """A CSL-JSON file: a list of items, here the edition's one."""
    return json.dumps([csl_item(citation, language)], ensure_ascii=False, indent=2)


def ris(citation: EditionCitation, language: str = "") -> str:
    """An RIS record: ``TAG  - value`` lines from TY to ER.

    The editors go under ED, the tag Zotero and EndNote import as editors
    (for an ELEC record, A2 is not an editor in Zotero's mapping).
    """
    rows = [
        ("TY", RIS_TYPE),
        ("ID", citation.key),
        ("ED", citation.editors),
        ("TI", citation.title),
        ("ET", citation.version),
    ]
    if citation.released:
        rows += [("PY", citation.year), ("DA", citation.released.replace("-", "/"))]
    if citation.url:
        rows.append(("UR", citation.url))
    if language:
        rows.append(("LA", language))
    rows += [("N1", citation.source), ("ER", "")]
    return "\n".join(f"{tag}  - {value}".rstrip() for tag, value in rows) + "\n"


def blocks(citation: EditionCitation, language: str = "") -> list[nodes.Node]:
    """The About page's CSL-JSON and RIS, each under a label saying what reads it.

    Only in the formats a reference manager reads from (HTML, EPUB): a printed
    page of JSON is no citation a reader copies.
    """
    result = addnodes.only(expr="html")
    for label, text, lexer in (
        (_("In CSL-JSON (Zotero, Pandoc, citeproc):"), csl_json(citation, language), "json"),
        (_("In RIS (EndNote, Mendeley, Zotero):"), ris(citation, language), "none"),
    ):
        result += nodes.paragraph(text=label)
        result += nodes.literal_block(text, text, language=lexer)
    return [result]
