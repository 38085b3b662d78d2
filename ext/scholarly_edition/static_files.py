"""The extension's own CSS and JavaScript for HTML builders.

Registered with ``add_css_file``/``add_js_file`` and copied into ``_static``
when the build finishes, so an edition needs no copy of them in its sources.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file

STATIC = Path(__file__).parent / "static"
FILES = ("notes.css", "notes.js")


def copy_static(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        for name in FILES:
            copy_asset_file(STATIC / name, Path(app.outdir) / "_static" / name, force=True)


def setup(app: Sphinx) -> None:
    app.add_css_file("notes.css")
    app.add_js_file("notes.js", loading_method="defer")
    app.connect("build-finished", copy_static)
