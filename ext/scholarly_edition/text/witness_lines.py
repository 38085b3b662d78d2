"""Lines of one paragraph that the witness gives without a blank line between.

The witness separates paragraphs by a blank line. Where a block quotation's
lines follow one another with none (role ``quote-line`` in the structure
map), they are one paragraph of several lines, not several paragraphs; the
importer writes them as one MyST paragraph with the class ``witness-lines``,
its lines joined by the parser's soft breaks. This transform turns each of
those breaks into a :class:`line_break`: HTML and EPUB show ``<br>``, the
PDF a line break, and the node keeps the witness's newline as its text, so
search, the phrase index and the annotations read the words as the witness
has them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.manpage import ManualPageTranslator
from sphinx.writers.texinfo import TexinfoTranslator
from sphinx.writers.text import TextTranslator

CLASS = "witness-lines"


class line_break(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """A line break inside a paragraph; its text is the witness's newline."""


class WitnessLineBreaks(SphinxTransform):
    # Before the note markers (400) and the names (410) split the text.
    default_priority = 390

    def apply(self, **kwargs: object) -> None:
        for paragraph in self.document.findall(nodes.paragraph):
            if CLASS not in paragraph["classes"]:
                continue
            for child in list(paragraph.children):
                if isinstance(child, nodes.Text) and str(child) == "\n":
                    paragraph.replace(child, line_break("", "\n"))


def visit_html(self: HTML5Translator, node: line_break) -> None:
    self.body.append("<br />\n")
    raise nodes.SkipNode


def visit_latex(self: LaTeXTranslator, node: line_break) -> None:
    self.body.append("\\\\\n")
    raise nodes.SkipNode


def visit_text(self: TextTranslator, node: line_break) -> None:
    self.add_text("\n")
    raise nodes.SkipNode


def visit_plain(self: ManualPageTranslator | TexinfoTranslator, node: line_break) -> None:
    self.body.append("\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_node(
        line_break,
        html=(visit_html, None),
        epub=(visit_html, None),
        latex=(visit_latex, None),
        text=(visit_text, None),
        man=(visit_plain, None),
        texinfo=(visit_plain, None),
    )
    app.add_transform(WitnessLineBreaks)
