"""The node of a name in the text, with a visitor for every builder.

A name is wrapped, never rewritten: the node keeps the witness's words as its
only text, so the fidelity check reads exactly what it read before tagging.
Its anchor (the ``ids``) is where the Index of Names links to.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


class name(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """One mention of a register entry.

    Attributes: ``entry`` (register id), ``category``, ``index`` (index form),
    ``explicit`` (chosen by a role, not by the tagger). A mention with no
    text indexes a passage that does not literally name the entry.
    """


def visit_html(self, node: name) -> None:
    classes = f"name name-{node.get('category', '')}"
    self.body.append(self.starttag(node, "span", "", CLASS=classes, title=node.get("index", "")))


def depart_html(self, node: name) -> None:
    self.body.append("</span>")


def visit_latex(self, node: name) -> None:
    for anchor in node["ids"]:
        self.body.append(self.hypertarget(anchor, anchor=True))


def depart_plain(self, node: name) -> None:
    pass


def visit_plain(self, node: name) -> None:
    pass


def setup(app: Sphinx) -> None:
    plain = (visit_plain, depart_plain)
    app.add_node(
        name,
        html=(visit_html, depart_html),
        epub=(visit_html, depart_html),
        latex=(visit_latex, depart_plain),
        text=plain,
        man=plain,
        texinfo=plain,
    )
