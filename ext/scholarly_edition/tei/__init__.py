"""The edition as TEI P5: the ``tei`` builder (``make tei``)."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .builder import TEIBuilder


def setup(app: Sphinx) -> dict[str, Any]:
    # The TEI text encodes what the other features record and mark, and its
    # header the edition's citation (html's edition_citation_file).
    for feature in ("text", "notes", "names", "annotations", "html"):
        app.setup_extension(f"scholarly_edition.{feature}")
    app.add_builder(TEIBuilder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
