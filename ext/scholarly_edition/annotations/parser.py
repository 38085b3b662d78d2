"""MyST for every source, with docutils' file insertion and raw output off in annotations.

The allow-list (:mod:`.allowed`) would withhold an annotation that
included a file, but only after the file was read: with these settings off,
docutils' and MyST's ``include``, ``literalinclude``, ``csv-table :file:`` and
``raw`` refuse to read anything in an annotation in the first place. The
settings object is made anew for each document, so the chapters keep theirs.
"""

from __future__ import annotations

from docutils import nodes
from myst_parser.parsers.sphinx_ import MystParser

from .._util.documents import is_annotation


class EditionMystParser(MystParser):
    """MyST's Sphinx parser; in an annotation document, nothing is read from a file."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        if is_annotation(env.config, env.docname):
            document.settings.file_insertion_enabled = False
            document.settings.raw_enabled = False
        super().parse(inputstring, document)
