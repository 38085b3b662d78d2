"""Run sphinx-build with one of the extension's housekeeping measures switched off.

``python bench/without.py MEASURE SPHINX-ARGS...``: the measure's hook is
replaced by one that does nothing before Sphinx loads the extension, so
``patches_bench.py`` can build the same sources with and without it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from sphinx.cmd.build import main

from scholarly_edition._util import garbage_collection, toml_cache
from scholarly_edition.html import template_cache
from scholarly_edition.notes import style


def _nothing(*args: object) -> None:
    return None


SWITCHES: dict[str, Callable[[], None]] = {
    "none": lambda: None,
    "template-cache": lambda: setattr(template_cache, "use_bytecode_cache", _nothing),
    "toml-cache": lambda: setattr(toml_cache, "setup", _nothing),
    "gc-tuning": lambda: setattr(garbage_collection, "setup", _nothing),
    "plaintext-backend": lambda: setattr(style, "_find_plain_text_backend_once", _nothing),
}

if __name__ == "__main__":
    SWITCHES[sys.argv[1]]()
    raise SystemExit(main(sys.argv[2:]))
