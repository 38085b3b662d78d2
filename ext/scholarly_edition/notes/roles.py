"""The ``{not-note}`` role: a bracket with a note marker's shape that is text.

The importer writes it for each ``[[not_note]]`` block of the structure map
(``scholarly_edition.text.not_notes``), as ``{not-note}`[1994]```. The
bracket stays in the text, as the witness gives it, and the note transform
leaves it alone: no link, no use of a note, no warning.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from .._util.markers import NOT_NOTE_ROLE as ROLE

# The class of the bracket's inline node, which the note transform skips.
CLASS = ROLE


class NotNoteRole(SphinxRole):
    """``{not-note}`[1994]```: the bracket is text, not a note marker."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = nodes.inline(self.rawtext, self.text, classes=[CLASS])
        self.set_source_info(node)
        return [node], []


def is_not_note(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and CLASS in node["classes"]


def setup(app: Sphinx) -> None:
    app.add_role(ROLE, NotNoteRole())
