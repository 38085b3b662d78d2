"""The extension's own CSS and JavaScript for HTML builders.

Registered with ``add_css_file``/``add_js_file`` and copied into ``_static``
when the builder starts, so an edition needs no copy of them in its sources.
Copying at the start, not when the build finishes, puts them in the EPUB too:
the EPUB builder packs ``_static`` before ``build-finished``.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file

STATIC = Path(__file__).parent / "static"
FILES = ("notes.css", "notes.js", "reader.css", "reader.js", "cite.js", "annotations.js")


def ship(app: Sphinx, name: str) -> None:
    """Copy one of the extension's files into the output's ``_static``."""
    folder = Path(app.outdir) / "_static"
    folder.mkdir(parents=True, exist_ok=True)
    copy_asset_file(STATIC / name, folder / name, force=True)


def copy_static(app: Sphinx) -> None:
    if app.builder.format == "html":
        for name in FILES:
            ship(app, name)


def setup(app: Sphinx) -> None:
    for name in FILES:
        if name.endswith(".css"):
            app.add_css_file(name)
        else:
            app.add_js_file(name, loading_method="defer")
    app.connect("builder-inited", copy_static)
