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
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .._util.config_registry import ConfigRegistry
from .._util.warning import EditionWarning, warn
from . import index as names_page
from . import nodes as names_nodes
from . import previews, register_edits, search_terms
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


def _after_reading(app: Sphinx, env: BuildEnvironment) -> None:
    """Keep what the next build reuses: the sort keys of the index."""
    domain = env.domains["names"]
    assert isinstance(domain, NamesDomain)
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
    app.connect("env-get-outdated", register_edits.read_again)
    app.connect("env-get-updated", register_edits.write_again)
    app.connect("env-updated", _after_reading)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
