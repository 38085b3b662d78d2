"""The text of the edition as TEI: a docutils translator over the assembled doctree.

The doctree is the same one every builder resolves (markers, names and
annotations already placed), with the chapters inlined in reading order, so
the TEI holds the witness exactly as the HTML does. The editors' additions
are kept apart: as ``note`` elements, or with ``resp="#editors"``; the
fidelity check reads everything else. A node the TEI has no encoding for is
reported at its source line, never dropped in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.util import logging
from sphinx.util.docutils import SphinxTranslator

from .._util.markers import slug
from .._util.warning import EditionWarning, warn
from ..annotations.domain import AnnotationsDomain, Record
from ..names.index import entry_id
from ..text.absent_image import absent_image, placeholder
from ..text.paragraphs import paragraph_link
from .ns import EDITORS, append_text, local, sub, xml_id

logger = logging.getLogger(__name__)

# Sections by depth below the edition's front page (refs/structure.toml's roles).
DIV_TYPES = {1: "part", 2: "section"}
NAME_ELEMENTS = {"person": "persName", "place": "placeName", "organisation": "orgName"}
GAP_REASON = "lost"


@dataclass
class Collected:
    """What the text refers to, for the back matter: notes by label in reading order,
    the pieces of each annotated passage, and whether each correction was encoded."""

    previews: dict[str, nodes.Element] = field(default_factory=dict)
    marks: dict[str, list[str]] = field(default_factory=dict)
    corrected: set[str] = field(default_factory=set)


def note_id(label: str) -> str:
    return f"note-{slug(label)}"


def name_ref(entry: str) -> str:
    return f"#{entry_id(entry)}"


class TEITranslator(SphinxTranslator):
    """Builds TEI elements under ``root``; ``collected`` gathers what the back matter needs."""

    def __init__(self, document: nodes.document, builder: Builder, root: ET.Element) -> None:
        super().__init__(document, builder)
        self.stack: list[ET.Element] = [root]
        self.docnames: list[str] = [self.config.root_doc]
        self.collected = Collected()
        self.rubric_div: ET.Element | None = None
        self.depth = 0
        self.correction: tuple[str, str, str] | None = None  # mark, reading, proposed

    # -- helpers ---------------------------------------------------------------

    @property
    def current(self) -> ET.Element:
        return self.stack[-1]

    def push(self, name: str, **attributes: str) -> ET.Element:
        made = sub(self.current, name, **attributes)
        self.stack.append(made)
        return made

    def close(self, element: ET.Element) -> None:
        """Pop the stack down to and including ``element``."""
        while element in self.stack:
            self.stack.pop()

    def pop(self, node: nodes.Element) -> None:
        self.stack.pop()

    def html_uri(self, anchor: str) -> str:
        suffix = self.config.html_link_suffix or self.config.html_file_suffix or ".html"
        return f"{self.docnames[-1]}{suffix}#{anchor}"

    def unknown_visit(self, node: nodes.Node) -> None:
        warn(
            EditionWarning.tei,
            f"the TEI edition has no encoding for a {type(node).__name__} node; "
            "its text is left out of edition.xml",
            node,
        )
        raise nodes.SkipNode

    def unknown_departure(self, node: nodes.Node) -> None:
        pass

    # -- structure ---------------------------------------------------------------

    def visit_document(self, node: nodes.document) -> None:
        pass

    def depart_document(self, node: nodes.document) -> None:
        pass

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
        self.unknown_visit(node)

    depart_title = pop

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
            self.unknown_visit(node)
        raise nodes.SkipNode

    def visit_compound(self, node: nodes.compound) -> None:
        pass

    def depart_compound(self, node: nodes.compound) -> None:
        pass

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

    def visit_field_list(self, node: nodes.field_list) -> None:
        """The captured page's header (the only field list of the text): forme work."""

    def depart_field_list(self, node: nodes.field_list) -> None:
        pass

    def visit_field(self, node: nodes.field) -> None:
        label = node.next_node(nodes.field_name)
        self.push("fw", type="page-header", n=label.astext() if label else "")

    depart_field = pop

    def visit_field_name(self, node: nodes.field_name) -> None:
        raise nodes.SkipNode

    def visit_field_body(self, node: nodes.field_body) -> None:
        pass

    def depart_field_body(self, node: nodes.field_body) -> None:
        pass

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

    def visit_bullet_list(self, node: nodes.Element) -> None:
        self.push("list")

    depart_bullet_list = pop
    visit_enumerated_list = visit_bullet_list
    depart_enumerated_list = pop

    def visit_list_item(self, node: nodes.list_item) -> None:
        self.push("item")

    depart_list_item = pop

    def visit_definition_list(self, node: nodes.definition_list) -> None:
        self.push("list", type="gloss")

    depart_definition_list = pop

    def visit_definition_list_item(self, node: nodes.definition_list_item) -> None:
        pass

    def depart_definition_list_item(self, node: nodes.definition_list_item) -> None:
        pass

    def visit_term(self, node: nodes.term) -> None:
        self.push("label")

    depart_term = pop

    def visit_definition(self, node: nodes.definition) -> None:
        self.push("item")

    depart_definition = pop

    def visit_table(self, node: nodes.table) -> None:
        self.push("table")

    depart_table = pop

    def visit_row(self, node: nodes.row) -> None:
        heading = isinstance(node.parent, nodes.thead)
        self.push("row", role="label" if heading else "")

    depart_row = pop

    def visit_entry(self, node: nodes.entry) -> None:
        self.push("cell")

    depart_entry = pop

    def visit_citation(self, node: nodes.citation) -> None:
        """An entry of a bibliography page; the works' ids are the listBibl's."""
        self.push("bibl")

    depart_citation = pop

    def visit_label(self, node: nodes.label) -> None:
        raise nodes.SkipNode

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        sub(self.current, "ab", node.astext(), type="literal")
        raise nodes.SkipNode

    def _transparent(self, node: nodes.Element) -> None:
        """Wrappers whose children carry the content."""

    visit_container = visit_tgroup = visit_thead = visit_tbody = _transparent
    depart_container = depart_tgroup = depart_thead = depart_tbody = _transparent

    def visit_colspec(self, node: nodes.colspec) -> None:
        raise nodes.SkipNode

    # -- inline ------------------------------------------------------------------

    def visit_Text(self, node: nodes.Text) -> None:  # noqa: N802 (docutils naming)
        text = node.astext()
        if self.correction is not None:
            mark, reading, proposed = self.correction
            before, found, after = text.partition(reading)
            if found and mark not in self.collected.corrected:
                append_text(self.current, before)
                choice = sub(self.current, "choice")
                sub(choice, "sic", reading)
                sub(choice, "corr", proposed, resp=EDITORS)
                choice.tail = after
                self.collected.corrected.add(mark)
                return
        append_text(self.current, text)

    def depart_Text(self, node: nodes.Text) -> None:  # noqa: N802
        pass

    def visit_inline(self, node: nodes.inline) -> None:
        pass

    def depart_inline(self, node: nodes.inline) -> None:
        pass

    def visit_emphasis(self, node: nodes.emphasis) -> None:
        self.push("hi", rend="italic")

    depart_emphasis = pop

    def visit_strong(self, node: nodes.strong) -> None:
        self.push("hi", rend="bold")

    depart_strong = pop

    def visit_literal(self, node: nodes.literal) -> None:
        self.push("hi", rend="code")

    depart_literal = pop

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

    def visit_target(self, node: nodes.target) -> None:
        pass

    def depart_target(self, node: nodes.target) -> None:
        pass

    def visit_comment(self, node: nodes.Node) -> None:
        raise nodes.SkipNode

    visit_substitution_definition = visit_comment
    # Index entries and search keywords serve the web and print indexes; the
    # names they index are persName, placeName and orgName here.
    visit_index = visit_comment
    visit_meta = visit_comment

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

    depart_note_ref = pop

    def visit_note_preview(self, node: nodes.Element) -> None:
        """What the note says goes to the notes at the back, once per note."""
        self.collected.previews.setdefault(node["note"], node)
        raise nodes.SkipNode

    def visit_name(self, node: nodes.Element) -> None:
        element = NAME_ELEMENTS.get(node.get("category", ""), "name")
        self.push(element, ref=name_ref(node["entry"]))

    depart_name = pop

    def visit_annotation_mark(self, node: nodes.Element) -> None:
        mark = node.get("mark", "")
        pieces = self.collected.marks.setdefault(mark, [])
        pieces.append(mark if not pieces else f"{mark}.{len(pieces) + 1}")
        self.push("seg", type="annotated", xml_id=pieces[-1])
        self.correction = self._correction(mark)

    def depart_annotation_mark(self, node: nodes.Element) -> None:
        self.correction = None
        self.stack.pop()

    def _correction(self, mark: str) -> tuple[str, str, str] | None:
        record = self._record(mark.removeprefix("annotated-"))
        if record is None or record.annotation.kind != "correction":
            return None
        return mark, record.annotation.reading, record.annotation.proposed

    def _record(self, name: str) -> Record | None:
        domain = self.builder.env.domains["annotations"]
        assert isinstance(domain, AnnotationsDomain)
        for docname, record in domain.records.items():
            if docname.rsplit("/", 1)[-1] == name:
                return record
        return None

    def visit_annotation_ref(self, node: nodes.Element) -> None:
        """The dagger number is the edition's: the annotation keeps it as ``n``."""
        raise nodes.SkipNode

    def visit_annotation_note(self, node: nodes.Element) -> None:
        source = node.get("source", "")
        name = source.rsplit("/", 1)[-1]
        record = self._record(name)
        mark = f"annotated-{name}"
        annotation = record.annotation if record is not None else None
        if (
            annotation is not None
            and annotation.kind == "correction"
            and mark not in self.collected.corrected
        ):
            warn(
                EditionWarning.tei,
                f"the reading {annotation.reading!r} is not within one run of the "
                "marked text: the TEI gives the correction without sic/corr",
                (source, annotation.lines.get("reading", 1)),
            )
        targets = " ".join(f"#{piece}" for piece in self.collected.marks.get(mark, []))
        note = self.push(
            "note",
            type="annotation",
            subtype=annotation.kind if annotation else "",
            n=node.get("label", ""),
            target=targets,
            xml_id=f"annotation-{name}",
            resp=f"#{contributor_id(annotation.contributor)}" if annotation else "",
        )
        for child in node.children:
            is_byline = isinstance(child, nodes.Element) and "annotation-byline" in child["classes"]
            if is_byline and annotation is not None:
                byline = sub(note, "p", "By ")
                contributor = sub(byline, "name", annotation.contributor)
                contributor.tail = ", "
                date = sub(byline, "date", annotation.date, when=annotation.date)
                date.tail = "."
                continue
            child.walkabout(self)
        self.close(note)
        raise nodes.SkipNode

    def visit_pending_xref(self, node: nodes.Element) -> None:
        pass

    def depart_pending_xref(self, node: nodes.Element) -> None:
        pass


def contributor_id(contributor: str) -> str:
    """The ``xml:id`` of an annotation's contributor in the title statement."""
    return xml_id("contributor", "-".join(contributor.lower().split()) or "unknown")
