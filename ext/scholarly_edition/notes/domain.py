"""The ``notes`` domain: where each note is used, per document, and links to its entry.

Modelled on Sphinx's citation domain: the transform records uses per docname;
``PerDocumentDomain`` clears and merges them, which keeps them right under
``-j`` and incremental builds; the global order of uses (for backlink letters and the
first use that carries the footnote in LaTeX) is computed in ``env-updated``,
walking documents in toctree order.
"""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from .._util.markers import slug
from .._util.per_document import PerDocumentDomain


class NoteUse(NamedTuple):
    """One marker in the text."""

    note: str
    docname: str
    node_id: str
    line: int
    sentence: str


class NotesDomain(PerDocumentDomain):
    name = "notes"
    label = "Notes"
    initial_data: ClassVar[dict[str, Any]] = {
        "uses": {},
        "ordered": {},
        "shows": {},
        "unlinked": {},
        "lists": {},
    }
    per_doc = ("uses", "shows", "unlinked", "lists")
    data_version = 5

    @property
    def uses(self) -> dict[str, list[NoteUse]]:
        """Uses per docname, in document order."""
        return self.data["uses"]

    @property
    def ordered(self) -> dict[str, list[NoteUse]]:
        """Uses per note, in reading order (set in ``env-updated``)."""
        return self.data["ordered"]

    @property
    def shows(self) -> dict[str, set[str]]:
        """Pages that show an aspect of the whole note map ("status", "cites"), per docname."""
        return self.data["shows"]

    @property
    def unlinked(self) -> dict[str, set[str]]:
        """Labels of markers left as text (no usable note), per docname: a note map
        that gains them re-reads the document."""
        return self.data["unlinked"]

    @property
    def lists(self) -> dict[str, bool]:
        """The documents holding a ``{note-list}``, the anchors the markers link to."""
        return self.data["lists"]

    def note_list(self, docname: str) -> None:
        self.lists[docname] = True

    def linkable(self, env: BuildEnvironment) -> bool:
        """Whether the notes page exists and lists the notes, so a marker can link there."""
        return env.config.edition_notes_page in self.lists

    def note_unlinked(self, docname: str, label: str) -> None:
        self.unlinked.setdefault(docname, set()).add(label)

    def note_use(self, use: NoteUse) -> None:
        self.uses.setdefault(use.docname, []).append(use)

    def note_shows(self, docname: str, aspect: str) -> None:
        self.shows.setdefault(docname, set()).add(aspect)

    def order_uses(self, reading_order: list[str]) -> bool:
        """Put every use in reading order; say whether anything changed."""
        ordered: dict[str, list[NoteUse]] = {}
        for docname in reading_order:
            for use in self.uses.get(docname, []):
                ordered.setdefault(use.note, []).append(use)
        changed = ordered != self.ordered
        self.data["ordered"] = ordered
        return changed

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ != "note" or not self.linkable(env):
            return None
        page = env.config.edition_notes_page
        return make_refnode(
            builder, fromdocname, page, f"note-{slug(target)}", contnode, f"Note {target}"
        )
