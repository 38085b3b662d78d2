"""Read a contributor-edited TOML file of ``refs/``, and the line of a syntax error.

The note map, the register of names and its rules are read the same way: as
UTF-8 with an optional byte-order mark, parsed by :mod:`tomllib`, with the
text kept, because tomllib keeps no positions and each loader finds in it the
line of a key at fault. Each loader words its own messages; what they share
is here, so that they cannot drift apart.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

# Python 3.11's TOMLDecodeError gives its place only in its message:
# "... (at line L, column C)".
_AT_LINE = re.compile(r"at line (\d+)")


def read(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed table of ``path`` and its text, for finding the lines of keys.

    Raises :class:`OSError`, :class:`UnicodeDecodeError` or
    :class:`tomllib.TOMLDecodeError` for the caller to word.
    """
    # utf-8-sig: an editor's byte-order mark is not a syntax error.
    text = path.read_text(encoding="utf-8-sig")
    return tomllib.loads(text), text


def error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    """The line of the file a TOML syntax error is at, when tomllib says."""
    found = _AT_LINE.search(str(exc))
    return int(found.group(1)) if found else None
