"""A damaged build folder is repaired by the next build, never a traceback.

Sphinx discards an environment pickle it cannot load and reads every source
again. A document's doctree pickle, though, is loaded only when its page is
written, and a damaged one (a build killed while writing it, a full disk, a
stray edit) stopped the build with ``UnpicklingError``. Before reading, every
doctree that Sphinx would reuse is checked for the frame every pickle has;
a damaged one is read again from its source, and the build says so.

A build killed while writing leaves pages that Sphinx takes as up to date:
one cut short stays so, and without the search index (written last) every
later ``-W`` build failed with "search index couldn't be loaded". A page that
does not end as every page does is written again, and every page when the
search index is missing or cut short, as in a clean build.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.search import js_index
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


def _ends_with(path: Path, end: bytes) -> bool:
    with path.open("rb") as file:
        file.seek(max(0, path.stat().st_size - 64))
        return file.read().rstrip().endswith(end)


def _index_loads(path: Path) -> bool:
    """Whether the search index loads as the HTML builder loads it."""
    try:
        js_index.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, json.JSONDecodeError):
        return False
    return True


def rewrite_damaged_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Documents to read and write again because their output was cut short."""
    builder = app.builder
    if builder.format != "html" or not hasattr(builder, "get_outfilename"):
        return []
    pages = {docname: Path(builder.get_outfilename(docname)) for docname in env.all_docs}
    written = sorted(d for d, page in pages.items() if page.is_file() and d not in changed)
    if not written:
        return []  # a clean output folder: Sphinx writes every page itself
    index = Path(builder.outdir) / getattr(builder, "searchindex_filename", "")
    if getattr(builder, "search", False) and not _index_loads(index):
        logger.info("the search index is missing or cut short; writing every page again")
        return written
    damaged = [d for d in written if not _ends_with(pages[d], b"</html>")]
    for docname in damaged:
        logger.info("%s: its page was cut short; writing it again", docname)
    return damaged


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", reread_damaged)
    app.connect("env-get-outdated", rewrite_damaged_pages)
