"""The note transform: bracketed note markers in running text become note references.

MyST leaves ``[12]`` as plain text. This transform splits Text nodes at markers
that the note map knows, keeping the label exactly as in the witness, and
records each use in the ``notes`` domain. Markers the note map lacks stay text
and are reported with file and line. What a note says is not read here: its
preview is rendered at write time (``previews.py``).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .._util.documents import is_annotation
from .._util.markers import pattern, sentence_before, slug
from .._util.warning import EditionWarning, warn
from . import refs_state
from .data import NoteMap
from .domain import NotesDomain, NoteUse
from .nodes import note_preview, note_ref
from .roles import is_not_note

# Text in these is never a note marker: code, raw output, links, labels.
SKIP = (
    nodes.FixedTextElement,
    nodes.literal,
    nodes.raw,
    nodes.math,
    nodes.reference,
    nodes.target,
    nodes.label,
    nodes.comment,
    nodes.substitution_definition,
    addnodes.pending_xref,
    note_ref,
    note_preview,
)


def _line(node: nodes.Node | None) -> int | None:
    """The first line of the nearest ancestor that knows it (inline nodes do not)."""
    while node is not None:
        if node.line:
            return node.line
        node = node.parent
    return None


def _note_link(marker: str, label: str, docname: str) -> addnodes.pending_xref:
    """The marker, as printed, as a reference to its note's entry."""
    return addnodes.pending_xref(
        "",
        nodes.Text(marker),
        refdomain="notes",
        reftype="note",
        reftarget=label,
        refexplicit=True,
        refdoc=docname,
    )


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        # A bracket the editors read as text ({not-note}) is no marker either.
        if isinstance(parent, SKIP) or is_not_note(parent):
            return True
        parent = parent.parent
    return False


class NoteMarkers(SphinxTransform):
    # Early among Sphinx's read transforms, so that the names tagger (a higher
    # number) sees markers as nodes and never matches inside them.
    default_priority = 400

    def apply(self, **kwargs: object) -> None:
        if not refs_state.configured(self.config):
            return
        note_map = refs_state.note_map(self.env)
        domain = self.env.domains["notes"]
        assert isinstance(domain, NotesDomain)
        counts: dict[str, int] = {}
        marker = pattern(tuple(self.config.edition_note_groups))
        texts = [
            t for t in self.document.findall(nodes.Text) if marker.search(t) and not _skipped(t)
        ]
        # In an annotation a marker refers to the note (a link to it), it is not a use.
        annotation = is_annotation(self.config, self.env.docname)
        for text in texts:
            if annotation:
                self._link(text, note_map, marker)
            else:
                self._split(text, note_map, domain, counts, marker)
        if texts:
            # Which labels are notes comes from the note map: an edit that adds
            # or removes a note re-reads only the documents using it
            # (``map_edits.read_again``). The BibTeX files, whose entries decide
            # which citations are valid, remain whole-file dependencies.
            for path in refs_state.bib_paths(self.env):
                self.env.note_dependency(str(path))

    def _link(self, text: nodes.Text, note_map: NoteMap, marker: re.Pattern[str]) -> None:
        """Each marker the note map knows becomes a link to its note; nothing is recorded."""
        source = str(text)
        replacement: list[nodes.Node] = []
        position = 0
        for match in marker.finditer(source):
            if match.group(1) not in note_map.notes:
                continue  # refused with the annotation's other problems at source-read
            replacement.append(nodes.Text(source[position : match.start()]))
            replacement.append(_note_link(match.group(), match.group(1), self.env.docname))
            position = match.end()
        if replacement:
            replacement.append(nodes.Text(source[position:]))
            text.parent.replace(
                text, [n for n in replacement if str(n) or not isinstance(n, nodes.Text)]
            )

    def _split(
        self,
        text: nodes.Text,
        note_map: NoteMap,
        domain: NotesDomain,
        counts: dict[str, int],
        marker: re.Pattern[str],
    ) -> None:
        source = str(text)
        parent = text.parent
        base_line = _line(parent)
        replacement: list[nodes.Node] = []
        position = 0
        for match in marker.finditer(source):
            label = match.group(1)
            line = (base_line or 0) + source.count("\n", 0, match.start()) or None
            note = note_map.notes.get(label)
            if note is None:
                domain.note_unlinked(self.env.docname, label)
            if note is None and note_map.reported(label):
                continue  # stays text; the note map's own message says why
            if note is None:
                warn(
                    EditionWarning.unknown_note,
                    f"note [{label}] is not in the note map "
                    f"({refs_state.notes_path(self.env).name})",
                    (self.env.docname, line),
                )
                continue
            replacement.append(nodes.Text(source[position : match.start()]))
            counts[label] = counts.get(label, 0) + 1
            node_id = f"ref-{slug(label)}-{counts[label]}"
            ref = note_ref("", note=label, ids=[node_id], docname=self.env.docname)
            ref += _note_link(match.group(), label, self.env.docname)
            ref.source, ref.line = parent.source, line
            # What the note says is rendered when the page is written
            # (``previews.NotePreviews``), from the note map as it is then.
            replacement.append(ref)
            domain.note_use(
                NoteUse(
                    label,
                    self.env.docname,
                    node_id,
                    line or 0,
                    sentence_before(source, match.start(), marker),
                )
            )
            position = match.end()
        if not replacement:
            return
        replacement.append(nodes.Text(source[position:]))
        parent.replace(
            text, [node for node in replacement if not isinstance(node, nodes.Text) or str(node)]
        )
