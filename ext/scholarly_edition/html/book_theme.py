"""What the extension does for sphinx-book-theme, and only when it is the edition's theme.

sphinx-book-theme is this edition's choice, not the extension's dependency:
everything here runs only when ``html_theme`` is ``sphinx_book_theme``, and the
theme's packages are imported only by :func:`theme_templates`, which an
edition's ``conf.py`` calls when it has chosen that theme. Under any other theme
the extension's pages, notes, names, previews and "Cite" dialog stand in their
plain form, and none of this is done.

Through the theme's own options and context:

- The shell as a reader meets it: one working ☰ button, one search box.
  sphinx-book-theme 1.4 with pydata-sphinx-theme 0.20 renders two
  ``.primary-toggle`` buttons: pydata's in the top navbar (hidden by the book
  theme's CSS at every width) and the book theme's in the article header (the
  one a reader sees). Both themes' scripts bind only the first with
  ``document.querySelector``, so the visible ☰ did nothing at any width. pydata
  renders its navbar, with that button and a second search box, because it
  gives ``navbar_persistent`` a search field when the option is unset. An empty
  ``navbar_persistent`` leaves the navbar empty: the article header's ☰ is the
  only one, and both themes bind it (the book theme collapses the sidebar on a
  wide screen, pydata opens it as a dialog on a narrow one); the sidebar's
  search field is the one search box on a desktop, and the article header's
  search button the one on a tablet or phone.
- The repository (CFF ``repository-code``) is the theme's ``repository_url``
  with its repository button; the version and release date stand in the
  theme's footer (``extra_footer``).
- The files the publishing step puts beside the pages (``edition_downloads``)
  and the whole text on one page (``edition_whole_text_page``) are one
  "Download" group among the theme's header buttons.
- "The configuration has changed (5 options: ...)" came with every build:
  Sphinx compares the configuration with the one the previous build saved as
  soon as it loads the environment; the theme is loaded later, when the
  builder starts, and then changes values in place: sphinx-book-theme and
  pydata-sphinx-theme append their template folders to ``templates_path`` and
  set ``html_permalinks_icon``, ``html_sourcelink_suffix`` and defaults in
  ``html_theme_options``, and Sphinx adds a priority to each entry of
  ``html_css_files``. The saved configuration always had them and the new one
  never did. ``docs/conf.py`` gives these values as they end up (the template
  folders from :func:`theme_templates`), and the folders the themes append
  again are dropped once the builder has started, so that both configurations
  are the same.

An edition's own ``conf.py`` value of any of these options wins.
"""

from __future__ import annotations

import html
from pathlib import Path, PurePosixPath
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .._util.i18n import _
from .citing import configured
from .edition_links import day, downloads, site_path

BOOK_THEME = "sphinx_book_theme"
# The theme the book theme extends: its page (layout.html, context) is the book theme's too.
PYDATA_THEME = "pydata_sphinx_theme"
ICONS = {
    ".pdf": "fas fa-file-pdf",
    ".epub": "fas fa-book",
    ".txt": "fas fa-file-lines",
    ".html": "fas fa-file-lines",
}


def is_book_theme(config: Config, *, or_its_base: bool = False) -> bool:
    """Whether the edition's theme is sphinx-book-theme (or, with ``or_its_base``,
    pydata-sphinx-theme, whose page the book theme's is): the one test of it."""
    themes = (BOOK_THEME, PYDATA_THEME) if or_its_base else (BOOK_THEME,)
    return config.html_theme in themes


def theme_templates() -> list[str]:
    """The theme's template folders, in the order the themes add them (for ``conf.py``)."""
    import pydata_sphinx_theme
    import sphinx_book_theme

    book = Path(sphinx_book_theme.__file__).parent.resolve() / "theme" / "sphinx_book_theme"
    pydata = Path(pydata_sphinx_theme.__file__).parent.resolve() / "theme" / "pydata_sphinx_theme"
    return [str(book / "components"), str(pydata / "components")]


def theme_options(app: Sphinx, config: Config) -> None:
    """The shell's, repository's and footer's options, before the theme reads them."""
    if not is_book_theme(config):
        return
    options = dict(config.html_theme_options or {})
    options.setdefault("navbar_persistent", [])
    edition = configured(config, app.srcdir)
    if edition is not None:
        if edition.repository and "repository_url" not in options:
            options["repository_url"] = edition.repository
            options.setdefault("use_repository_button", True)
        released = ""
        if edition.released:
            released = _(", released {day}").format(day=day(edition.released, config.language))
        footer = _("Version {version}{released}.").format(
            version=edition.version, released=released
        )
        options.setdefault("extra_footer", f'<p class="edition-version">{html.escape(footer)}</p>')
    config.html_theme_options = options
    app.connect("builder-inited", _drop_repeated_template_paths)
    # After the book theme has made its header buttons (priority 501).
    app.connect("html-page-context", add_download_buttons, priority=600)


def _drop_repeated_template_paths(app: Sphinx) -> None:
    """The themes append their folders whatever the list holds: keep one of each.

    The template loader has already read the list (a folder listed twice is
    searched once as well as twice), so only the saved configuration changes.
    """
    paths = app.config.templates_path
    paths[:] = dict.fromkeys(paths)


def add_download_buttons(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """The edition's other formats as one group of the theme's header buttons."""
    buttons = context.get("header_buttons")
    listed = downloads(app)
    if not listed or buttons is None:
        return
    links = [
        {
            "type": "link",
            "url": site_path(app, context["pathto"], target),
            "text": label,
            "tooltip": label,
            "icon": ICONS.get(PurePosixPath(target).suffix, "fas fa-file"),
            "label": f"download-edition-{index}",
        }
        for index, (label, target) in enumerate(listed)
    ]
    group = {
        "type": "group",
        "tooltip": _("Download the edition"),
        "icon": "fas fa-download",
        "buttons": links,
        "label": "download-edition-buttons",
    }
    # Before the theme's switch and search buttons, where its own download group stands.
    buttons.insert(0, group)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", theme_options)
