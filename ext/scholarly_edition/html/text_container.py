"""Where a page's text stands, told by the extension instead of the theme.

Each theme puts the page's body in its own container (sphinx-book-theme's
``article.bd-article``, alabaster's ``div.body``, furo's ``article``). The
body of every page opens with an empty, hidden ``<span class="edition-text">``,
so that its parent is the container whatever the theme: ``make verify`` reads
the witness's words there, and ``cite.js`` finds the page's sections and
places its button there when the theme has no header for it.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

CLASS = "edition-text"
# The attribute's value written out: the EPUB's pages are XHTML.
MARK = f'<span class="{CLASS}" hidden="hidden"></span>'
# The element that holds the page's text, as a CSS selector.
CONTAINER = f":has(> span.{CLASS})"


def mark_body(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    if doctree is not None and "body" in context:
        context["body"] = MARK + context["body"]


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", mark_body)
