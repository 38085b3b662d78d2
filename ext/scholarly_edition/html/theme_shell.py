"""The book theme's shell as a reader meets it: one working ☰ button, one search box.

sphinx-book-theme 1.4 with pydata-sphinx-theme 0.20 renders two ``.primary-toggle``
buttons: pydata's in the top navbar (hidden by the book theme's CSS at every
width) and the book theme's in the article header (the one a reader sees).
Both themes' scripts bind only the first with ``document.querySelector``, so the
visible ☰ did nothing at any width. pydata renders its navbar, with that button
and a second search box, because it gives ``navbar_persistent`` a search field
when the option is unset. An empty ``navbar_persistent`` leaves the navbar
empty: the article header's ☰ is the only one, and both themes bind it (the book
theme collapses the sidebar on a wide screen, pydata opens it as a dialog on a
narrow one); the sidebar's search field is the one search box on a desktop, and
the article header's search button the one on a tablet or phone.

The site's title (``html_title``, in the sidebar and every page's ``<title>``)
is the edition's title, ``project``, which the front page's heading gives too,
unless the edition sets another: Sphinx's default adds "documentation".

The defaults are given here, before the theme reads its options, so that an
edition's ``conf.py`` needs nothing for them; an edition that sets one keeps
its own value.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

BOOK_THEME = "sphinx_book_theme"


def theme_defaults(app: Sphinx, config: Config) -> None:
    # As pydata-sphinx-theme tells a value the edition gave from a default.
    if not any("html_title" in given for given in (config.overrides, config._raw_config)):
        config.html_title = config.project
    if config.html_theme != BOOK_THEME:
        return
    options = dict(config.html_theme_options or {})
    options.setdefault("navbar_persistent", [])
    config.html_theme_options = options


def setup(app: Sphinx) -> None:
    app.connect("config-inited", theme_defaults)
