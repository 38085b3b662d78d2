"""A feature's own CSS and JavaScript for HTML builders.

Each feature keeps its files in its own ``static/`` folder and registers them
here: added with ``add_css_file``/``add_js_file`` and copied into ``_static``
when the builder starts, so an edition needs no copy of them in its sources.
Copying at the start, not when the build finishes, puts them in the EPUB too:
the EPUB builder packs ``_static`` before ``build-finished``.

A feature whose files serve only some pages links them from those pages
alone (``register_for_pages``), as Sphinx links MathJax only from the pages
with equations: every stylesheet in a page's head is one more request the
page waits for before it draws (``make bench``: Lighthouse's
render-blocking-resources), on a phone's slow network too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.fileutil import copy_asset_file


def ship(app: Sphinx, folder: Path, name: str) -> None:
    """Copy one of a feature's files into the output's ``_static``."""
    target = Path(app.outdir) / "_static"
    target.mkdir(parents=True, exist_ok=True)
    copy_asset_file(folder / name, target / name, force=True)


def _link(add_css: Callable[..., None], add_js: Callable[..., None], names: Sequence[str]) -> None:
    for name in names:
        if name.endswith(".css"):
            add_css(name)
        else:
            add_js(name, loading_method="defer")


def _copy_when_html(app: Sphinx, folder: Path, names: Sequence[str]) -> None:
    def copy(app: Sphinx) -> None:
        if app.builder.format == "html":
            for name in names:
                ship(app, folder, name)

    app.connect("builder-inited", copy)


def register(app: Sphinx, folder: Path, names: Sequence[str]) -> None:
    """Link ``names`` from every HTML page and copy them when an HTML builder starts."""
    _link(app.add_css_file, app.add_js_file, names)
    _copy_when_html(app, folder, names)


def register_for_pages(
    app: Sphinx,
    folder: Path,
    names: Sequence[str],
    wanted: Callable[[nodes.document], bool],
) -> None:
    """Link ``names`` from the pages whose doctree ``wanted`` accepts (from every
    page under Sphinx's ``always`` assets policy); copy them as ``register`` does."""

    def link(
        app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        if app.builder.format != "html":
            return
        always = app.registry.html_assets_policy == "always"
        if always or (isinstance(doctree, nodes.document) and wanted(doctree)):
            # The builder's lists, restored after each page, as for MathJax;
            # the application's would keep them for every later page.
            builder = cast(StandaloneHTMLBuilder, app.builder)
            _link(builder.add_css_file, builder.add_js_file, names)

    app.connect("html-page-context", link)
    _copy_when_html(app, folder, names)
