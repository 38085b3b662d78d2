"""Sphinx extension for a scholarly edition of a single plain-text witness."""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

from ._util.warning import EditionWarning, warn

__version__ = "0.1.0"
# "path:line: message", as the structure map's loader words its errors.
_LOCATED = re.compile(r"^(.*?:\d+): (.*)$", re.DOTALL)


def _report_structure(app: Sphinx) -> None:
    """The structure map's problem, which ``docs/conf.py`` caught, at the map's line."""
    problem = app.config.edition_structure_problem
    if problem:
        located = _LOCATED.match(problem)
        location, message = located.groups() if located else (None, problem)
        warn(EditionWarning.structure, message, location)


# Each loads on its own as well (``extensions = ["scholarly_edition.notes"]``).
FEATURES = (
    "text",
    "notes",
    "annotations",
    "names",
    "html",
    "_util",
    "tei",
    "web_annotation",
    "open_data",
    "latex",
)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("edition_structure_problem", "", "env", str)
    app.connect("builder-inited", _report_structure)
    for feature in FEATURES:
        app.setup_extension(f"{__name__}.{feature}")
    return {
        "version": __version__,
        "env_version": 7,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
