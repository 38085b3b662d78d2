"""Captions of images the witness did not keep.

The capture kept only the captions. The ``absent-image`` directive sets a
caption as a figure whose image is replaced by a visible placeholder saying so,
in flow with the text (never a LaTeX float, which would reorder the witness).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.text import TextTranslator

from .._util.i18n import _


def placeholder() -> str:
    """What stands in the image's place, in the edition's language."""
    return _("Image not in the witness")


class absent_image(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A figure whose image is absent; its children are the caption paragraphs."""


class AbsentImage(SphinxDirective):
    """``:::{absent-image}`` with the caption as content."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = absent_image()
        self.set_source_info(node)
        node["classes"].append("absent-image")
        node += self.parse_content_to_nodes()
        return [node]


def visit_html(self: HTML5Translator, node: absent_image) -> None:
    self.body.append(self.starttag(node, "figure", CLASS="absent-image"))
    said = self.attval(placeholder())
    self.body.append(
        f'<div class="absent-image-placeholder apparatus" role="img" '
        f'aria-label="{said}">{self.encode(placeholder())}</div>\n<figcaption>\n'
    )


def depart_html(self: HTML5Translator, node: absent_image) -> None:
    self.body.append("</figcaption>\n</figure>\n")


def visit_latex(self: LaTeXTranslator, node: absent_image) -> None:
    self.body.append("\n\\begin{scholarabsentimage}{" + self.encode(placeholder()) + "}\n")


def depart_latex(self: LaTeXTranslator, node: absent_image) -> None:
    self.body.append("\n\\end{scholarabsentimage}\n")


def visit_text(self: TextTranslator, node: absent_image) -> None:
    self.new_state(0)
    self.add_text(f"[{placeholder()}] ")


def depart_text(self: TextTranslator, node: absent_image) -> None:
    self.end_state()


def visit_passthrough(self: nodes.NodeVisitor, node: absent_image) -> None:
    """Builders without a figure of their own (man, texinfo) keep the caption text."""


def depart_passthrough(self: nodes.NodeVisitor, node: absent_image) -> None:
    pass


def setup(app: Sphinx) -> None:
    app.add_node(
        absent_image,
        html=(visit_html, depart_html),
        epub=(visit_html, depart_html),
        latex=(visit_latex, depart_latex),
        text=(visit_text, depart_text),
        man=(visit_passthrough, depart_passthrough),
        texinfo=(visit_passthrough, depart_passthrough),
    )
    app.add_directive("absent-image", AbsentImage)
