"""The mark where the witness breaks off mid-word.

The ``{lacuna}`` role stands right after the last transmitted letters; its
content is the editors' explanation, shown as apparatus, never as text of the
witness.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.manpage import ManualPageTranslator
from sphinx.writers.texinfo import TexinfoTranslator
from sphinx.writers.text import TextTranslator

from .._util.apparatus import Apparatus

SIGN = "[…]"


class lacuna(Apparatus, nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """An inline lacuna mark; its text is the editorial explanation."""


class LacunaRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = lacuna(self.rawtext, self.text, classes=["lacuna", "apparatus"])
        self.set_source_info(node)
        return [node], []


def visit_html(self: HTML5Translator, node: lacuna) -> None:
    self.body.append(self.starttag(node, "span", "", role="note"))
    self.body.append(f'<span class="lacuna-sign">{SIGN}</span> <em>')


def depart_html(self: HTML5Translator, node: lacuna) -> None:
    self.body.append("</em></span>")


def visit_latex(self: LaTeXTranslator, node: lacuna) -> None:
    self.body.append(r"\scholarlacuna{")


def depart_latex(self: LaTeXTranslator, node: lacuna) -> None:
    self.body.append("}")


def visit_text(self: TextTranslator, node: lacuna) -> None:
    self.add_text(f" {SIGN} ")


def depart_text(self: nodes.NodeVisitor, node: lacuna) -> None:
    pass


def visit_plain(self: ManualPageTranslator | TexinfoTranslator, node: lacuna) -> None:
    self.body.append(f" {SIGN} ")


def setup(app: Sphinx) -> None:
    app.add_node(
        lacuna,
        html=(visit_html, depart_html),
        epub=(visit_html, depart_html),
        latex=(visit_latex, depart_latex),
        text=(visit_text, depart_text),
        man=(visit_plain, depart_text),
        texinfo=(visit_plain, depart_text),
    )
    app.add_role("lacuna", LacunaRole())
