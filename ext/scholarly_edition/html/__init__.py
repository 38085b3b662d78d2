"""The reader's page in HTML: citing, links and metadata, search, the whole text on one page.

Loaded by ``scholarly_edition`` or on its own (``scholarly_edition.html``). Configuration:

``edition_citation_file``
    Path of ``CITATION.cff``, relative to the source folder; the About page's
    ``{edition-citation}`` and the "Cite" dialog are formatted from it.

The styles and script (``reader.css``, ``reader.js``: themes, measure, print,
the "Cite" dialog) are this package's ``static/`` files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .._util import static_files
from . import (
    book_theme,
    build_messages,
    citing,
    edition_links,
    labels,
    page_metadata,
    page_weight,
    phrase_search,
    search_index,
    single_page,
    site_title,
    template_cache,
    text_container,
)

STATIC = Path(__file__).parent / "static"


def setup(app: Sphinx) -> dict[str, Any]:
    static_files.register(app, STATIC, ("reader.css", "reader.js", "cite.js"))
    app.setup_extension("scholarly_edition._util.i18n")
    labels.setup(app)
    citing.setup(app)
    search_index.setup(app)
    build_messages.setup(app)
    template_cache.setup(app)
    phrase_search.setup(app)
    site_title.setup(app)
    edition_links.setup(app)
    # Only under sphinx-book-theme; no theme is imported otherwise.
    book_theme.setup(app)
    page_metadata.setup(app)
    page_weight.setup(app)
    single_page.setup(app)
    text_container.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
