"""A build prints nothing that reads as a problem when there is none.

Two messages came with every build:

- "The configuration has changed (5 options: ...)". Sphinx compares the
  configuration with the one the previous build saved as soon as it loads the
  environment; the HTML theme is loaded later, when the builder starts, and
  then changes five values in place: sphinx-book-theme and
  pydata-sphinx-theme append their template folders to ``templates_path`` and
  set ``html_permalinks_icon``, ``html_sourcelink_suffix`` and defaults in
  ``html_theme_options``, and Sphinx adds a priority to each entry of
  ``html_css_files``. The saved configuration always had them and the new one
  never did. ``docs/conf.py`` gives these values as they end up (the
  template folders from :func:`theme_templates`), and the folders the themes
  append again are dropped once the builder has started, so that both
  configurations are the same.
- MyST's dump of its whole parser configuration (``myst v5.2.0:
  MdParserConfig(...)``), which it logs at every build. It is left out unless
  the build is verbose (``-v``).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pydata_sphinx_theme
import sphinx_book_theme
from sphinx.application import Sphinx

MYST_LOGGER = "sphinx.myst_parser.sphinx_ext.main"


def theme_templates() -> list[str]:
    """The theme's template folders, in the order the themes add them."""
    book = Path(sphinx_book_theme.__file__).parent.resolve() / "theme" / "sphinx_book_theme"
    pydata = Path(pydata_sphinx_theme.__file__).parent.resolve() / "theme" / "pydata_sphinx_theme"
    return [str(book / "components"), str(pydata / "components")]


def _drop_repeated_template_paths(app: Sphinx) -> None:
    """The themes append their folders whatever the list holds: keep one of each.

    The template loader has already read the list (a folder listed twice is
    searched once as well as twice), so only the saved configuration changes.
    """
    paths = app.config.templates_path
    paths[:] = dict.fromkeys(paths)


class _MystConfigDump(logging.Filter):
    """Drops MyST's configuration dump from a build that is not verbose."""

    verbose = False

    def filter(self, record: logging.LogRecord) -> bool:
        # The message is bold("myst v%s:") + " %s": with or without colour codes.
        return self.verbose or "myst v%s:" not in str(record.msg)


def _quiet_myst(app: Sphinx) -> None:
    logger = logging.getLogger(MYST_LOGGER)
    found = [f for f in logger.filters if isinstance(f, _MystConfigDump)]
    dump = found[0] if found else _MystConfigDump()
    dump.verbose = app.verbosity > 0
    if not found:
        logger.addFilter(dump)


def setup(app: Sphinx) -> None:
    _quiet_myst(app)
    app.connect("builder-inited", _drop_repeated_template_paths)
