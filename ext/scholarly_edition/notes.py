"""The note apparatus: wiring of config values, nodes, domain, transforms and events."""

from __future__ import annotations

from pybtex.database import BibliographyDataError
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError

from . import bibliography_links, citation_style, notes_nodes, refs_state, static_files
from .notes_domain import NotesDomain, reading_order
from .notes_pages import FillNotePages, NoteListDirective, NotesCoverageDirective
from .notes_transform import NoteMarkers
from .warnings_ import EditionWarning, warn


class RefsError(SphinxError):
    category = "Edition data error"


def report_refs_problems(app: Sphinx) -> None:
    """Every problem of the note map and BibTeX files, each at its file and line.

    Runs before sphinxcontrib-bibtex reads the BibTeX files (its handler has the
    default priority, 500): pybtex raises on a file it cannot parse, so that
    case becomes a clear error here instead of a traceback there.
    """
    if not refs_state.configured(app.config):
        return
    for problem in refs_state.note_map(app.env).problems:
        subtype = (
            EditionWarning.bibtex if problem.path.suffix == ".bib" else EditionWarning.note_map
        )
        warn(subtype, problem.message, f"{problem.path}:{problem.line or 1}")
    for path in refs_state.bib_paths(app.env):
        try:
            Parser(app.config.bibtex_encoding).parse_file(path)
        except BibliographyDataError:
            continue  # a duplicate key: reported above at its line; pybtex goes on
        except (OSError, PybtexError) as exc:
            raise RefsError(f"{path} cannot be read ({exc}); see the warnings above") from None


def order_notes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Global, order-dependent work once all documents are read; returns pages to re-write."""
    domain = env.domains["notes"]
    assert isinstance(domain, NotesDomain)
    changed = domain.order_uses(reading_order(env))
    if refs_state.configured(app.config):
        note_map = refs_state.note_map(env)
        for label, note in note_map.notes.items():
            if label not in domain.ordered:
                warn(
                    EditionWarning.unused_note,
                    f"note {label} is in the note map but never cited in the text",
                    f"{note_map.path}:{note.line or 1}",
                )
    pages = [env.config.edition_notes_page, env.config.edition_notes_report_page]
    return [page for page in pages if page in env.all_docs] if changed else []


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.bibtex")
    citation_style.register()
    app.add_config_value("edition_notes_file", "", "env", str)
    app.add_config_value("edition_notes_page", "notes", "env", str)
    app.add_config_value("edition_notes_report_page", "notes-report", "env", str)
    notes_nodes.setup(app)
    static_files.setup(app)
    app.add_domain(NotesDomain)
    app.add_transform(NoteMarkers)
    app.add_directive("note-list", NoteListDirective)
    app.add_directive("notes-coverage", NotesCoverageDirective)
    app.add_post_transform(FillNotePages)
    app.add_post_transform(bibliography_links.CitedByNotes)
    app.connect("builder-inited", report_refs_problems, priority=400)
    app.connect("env-updated", order_notes)
    app.connect("doctree-read", bibliography_links.note_bibliography_dependencies)
