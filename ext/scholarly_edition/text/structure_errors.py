"""Errors of the structure map, at the line of the map that holds the key at fault.

tomllib keeps no positions, so the line is found in the map's text from the
key the check names (``[lines] 17``, ``[[chapter]] index``).
"""

from __future__ import annotations

import re

from .._util import toml_file


class StructureError(Exception):
    """A structure map that does not fit the witness; the message names the place.

    ``where`` is the key at fault (``[lines] 17``, ``[[chapter]] index``); the
    loader turns it into the line of the map that holds it.
    """

    def __init__(self, message: str, where: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.where = where
        self.detail = detail


def fail(where: str, message: str) -> StructureError:
    """An error at the key ``where``; :func:`.structure.load` adds the file and the line."""
    return StructureError(f"{where}: {message}", where, message)


def line_of(text: str, where: str) -> int | None:
    """The line of the map holding the key ``where`` names (TOML keeps no positions)."""
    rows = text.split("\n")
    header, _, rest = where.partition(" ")
    if header.startswith("[[") and header != "[[chapter]]":
        return _block_line(text, header.strip("[]"), rest)
    if header == "line":  # a witness line that lacks a role: the fix goes in [lines]
        header, rest = "[lines]", ""
    patterns = {
        "[lines]": rf'\s*"?{re.escape(rest)}"?\s*=' if rest else r"\s*\[lines\]",
        "[[chapter]]": rf'\s*file\s*=\s*"{re.escape(rest)}"' if rest else r"\s*\[\[chapter\]\]",
        "[lacuna]": r"\s*\[lacuna\]",
        "[edition]": r"\s*\[edition\]",
        "[header]": rf'\s*"?{re.escape(rest)}"?\s*=' if rest else r"\s*\[header\]",
    }
    pattern = patterns.get(header, rf"\s*{re.escape(header)}\s*=")
    table = ""
    for number, row in enumerate(rows, start=1):
        if row.lstrip().startswith("["):
            table = row.strip()
        in_table = header not in ("[lines]", "[header]") or not rest or table == header
        if in_table and re.match(pattern, row):
            return number
    return None


def _block_line(text: str, name: str, rest: str) -> int | None:
    """The ``rest``-th ``[[name]]`` block (counting from 1), or the key's first line."""
    if rest.isdigit():
        blocks = toml_file.block_lines(text, name)
        return blocks[int(rest) - 1] if 1 <= int(rest) <= len(blocks) else None
    key = re.compile(rf"\s*(?:\[\[\s*{re.escape(name)}\s*\]\]|{re.escape(name)}\s*=)")
    return next((n for n, row in enumerate(text.split("\n"), 1) if key.match(row)), None)
