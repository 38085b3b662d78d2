"""A feature's own CSS and JavaScript for HTML builders.

Each feature keeps its files in its own ``static/`` folder and registers them
here: added with ``add_css_file``/``add_js_file`` and copied into ``_static``
when the builder starts, so an edition needs no copy of them in its sources.
Copying at the start, not when the build finishes, puts them in the EPUB too:
the EPUB builder packs ``_static`` before ``build-finished``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file


def ship(app: Sphinx, folder: Path, name: str) -> None:
    """Copy one of a feature's files into the output's ``_static``."""
    target = Path(app.outdir) / "_static"
    target.mkdir(parents=True, exist_ok=True)
    copy_asset_file(folder / name, target / name, force=True)


def register(app: Sphinx, folder: Path, names: Sequence[str]) -> None:
    """Link ``names`` from every HTML page and copy them when an HTML builder starts."""
    for name in names:
        if name.endswith(".css"):
            app.add_css_file(name)
        else:
            app.add_js_file(name, loading_method="defer")

    def copy(app: Sphinx) -> None:
        if app.builder.format == "html":
            for name in names:
                ship(app, folder, name)

    app.connect("builder-inited", copy)
