"""The edition's apparatus as open data, beside the HTML in ``data/``.

- ``citation-ledger.json``: every marker of the text, where it stands, its
  note's status and the works the note cites (``ledger.py``);
- ``register.jsonld``: the register as schema.org JSON-LD, with every
  mention's address (``register.py``);
- ``works.json``: the works cited as CSL-JSON (``csl.py``);
- ``concordance.json``: each witness line and its place in the edition.

Each is written after the HTML build from the same data as the pages, and
the Data page (``docs/data.md``) documents them and their licence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..text import concordance, structure
from .csl import works
from .ledger import ledger, read_written
from .register import register

FOLDER = "data"


def _concordance(app: Sphinx) -> list[dict[str, Any]]:
    if not app.config.edition_structure_file:
        return []
    try:
        edition = structure.load(Path(app.srcdir) / app.config.edition_structure_file)
    except structure.StructureError:
        return []  # reported once, at its line, as edition_structure_problem
    return [
        {
            "line": row.line,
            "role": row.role,
            "chapter": row.chapter,
            "page": app.builder.get_target_uri(row.chapter),
            "anchor": row.anchor,
        }
        for row in concordance.rows(edition)
    ]


def _write(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    folder = Path(app.outdir) / FOLDER
    folder.mkdir(exist_ok=True)
    _write(folder / "citation-ledger.json", ledger(app))
    _write(folder / "register.jsonld", register(app))
    _write(folder / "works.json", works(app.env))
    _write(folder / "concordance.json", _concordance(app))


def setup(app: Sphinx) -> dict[str, Any]:
    # The data are the other features' records: notes, names, annotations, lines.
    for feature in ("text", "notes", "names", "annotations"):
        app.setup_extension(f"scholarly_edition.{feature}")
    app.setup_extension("scholarly_edition.html.page_readings")
    app.connect("edition-page-written", read_written)
    app.connect("build-finished", write_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
