"""The index of names: register, tagging, roles, domain and the index page.

Loaded by ``scholarly_edition`` or on its own (``scholarly_edition.names``). Configuration:

``names_register``
    Path of the register (``refs/names.toml``), relative to the source
    folder; empty turns the feature off.
``names_documents``
    Glob patterns of the documents whose text is tagged (the chapters; not
    the apparatus pages, whose words are the editors', not the witness's).
"""

from __future__ import annotations

import re
from collections.abc import Set
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.matching import Matcher

from .._util.config_registry import ConfigRegistry
from .._util.warning import EditionWarning, warn
from . import index as names_page
from . import nodes as names_nodes
from . import previews, search_terms
from . import roles as names_roles
from .domain import NamesDomain, load_register
from .tagger import NameTagger

# "path:line: message", as the register's loader words its problems.
_LOCATED = re.compile(r"^(.*?:\d+): (.*)$", re.DOTALL)


def _report_register(app: Sphinx) -> None:
    """Warn once per build about every problem `make check` would report."""
    loaded = load_register(app.env)
    if loaded is None:
        if app.config.names_register:
            warn(
                EditionWarning.names_register,
                f"names_register {app.config.names_register!r}: no such file",
                None,
            )
        return
    for problem in loaded[1]:
        located = _LOCATED.match(problem)
        location, message = located.groups() if located else (None, problem)
        warn(EditionWarning.names_register, message, location)


def _fingerprint(env: BuildEnvironment) -> tuple[str, dict[str, str]] | None:
    loaded = load_register(env)
    return None if loaded is None else loaded[0].digests


def outdated_by_register(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Documents a register edit concerns: only those are read again.

    A changed form can tag or untag words anywhere, so every tagged document is
    read again; an entry's other fields (index form, description, dates) show
    only where it is mentioned. The digests of the last build are compared
    with the register as it is now.
    """
    domain = env.domains["names"]
    assert isinstance(domain, NamesDomain)
    if "register" not in domain.data:
        return []  # a first build: every document is read anyway
    # None when the last build had no register: one added since tags anew.
    old = domain.data["register"]
    new = _fingerprint(env)
    if new == old:
        return []
    skip = changed | removed
    if old is None or new is None or new[0] != old[0]:
        tagged = Matcher(app.config.names_documents)
        return sorted(d for d in env.found_docs if d not in skip and tagged(d))
    edited = {i for i in old[1].keys() | new[1].keys() if old[1].get(i) != new[1].get(i)}
    return sorted(
        docname
        for docname, found in domain.occurrences.items()
        if docname not in skip and any(o.entry in edited for o in found)
    )


def _after_reading(app: Sphinx, env: BuildEnvironment) -> None:
    """Keep what the next build compares (the register's digests) and reuses (sort keys)."""
    domain = env.domains["names"]
    assert isinstance(domain, NamesDomain)
    domain.data["register"] = _fingerprint(env)
    loaded = load_register(env)
    if loaded is not None:
        domain.keep_sort_keys(loaded[0])


def config_values(app: ConfigRegistry) -> None:
    app.add_config_value("names_register", "", "env", types=frozenset({str}))
    app.add_config_value("names_documents", ["**"], "env", types=frozenset({list}))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("scholarly_edition._util.i18n")
    config_values(app)
    names_nodes.setup(app)
    names_roles.setup(app)
    names_page.setup(app)
    search_terms.setup(app)
    previews.setup(app)
    app.add_domain(NamesDomain)
    app.add_transform(NameTagger)
    app.connect("builder-inited", _report_register)
    app.connect("env-get-outdated", outdated_by_register)
    app.connect("env-updated", _after_reading)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
