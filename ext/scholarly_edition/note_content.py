"""What a note says, as nodes: shared by the previews in the text and the notes page."""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.environment import BuildEnvironment

from .notes_data import EXPLANATORY, Note

UNRESOLVED_TEXT = "Source not yet identified."
EXPLANATORY_TEXT = "Explanatory note of the article; its text is not in the witness."
HOW_TO_RESOLVE = "How to resolve a note"


def content(note: Note, env: BuildEnvironment, link_to_report: bool = True) -> list[nodes.Node]:
    """Short citations linked to the bibliography, or an honest statement of the unknown.

    The notes page links an unresolved note to how to resolve it; the previews in
    the text, shown hundreds of times, leave the link to the notes page.
    """
    if note.resolved:
        # One reference per work, so the note keeps its source's order.
        result: list[nodes.Node] = []
        for index, cite in enumerate(note.cites):
            if index:
                result.append(nodes.Text("; "))
            target = f"{cite.key}{{{cite.locator}}}"
            result.append(
                pending_xref(
                    "", nodes.inline("", target), refdomain="cite", reftype="p", reftarget=target
                )
            )
        return result
    if note.status == EXPLANATORY:
        return [nodes.inline("", EXPLANATORY_TEXT, classes=["note-explanatory"])]
    result = [nodes.inline("", UNRESOLVED_TEXT, classes=["note-unresolved"])]
    report = env.config.edition_notes_report_page
    if link_to_report and report and report in env.found_docs:
        link = pending_xref(
            "",
            nodes.inline("", HOW_TO_RESOLVE),
            refdomain="std",
            reftype="doc",
            reftarget=f"/{report}",
            refexplicit=True,
            refdoc=env.docname,
        )
        result += [nodes.Text(" "), link]
    return result
