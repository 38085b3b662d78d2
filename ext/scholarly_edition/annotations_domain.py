"""The ``annotations`` domain: annotations per file, text blocks per chapter, placements.

Everything is keyed by docname (``clear_doc``, ``merge_domaindata``), so
``-j`` and incremental builds keep it right. Where each annotation lands is
computed in ``env-updated`` from the blocks every chapter recorded when it was
read; the pages that change are re-written, and the marks themselves are
applied when a page is written, so no stale mark is ever pickled.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .annotations_anchor import Block
from .annotations_data import Annotation


class Record(NamedTuple):
    """An annotation as read: its data, its title and its body (docutils nodes)."""

    docname: str
    annotation: Annotation
    title: str
    body: list[nodes.Node]


class Placement(NamedTuple):
    """Where an annotation lands: a block of a chapter, a span of its text, its label."""

    annotation: str
    docname: str
    block: int
    start: int
    end: int
    label: str


class AnnotationsDomain(Domain):
    name = "annotations"
    label = "Annotations"
    initial_data: ClassVar[dict[str, Any]] = {"records": {}, "blocks": {}, "placements": {}}
    data_version = 1

    @property
    def records(self) -> dict[str, Record]:
        return self.data.setdefault("records", {})

    @property
    def blocks(self) -> dict[str, list[Block]]:
        return self.data.setdefault("blocks", {})

    @property
    def placements(self) -> dict[str, Placement]:
        """Annotation docname → placement, set in ``env-updated``."""
        return self.data.setdefault("placements", {})

    def clear_doc(self, docname: str) -> None:
        self.records.pop(docname, None)
        self.blocks.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["records"]:
                self.records[docname] = otherdata["records"][docname]
            if docname in otherdata["blocks"]:
                self.blocks[docname] = otherdata["blocks"][docname]

    def placements_in(self, docname: str) -> list[Placement]:
        return [p for p in self.placements.values() if p.docname == docname]

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        """Nothing here answers an ``any`` reference (the base class would raise)."""
        return []
