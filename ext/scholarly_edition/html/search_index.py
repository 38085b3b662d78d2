"""An incremental build keeps the index entries of the pages it does not write.

Sphinx's search index lists, beside the words of each page, the page's index
entries (here every entry of the Index of Names), under ``indexentries``. A
rebuild loads the previous ``searchindex.js`` and feeds only the pages it
writes again, but :meth:`sphinx.search.IndexBuilder.load` restores the
titles and words of the other pages and not their index entries (Sphinx
9.0), so a no-op rebuild dropped every Index of Names entry from search.

Before the index is written (``html-collect-pages`` runs in the main process
after every page is written, just before ``dump_search_index``), the entries
of the pages not written in this build are taken back from the previous
index, and the pages are put in the order a full build feeds them, so that
the index equals a full build's.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.search import js_index

IndexEntries = dict[str, list[tuple[str, str, str]]]


def _previous_entries(path: Path, env_version: object) -> IndexEntries:
    """The index entries of the index a previous build wrote, by document."""
    try:
        frozen = js_index.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(frozen, dict) or frozen.get("envversion") != env_version:
        return {}  # Sphinx discards such an index too, and reads every page again
    docnames = frozen["docnames"]
    entries: IndexEntries = {}
    for entry, uses in frozen.get("indexentries", {}).items():
        for document, target, main in uses:
            entries.setdefault(docnames[document], []).append(
                (entry, target, "main" if main else "")
            )
    return entries


def keep_index_entries(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
    builder = app.builder
    indexer = getattr(builder, "indexer", None)
    # Only the HTML builders, Sphinx's StandaloneHTMLBuilder and its subclasses, emit the event.
    if indexer is None or not isinstance(builder, StandaloneHTMLBuilder):
        return []
    # IndexBuilder has no public view of them: its entries by document.
    entries: IndexEntries = indexer._index_entries
    path = Path(builder.outdir) / builder.searchindex_filename
    previous = _previous_entries(path, app.env.version)
    merged = {
        docname: sorted(found)
        for docname, found in previous.items()
        if docname in app.env.all_docs and docname not in entries
    }
    merged.update(entries)
    entries.clear()
    entries.update(sorted(merged.items()))
    return []


def setup(app: Sphinx) -> None:
    app.connect("html-collect-pages", keep_index_entries)
