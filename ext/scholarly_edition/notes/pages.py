"""The pages that show every document's notes: the notes list and the coverage report.

Their directives leave placeholders; a post-transform fills them from the
``notes`` domain when the page is written (in the main process, after all
documents are read). Another marks which use of each note comes first, for
the LaTeX footnotes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import cast

from docutils import nodes
from sphinx.transforms.post_transforms import ReferencesResolver, SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from .._util.i18n import _
from .._util.markers import slug
from . import content as note_content
from . import refs_state
from .data import UNRESOLVED, Note
from .domain import NotesDomain, NoteUse
from .labels import backlink_letters, label_ranges
from .nodes import OPEN_NOTES_LABEL, note_list, note_preview, note_ref, notes_coverage


class NoteListDirective(SphinxDirective):
    """``{note-list}``: every note of the text, once, with links back to each use."""

    def run(self) -> list[nodes.Node]:
        # The list is filled when the page is written: a note-map edit writes the
        # page again (``map_edits.write_again``), unread.
        for path in refs_state.bib_paths(self.env):
            self.env.note_dependency(str(path))
        domain = self.env.domains["notes"]
        assert isinstance(domain, NotesDomain)
        domain.note_list(self.env.docname)
        node = note_list()
        self.set_source_info(node)
        return [node]


class NotesCoverageDirective(SphinxDirective):
    """``{notes-coverage}``: resolved and unresolved notes per chapter."""

    def run(self) -> list[nodes.Node]:
        # It shows each note's status: the page is written again when a status
        # changes (``map_edits.write_again``), not for every note-map edit.
        domain = self.env.domains["notes"]
        assert isinstance(domain, NotesDomain)
        domain.note_shows(self.env.docname, "status")
        for path in refs_state.bib_paths(self.env):
            self.env.note_dependency(str(path))
        node = notes_coverage()
        self.set_source_info(node)
        return [node]


class MarkFirstUses(SphinxPostTransform):
    """Which use of each note is its first; a preview knows its marker by ``ref``.

    Each node also gets the note's ``status``, and the first use of the first
    unresolved note in reading order is marked ``statement``: in print that
    note's footnote says, once, what the notes without a footnote are.
    """

    # Before the LaTeX transforms that make the footnotes from it.
    default_priority = 6

    def run(self, **kwargs: object) -> None:
        domain = self.env.domains["notes"]
        assert isinstance(domain, NotesDomain)
        notes = refs_state.note_map(self.env).notes if refs_state.configured(self.config) else {}
        # The first alone: every page's transform asks, and the list is the whole text's.
        first_open = next(iter(unresolved_labels(domain, notes)), None)
        # A preview written once per HTML page belongs to no single use.
        found = self.document.findall(
            lambda n: isinstance(n, note_ref) or (isinstance(n, note_preview) and "ref" in n)
        )
        for node in cast("Iterator[note_ref | note_preview]", found):
            first: NoteUse | None = domain.ordered.get(node["note"], [None])[0]
            if first is not None:
                # node["docname"], not env.docname: LaTeX resolves one assembled doctree.
                own = node["ids"][0] if isinstance(node, note_ref) else node["ref"]
                node["first"] = (first.docname, first.node_id) == (node["docname"], own)
                node["first_doc"], node["first_id"] = first.docname, first.node_id
                node["statement"] = node["first"] and first_open == node["note"]
            if node["note"] in notes:
                node["status"] = notes[node["note"]].status


def unresolved_labels(domain: NotesDomain, notes: dict[str, Note]) -> Iterator[str]:
    """The notes of the text whose source is not yet identified, in reading order."""
    return (
        label for label in domain.ordered if label in notes and notes[label].status == UNRESOLVED
    )


class FillNotePages(SphinxPostTransform):
    """The notes list and the coverage report, from the ``notes`` domain.

    In print: after sphinxcontrib-bibtex builds its citations (5), before Sphinx
    resolves references (10) and before the LaTeX transforms, which see them
    as any other content.
    """

    default_priority = 6

    def is_supported(self) -> bool:
        return super().is_supported() and refs_state.builder(self.env).format != "html"

    def run(self, **kwargs: object) -> None:
        domain = self.env.domains["notes"]
        assert isinstance(domain, NotesDomain)
        for number, placeholder in enumerate(list(self.document.findall(note_list))):
            placeholder.replace_self(self._note_list(domain, labelled=number == 0))
        for report in list(self.document.findall(notes_coverage)):
            report.replace_self(self._coverage(domain))

    def _link(self, use: NoteUse, text: str) -> nodes.Node:
        return make_refnode(
            refs_state.builder(self.env),
            self.env.docname,
            use.docname,
            use.node_id,
            nodes.Text(text),
            _("Back to the use of note [{label}] in the text").format(label=use.note),
        )

    def _note_list(self, domain: NotesDomain, labelled: bool) -> list[nodes.Node]:
        if refs_state.builder(self.env).format != "html":
            return self._printed_note_list(domain, labelled)
        notes = refs_state.note_map(self.env).notes
        items = nodes.bullet_list(classes=["note-list"])
        for label, note in notes.items():
            uses = domain.ordered.get(label, [])
            if not uses:
                continue
            item = nodes.list_item(
                ids=[f"note-{slug(label)}"], classes=["note-entry", f"note-{note.status}"]
            )
            paragraph = nodes.paragraph()
            paragraph += nodes.strong("", f"[{label}]", classes=["note-label"])
            paragraph += nodes.Text(" ")
            back = nodes.inline(classes=["note-backlinks"])
            if len(uses) == 1:
                back += self._link(uses[0], "↩")
            else:
                back += nodes.Text("↩ ")
                for use, letter in zip(uses, backlink_letters(len(uses)), strict=True):
                    back += self._link(use, letter)
                    back += nodes.Text(" ")
            paragraph += back
            paragraph += nodes.Text(" ")
            paragraph += note_content.content(note)
            item += paragraph
            items += item
        return [items]

    def _printed_note_list(self, domain: NotesDomain, labelled: bool) -> list[nodes.Node]:
        """In print: how the notes are set, and the list of those without a footnote
        (the first list of the book is the target of the first open note's footnote)."""
        printed = _(
            "In this format a note whose source is identified, and an explanatory note, is "
            "printed as a footnote at its first use in the text; a later use on another page "
            "refers to it."
        )
        result: list[nodes.Node] = [nodes.paragraph("", printed)]
        notes = refs_state.note_map(self.env).notes if refs_state.configured(self.config) else {}
        labels = list(unresolved_labels(domain, notes))
        if not labels:
            return result
        text = _(
            "The sources of the following {count} notes are not yet identified. Their markers "
            "stand in the text as in the witness, without a footnote: notes {labels}."
        ).format(count=len(labels), labels=label_ranges(labels))
        paragraph = nodes.paragraph("", text, classes=["unresolved-notes"])
        if labelled:
            target = rf"\phantomsection\label{{{OPEN_NOTES_LABEL}}}"
            paragraph.insert(0, nodes.raw("", target, format="latex"))
        result.append(paragraph)
        return result

    def _coverage(self, domain: NotesDomain) -> list[nodes.Node]:
        notes = refs_state.note_map(self.env).notes
        first_uses = [uses[0] for uses in domain.ordered.values()]
        chapters: dict[str, list[NoteUse]] = {}
        for use in first_uses:
            chapters.setdefault(use.docname, []).append(use)
        table = _table(
            [_("Chapter"), _("Notes"), _("Resolved"), _("Unresolved")],
            [
                [
                    self._doc_link(docname),
                    str(len(uses)),
                    str(sum(notes[u.note].resolved for u in uses)),
                    str(sum(notes[u.note].status == "unresolved" for u in uses)),
                ]
                for docname, uses in chapters.items()
            ],
        )
        counts = Counter(notes[u.note].status for u in first_uses)
        with_text = sum(bool(notes[u.note].text) for u in first_uses)
        summary = nodes.paragraph(
            "",
            _(
                "{cited} notes are cited in the text: {resolved} resolved, {unresolved} "
                "unresolved, {explanatory} explanatory notes whose text the witness lacks"
            ).format(
                cited=len(first_uses),
                resolved=counts["resolved"],
                unresolved=counts["unresolved"],
                explanatory=counts["explanatory"] - with_text,
            )
            + (
                _(", {count} notes with their text from the article's list.").format(
                    count=with_text
                )
                if with_text
                else "."
            ),
        )
        result: list[nodes.Node] = [summary, table]
        if refs_state.builder(self.env).format != "html":
            # Hundreds of open notes are a worklist for contributors, not pages of a book.
            result.append(
                nodes.paragraph(
                    "",
                    _(
                        "The HTML edition lists every open note with the passage it supports, "
                        "for contributors who can resolve it."
                    ),
                )
            )
            return result
        for docname, uses in chapters.items():
            open_uses = [u for u in uses if notes[u.note].status == "unresolved"]
            if not open_uses:
                continue
            section = nodes.rubric("", "", self._doc_link(docname))
            entries = nodes.bullet_list(classes=["unresolved-notes"])
            for use in open_uses:
                item = nodes.list_item()
                paragraph = nodes.paragraph()
                paragraph += self._link(use, f"[{use.note}]")
                paragraph += nodes.Text(f" “{use.sentence}”")
                item += paragraph
                entries += item
            result += [section, entries]
        return result

    def _doc_link(self, docname: str) -> nodes.Node:
        title = self.env.titles[docname].astext() if docname in self.env.titles else docname
        return make_refnode(
            refs_state.builder(self.env), self.env.docname, docname, "", nodes.Text(title)
        )


class FillNotePagesLast(FillNotePages):
    """In HTML the same pages are filled after every other post-transform.

    They are the largest pages of the web edition, and each post-transform
    walks a whole page; none of them has anything to do in these lists, whose
    links are made resolved (``make_refnode``) but for the citations, which
    Sphinx's reference resolver is then applied to.
    """

    default_priority = 990
    formats = ("html",)

    def is_supported(self) -> bool:
        return SphinxPostTransform.is_supported(self)

    def run(self, **kwargs: object) -> None:
        placeholders = self.document.findall(lambda n: isinstance(n, note_list | notes_coverage))
        if next(placeholders, None) is None:
            return
        super().run(**kwargs)
        ReferencesResolver(self.document).apply()


def _table(header: list[str], rows: list[list[nodes.Node | str]]) -> nodes.table:
    table = nodes.table(classes=["notes-coverage"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group += [nodes.colspec(colwidth=1) for _ in header]
    head = nodes.thead()
    body = nodes.tbody()
    group += [head, body]
    sections: list[tuple[nodes.Element, Sequence[nodes.Node | str]]] = [(head, header)]
    sections += [(body, row) for row in rows]
    for target, cells in sections:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += nodes.paragraph(
                "", "", cell if isinstance(cell, nodes.Node) else nodes.Text(cell)
            )
            row += entry
        target += row
    return table
