"""A source that is not UTF-8 stops the build with its file and line.

Sphinx reads each source strictly and a contributor's file saved in another
encoding ended the build with a ``UnicodeDecodeError`` traceback naming no
file. Before reading, each source to be read is decoded once; the first that
fails stops the build with its path, line and the byte at fault, in the
words ``make check`` uses for it.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError


class SourceEncodingError(SphinxError):
    category = "Edition data error"


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
    encoding = env.settings.get("input_encoding", "utf-8-sig")
    for docname in docnames:
        path = Path(env.doc2path(docname))
        try:
            found = undecodable(path.read_bytes(), encoding)
        except OSError:
            continue  # Sphinx reports a missing source itself
        if found is not None:
            raise SourceEncodingError(f"{path}:{found[0]}: {found[1]}")


def setup(app: Sphinx) -> None:
    # Before the doctree check (default priority), so a file is read at most once more.
    app.connect("env-before-read-docs", check_sources, priority=400)
