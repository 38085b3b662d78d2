"""The reader's experience in HTML: paragraph anchors, citing, names found and previewed,
phrase search.

One entry point for ``scholarly_edition.setup``. Configuration:

``edition_citation_file``
    Path of ``CITATION.cff``, relative to the source folder; the About page's
    ``{edition-citation}`` and the "Cite" dialog are formatted from it.

The styles and script (``reader.css``, ``reader.js``: themes, measure, print,
the "Cite" dialog) ship with the extension through :mod:`static_files`.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import (
    citation,
    edition_links,
    name_previews,
    page_metadata,
    paragraphs,
    phrase_search,
    search_index,
    search_terms,
    single_page,
    theme_shell,
)


def setup(app: Sphinx) -> None:
    paragraphs.setup(app)
    citation.setup(app)
    search_terms.setup(app)
    search_index.setup(app)
    name_previews.setup(app)
    phrase_search.setup(app)
    theme_shell.setup(app)
    edition_links.setup(app)
    page_metadata.setup(app)
    single_page.setup(app)
