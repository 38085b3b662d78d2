"""Line breaks and indentation between the elements of element-only content.

``ElementTree.indent`` would also indent inside mixed content (a paragraph
whose text begins with a name), adding spaces to the text: only the elements
listed here, which hold no text of their own, are laid out.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from .ns import local

STRUCTURAL = frozenset(
    {
        "TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "editionStmt",
        "publicationStmt", "availability", "licence", "sourceDesc", "relatedItem",
        "encodingDesc", "projectDesc", "editorialDecl", "classDecl", "taxonomy", "category",
        "text", "front", "body", "back", "div", "cit", "quote", "figure", "listBibl",
        "listPerson", "listPlace", "listOrg", "person", "place", "org", "list",
    }
)  # fmt: skip


def lay_out(element: ET.Element, depth: int = 0) -> None:
    if local(element) not in STRUCTURAL or not len(element):
        return
    if (element.text or "").strip() or any((child.tail or "").strip() for child in element):
        return  # mixed content after all: left as it is
    inner = "\n" + "  " * (depth + 1)
    element.text = inner
    for child in element:
        child.tail = inner
        lay_out(child, depth + 1)
    element[-1].tail = "\n" + "  " * depth
