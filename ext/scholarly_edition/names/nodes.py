"""The node of a name in the text, with a visitor for every builder.

A name is wrapped, never rewritten: the node keeps the witness's words as its
only text, so the fidelity check reads exactly what it read before tagging.
Its anchor (the ``ids``) is where the Index of Names links to.

In HTML the first mention of each entry on a page (``first``, set by the
tagger) also holds a link to the entry in the Index of Names: a keyboard
reader tabs to it and sees its preview (``reader.js``), without a tab stop at
every mention. The EPUB and the PDF are written as before.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator

from .index import entry_uri


class name(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """One mention of a register entry.

    Attributes: ``entry`` (register id), ``category``, ``index`` (index form),
    ``explicit`` (chosen by a role, not by the tagger). A mention with no
    text indexes a passage that does not literally name the entry.
    """


def visit_html(self: HTML5Translator, node: name) -> None:
    classes = f"name name-{node.get('category', '')}"
    self.body.append(self.starttag(node, "span", "", CLASS=classes, title=node.get("index", "")))


def depart_html(self: HTML5Translator, node: name) -> None:
    self.body.append("</span>")


def _index_href(self: HTML5Translator, node: name) -> str | None:
    """Where the first mention on a page links to: its entry in the Index of Names."""
    if not (node.get("first") and node.astext()):
        return None
    return entry_uri(self.builder, self.builder.current_docname, node["entry"])


def visit_html_linked(self: HTML5Translator, node: name) -> None:
    """The span, and inside the first mention a link to the entry (the span keeps the
    anchor that the index's occurrence links land on)."""
    visit_html(self, node)
    href = _index_href(self, node)
    if href is not None:
        self.body.append(f'<a class="name-link" href="{self.attval(href)}">')


def depart_html_linked(self: HTML5Translator, node: name) -> None:
    if _index_href(self, node) is not None:
        self.body.append("</a>")
    depart_html(self, node)


def visit_latex(self: LaTeXTranslator, node: name) -> None:
    for anchor in node["ids"]:
        self.body.append(self.hypertarget(anchor, anchor=True))


def depart_plain(self: nodes.NodeVisitor, node: name) -> None:
    pass


def visit_plain(self: nodes.NodeVisitor, node: name) -> None:
    pass


def setup(app: Sphinx) -> None:
    plain = (visit_plain, depart_plain)
    app.add_node(
        name,
        html=(visit_html_linked, depart_html_linked),
        epub=(visit_html, depart_html),
        latex=(visit_latex, depart_plain),
        text=plain,
        man=plain,
        texinfo=plain,
    )
