"""What each note says, rendered when a page is written, from the note map as it is then.

The read phase leaves only the markers (``transform.py``). In HTML a page
carries one preview per note it cites, after its text; ``notes.js`` shows it
beside whichever marker the reader hovers, focuses or taps, and without
JavaScript the marker still links to the note on the notes page. In print
(and the other formats) a preview follows each marker, as LaTeX makes the
footnote or the page reference of each use from it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .._util.markers import slug
from . import content as note_content
from . import refs_state
from .data import Note
from .nodes import note_preview, note_ref

PREVIEWS_CLASS = "note-previews"


def preview_id(label: str) -> str:
    """The id of a note's preview on a page: ``notes.js`` finds it from a marker's
    id (``ref-{slug}-{use}``), so no marker carries more than it did."""
    return f"preview-{slug(label)}"


def _preview(note: Note, label: str, node_id: str, docname: str, ref: str | None) -> note_preview:
    # "no-search": what the editors say of a note is not text to search.
    preview = note_preview("", note=label, ids=[node_id], classes=["no-search"], docname=docname)
    if ref is not None:
        preview["ref"] = ref
    preview += note_content.content(note)
    return preview


class NotePreviews(SphinxPostTransform):
    """The previews of a page's markers, from the note map.

    Before the uses are marked first or later (6) and the citations in the
    previews are resolved (10).
    """

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        if not refs_state.configured(self.config):
            return
        markers = list(self.document.findall(note_ref))
        if not markers:
            return
        notes = refs_state.note_map(self.env).notes
        if refs_state.builder(self.env).format == "html":
            self._once_per_page(markers, notes)
        else:
            self._after_each(markers, notes)

    def _once_per_page(self, markers: list[note_ref], notes: dict[str, Note]) -> None:
        previews = nodes.container(classes=[PREVIEWS_CLASS, "no-search"])
        written: set[str] = set()
        for marker in markers:
            label = marker["note"]
            if label not in notes:
                continue
            if label not in written:
                written.add(label)
                node_id = preview_id(label)
                previews += _preview(notes[label], label, node_id, marker["docname"], None)
        if written:
            self.document += previews

    def _after_each(self, markers: list[note_ref], notes: dict[str, Note]) -> None:
        for marker in markers:
            label = marker["note"]
            if label not in notes:
                continue
            own = marker["ids"][0]
            use = own.removeprefix(f"ref-{slug(label)}-")
            node_id = f"{preview_id(label)}-{use}"
            preview = _preview(notes[label], label, node_id, marker["docname"], own)
            marker.parent.insert(marker.parent.index(marker) + 1, preview)
