"""The edition as TEI P5: the ``tei`` builder (``make tei``)."""

from __future__ import annotations

from sphinx.application import Sphinx

from .builder import TEIBuilder


def setup(app: Sphinx) -> None:
    app.add_builder(TEIBuilder)
