"""What a note says, as nodes: shared by the previews in the text and the notes page."""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.environment import BuildEnvironment

from .notes_data import EXPLANATORY, Note

UNRESOLVED_TEXT = "Source not yet identified."
EXPLANATORY_TEXT = "Explanatory note of the article; its text is not in the witness."
HOW_TO_RESOLVE = "How to resolve a note"


def content(note: Note, env: BuildEnvironment) -> list[nodes.Node]:
    """Short citations linked to the bibliography, or an honest statement of the unknown."""
    if note.resolved:
        target = ",".join(f"{cite.key}{{{cite.locator}}}" for cite in note.cites)
        xref = pending_xref(
            "", nodes.inline("", target), refdomain="cite", reftype="p", reftarget=target
        )
        return [xref]
    if note.status == EXPLANATORY:
        return [nodes.inline("", EXPLANATORY_TEXT, classes=["note-explanatory"])]
    result: list[nodes.Node] = [nodes.inline("", UNRESOLVED_TEXT, classes=["note-unresolved"])]
    report = env.config.edition_notes_report_page
    if report and report in env.found_docs:
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
