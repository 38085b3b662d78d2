"""Search finds a name under any of its forms.

A page that says only "Tiflis" is about Tbilisi too: for every register entry
named on a page, the words of all its forms and of its index form become the
page's search keywords (a ``<meta name="keywords">`` node, which Sphinx's
search indexer reads). A reader searching "Tbilisi", "Koba" or "Jughashvili"
finds every page that names the place or person, whatever form it uses.

The node is a ``search_keywords``, a kind of ``meta`` that the indexer reads
and no writer prints: in a page's head, keywords made of the text's words
became some sixty junk tags in a reference manager (Zotero imports them).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .names_domain import load_register
from .names_nodes import name

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
