"""The ``notes`` domain: where each note is used, per document, and links to its entry.

Modelled on Sphinx's citation domain: the transform records uses per docname;
``clear_doc`` and ``merge_domaindata`` keep the records right under ``-j`` and
incremental builds; the global order of uses (for backlink letters and the
first use that carries the footnote in LaTeX) is computed in ``env-updated``,
walking documents in toctree order.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode


class NoteUse(NamedTuple):
    """One marker in the text."""

    note: str
    docname: str
    node_id: str
    line: int
    sentence: str


class NotesDomain(Domain):
    name = "notes"
    label = "Notes"
    initial_data: ClassVar[dict[str, Any]] = {"uses": {}, "ordered": {}, "shows": {}}
    data_version = 2

    @property
    def uses(self) -> dict[str, list[NoteUse]]:
        """Uses per docname, in document order."""
        return self.data.setdefault("uses", {})

    @property
    def ordered(self) -> dict[str, list[NoteUse]]:
        """Uses per note, in reading order (set in ``env-updated``)."""
        return self.data.setdefault("ordered", {})

    @property
    def shows(self) -> dict[str, set[str]]:
        """Pages that show an aspect of the whole note map ("status", "cites"), per docname."""
        return self.data.setdefault("shows", {})

    def note_use(self, use: NoteUse) -> None:
        self.uses.setdefault(use.docname, []).append(use)

    def note_shows(self, docname: str, aspect: str) -> None:
        self.shows.setdefault(docname, set()).add(aspect)

    def clear_doc(self, docname: str) -> None:
        self.uses.pop(docname, None)
        self.shows.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["uses"]:
                self.uses[docname] = otherdata["uses"][docname]
            if docname in otherdata.get("shows", {}):
                self.shows[docname] = otherdata["shows"][docname]

    def order_uses(self, reading_order: list[str]) -> bool:
        """Put every use in reading order; say whether anything changed."""
        ordered: dict[str, list[NoteUse]] = {}
        for docname in reading_order:
            for use in self.uses.get(docname, []):
                ordered.setdefault(use.note, []).append(use)
        changed = ordered != self.data.get("ordered")
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
        page = env.config.edition_notes_page
        if typ != "note" or page not in env.all_docs:
            return None
        return make_refnode(
            builder, fromdocname, page, f"note-{target}", contnode, f"Note {target}"
        )

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return []


def reading_order(env: BuildEnvironment) -> list[str]:
    """Documents in toctree order from the root, then any others by name."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in seen or docname not in env.all_docs:
            continue
        seen.add(docname)
        order.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return order + sorted(set(env.all_docs) - seen)
