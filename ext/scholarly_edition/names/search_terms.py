"""Search finds a name under any of its forms, and a word without its diacritics.

A page that says only "Tiflis" is about Tbilisi too: for every register entry
named on a page, the words of all its forms and of its index form become the
page's search keywords (a ``<meta name="keywords">`` node, which Sphinx's
search indexer reads). A reader searching "Tbilisi", "Koba" or "Jughashvili"
finds every page that names the place or person, whatever form it uses.

A reader who types "Krakow" or "Lodz" means "Kraków" and "Łódź": every word
of a page's searchable text that has letters beyond ASCII is added in its
folded form too (diacritics dropped, and the letters Unicode does not
decompose, such as "ł", replaced), so the plain spelling finds the page.

The node is a ``search_keywords``, a kind of ``meta`` that the indexer reads
and no writer prints: in a page's head, keywords made of the text's words
became some sixty junk tags in a reference manager (Zotero imports them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .domain import load_register
from .nodes import name

WORD = re.compile(r"\w+")


class search_keywords(nodes.meta):  # noqa: N801 (docutils node naming)
    """Search keywords for Sphinx's indexer only (it reads every ``meta``)."""


def skip(self: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


class NameSearchTerms(SphinxTransform):
    """Add the register's forms of the names on a page as its search keywords."""

    # After NameTagger (410), which creates the name nodes read here.
    default_priority = 415

    def apply(self, **kwargs: object) -> None:
        loaded = load_register(self.env)
        if loaded is None:
            return
        entries = loaded[0].entries
        named = {node.get("entry") for node in self.document.findall(name)}
        words: set[str] = set()
        for entry_id in named:
            entry = entries.get(entry_id)
            if entry is not None:
                for form in (entry.index, *entry.forms):
                    words.update(WORD.findall(form))
        if words:
            self.document += search_keywords(name="keywords", content=", ".join(sorted(words)))


# Letters with no decomposition into a base letter and a mark.
_UNDECOMPOSED = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
    }
)


def folded(word: str) -> str:
    """``Łódź`` as ``Lodz``: marks dropped, undecomposed letters replaced."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _searched_text(node: nodes.Node) -> Iterator[str]:
    """The text Sphinx's indexer reads: not inside an element of class ``no-search``."""
    if isinstance(node, nodes.Text):
        yield str(node)
    elif isinstance(node, nodes.Element) and "no-search" not in node["classes"]:
        for child in node.children:
            yield from _searched_text(child)


class FoldedSearchTerms(SphinxTransform):
    """Add the folded form of each word of the page that has diacritics."""

    # After the notes' previews (marked no-search) and the names are in place.
    default_priority = 416

    def apply(self, **kwargs: object) -> None:
        words = {
            plain
            for text in _searched_text(self.document)
            for word in WORD.findall(text)
            if not word.isascii() and (plain := folded(word)) != word and plain.isascii()
        }
        if words:
            self.document += search_keywords(name="keywords", content=", ".join(sorted(words)))


def setup(app: Sphinx) -> None:
    app.add_node(
        search_keywords,
        override=False,
        **{
            builder: (skip, None)
            for builder in ("html", "epub", "latex", "text", "man", "texinfo", "xml")
        },
    )
    app.add_transform(NameSearchTerms)
    app.add_transform(FoldedSearchTerms)
