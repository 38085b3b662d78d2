"""Under each work of the bibliography, the notes that cite it.

sphinxcontrib-bibtex renders the entries (ids from ``bibtex_cite_id``, which
the edition sets to ``work-{key}``); this post-transform adds the links to
the notes. The bibliography page depends on the note map, so editing a note's
citations rebuilds it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode
from sphinxcontrib.bibtex.nodes import bibliography

from .._util.i18n import _
from .._util.markers import slug
from . import refs_state
from .domain import NotesDomain

WORK_ID = "work-"


def note_bibliography_dependencies(app: Sphinx, doctree: nodes.document) -> None:
    """A bibliography shows which notes cite each work: it is written again when that
    changes (``map_edits.write_again``), and read again for every edit of the BibTeX
    files."""
    if refs_state.configured(app.config) and next(doctree.findall(bibliography), None) is not None:
        domain = app.env.domains["notes"]
        assert isinstance(domain, NotesDomain)
        domain.note_shows(app.env.docname, "cites")
        for path in refs_state.bib_paths(app.env):
            app.env.note_dependency(str(path))


class CitedByNotes(SphinxPostTransform):
    # After sphinxcontrib-bibtex turns the bibliography into citations (5).
    default_priority = 7

    def run(self, **kwargs: object) -> None:
        if not refs_state.configured(self.config):
            return
        # Only the bibliography has works' citations; every other page returns
        # here instead of walking the whole note map (quadratic over the edition).
        works = [c for c in self.document.findall(nodes.citation) if _work_ids(c)]
        if not works:
            return
        page = self.env.config.edition_notes_page
        domain = self.env.domains["notes"]
        assert isinstance(domain, NotesDomain)
        citing: dict[str, list[str]] = {}
        for label, note in refs_state.note_map(self.env).notes.items():
            if label in domain.ordered:
                for cite in note.cites:
                    citing.setdefault(cite.key, []).append(label)
        for citation in works:
            ids = _work_ids(citation)
            labels = citing.get(ids[0][len(WORK_ID) :], [])
            paragraph = nodes.paragraph(classes=["cited-by"])
            if not labels:
                paragraph += nodes.Text(_("Not cited by any note yet."))
            else:
                paragraph += nodes.Text(
                    _("Cited in note ") if len(labels) == 1 else _("Cited in notes ")
                )
                for index, label in enumerate(labels):
                    if index:
                        paragraph += nodes.Text(", ")
                    # The notes page lists notes in HTML; in print they are footnotes
                    # at their first use.
                    first = domain.ordered[label][0]
                    docname, target = (
                        (page, f"note-{slug(label)}")
                        if refs_state.builder(self.env).format == "html"
                        else (first.docname, first.node_id)
                    )
                    paragraph += make_refnode(
                        refs_state.builder(self.env),
                        self.env.docname,
                        docname,
                        target,
                        nodes.Text(f"[{label}]"),
                    )
                paragraph += nodes.Text(".")
            citation += paragraph


def _work_ids(citation: nodes.citation) -> list[str]:
    return [i for i in citation["ids"] if i.startswith(WORK_ID)]
