"""MyST roles for the names an automatic tagger cannot or should not decide.

``{name}`Koba <stalin-joseph>``` names the entry explicitly (an ambiguous
form, or a form the register does not list); ``{not-name}`Koba``` marks words
that are not a name here; ``{index-name}`lenin-vladimir``` indexes a passage
that does not literally name the entry and adds no text.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from .._util.warning import EditionWarning, warn
from .domain import load_register
from .nodes import name

_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<entry>[^<>]+)>$", re.DOTALL)


class _EntryRole(SphinxRole):
    def _entry_known(self, entry: str) -> bool:
        loaded = load_register(self.env)
        if loaded is not None and entry in loaded[0].entries:
            return True
        warn(
            EditionWarning.names_unknown_entry,
            f"{{{self.name}}} role names {entry!r}, which is not an entry of the register",
            self.get_location(),
        )
        return False


class NameRole(_EntryRole):
    """``{name}`text <entry-id>```: this text names that entry."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = _TARGET.match(self.text)
        if match is None:
            warn(
                EditionWarning.names_unknown_entry,
                f"{{name}} role needs a target: {{name}}`{self.text} <entry-id>`",
                self.get_location(),
            )
            return [nodes.Text(self.text)], []
        text, entry = match.group("text"), match.group("entry").strip()
        if not self._entry_known(entry):
            return [nodes.Text(text)], []
        node = name(self.rawtext, text, entry=entry, explicit=True)
        self.set_source_info(node)
        return [node], []


class NotNameRole(SphinxRole):
    """``{not-name}`text```: these words name nobody here; the tagger skips them."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = nodes.inline(self.rawtext, self.text, classes=["names-skip"])
        self.set_source_info(node)
        return [node], []


class IndexNameRole(_EntryRole):
    """``{index-name}`entry-id```: index this place under the entry, add no text."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        entry = self.text.strip()
        if not self._entry_known(entry):
            return [], []
        node = name(self.rawtext, "", entry=entry, explicit=True)
        self.set_source_info(node)
        return [node], []


def setup(app: Sphinx) -> None:
    app.add_role("name", NameRole())
    app.add_role("not-name", NotNameRole())
    app.add_role("index-name", IndexNameRole())
