"""Links a reader expects on every page: the other formats, the source
repository, the public address, and the edition's version and date.

All go through the book theme's own machinery, from what ``CITATION.cff``
and ``conf.py`` say, and are left out when unknown (never guessed):

- the public address (CFF ``url``) is ``html_baseurl``: the canonical link of
  every page (Sphinx's) and the address the "Cite" dialog gives;
- the repository (CFF ``repository-code``) is the theme's ``repository_url``
  with its repository button;
- the files the publishing step puts beside the pages (``edition_downloads``
  in ``conf.py``: label and path from the site's root; ``make site`` makes
  them), and the whole text on one page (``edition_whole_text_page``, the
  ``singlehtml`` build's place in the site), are one "Download" group among
  the theme's header buttons;
- the version and release date stand in the theme's footer (``extra_footer``).

An edition's own ``conf.py`` value of any of these wins over the file's.
"""

from __future__ import annotations

import datetime
import html
from pathlib import PurePosixPath
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .._util.i18n import _
from .citing import configured

BOOK_THEME = "sphinx_book_theme"
ICONS = {
    ".pdf": "fas fa-file-pdf",
    ".epub": "fas fa-book",
    ".txt": "fas fa-file-lines",
    ".html": "fas fa-file-lines",
}


def _given(config: Config, name: str) -> bool:
    return any(name in given for given in (config.overrides, config._raw_config))


def link_defaults(app: Sphinx, config: Config) -> None:
    """The address, repository and footer from ``CITATION.cff``, where conf.py gives none.

    An unusable file is reported once, at its line, by ``citation.read``.
    """
    edition = configured(config, app.srcdir)
    if edition is None:
        return
    if edition.url and not _given(config, "html_baseurl"):
        config.html_baseurl = edition.url
    if config.html_theme != BOOK_THEME:
        return
    options = dict(config.html_theme_options or {})
    if edition.repository and "repository_url" not in options:
        options["repository_url"] = edition.repository
        options.setdefault("use_repository_button", True)
    released = _(", released {day}").format(day=_day(edition.released)) if edition.released else ""
    footer = _("Version {version}{released}.").format(version=edition.version, released=released)
    options.setdefault("extra_footer", f'<p class="edition-version">{html.escape(footer)}</p>')
    config.html_theme_options = options


def _day(iso: str) -> str:
    """``2026-12-01`` as "1 December 2026" (the file's text if it is no date)."""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def _site_path(app: Sphinx, pathto: Any, target: str) -> str:
    """A link to ``target`` (a path from the site's root) from this page.

    The one-page text is built on its own (``singlehtml``) and published in
    its folder of the site (``edition_whole_text_page``): from there the
    site's root is that folder's parent.
    """
    if app.builder.name != "singlehtml":
        return pathto(target, 1)
    depth = PurePosixPath(app.config.edition_whole_text_page).parent.parts
    return "../" * len(depth) + target


def single_page_address(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """The one-page text's public address is its folder's, not the front page's."""
    if app.builder.name == "singlehtml" and app.config.html_baseurl:
        base = app.config.html_baseurl.rstrip("/")
        context["pageurl"] = f"{base}/{app.config.edition_whole_text_page}"


def add_download_buttons(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """The edition's other formats as one group of the theme's header buttons."""
    whole = app.config.edition_whole_text_page
    downloads = list(app.config.edition_downloads)
    if whole and app.builder.name != "singlehtml":
        downloads.insert(0, (_("The whole text on one page"), whole))
    buttons = context.get("header_buttons")
    if not downloads or buttons is None:
        return
    links = [
        {
            "type": "link",
            "url": _site_path(app, context["pathto"], target),
            "text": label,
            "tooltip": label,
            "icon": ICONS.get(PurePosixPath(target).suffix, "fas fa-file"),
            "label": f"download-edition-{index}",
        }
        for index, (label, target) in enumerate(downloads)
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
    app.add_config_value("edition_downloads", [], "html", list)
    app.add_config_value("edition_whole_text_page", "", "html", str)
    app.connect("html-page-context", single_page_address, priority=400)
    app.connect("config-inited", link_defaults)
    # After the book theme has made its header buttons (priority 501).
    app.connect("html-page-context", add_download_buttons, priority=600)
