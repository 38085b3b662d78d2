"""The text of the edition as TEI: a docutils translator over the assembled doctree.

The doctree is the same one every builder resolves (markers, names and
annotations already placed), with the chapters inlined in reading order, so
the TEI holds the witness exactly as the HTML does. The editors' additions
are kept apart: as ``note`` elements, or with ``resp="#editors"``; the
fidelity check reads everything else. A node the TEI has no encoding for is
reported at its source line, never dropped in silence.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder

from .._util.markers import slug
from ..names.index import entry_id
from ..text.absent_image import absent_image, placeholder
from ..text.paragraphs import paragraph_link
from .annotations import AnnotationEncoding
from .ns import EDITORS, append_text, local, sub, xml_id
from .writer import TEIWriter

# Sections by depth below the edition's front page (refs/structure.toml's roles).
DIV_TYPES = {1: "part", 2: "section"}
NAME_ELEMENTS = {"person": "persName", "place": "placeName", "organisation": "orgName"}
GAP_REASON = "lost"


def note_id(label: str) -> str:
    return f"note-{slug(label)}"


def name_ref(entry: str) -> str:
    return f"#{entry_id(entry)}"


class TEITranslator(AnnotationEncoding):
    """The text's structure, blocks and inline signs; the simple one-element nodes
    are :mod:`.writer`'s table, the annotations :mod:`.annotations`'."""

    def __init__(self, document: nodes.document, builder: Builder, root: ET.Element) -> None:
        super().__init__(document, builder, root)
        self.rubric_div: ET.Element | None = None
        self.depth = 0

    # -- structure ---------------------------------------------------------------

    def visit_start_of_file(self, node: addnodes.start_of_file) -> None:
        self.docnames.append(node["docname"])

    def depart_start_of_file(self, node: addnodes.start_of_file) -> None:
        self.docnames.pop()

    def _close_rubric(self) -> None:
        if self.rubric_div is not None:
            self.close(self.rubric_div)
            self.rubric_div = None

    def visit_section(self, node: nodes.section) -> None:
        self._close_rubric()
        # Counted as the walk goes: inlined chapters' nodes keep their own
        # document as parent, so their ancestors cannot be followed.
        depth = self.depth
        self.depth += 1
        if depth == 0:
            # The front page's title is the edition's (the header's title), and
            # its section is the body itself.
            node["tei_div"] = None
            return
        anchor = node["ids"][0] if node["ids"] else ""
        node["tei_div"] = self.push(
            "div",
            type=DIV_TYPES.get(depth, "subsection"),
            xml_id=xml_id(self.docnames[-1], anchor) if anchor else "",
            corresp=self.html_uri(anchor) if anchor else "",
        )

    def depart_section(self, node: nodes.section) -> None:
        self._close_rubric()
        self.depth -= 1
        if node.get("tei_div") is not None:
            self.close(node["tei_div"])

    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, nodes.section) and node.parent.get("tei_div") is None:
            raise nodes.SkipNode
        if isinstance(node.parent, nodes.section):
            self.push("head")
            return
        self.not_encoded(node)

    depart_title = TEIWriter.pop

    def visit_rubric(self, node: nodes.rubric) -> None:
        """An editors' heading opens a division of the front page, up to the next one."""
        self._close_rubric()
        self.rubric_div = self.push("div")
        sub(self.rubric_div, "head", node.astext(), type="editorial")
        raise nodes.SkipNode

    def visit_raw(self, node: nodes.raw) -> None:
        """Markup for another output (the LaTeX label of the printed note list) is
        that output's alone, as every docutils writer treats it."""
        if "tei" in node.get("format", "").split():
            self.not_encoded(node)
        raise nodes.SkipNode

    # -- blocks ------------------------------------------------------------------

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        classes = set(node["classes"])
        parent = local(self.current)
        if parent in ("fw", "head", "ref", "cell", "label", "bibl") or (
            parent == "item" and not isinstance(node.parent, nodes.list_item | nodes.definition)
        ):
            node["tei_pushed"] = False
            return
        if isinstance(node.parent, absent_image):
            self.push("head")
        elif "attribution" in classes and isinstance(node.parent, nodes.block_quote):
            self.stack.pop()  # the quotation closes; its attribution is the citation's
            self.push("bibl")
        elif "hatnote" in classes:
            self.push("ab", type="hatnote")
        elif "work-title" in classes:
            self.push("ab", type="title")
        elif "apparatus" in classes and parent != "note":
            self.push("note", type="editorial", resp=EDITORS)
        else:
            link = node.children[0] if node.children else None
            if isinstance(link, paragraph_link):
                anchor = link["anchor"]
                self.push(
                    "p", xml_id=xml_id(self.docnames[-1], anchor), corresp=self.html_uri(anchor)
                )
            else:
                self.push("p")
        node["tei_pushed"] = True

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        if node.get("tei_pushed"):
            self.stack.pop()

    def visit_paragraph_link(self, node: paragraph_link) -> None:
        raise nodes.SkipNode

    def visit_block_quote(self, node: nodes.block_quote) -> None:
        node["tei_cit"] = self.push("cit")
        self.push("quote")

    def depart_block_quote(self, node: nodes.block_quote) -> None:
        self.close(node["tei_cit"])

    def visit_absent_image(self, node: absent_image) -> None:
        self.push("figure")

    def depart_absent_image(self, node: absent_image) -> None:
        sub(self.current, "figDesc", placeholder())
        self.stack.pop()

    def visit_field(self, node: nodes.field) -> None:
        label = node.next_node(nodes.field_name)
        self.push("fw", type="page-header", n=label.astext() if label else "")

    depart_field = TEIWriter.pop

    def visit_admonition(self, node: nodes.admonition) -> None:
        """The page residue is forme work of the captured page; its title is the editors'."""
        title = node.next_node(nodes.title)
        if title is not None:
            sub(self.current, "note", title.astext(), type="editorial", resp=EDITORS)
        if "page-residue" in node["classes"]:
            self.push("fw", type="page-residue")
        else:
            self.push("note", type="editorial", resp=EDITORS)
        for child in node.children:
            if child is not title:
                child.walkabout(self)
        self.stack.pop()
        raise nodes.SkipNode

    def visit_row(self, node: nodes.row) -> None:
        heading = isinstance(node.parent, nodes.thead)
        self.push("row", role="label" if heading else "")

    depart_row = TEIWriter.pop

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        sub(self.current, "ab", node.astext(), type="literal")
        raise nodes.SkipNode

    # -- inline ------------------------------------------------------------------

    def visit_reference(self, node: nodes.reference) -> None:
        """A web address stays a link; a link to a work cites its ``bibl``; links to
        other pages of the web edition keep their words only."""
        uri = node.get("refuri", "")
        anchor = node.get("refid") or uri.partition("#")[2]
        if uri.startswith(("http://", "https://")):
            node["tei_pushed"] = self.push("ref", target=uri)
        elif anchor.startswith("work-"):
            node["tei_pushed"] = self.push("ref", target=f"#{anchor}")
        else:
            node["tei_pushed"] = None

    def depart_reference(self, node: nodes.reference) -> None:
        if node.get("tei_pushed") is not None:
            self.close(node["tei_pushed"])

    def visit_line_break(self, node: nodes.Element) -> None:
        """A line break of the witness inside a paragraph: ``lb``, and the newline."""
        sub(self.current, "lb")
        append_text(self.current, node.astext())
        raise nodes.SkipNode

    def visit_lacuna(self, node: nodes.Element) -> None:
        gap = sub(self.current, "gap", reason=GAP_REASON)
        sub(gap, "desc", node.astext())
        raise nodes.SkipNode

    def visit_note_ref(self, node: nodes.Element) -> None:
        label = node["note"]
        self.push("ref", type="noteref", n=label, target=f"#{note_id(label)}")

    depart_note_ref = TEIWriter.pop

    def visit_note_preview(self, node: nodes.Element) -> None:
        """What the note says goes to the notes at the back, once per note."""
        self.collected.previews.setdefault(node["note"], node)
        raise nodes.SkipNode

    def visit_name(self, node: nodes.Element) -> None:
        element = NAME_ELEMENTS.get(node.get("category", ""), "name")
        self.push(element, ref=name_ref(node["entry"]))

    depart_name = TEIWriter.pop
