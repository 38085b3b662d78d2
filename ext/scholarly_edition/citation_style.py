"""The short citation form of the notes: "Conquest 1991, p. 2; Khlevniuk 2015, p. 11".

A sphinxcontrib-bibtex referencing style (author-year, no brackets, locators
after a comma, several works joined by semicolons), registered as the plugin
``edition-short`` so that sphinxcontrib-bibtex formats and links every short
citation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pybtex.plugin
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

NAME = "edition-short"


def _bare() -> BracketStyle:
    return BracketStyle(left="", right="", sep="; ", sep2="; ", last_sep="; ")


@dataclass
class ShortCitationStyle(AuthorYearReferenceStyle):
    """Author-year references without brackets, for note entries and previews."""

    bracket_parenthetical: BracketStyle = field(default_factory=_bare)
    author_year_sep: str = " "


def register() -> None:
    register_plugin("sphinxcontrib.bibtex.style.referencing", NAME, ShortCitationStyle)
    _find_plain_text_backend_once()


def _find_plain_text_backend_once() -> None:
    """sphinxcontrib-bibtex asks pybtex for its plain-text backend at every citation it
    resolves (for the link's tooltip), and pybtex scans the installed packages' entry
    points at every ask: 1.5 ms each, half a CPU second in the 50x edition.
    pybtex looks in its table of plugins registered at run time first: the class the
    entry point names, registered there, is found at once."""
    backend = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    pybtex.plugin.register_plugin("pybtex.backends", "plaintext", backend, force=True)
