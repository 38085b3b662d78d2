"""What in a page is the editors' and what is the witness's, as every feature asks.

A feature's node that adds the editors' words or signs to a page (a note's
preview, the lacuna sign, a paragraph's permalink, an annotation's mark in the
text and its margin note) subclasses :class:`Apparatus`, a permalink
:class:`Permalink`; a sign of the witness that the edition links (a note
marker) subclasses :class:`WitnessMark`. Searching, anchoring, the one-page
text and the exports ask these classes, never another feature's nodes, so
each feature loads on its own.
"""

from __future__ import annotations


class Apparatus:
    """The editors' words or signs: never the witness's text."""


class WitnessMark:
    """A sign of the witness that the edition links: its text, but no word of a phrase."""


class Permalink(Apparatus):
    """A link to an anchor of its own document, given as its ``anchor`` attribute
    (a paragraph's number): whatever renames the anchor renames the link too."""
