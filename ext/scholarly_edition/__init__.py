"""Sphinx extension for a scholarly edition of a single plain-text witness."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from . import (
    absent_image,
    annotating,
    article_provenance,
    build_messages,
    build_recovery,
    concordance,
    garbage_collection,
    lacuna,
    names,
    notes,
    open_data,
    reader,
    source_encoding,
    tei,
    template_cache,
    toml_cache,
    web_annotation,
    witness_lines,
)
from .warnings_ import EditionWarning, warn

__version__ = "0.1.0"
# "path:line: message", as the structure map's loader words its errors.
_LOCATED = re.compile(r"^(.*?:\d+): (.*)$", re.DOTALL)

LATEX_PACKAGE = Path(__file__).parent / "latex" / "scholarlyedition.sty"


def _copy_latex_package(app: Sphinx) -> None:
    """Ship the package the LaTeX visitors rely on next to the .tex file."""
    if app.builder.format == "latex":
        shutil.copyfile(LATEX_PACKAGE, Path(app.builder.outdir) / LATEX_PACKAGE.name)


def _report_structure(app: Sphinx) -> None:
    """The structure map's problem, which ``docs/conf.py`` caught, at the map's line."""
    problem = app.config.edition_structure_problem
    if problem:
        located = _LOCATED.match(problem)
        location, message = located.groups() if located else (None, problem)
        warn(EditionWarning.structure, message, location)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("edition_structure_problem", "", "env", str)
    app.connect("builder-inited", _report_structure)
    absent_image.setup(app)
    article_provenance.setup(app)
    lacuna.setup(app)
    concordance.setup(app)
    notes.setup(app)
    annotating.setup(app)
    names.setup(app)
    reader.setup(app)
    build_recovery.setup(app)
    build_messages.setup(app)
    source_encoding.setup(app)
    tei.setup(app)
    web_annotation.setup(app)
    open_data.setup(app)
    template_cache.setup(app)
    toml_cache.setup(app)
    garbage_collection.setup(app)
    witness_lines.setup(app)
    app.add_latex_package(LATEX_PACKAGE.stem)
    app.connect("builder-inited", _copy_latex_package)
    return {
        "version": __version__,
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
