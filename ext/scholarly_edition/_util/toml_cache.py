"""Keep the parsed note map and register between builds, beside the doctrees.

tomllib is pure Python: a register of 2,700 entries (the 10x synthetic
edition of ``make bench``) takes 50 ms to parse, in every build, a rebuild
after a one-chapter edit too; unpickling its table takes 3 ms. The tables
are keyed by the SHA-256 of the file's text, so an edited file is parsed
afresh and nothing stale is used; a kept file that cannot be read is
ignored. The build reports, reads and writes the same with or without it.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from sphinx.application import Sphinx

from . import toml_file
from .whole_file import write_whole

FILENAME = "edition-toml.pickle"


def _path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / FILENAME


def load_kept(app: Sphinx) -> None:
    """Before the register and the note map are first read (at ``builder-inited``)."""
    try:
        kept = pickle.loads(_path(app).read_bytes())
    except Exception:  # a cache: whatever is wrong with it, parse afresh
        return
    if isinstance(kept, dict):
        for digest, table in kept.items():
            if isinstance(digest, str) and isinstance(table, dict):
                toml_file.remember(digest, table)


def keep(app: Sphinx, exception: BaseException | None) -> None:
    """Write the tables parsed, when they changed."""
    write_whole(_path(app), pickle.dumps(toml_file.parsed(), pickle.HIGHEST_PROTOCOL))


def setup(app: Sphinx) -> None:
    # Before the handlers of builder-inited that read the register and the note map.
    app.connect("builder-inited", load_kept, priority=100)
    app.connect("build-finished", keep)
