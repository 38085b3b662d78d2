"""What a reader's browser loads for a page: only what the page needs, scripts deferred.

A phone on a slow network waits for every byte and every script that blocks
the first paint (``make bench``: Lighthouse, issue 19's goal 7). The book
theme (through pydata-sphinx-theme) put three such costs on every page:

- Font Awesome's SVG-with-JavaScript bundle (``fontawesome.js``, 1.5 MB,
  540 KB gzipped), which turns each ``<i class="fa-...">`` into an inline
  SVG. The theme's stylesheet already carries Font Awesome's CSS and its
  webfonts, which draw the same icons from the same classes, so the bundle
  only doubles them.
- The search index and Sphinx's search scripts, for an as-you-type search
  the edition leaves off (``search_as_you_type``): only the search page uses
  them, and it loads them itself.
- Sphinx's and the book theme's scripts, loaded in the head without
  ``defer``, so that the page waited for each of them before it drew.

The theme's templates load the first two in its ``layout.html``; a
``layout.html`` of this package (``templates/``), found first on
``templates_path``, overrides those two blocks and leaves every other block
to the theme. The scripts are deferred in ``html-page-context``, where Sphinx
hands each page its list of scripts; ``documentation_options.js`` stays as it
is, because the theme's inline scripts set its values as the page parses.

The theme's colour mode starts as ``auto`` (pydata-sphinx-theme's
``default_mode`` in ``html_context``) unless the edition gives one: left
empty, the theme's script logs an error on every page ("Got invalid theme
mode"), which browsers and Lighthouse report.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from .book_theme import is_book_theme

TEMPLATES = Path(__file__).parent / "templates"
# Scripts that run after the document is parsed; the inline scripts Sphinx
# and the theme write into the page never call them.
DOCTOOLS = "_static/doctools.js"
DEFERRED = (
    DOCTOOLS,
    "_static/sphinx_highlight.js",
    "_static/scripts/sphinx-book-theme.js",
)


def use_templates(app: Sphinx, config: Config) -> None:
    """Put this package's ``layout.html`` before the theme's (book theme or its base only)."""
    if is_book_theme(config, or_its_base=True) and str(TEMPLATES) not in config.templates_path:
        config.templates_path = [str(TEMPLATES), *config.templates_path]


def lighter_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, object], doctree: object
) -> None:
    if not is_book_theme(app.config, or_its_base=True):
        return
    context.setdefault("default_mode", "auto")
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    # In place: the list is the builder's, to which the theme's own handler
    # adds this page's inline scripts after this one.
    # The search page's searchtools.js, which the theme loads without defer,
    # calls doctools.js's _ready as it runs: there doctools.js stays as it is.
    deferred = [name for name in DEFERRED if pagename != "search" or name != DOCTOOLS]
    scripts[:] = [_deferred(script, deferred) for script in scripts]


def _deferred(script: object, names: list[str]) -> object:
    filename = getattr(script, "filename", None)
    attributes = getattr(script, "attributes", {})
    if filename not in names or "defer" in attributes or "async" in attributes:
        return script
    # Sphinx's script entries are immutable: the same entry, deferred.
    return type(script)(filename, priority=script.priority, **attributes, defer="defer")  # type: ignore[attr-defined, call-arg]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", use_templates)
    app.connect("html-page-context", lighter_page)
