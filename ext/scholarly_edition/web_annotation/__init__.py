"""The edition's annotations as W3C Web Annotations: export beside the HTML, import from tools."""

from __future__ import annotations

from sphinx.application import Sphinx

from .export import write_collection


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_collection)
