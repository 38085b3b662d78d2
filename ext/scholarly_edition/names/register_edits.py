"""Which documents a register edit concerns, and whether they are read or only written.

Reading takes from the register its forms (what is tagged) and each entry's
index form and category (on every mention, in the general index and the
search keywords); an entry's description, dates and Wikidata id are shown
only in written pages: the name previews (``previews.py``) and the Index of
Names (``index.py``). So a changed form re-reads every tagged document, a
changed index form or category re-reads the documents naming the entry
(``env-get-outdated``), and any other change writes again, unread, the pages
naming the entry and the index pages (``env-get-updated``). Both compare the
register with its digests as the pages last written show it, kept in the
domain at ``env-get-updated``.
"""

from __future__ import annotations

from collections.abc import Set

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.matching import Matcher

from .domain import NamesDomain, load_register

# The forms table's digest, and each entry's (read, shown) digests.
Digests = tuple[str, dict[str, tuple[str, str]]]
# Where the domain keeps the digests of the register the pages show.
KEY = "register"


def _digests(env: BuildEnvironment) -> Digests | None:
    loaded = load_register(env)
    return None if loaded is None else loaded[0].digests


def _domain(env: BuildEnvironment) -> NamesDomain:
    domain = env.domains["names"]
    assert isinstance(domain, NamesDomain)
    return domain


def _edited(old: Digests, new: Digests, part: int) -> set[str]:
    """Entries whose read (0) or shown (1) digest differs."""
    ids = old[1].keys() | new[1].keys()
    return {
        i for i in ids if (old[1].get(i) or ("", ""))[part] != (new[1].get(i) or ("", ""))[part]
    }


def _naming(domain: NamesDomain, entries: Set[str]) -> set[str]:
    return {d for d, found in domain.occurrences.items() if any(o.entry in entries for o in found)}


def read_again(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """``env-get-outdated``: every tagged document for a changed form (or a register
    added or removed), the documents naming an entry whose index form or category
    changed."""
    domain = _domain(env)
    if KEY not in domain.data:
        return []  # a first build: every document is read anyway
    old, new = domain.data[KEY], _digests(env)
    if new == old:
        return []
    skip = changed | removed
    if old is None or new is None or new[0] != old[0]:
        tagged = Matcher(app.config.names_documents)
        return sorted(d for d in env.found_docs if d not in skip and tagged(d))
    return sorted(_naming(domain, _edited(old, new, 0)) - skip)


def write_again(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages naming an entry whose description, dates or
    Wikidata id changed, and the index pages for any edit; then the register's
    digests are kept for the next build."""
    domain = _domain(env)
    first = KEY not in domain.data
    old, new = domain.data.get(KEY), _digests(env)
    domain.data[KEY] = new
    if first or new == old:
        return []
    pages = set(domain.index_pages)
    if old is not None and new is not None:
        pages |= _naming(domain, _edited(old, new, 1))
    return sorted(pages & env.all_docs.keys())
