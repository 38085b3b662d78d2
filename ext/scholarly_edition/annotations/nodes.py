"""The nodes that show annotations, and how each builder writes them.

``annotation_mark`` wraps the annotated passage (the witness's own words,
unchanged); ``annotation_ref`` is the dagger-numbered marker after it, a
series distinct from the article's note numbers; ``annotation_note`` is the
annotation itself, beside the text in the margin in HTML (annotations.css) and a
footnote in LaTeX. Contributor text reaches the output only as docutils text
nodes, which every writer escapes.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.manpage import ManualPageTranslator
from sphinx.writers.texinfo import TexinfoTranslator
from sphinx.writers.text import TextTranslator

from .._util import latex_errors
from .._util.apparatus import Apparatus


class annotation_mark(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """The annotated passage."""


class annotation_ref(Apparatus, nodes.Inline, nodes.TextElement):  # noqa: N801
    """The marker ``†N``; attribute ``label``; a child reference in HTML."""


class annotation_note(Apparatus, nodes.General, nodes.Element):  # noqa: N801
    """The annotation beside the text; attribute ``label``."""


class annotation_list(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the list of annotations."""


def has_notes(doctree: nodes.document) -> bool:
    """Only a page with annotations beside its text needs annotations.css and .js."""
    return doctree.next_node(annotation_note) is not None


def visit_mark_html(self: HTML5Translator, node: annotation_mark) -> None:
    """Each piece of a passage names it (``data-annotation``): the Web Annotation
    export finds the whole passage by it."""
    passage = {"data-annotation": node["mark"]} if node.get("mark") else {}
    self.body.append(self.starttag(node, "mark", "", CLASS="annotated", **passage))


def depart_mark_html(self: HTML5Translator, node: annotation_mark) -> None:
    self.body.append("</mark>")


def visit_ref_html(self: HTML5Translator, node: annotation_ref) -> None:
    self.body.append(self.starttag(node, "sup", "", CLASS="annotation-ref apparatus"))


def depart_ref_html(self: HTML5Translator, node: annotation_ref) -> None:
    self.body.append("</sup>")


def visit_note_html(self: HTML5Translator, node: annotation_note) -> None:
    """In the web pages annotations.css places it; an EPUB, which has Sphinx's
    epub theme and no book-theme script, sets it as a sidebar beside the text."""
    epub = self.builder.name.startswith("epub")
    classes = "sidebar annotation-note apparatus" if epub else "annotation-note apparatus"
    self.body.append(self.starttag(node, "aside", CLASS=classes))


def depart_note_html(self: HTML5Translator, node: annotation_note) -> None:
    self.body.append("</aside>\n")


def visit_ref_latex(self: LaTeXTranslator, node: annotation_ref) -> None:
    """No marker inside a heading (it would reach the contents and running heads)."""
    if not isinstance(node.parent, nodes.title):
        self.body.append(r"\scholarannotationmark{" + self.encode(node["label"]) + "}")
    raise nodes.SkipNode


def visit_note_latex(self: LaTeXTranslator, node: annotation_note) -> None:
    """The footnote, between comments naming its file: a TeX error there names it."""
    self.body.append(f"\n{latex_errors.BEGIN}{_source(node)}\n")
    self.body.append(r"\scholarannotationtext{" + self.encode(node["label"]) + "}{")


def depart_note_latex(self: LaTeXTranslator, node: annotation_note) -> None:
    self.body.append(f"}}\n{latex_errors.END}{_source(node)}\n")


def _source(node: annotation_note) -> str:
    """The annotation's docname, as a comment can hold it (annotation names are plain)."""
    return re.sub(r"[^A-Za-z0-9/_.-]", "?", str(node.get("source", "")))


def visit_plain(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Text-like builders keep the passage and the annotation's text."""


def depart_plain(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    pass


def visit_ref_text(self: TextTranslator, node: annotation_ref) -> None:
    self.add_text(node["label"])
    raise nodes.SkipNode


def visit_ref_body(self: ManualPageTranslator | TexinfoTranslator, node: annotation_ref) -> None:
    self.body.append(node["label"])
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    plain = (visit_plain, depart_plain)
    app.add_node(
        annotation_mark,
        html=(visit_mark_html, depart_mark_html),
        epub=(visit_mark_html, depart_mark_html),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_node(
        annotation_ref,
        html=(visit_ref_html, depart_ref_html),
        epub=(visit_ref_html, depart_ref_html),
        latex=(visit_ref_latex, None),
        text=(visit_ref_text, None),
        man=(visit_ref_body, None),
        texinfo=(visit_ref_body, None),
    )
    app.add_node(
        annotation_note,
        html=(visit_note_html, depart_note_html),
        epub=(visit_note_html, depart_note_html),
        latex=(visit_note_latex, depart_note_latex),
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_node(annotation_list)
