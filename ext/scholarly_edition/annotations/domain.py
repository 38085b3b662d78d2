"""The ``annotations`` domain: annotations per file, text blocks per chapter, placements.

Everything is keyed by docname (``clear_doc``, ``merge_domaindata``), so
``-j`` and incremental builds keep it right. Where each annotation lands is
computed in ``env-updated`` from the blocks every chapter recorded when it was
read; the pages that change are re-written, and the marks themselves are
applied when a page is written, so no stale mark is ever pickled.
"""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from docutils import nodes

from .._util.per_document import PerDocumentDomain
from .anchor import Block
from .data import Annotation


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


class AnnotationsDomain(PerDocumentDomain):
    name = "annotations"
    label = "Annotations"
    initial_data: ClassVar[dict[str, Any]] = {"records": {}, "blocks": {}, "placements": {}}
    per_doc = ("records", "blocks")
    data_version = 1

    @property
    def records(self) -> dict[str, Record]:
        """Annotation docname → what its file says."""
        return self.data["records"]

    @property
    def blocks(self) -> dict[str, list[Block]]:
        """Chapter docname → its text blocks, where annotations can land."""
        return self.data["blocks"]

    @property
    def placements(self) -> dict[str, Placement]:
        """Annotation docname → placement, set in ``env-updated``."""
        return self.data["placements"]
