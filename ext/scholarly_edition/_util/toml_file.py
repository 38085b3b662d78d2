"""Read a contributor-edited TOML file of ``refs/``, and the line of a syntax error.

The note map, the register of names and its rules are read the same way: as
UTF-8 with an optional byte-order mark, parsed by :mod:`tomllib`, with the
text kept, because tomllib keeps no positions and each loader finds in it the
line of a key at fault. Each loader words its own messages; what they share
is here, so that they cannot drift apart.

tomllib is pure Python: a table is parsed once per content of its file, in a
process and, through :mod:`.toml_cache`, between builds. Callers never modify
the tables they are given.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import OrderedDict
from pathlib import Path
from typing import Any

# Python 3.11's TOMLDecodeError gives its place only in its message:
# "... (at line L, column C)".
_AT_LINE = re.compile(r"at line (\d+)")
# Tables by the SHA-256 of their file's text, the most recently used last.
_TABLES: OrderedDict[str, dict[str, Any]] = OrderedDict()
# The note map, the register and its rules, with room for a test run's variants.
_KEPT = 16


def read(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed table of ``path`` and its text, for finding the lines of keys.

    Raises :class:`OSError`, :class:`UnicodeDecodeError` or
    :class:`tomllib.TOMLDecodeError` for the caller to word.
    """
    # utf-8-sig: an editor's byte-order mark is not a syntax error.
    text = path.read_text(encoding="utf-8-sig")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    table = _TABLES.get(digest)
    if table is None:
        try:
            table = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _at_end_line(exc, text) from None
    remember(digest, table)
    return table, text


def remember(digest: str, table: dict[str, Any]) -> None:
    """Keep the table of the text with this SHA-256, dropping the least recently used."""
    _TABLES[digest] = table
    _TABLES.move_to_end(digest)
    while len(_TABLES) > _KEPT:
        _TABLES.popitem(last=False)


def parsed() -> dict[str, dict[str, Any]]:
    """The tables kept, by the SHA-256 of their text."""
    return dict(_TABLES)


def _at_end_line(exc: tomllib.TOMLDecodeError, text: str) -> tomllib.TOMLDecodeError:
    """An error "at end of document" (a truncated file) with the line it ends on."""
    message = str(exc)
    if "(at end of document)" not in message:
        return exc
    last = len(text.rstrip("\n").split("\n"))
    return tomllib.TOMLDecodeError(
        message.replace("(at end of document)", f"(at line {last}, the end of the file)")
    )


def error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    """The line of the file a TOML syntax error is at, when tomllib says."""
    found = _AT_LINE.search(str(exc))
    return int(found.group(1)) if found else None


def block_lines(text: str, header: str) -> list[int]:
    """The line of each ``[[header]]`` block, in order, for located messages.

    TOML allows spaces in the brackets, a quoted name and a comment after it;
    its lines end at "\n" only (``splitlines`` would also split at U+2028).
    """
    pattern = re.compile(rf"""\s*\[\[\s*(?:{header}|"{header}"|'{header}')\s*\]\]\s*(?:#.*)?""")
    return [n for n, line in enumerate(text.split("\n"), 1) if pattern.fullmatch(line)]


def key_line(text: str, key: str) -> int:
    """The line a top-level ``key = ...`` stands on, or the first line."""
    pattern = re.compile(rf"""\s*(?:{key}|"{key}"|'{key}')\s*=""")
    lines = text.split("\n")
    return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), 1)
