"""A source that is not UTF-8 is a warning at its file and line, and is not read.

Sphinx reads each source strictly and a contributor's file saved in another
encoding ended the build with a ``UnicodeDecodeError`` traceback naming no
file. Before reading, each source to be read is decoded once; one that fails
is reported with its path, line and the byte at fault, in the words
``make check`` uses for it, and taken out of the sources to read, so the
build goes on (and fails under ``-W``) instead of crashing.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .warning import EditionWarning, warn


def undecodable(data: bytes, encoding: str = "utf-8-sig") -> tuple[int, str] | None:
    """The line and message of the first byte ``data`` cannot be decoded at, if any."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.removesuffix("-sig").upper()
        return (
            data.count(b"\n", 0, exc.start) + 1,
            f"the file is not {name} (byte {data[exc.start]:#04x} cannot be read); "
            f"save it as {name}",
        )
    return None


def check_sources(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Warn at each source Sphinx could not decode and leave it out, instead of crashing."""
    encoding = env.settings.get("input_encoding", "utf-8-sig")
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        try:
            found = undecodable(path.read_bytes(), encoding)
        except OSError:
            continue  # Sphinx reports a missing source itself
        if found is not None:
            warn(EditionWarning.source_encoding, found[1], f"{path}:{found[0]}")
            # Neither read nor written this build; found again by the next.
            docnames.remove(docname)
            env.found_docs.discard(docname)


def setup(app: Sphinx) -> None:
    # Before the doctree check (default priority), so a file is read at most once more.
    app.connect("env-before-read-docs", check_sources, priority=400)
