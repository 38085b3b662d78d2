"""The TEI translator's machinery: the element stack, and one table for the nodes
that map to one TEI element each.

Most docutils nodes become one element (``emphasis`` is ``hi rend="italic"``),
are wrappers whose children carry the content, or serve only another output;
the tables say which, and the translator's own ``visit_`` methods handle the
nodes that need more. A node in none of them is reported at its source line,
never dropped in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.util.docutils import SphinxTranslator

from .._util.warning import EditionWarning, warn
from .ns import sub

# Node class -> (TEI element, its attributes).
ELEMENTS: dict[type[nodes.Node], tuple[str, dict[str, str]]] = {
    nodes.emphasis: ("hi", {"rend": "italic"}),
    nodes.strong: ("hi", {"rend": "bold"}),
    nodes.literal: ("hi", {"rend": "code"}),
    nodes.bullet_list: ("list", {}),
    nodes.enumerated_list: ("list", {}),
    nodes.list_item: ("item", {}),
    nodes.definition_list: ("list", {"type": "gloss"}),
    nodes.term: ("label", {}),
    nodes.definition: ("item", {}),
    nodes.table: ("table", {}),
    nodes.entry: ("cell", {}),
    # An entry of a bibliography page; the works' ids are the listBibl's.
    nodes.citation: ("bibl", {}),
}

# Wrappers whose children carry the content. The captured page's header (the
# only field list of the text) is forme work: its fields are ``fw``.
TRANSPARENT: tuple[type[nodes.Node], ...] = (
    nodes.document,
    nodes.compound,
    nodes.container,
    nodes.field_list,
    nodes.field_body,
    nodes.definition_list_item,
    nodes.tgroup,
    nodes.thead,
    nodes.tbody,
    nodes.inline,
    nodes.target,
    addnodes.pending_xref,
)

# What serves the web and print outputs only: comments, labels the edition
# numbers itself, and index entries and search keywords (the names they index
# are persName, placeName and orgName here).
SKIPPED: tuple[type[nodes.Node], ...] = (
    nodes.comment,
    nodes.substitution_definition,
    nodes.field_name,
    nodes.label,
    nodes.colspec,
    addnodes.index,
    nodes.meta,
)


@dataclass
class Collected:
    """What the text refers to, for the back matter: notes by label in reading order,
    the pieces of each annotated passage, and whether each correction was encoded."""

    previews: dict[str, nodes.Element] = field(default_factory=dict)
    marks: dict[str, list[str]] = field(default_factory=dict)
    corrected: set[str] = field(default_factory=set)


class TEIWriter(SphinxTranslator):
    """Builds TEI elements under ``root``; ``collected`` gathers what the back matter needs."""

    def __init__(self, document: nodes.document, builder: Builder, root: ET.Element) -> None:
        super().__init__(document, builder)
        self.stack: list[ET.Element] = [root]
        self.docnames: list[str] = [self.config.root_doc]
        self.collected = Collected()

    @property
    def current(self) -> ET.Element:
        return self.stack[-1]

    def push(self, name: str, **attributes: str) -> ET.Element:
        made = sub(self.current, name, **attributes)
        self.stack.append(made)
        return made

    def close(self, element: ET.Element) -> None:
        """Pop the stack down to and including ``element``."""
        while element in self.stack:
            self.stack.pop()

    def pop(self, node: nodes.Element) -> None:
        self.stack.pop()

    def html_uri(self, anchor: str) -> str:
        suffix = self.config.html_link_suffix or self.config.html_file_suffix or ".html"
        return f"{self.docnames[-1]}{suffix}#{anchor}"

    def unknown_visit(self, node: nodes.Node) -> None:
        """The tables, for a node with no ``visit_`` method of its own or of a base class."""
        for cls in type(node).__mro__:
            if cls in ELEMENTS:
                name, attributes = ELEMENTS[cls]
                self.push(name, **attributes)
                return
            if cls in TRANSPARENT:
                return
            if cls in SKIPPED:
                raise nodes.SkipNode
        self.not_encoded(node)

    def unknown_departure(self, node: nodes.Node) -> None:
        if any(cls in ELEMENTS for cls in type(node).__mro__):
            self.stack.pop()

    def not_encoded(self, node: nodes.Node) -> None:
        warn(
            EditionWarning.tei,
            f"the TEI edition has no encoding for a {type(node).__name__} node; "
            "its text is left out of edition.xml",
            node,
        )
        raise nodes.SkipNode
