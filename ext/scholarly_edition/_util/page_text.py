"""The text of a built page as a browser's DOM holds it, with the offsets of its pieces.

W3C selectors count characters of the document's text nodes (what
``textContent`` joins). BeautifulSoup's parse gives the same text nodes, so
offsets computed here are the ones a Web Annotation client counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction
from bs4.element import Tag

__all__ = ["PageText", "Tag", "page_text", "parse", "text_nodes"]

NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)


@dataclass(frozen=True)
class PageText:
    """The text of ``scope`` and where each of its text nodes starts."""

    text: str
    starts: dict[int, int]  # id() of a text node → its offset

    def span(self, element: Tag) -> tuple[int, int]:
        """Where ``element``'s text starts and ends."""
        strings = text_nodes(element)
        if not strings:
            raise ValueError("the element has no text")
        return self.starts[id(strings[0])], self.starts[id(strings[-1])] + len(strings[-1])


def text_nodes(element: Tag) -> list[NavigableString]:
    return [
        node
        for node in element.descendants
        if isinstance(node, NavigableString) and not isinstance(node, NOT_TEXT)
    ]


def page_text(scope: Tag) -> PageText:
    starts: dict[int, int] = {}
    parts: list[str] = []
    offset = 0
    for node in text_nodes(scope):
        starts[id(node)] = offset
        parts.append(str(node))
        offset += len(node)
    return PageText("".join(parts), starts)


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")
