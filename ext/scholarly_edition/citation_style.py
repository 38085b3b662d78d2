"""The short citation form of the notes: "Conquest 1991, p. 2; Khlevniuk 2015, p. 11".

A sphinxcontrib-bibtex referencing style (author-year, no brackets, locators
after a comma, several works joined by semicolons), registered as the plugin
``edition-short`` so that sphinxcontrib-bibtex formats and links every short
citation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
