"""Which pages an edit of the note map concerns, and whether they are read or only written.

The read phase takes one thing from the note map: which labels are notes (a
marker is a link, or stays text). What a note says (its status, citations
and text) is rendered when a page is written (``previews.py``, ``pages.py``,
``bibliography_links.py``). So an edit that adds or removes a note reads its
users again (``env-get-outdated``); one that changes what a note says
rewrites, unread, the pages that show it (``env-get-updated``). Both compare
the map as it is with what the pages last written show of it, kept in the
domain at ``env-get-updated``.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import refs_state
from .data import Cite
from .domain import NotesDomain

# What the pages show of a note: its status, citations and text (not its line).
Shown = tuple[str, tuple[Cite, ...], str]


def _shown(env: BuildEnvironment) -> dict[str, Shown]:
    notes = refs_state.note_map(env).notes
    return {label: (n.status, n.cites, n.text) for label, n in notes.items()}


@dataclass(frozen=True)
class MapEdit:
    """The labels an edit concerns, and which aspects of the whole map it changes."""

    # Labels that became notes or stopped being notes: their markers change.
    linked: frozenset[str]
    # Labels whose status, citations or text changed (``linked`` included).
    edited: frozenset[str]
    # Whether a note's status (or whether it has a text) or its works changed:
    # the notes report and the bibliography show these of every note.
    status: bool
    cites: bool


def _status(shown: Shown | None) -> tuple[str, bool] | None:
    """What the notes report counts of a note: its status, and whether it has a text."""
    return None if shown is None else (shown[0], bool(shown[2]))


def _works(shown: Shown | None) -> list[str] | None:
    """What the bibliography shows of a note: the works it cites."""
    return None if shown is None else [cite.key for cite in shown[1]]


def _edit(env: BuildEnvironment, domain: NotesDomain) -> MapEdit | None:
    """The edit since the pages were last written; None on a first build."""
    old: dict[str, Shown] | None = domain.data.get("shown")
    if old is None or not refs_state.configured(env.config):
        return None
    new = _shown(env)
    edited = frozenset(n for n in old.keys() | new.keys() if old.get(n) != new.get(n))
    return MapEdit(
        linked=frozenset(old.keys() ^ new.keys()),
        edited=edited,
        status=any(_status(old.get(label)) != _status(new.get(label)) for label in edited),
        cites=any(_works(old.get(label)) != _works(new.get(label)) for label in edited),
    )


def _notes_domain(env: BuildEnvironment) -> NotesDomain:
    domain = env.domains["notes"]
    assert isinstance(domain, NotesDomain)
    return domain


def _users(domain: NotesDomain, labels: Set[str]) -> set[str]:
    """Documents with a marker of one of ``labels``, as a note or left as text."""
    users = {d for d, uses in domain.uses.items() if any(use.note in labels for use in uses)}
    return users | {d for d, unlinked in domain.unlinked.items() if unlinked & labels}


def read_again(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """``env-get-outdated``: the documents whose markers a note added or removed changes."""
    domain = _notes_domain(env)
    edit = _edit(env, domain)
    if edit is None or not edit.linked:
        return []
    return sorted(_users(domain, edit.linked) - changed - removed)


def write_again(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages that show what an edited note says, written unread.

    The uses of each edited note, the notes page when it lists one, the
    notes report when a status changed, the bibliography when a note's works
    did. Then the map as the pages will show it is kept for the next build.
    """
    domain = _notes_domain(env)
    edit = _edit(env, domain)
    if refs_state.configured(env.config):
        domain.data["shown"] = _shown(env)
    if edit is None or not edit.edited:
        return []
    pages = _users(domain, edit.edited)
    if pages or edit.edited & domain.ordered.keys():
        pages |= set(domain.lists)
    aspects = {"status": edit.status, "cites": edit.cites}
    pages |= {d for d, shown in domain.shows.items() if any(aspects[a] for a in shown)}
    return sorted(pages & env.all_docs.keys())
