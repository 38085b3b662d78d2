"""The short citation form of the notes: "Conquest 1991, p. 2; Khlevniuk 2015, p. 11".

A sphinxcontrib-bibtex referencing style (author-year, no brackets, locators
after a comma, several works joined by semicolons), registered as the plugin
``edition-short`` so that sphinxcontrib-bibtex formats and links every short
citation.

The bibliography's own style, ``edition`` (pybtex's alpha with two additions),
prints a book's translator ("Translated by Nora Seligman Favorov") and gives
web pages (``@online``) their organisation, note and address. Its labels are
the notes' short form ("Conquest 1991", not alpha's "Con91"), made by the
same templates as the short citations, so that a reader finds a note's work
under the words the note gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pybtex.plugin
from pybtex.database import Entry, Person
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.formatting.unsrt import date
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import Node as Template
from pybtex.style.template import field as bib_field
from pybtex.style.template import (
    first_of,
    join,
    optional,
    optional_field,
    sentence,
    tag,
    words,
)
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join as et_al_join
from sphinxcontrib.bibtex.style.template import year

NAME = "edition-short"
BIBLIOGRAPHY_STYLE = "edition"
LABEL_STYLE = "edition-short"


def _bare() -> BracketStyle:
    return BracketStyle(left="", right="", sep="; ", sep2="; ", last_sep="; ")


@dataclass
class ShortPersonStyle(PersonStyle):
    """Authors, else editors; a work with neither by its BibTeX ``key`` (the short
    title BibTeX sorts it by), else its title."""

    def author_or_editor_or_title(self, full: bool) -> Template:
        return first_of[
            optional[self.names("author", full)],
            optional[self.names("editor", full)],
            optional[tag("em")[bib_field("key")]],
            tag("em")[bib_field("title")],
        ]


@dataclass
class ShortCitationStyle(AuthorYearReferenceStyle):
    """Author-year references without brackets, for note entries and previews."""

    bracket_parenthetical: BracketStyle = field(default_factory=_bare)
    author_year_sep: str = " "
    person: PersonStyle = field(default_factory=ShortPersonStyle)


class ShortLabelStyle(BaseLabelStyle):
    """Labels in the short form of the notes: the same template as their citations."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        style = ShortCitationStyle()
        template = et_al_join(sep=style.author_year_sep)[
            style.person.author_or_editor_or_title(full=False), year
        ]
        for entry in sorted_entries:
            yield template.format_data({"entry": entry, "style": style}).render_as("text")


class EditionBibliographyStyle(AlphaStyle):
    """Alpha, with a book's translator and a web page's organisation and address,
    labelled as the notes cite."""

    default_label_style = LABEL_STYLE

    def format_translator(self, e: Entry) -> Template:
        if "translator" not in e.fields:
            return optional[bib_field("translator")]
        person = Person(str(e.fields["translator"]))
        parts = person.first_names + person.middle_names + person.prelast_names
        name = " ".join([*parts, *person.last_names, *person.lineage_names])
        return sentence[words["Translated by", name]]

    def get_book_template(self, e: Entry) -> Template:
        return toplevel[
            self.format_author_or_editor(e),
            self.format_btitle(e, "title"),
            self.format_translator(e),
            self.format_volume_and_series(e),
            sentence[
                bib_field("publisher"), optional_field("address"), self.format_edition(e), date
            ],
            optional[sentence[self.format_isbn(e)]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_online_template(self, e: Entry) -> Template:
        return toplevel[
            optional[sentence[self.format_names("author")]],
            sentence[join['"', bib_field("title"), '"']],
            optional[sentence[bib_field("organization")]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]


def register() -> None:
    register_plugin("sphinxcontrib.bibtex.style.referencing", NAME, ShortCitationStyle)
    pybtex.plugin.register_plugin("pybtex.style.labels", LABEL_STYLE, ShortLabelStyle, force=True)
    pybtex.plugin.register_plugin(
        "pybtex.style.formatting", BIBLIOGRAPHY_STYLE, EditionBibliographyStyle, force=True
    )
    _find_plain_text_backend_once()


def _find_plain_text_backend_once() -> None:
    """sphinxcontrib-bibtex asks pybtex for its plain-text backend at every citation it
    resolves (for the link's tooltip), and pybtex scans the installed packages' entry
    points at every ask: 1.5 ms each, half a CPU second in the 50x edition.
    pybtex looks in its table of plugins registered at run time first: the class the
    entry point names, registered there, is found at once. ``render_as("text")`` (the
    notes' labels, CSL-JSON, TEI) asks by the alias ``text``, which pybtex looks up
    in its main group before its aliases: registered there too, it is found at once."""
    backend = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    for name in ("plaintext", "text"):
        pybtex.plugin.register_plugin("pybtex.backends", name, backend, force=True)
