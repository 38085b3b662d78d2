"""What an exporter reads from the written pages, kept between builds by each page's digest.

The citation ledger and the Web Annotation collection are read from the
pages as built, after the build: parsing every chapter page again made a
one-chapter rebuild cost as much as the edition is long. A page whose bytes
are the same as at the last build gives the same reading, so each reading is
kept beside the doctrees (JSON, one file per exporter) under the SHA-256 of
the page it was read from, and only a page that was written differently is
parsed again. A kept file that cannot be read is ignored; the exporters
write the same with or without it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .whole_file import write_whole


class BuiltPages:
    """One exporter's readings of the written pages, by docname."""

    def __init__(self, app: Sphinx, exporter: str):
        self._app = app
        self._path = Path(app.doctreedir) / f"edition-{exporter}-pages.json"
        self._kept = self._load()
        self._read: dict[str, dict[str, Any]] = {}

    def _load(self) -> dict[str, Any]:
        try:
            kept = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return kept if isinstance(kept, dict) else {}

    def reading(self, docname: str, read: Callable[[str], Any]) -> Any:
        """``read(page text)`` of the docname's written page, or what it gave last time
        (asked again in the same build, the page is not read again)."""
        if docname in self._read:
            return self._read[docname]["reading"]
        page = Path(self._app.outdir) / self._app.builder.get_target_uri(docname)
        data = page.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        kept = self._kept.get(docname)
        if isinstance(kept, dict) and kept.get("digest") == digest and "reading" in kept:
            value = kept["reading"]
        else:
            # As JSON gives it back, so that a kept reading and a fresh one are alike.
            value = json.loads(json.dumps(read(data.decode("utf-8"))))
        self._read[docname] = {"digest": digest, "reading": value}
        return value

    def keep(self) -> None:
        """Write the pages read in this build, and only those (a removed page's goes)."""
        text = json.dumps(self._read, ensure_ascii=False)
        write_whole(self._path, text.encode("utf-8"))
