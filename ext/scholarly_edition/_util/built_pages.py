"""What the exporters read from the written pages: read where written, kept by digest.

The citation ledger and the Web Annotation collection are read from the
pages as built. Parsed again at ``build-finished``, in the main process, the
pages made a one-chapter rebuild cost as much as the edition is long, and
a third of a ``-j 2`` build's wall time ran serially (12 of 33.5 s at 10x).
So the HTML builder (``html/page_readings.py``), once it has written a page,
parses it once for every exporter that asks (event ``edition-page-written``,
with the page's resolved doctree too), in the process that wrote it (a
worker under ``-j``), and keeps the readings beside the doctrees, one JSON
file per page under the page's SHA-256. At ``build-finished`` an exporter
takes a page's reading from there when the page's bytes are the same, and
otherwise reads the page itself (a page no reader asked for when it was
written, a kept file damaged or from before); the exports are the same
either way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .page_text import Element, parse
from .whole_file import write_whole

EVENT = "edition-page-written"
FOLDER = "edition-pages"


class WrittenPage:
    """A page as written, parsed on first use: once for all the readers that ask."""

    def __init__(self, data: bytes):
        self.data = data
        self.digest = hashlib.sha256(data).hexdigest()
        self._root: Element | None = None

    @property
    def root(self) -> Element:
        """The page's document element."""
        if self._root is None:
            self._root = parse(self.data.decode("utf-8"))
        return self._root


def kept_path(doctreedir: str | Path, docname: str) -> Path:
    return Path(doctreedir) / FOLDER / f"{docname}.json"


def _normal(value: Any) -> Any:
    """As JSON gives it back, so that a kept reading and a fresh one are alike."""
    return json.loads(json.dumps(value))


def _load(path: Path) -> dict[str, Any]:
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(kept, dict) or not isinstance(kept.get("readings"), dict):
        return {}
    return kept


def keep(path: Path, digest: str, readings: dict[str, Any]) -> None:
    """Keep a page's readings: the page's digest and each exporter's, by its name."""
    text = json.dumps({"digest": digest, "readings": readings}, ensure_ascii=False)
    write_whole(path, text.encode("utf-8"))


def read_written(app: Sphinx, docname: str, page: WrittenPage, doctree: nodes.document) -> None:
    """Every exporter's reading of a page just written, kept beside the doctrees."""
    path = kept_path(app.doctreedir, docname)
    emitted = app.events.emit(EVENT, docname, page, doctree)
    readings = dict(r for r in emitted if r is not None)
    if readings:
        keep(path, page.digest, _normal(readings))
    else:
        path.unlink(missing_ok=True)


class BuiltPages:
    """One exporter's readings of the written pages, by docname, at the end of a build."""

    def __init__(self, app: Sphinx, exporter: str):
        self._app = app
        self._exporter = exporter
        self._read: dict[str, Any] = {}

    def reading(self, docname: str, read: Callable[[WrittenPage], Any]) -> Any:
        """``read(page)`` of the docname's written page, as kept when it was written,
        or read now (asked again in the same build, the page is not read again). A
        reading taken from the page's doctree when it was written is kept the same way:
        its ``read`` here need not parse the page."""
        if docname in self._read:
            return self._read[docname]
        outdir = Path(self._app.outdir)
        page = WrittenPage((outdir / self._app.builder.get_target_uri(docname)).read_bytes())
        path = kept_path(self._app.doctreedir, docname)
        kept = _load(path)
        readings = kept["readings"] if kept.get("digest") == page.digest else {}
        if self._exporter not in readings:
            readings[self._exporter] = _normal(read(page))
            keep(path, page.digest, readings)
        self._read[docname] = readings[self._exporter]
        return self._read[docname]
