"""The index of names: register, tagging, roles, domain and the index page.

One entry point for ``scholarly_edition.setup``. Configuration:

``names_register``
    Path of the register (``refs/names.toml``), relative to the source
    folder; empty turns the feature off.
``names_documents``
    Glob patterns of the documents whose text is tagged (the chapters; not
    the apparatus pages, whose words are the editors', not the witness's).
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

from . import names_nodes, names_page, names_roles
from .names_domain import NamesDomain, load_register
from .names_tagger import NameTagger
from .warnings_ import EditionWarning, warn

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


def setup(app: Sphinx) -> None:
    app.add_config_value("names_register", "", "env", types=frozenset({str}))
    app.add_config_value("names_documents", ["**"], "env", types=frozenset({list}))
    names_nodes.setup(app)
    names_roles.setup(app)
    names_page.setup(app)
    app.add_domain(NamesDomain)
    app.add_transform(NameTagger)
    app.connect("builder-inited", _report_register)
