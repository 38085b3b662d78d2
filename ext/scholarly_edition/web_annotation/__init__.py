"""The edition's annotations as W3C Web Annotations: export beside the HTML, import from tools."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .export import read_body, read_written, write_collection


def setup(app: Sphinx) -> dict[str, Any]:
    # The collection is of the annotations feature's records.
    app.setup_extension("scholarly_edition.annotations")
    app.setup_extension("scholarly_edition.html.page_readings")
    app.connect("edition-page-written", read_written)
    app.connect("edition-page-written", read_body)
    app.connect("build-finished", write_collection)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
