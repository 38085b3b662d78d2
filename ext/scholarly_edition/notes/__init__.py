"""The note apparatus: wiring of config values, nodes, domain, transforms and events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.domain import BibtexDomain

from .._util import markers, static_files
from .._util.config_registry import ConfigRegistry
from .._util.per_document import reading_order
from .._util.warning import EditionWarning, warn
from . import bib_data, bibliography_links, map_edits, provenance, refs_state, roles
from . import nodes as notes_nodes
from . import style as citation_style
from .domain import NotesDomain
from .pages import (
    FillNotePages,
    FillNotePagesLast,
    MarkFirstUses,
    NoteListDirective,
    NotesCoverageDirective,
)
from .previews import NotePreviews
from .transform import NoteMarkers

STATIC = Path(__file__).parent / "static"


def report_refs_problems(app: Sphinx) -> None:
    """Every problem of the note map and BibTeX files, each at its file and line.

    Runs before sphinxcontrib-bibtex reads the BibTeX files (its handler has the
    default priority, 500), and parses them for it (``bib_data.parse_once``):
    pybtex would stop the build with a traceback at a syntax error, which is
    reported here at its line instead, so the build goes on to fail on the
    located warning (with ``-W``).
    """
    if not refs_state.configured(app.config):
        return
    for problem in refs_state.note_map(app.env).problems:
        subtype = (
            EditionWarning.bibtex if problem.path.suffix == ".bib" else EditionWarning.note_map
        )
        warn(subtype, problem.message, f"{problem.path}:{problem.line or 1}")
    bib_data.parse_once(app)


def release_bibtex_errors(app: Sphinx) -> None:
    """After sphinxcontrib-bibtex has taken the files' data.

    The entries the lint found broken are taken out of what pybtex read (an
    entry without its closing brace, with the entry it ran into; one whose
    fields ran together): formatted, each would give warnings of its own
    (a missing title, a missing key) after the one that names the cause.
    """
    if not refs_state.configured(app.config):
        return
    broken = refs_state.broken_keys(app.env)
    cite = app.env.domains["cite"]
    assert isinstance(cite, BibtexDomain)
    bibdata = cite.bibdata
    # Its list of each file's keys, which the bibliography directive looks up.
    for bibfile in bibdata.bibfiles.values():
        for key in [key for key in bibfile.keys if key in broken]:
            del bibfile.keys[key]
    for key in [key for key in bibdata.data.entries if key in broken]:
        del bibdata.data.entries[key]


def order_notes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Global, order-dependent work once all documents are read; returns pages to re-write."""
    domain = env.domains["notes"]
    assert isinstance(domain, NotesDomain)
    changed = domain.order_uses(reading_order(env))
    # Every marker's link depends on the notes page having its list: when that
    # changes, the documents citing notes are written again, unread.
    linkable = domain.linkable(env)
    relinked = sorted(domain.uses) if domain.data.get("linkable", linkable) != linkable else []
    domain.data["linkable"] = linkable
    if refs_state.configured(app.config):
        note_map = refs_state.note_map(env)
        for label, note in note_map.notes.items():
            if label not in domain.ordered:
                warn(
                    EditionWarning.unused_note,
                    f"note {label} is in the note map but never cited in the text",
                    f"{note_map.path}:{note.line or 1}",
                )
        _check_notes_page(env, domain)
    pages = [env.config.edition_notes_page, env.config.edition_notes_report_page]
    shown = [page for page in pages if page in env.all_docs] if changed else []
    return shown + relinked


def _check_notes_page(env: BuildEnvironment, domain: NotesDomain) -> None:
    """Markers link to the notes page's list: without either, every link would be
    dropped (or lead nowhere) unseen."""
    page = env.config.edition_notes_page
    if not domain.ordered or domain.linkable(env):
        return
    if page in env.all_docs:
        why = f"edition_notes_page {page!r} has no {{note-list}} directive"
        fix = "add the directive to that page"
    else:
        why = f"edition_notes_page {page!r} is not a document"
        fix = "add that page with a {note-list} directive"
    order = {docname: index for index, docname in enumerate(reading_order(env))}
    first = min(
        (uses[0] for uses in domain.ordered.values()),
        key=lambda use: (order[use.docname], use.line),
    )
    warn(
        EditionWarning.notes_page,
        f"the text cites {len(domain.ordered)} note(s), but {why}: the markers are not linked;"
        f" {fix}, or name the page that has one",
        (first.docname, first.line),
    )


def config_values(app: ConfigRegistry) -> None:
    app.add_config_value("edition_notes_file", "", "env", str)
    app.add_config_value("edition_notes_page", "notes", "env", str)
    app.add_config_value("edition_notes_report_page", "notes-report", "env", str)
    # Wikipedia's groups of explanatory notes whose labels ("[n 1]") are markers.
    app.add_config_value("edition_note_groups", list(markers.GROUPS), "env", list)
    # What the commands read of the article (make check, resolve).
    app.add_config_value("edition_article_file", "", "env", str)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("scholarly_edition._util.i18n")
    app.setup_extension("scholarly_edition._util.documents")
    app.setup_extension("sphinxcontrib.bibtex")
    citation_style.register()
    config_values(app)
    provenance.setup(app)
    notes_nodes.setup(app)
    roles.setup(app)
    static_files.register(app, STATIC, ("notes.css", "notes.js"))
    app.add_domain(NotesDomain)
    app.add_transform(NoteMarkers)
    app.add_directive("note-list", NoteListDirective)
    app.add_directive("notes-coverage", NotesCoverageDirective)
    app.add_post_transform(NotePreviews)
    app.add_post_transform(MarkFirstUses)
    app.add_post_transform(FillNotePages)
    app.add_post_transform(FillNotePagesLast)
    app.add_post_transform(bibliography_links.CitedByNotes)
    app.connect("builder-inited", report_refs_problems, priority=400)
    app.connect("builder-inited", release_bibtex_errors, priority=600)
    app.connect("env-updated", order_notes)
    app.connect("env-get-outdated", map_edits.read_again)
    app.connect("env-get-updated", map_edits.write_again)
    app.connect("doctree-read", bibliography_links.note_bibliography_dependencies)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
