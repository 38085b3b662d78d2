"""What a note says, as nodes: shared by the previews in the text and the notes page."""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref

from .._util.i18n import _
from .data import EXPLANATORY, Note


def unresolved_text() -> str:
    """What an unresolved note says, in the edition's language."""
    return _("Source not yet identified.")


def _citations(note: Note) -> list[nodes.Node]:
    """Short citations, each linked to its work; one reference per work, in the source's order."""
    result: list[nodes.Node] = []
    for index, cite in enumerate(note.cites):
        if index:
            result.append(nodes.Text("; "))
        target = f"{cite.key}{{{cite.locator}}}" if cite.locator else cite.key
        result.append(
            pending_xref(
                "", nodes.inline("", target), refdomain="cite", reftype="p", reftarget=target
            )
        )
        if cite.quote:
            # The source's quotation of the work, as text.
            result += [
                nodes.Text(": "),
                nodes.inline("", f"“{cite.quote}”", classes=["note-quote"]),
            ]
    return result


def content(note: Note) -> list[nodes.Node]:
    """Short citations linked to the bibliography, or an honest statement of the unknown.

    An unresolved note says only that: how to resolve one is the contributors'
    business (the notes report, CONTRIBUTING.md), and a reader would meet the
    same link at hundreds of notes.
    """
    if note.resolved:
        return _citations(note)
    if note.status == EXPLANATORY and note.text:
        # The article's words, as text: a note's text is never markup.
        result: list[nodes.Node] = [nodes.inline("", note.text, classes=["note-text"])]
        if note.cites:
            result += [nodes.Text(" ("), *_citations(note), nodes.Text(")")]
        return result
    if note.status == EXPLANATORY:
        return [
            nodes.inline(
                "",
                _("Explanatory note of the article; its text is not in the witness."),
                classes=["note-explanatory"],
            )
        ]
    return [nodes.inline("", unresolved_text(), classes=["note-unresolved"])]
