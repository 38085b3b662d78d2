"""The nodes of the note apparatus and how each builder writes them.

``note_ref`` is the marker in the text: it keeps the witness's label (``[3]``).
``note_preview`` holds what the note says, rendered at write time: in HTML once
per page, shown beside a marker on hover or focus; in LaTeX after each marker,
as a footnote (content at the first use, a page reference at a later use on
another page; a note whose source is not yet identified has no footnote, and
the first of them says so for all).
``note_list`` and ``notes_coverage`` are placeholders filled at resolve time.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator

from .._util.apparatus import Apparatus, WitnessMark
from .._util.i18n import _
from .content import unresolved_text
from .data import UNRESOLVED


class note_ref(WitnessMark, nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """A marker; attributes ``note`` (label), ``ids``; child: the link to the note."""


class note_preview(Apparatus, nodes.Inline, nodes.TextElement):  # noqa: N801
    """What note ``note`` says; ``first`` is set at resolve time for the first use."""


class note_list(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the list of all notes."""


class notes_coverage(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the report of resolved and unresolved notes."""


def visit_note_ref_html(self: HTML5Translator, node: note_ref) -> None:
    self.body.append(self.starttag(node, "sup", "", CLASS="note-ref"))


def depart_note_ref_html(self: HTML5Translator, node: note_ref) -> None:
    self.body.append("</sup>")


def visit_note_preview_html(self: HTML5Translator, node: note_preview) -> None:
    self.body.append(
        self.starttag(node, "span", "", role="tooltip", CLASS="note-preview apparatus")
    )
    label = _("Note {label}: ").format(label=self.encode(node["note"]))
    self.body.append(f'<span class="note-preview-label">{label}</span>')


def depart_note_preview_html(self: HTML5Translator, node: note_preview) -> None:
    self.body.append("</span>")


# The LaTeX label of the list of open notes, which the first of them refers to
# (scholarlyedition.sty tests it by this name).
OPEN_NOTES_LABEL = "edition-unresolved-notes"


def _first_use(translator: LaTeXTranslator, node: nodes.Element) -> str:
    """The LaTeX label of the note's first use, the target that later uses refer to."""
    return translator.idescape(f"{node.get('first_doc', '')}:{node.get('first_id', '')}")


def _own_use(translator: LaTeXTranslator, node: nodes.Element) -> str:
    """The LaTeX label of this use's marker (a preview knows its marker by ``ref``)."""
    own = node["ids"][0] if isinstance(node, note_ref) else node["ref"]
    return translator.idescape(f"{node.get('docname', '')}:{own}")


def _with_page(translator: LaTeXTranslator, message: str, target: str) -> str:
    """``message`` as LaTeX, its ``{page}`` the page TeX records for ``target``, tied
    to the word before it (``p.~12``)."""
    before, _page, after = message.partition("{page}")
    tie = "~" if before.endswith(" ") else ""
    page = rf"\pageref{{{target}}}"
    return translator.encode(before.removesuffix(" ")) + tie + page + translator.encode(after)


def visit_note_ref_latex(self: LaTeXTranslator, node: note_ref) -> None:
    """The marker as in the witness; the first use is a target, later uses link to it
    and carry a label of their own, so that TeX knows on which page each stands."""
    label, first = self.encode(node["note"]), _first_use(self, node)
    if node.get("first", True):
        self.body.append(rf"\scholarnotemark{{{label}}}{{{first}}}")
    else:
        own = _own_use(self, node)
        self.body.append(rf"\scholarnotemarkagain{{{label}}}{{{first}}}{{{own}}}")
    raise nodes.SkipNode


def visit_note_preview_latex(self: LaTeXTranslator, node: note_preview) -> None:
    """A footnote with the note's content at its first use; a page reference at a later
    use, which TeX prints only when the first use stands on another page.

    A note whose source is not yet identified has no footnote: the first of them
    says so for all of them, once, and where they are listed.
    """
    label = self.encode(node["note"])
    if node.get("status") == UNRESOLVED:
        if node.get("statement"):
            nor = _("Nor are the sources of the notes printed without a footnote")
            listed = _(", which are listed on p. {page}")
            self.body.append(
                rf"\scholarnoteunresolvedtext{{{label}}}{{{self.encode(unresolved_text())}}}"
                rf"{{{self.encode(nor)}}}{{{_with_page(self, listed, OPEN_NOTES_LABEL)}}}"
            )
        raise nodes.SkipNode
    if node.get("first", True):
        self.body.append(r"\scholarnotetext{" + label + "}{")
        return
    first = _first_use(self, node)
    see = _("See note [{label}] on p. {page}.").format(label=node["note"], page="{page}")
    self.body.append(
        rf"\scholarnoteagaintext{{{label}}}{{{first}}}{{{_own_use(self, node)}}}"
        rf"{{{_with_page(self, see, first)}}}"
    )
    raise nodes.SkipNode


def depart_note_preview_latex(self: LaTeXTranslator, node: note_preview) -> None:
    self.body.append("}")


def visit_text_marker(self: nodes.NodeVisitor, node: note_ref) -> None:
    """Plain-text builders: the marker's own text, without the preview."""


def depart_nothing(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    pass


def skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    text_like = (visit_text_marker, depart_nothing)
    app.add_node(
        note_ref,
        html=(visit_note_ref_html, depart_note_ref_html),
        epub=(visit_note_ref_html, depart_note_ref_html),
        latex=(visit_note_ref_latex, None),
        text=text_like,
        man=text_like,
        texinfo=text_like,
    )
    app.add_node(
        note_preview,
        html=(visit_note_preview_html, depart_note_preview_html),
        epub=(visit_note_preview_html, depart_note_preview_html),
        latex=(visit_note_preview_latex, depart_note_preview_latex),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    for placeholder in (note_list, notes_coverage):
        app.add_node(placeholder)
