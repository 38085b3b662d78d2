"""What every feature shares, and the build's own housekeeping.

Loaded as an extension (``scholarly_edition._util``), it repairs damaged build
folders, checks that sources are UTF-8, keeps the parsed TOML data between
builds and tunes the garbage collector for the length of a build.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import build_recovery, garbage_collection, source_encoding, toml_cache


def setup(app: Sphinx) -> dict[str, Any]:
    build_recovery.setup(app)
    source_encoding.setup(app)
    toml_cache.setup(app)
    garbage_collection.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
