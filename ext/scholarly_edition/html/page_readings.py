"""The HTML builder that reads each page for the exporters as soon as it has written it.

Sphinx has no event after a page is written, and the exporters read the page
as written (``_util/built_pages.py``). This builder is Sphinx's own HTML
builder with two additions: after ``write_doc`` it emits
``edition-page-written`` with the page's bytes and the doctree it was
written from, in the process that wrote it, so that under ``-j`` the pages
are parsed in the workers, each once, instead of serially at
``build-finished``; and under ``-j N`` all N processes write
(``html/parallel_writing.py``). It replaces the ``html`` builder only when
that is still Sphinx's: another extension's HTML builder is left alone, and
the exporters then read the pages at ``build-finished``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment

from .._util.built_pages import EVENT, WrittenPage, kept_path, read_written
from .parallel_writing import EveryProcessWriting


class ReadingHTMLBuilder(EveryProcessWriting, StandaloneHTMLBuilder):
    """Sphinx's HTML builder, reading each page it writes for the exporters."""

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        super().write_doc(docname, doctree)
        try:
            data = self.get_output_path(docname).read_bytes()
        except OSError:
            return  # Sphinx has reported why the page was not written.
        read_written(self._app, docname, WrittenPage(data), doctree)


def forget_removed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The readings of pages no longer in the edition go with them."""
    for docname in sorted(removed):
        kept_path(app.doctreedir, docname).unlink(missing_ok=True)
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_event(EVENT)
    app.connect("env-get-outdated", forget_removed)
    if app.registry.builders.get("html") is StandaloneHTMLBuilder:
        app.add_builder(ReadingHTMLBuilder, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
