"""A build prints nothing that reads as a problem when there is none.

MyST dumps its whole parser configuration (``myst v5.2.0: MdParserConfig(...)``)
at every build; it is left out unless the build is verbose (``-v``). The book
theme's "The configuration has changed" is ``book_theme``'s to prevent.
"""

from __future__ import annotations

import logging

from sphinx.application import Sphinx

MYST_LOGGER = "sphinx.myst_parser.sphinx_ext.main"


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
