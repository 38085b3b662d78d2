"""Every warning the extension can give, in one place, for ``suppress_warnings``.

Each is emitted as ``path:line: WARNING: message [edition.<subtype>]`` through
:func:`warn`, so that a contributor sees the file and line to fix.
"""

from __future__ import annotations

from enum import Enum

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger("scholarly_edition")

WARNING_TYPE = "edition"


class EditionWarning(Enum):
    """Subtypes of the ``edition`` warning type; the value says what went wrong."""

    unknown_note = "a bracketed marker whose note is not in the note map"
    note_map = "the note map is malformed or names a missing BibTeX key"
    bibtex = "the BibTeX file is malformed, has a duplicate key or lacks a field"
    unused_note = "a note map entry that the text never cites"
    notes_page = (
        "the text cites notes but edition_notes_page names no document of the edition,"
        " or one without a {note-list}"
    )
    annotation_front_matter = "an annotation's front matter is missing, unknown or malformed"
    annotation_unsafe = "an annotation uses markup that annotations may not use"
    annotation_file = "a file in the annotations folder that is not a .md file with a safe name"
    annotation_anchor = "an annotation's target matches no passage, or several"
    source_encoding = "a source file is not UTF-8; it is not read"
    names_register = "the register of names (names_register) has a problem"
    names_ambiguous = "a surface form that two register entries claim has no role choosing one"
    names_unknown_entry = "a name role names no entry of the register"
    citation = (
        "the citation file (edition_citation_file) cannot be read or its version"
        " is not the edition's"
    )
    article = "the article's provenance (edition_article_file) cannot be read"
    front_matter = "edition_latex_front_matter names a section that no document has"
    structure = (
        "the structure map (edition_structure_file) cannot be read or disagrees with the witness"
    )
    tei = "a part of the text the TEI edition cannot encode"
    web_annotation = "an annotation's passage cannot be found in its built page for the export"


def warn(
    subtype: EditionWarning,
    message: str,
    location: nodes.Node | tuple[str, int | None] | str | None,
) -> None:
    """Log a located warning of type ``edition.<subtype>``."""
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype.name)
