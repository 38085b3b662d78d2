"""Links a reader expects on every page: the other formats, the public address,
and the edition's version and date.

From what ``CITATION.cff`` and ``conf.py`` say, and left out when unknown
(never guessed):

- the public address (CFF ``url``) is ``html_baseurl``: the canonical link of
  every page (Sphinx's) and the address the "Cite" dialog gives;
- the files the publishing step puts beside the pages (``edition_downloads``
  in ``conf.py``: label and path from the site's root; ``make site`` makes
  them), and the whole text on one page (``edition_whole_text_page``, the
  ``singlehtml`` build's place in the site), listed by :func:`downloads`.

The theme shows the downloads, the repository and the version where it has a
place for them: sphinx-book-theme's header buttons and footer
(``book_theme``). An edition's own ``conf.py`` value of any of these wins over
the file's.
"""

from __future__ import annotations

import datetime
from pathlib import PurePosixPath
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.i18n import format_date

from .._util.i18n import _
from .citing import configured


def _given(config: Config, name: str) -> bool:
    return any(name in given for given in (config.overrides, config._raw_config))


def link_defaults(app: Sphinx, config: Config) -> None:
    """The address from ``CITATION.cff``, where conf.py gives none.

    An unusable file is reported once, at its line, by ``citation.read``.
    """
    edition = configured(config, app.srcdir)
    if edition is not None and edition.url and not _given(config, "html_baseurl"):
        config.html_baseurl = edition.url


def day(iso: str, language: str | None) -> str:
    """``2026-12-01`` as "1 December 2026", in ``language`` (the file's text if it is
    no date); the order and the month's name are the language's."""
    try:
        parsed = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    midnight = datetime.datetime.combine(parsed, datetime.time(), tzinfo=datetime.UTC)
    # Translators: a date, in strftime's notation as Sphinx's today_fmt reads it.
    return format_date(_("%-d %B %Y"), date=midnight, language=language or "en")


def downloads(app: Sphinx) -> list[tuple[str, str]]:
    """The other formats, label and path from the site's root, the one-page text first."""
    whole = app.config.edition_whole_text_page
    listed = list(app.config.edition_downloads)
    if whole and app.builder.name != "singlehtml":
        listed.insert(0, (_("The whole text on one page"), whole))
    return listed


def site_path(app: Sphinx, pathto: Any, target: str) -> str:
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


def setup(app: Sphinx) -> None:
    app.add_config_value("edition_downloads", [], "html", list)
    app.add_config_value("edition_whole_text_page", "", "html", str)
    app.connect("html-page-context", single_page_address, priority=400)
    app.connect("config-inited", link_defaults)
