"""A damaged build folder is repaired by the next build, never a traceback.

Sphinx discards an environment pickle it cannot load and reads every source
again. A document's doctree pickle, though, is loaded only when its page is
written, and a damaged one (a build killed while writing it, a full disk, a
stray edit) stopped the build with ``UnpicklingError``. Before reading, every
doctree that Sphinx would reuse is checked for the frame every pickle has;
a damaged one is read again from its source, and the build says so.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)


def intact(path: Path) -> bool:
    """Whether ``path`` has a pickle's frame: protocol opcode first, STOP last."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return len(data) > 2 and data[0] == pickle.PROTO[0] and data.endswith(pickle.STOP)


def reread_damaged(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Add to ``docnames`` (read this build) every document whose doctree is damaged."""
    reading = set(docnames)
    for docname in sorted(env.all_docs):
        if docname not in reading and not intact(env.doctreedir / f"{docname}.doctree"):
            logger.info("%s: its saved doctree is damaged; reading it again", docname)
            docnames.append(docname)


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", reread_damaged)
