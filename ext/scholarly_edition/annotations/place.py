"""Placing annotations: which passage each one marks, and marking it when a page is written.

``place_annotations`` (``env-updated``) anchors every annotation in the blocks
of the text, in reading order, numbers them †1, †2, … and returns the pages
whose marks changed. ``PlaceAnnotations`` (a post-transform, before references
are resolved so that citations in copied bodies resolve) wraps each passage,
adds its marker and sets the annotation beside it; it also fills the
annotations page and each annotation's link back to the text.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from .._util.i18n import _
from .._util.per_document import reading_order
from .._util.warning import EditionWarning, warn
from ..notes import refs_state
from ..notes.nodes import note_preview, note_ref
from .anchor import Match, Passages, find, unmatched
from .domain import AnnotationsDomain, Placement, Record
from .nodes import annotation_list, annotation_mark, annotation_note, annotation_ref
from .read import BLOCK_DOC, BLOCK_INDEX, NOT_TEXT, detached

DAGGER = "†"


def slug(docname: str) -> str:
    return docname.rsplit("/", 1)[-1]


def note_reread(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    domain = env.domains["annotations"]
    assert isinstance(domain, AnnotationsDomain)
    domain.data["reread"] = sorted(docnames)


def place_annotations(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = env.domains["annotations"]
    assert isinstance(domain, AnnotationsDomain)
    order = {docname: index for index, docname in enumerate(reading_order(env))}
    blocks = Passages(
        [b for d in sorted(domain.blocks, key=lambda d: order.get(d, 0)) for b in domain.blocks[d]]
    )
    found: list[tuple[tuple[int, int, int], Record, Match]] = []
    for docname, record in sorted(domain.records.items()):
        matches = find(record.annotation.target, blocks)
        location = (docname, record.annotation.target_line)
        message = unmatched(record.annotation.target, matches, blocks)
        if message:
            warn(EditionWarning.annotation_anchor, message, location)
            continue
        match = matches[0]
        found.append(
            ((order.get(match.block.docname, 0), match.block.index, match.start), record, match)
        )
    placements = {}
    for number, (_start, record, match) in enumerate(sorted(found, key=lambda f: f[0]), start=1):
        placements[record.docname] = Placement(
            record.docname,
            match.block.docname,
            match.block.index,
            match.start,
            match.end,
            f"{DAGGER}{number}",
        )
    old = domain.placements
    changed = {d for d in set(old) | set(placements) if old.get(d) != placements.get(d)}
    changed |= {d for d in domain.data.get("reread", []) if d in domain.records}
    domain.data["placements"] = placements
    pages = set(changed)
    for docname in changed:
        for placement in (old.get(docname), placements.get(docname)):
            if placement is not None:
                pages.add(placement.docname)
    if pages and app.config.edition_annotations_page in env.all_docs:
        pages.add(app.config.edition_annotations_page)
    return sorted(page for page in pages if page in env.all_docs)


class PlaceAnnotations(SphinxPostTransform):
    # Before references are resolved (10), so citations in copied bodies resolve.
    default_priority = 8

    def run(self, **kwargs: object) -> None:
        domain = self.env.domains["annotations"]
        assert isinstance(domain, AnnotationsDomain)
        if domain.placements:
            self._mark(domain)
        if self.env.docname in domain.records:
            self._link_back(domain)
        for placeholder in list(self.document.findall(annotation_list)):
            placeholder.replace_self(self._list(domain))

    def _mark(self, domain: AnnotationsDomain) -> None:
        blocks = {
            (node[BLOCK_DOC], node[BLOCK_INDEX]): node
            for node in self.document.findall(nodes.Element)
            if BLOCK_INDEX in node.attributes
        }
        # In reading order within each block, so that its notes follow their marks.
        for placement in sorted(domain.placements.values(), key=lambda p: (p.block, p.start)):
            block = blocks.get((placement.docname, placement.block))
            if block is not None:
                self._place(block, placement, domain.records[placement.annotation])

    def _place(self, block: nodes.Element, placement: Placement, record: Record) -> None:
        name = slug(record.docname)
        marks = _wrap(block, placement.start, placement.end, f"annotated-{name}")
        ref = annotation_ref("", label=placement.label)
        ref += nodes.reference("", placement.label, refid=f"annotation-{name}", internal=True)
        # After the marked words and any inline node they end (a name, a note
        # marker's link); a marked note marker is followed by its preview.
        anchor: nodes.Element = marks[-1]
        while (
            anchor.parent is not block
            and isinstance(anchor.parent, nodes.Inline)
            and isinstance(anchor.parent, nodes.Element)
            and (anchor.parent[-1] is anchor)
        ):
            anchor = anchor.parent
        after = anchor.parent.index(anchor) + 1
        if isinstance(anchor, note_ref) and isinstance(
            anchor.next_node(descend=False, siblings=True), note_preview
        ):
            after += 1
        anchor.parent.insert(after, ref)
        note = annotation_note(
            "", ids=[f"annotation-{name}"], label=placement.label, source=record.docname
        )
        html = refs_state.builder(self.env).format == "html"
        heading = nodes.paragraph(classes=["annotation-heading"])
        # In print the footnote's own mark is the label.
        heading += nodes.strong("", f"{placement.label} {record.title}" if html else record.title)
        note += heading
        note += _copied(record.body, self.env.docname)
        if html:
            more = nodes.paragraph(classes=["annotation-more"])
            more += make_refnode(
                refs_state.builder(self.env),
                self.env.docname,
                record.docname,
                "",
                nodes.Text(_("Annotation page")),
            )
            note += more
        # In HTML the margin note floats from where it stands: before the
        # paragraph, it sits level with it. A heading must open its section,
        # and a footnote's text follows its mark.
        before = html and not isinstance(block, nodes.title)
        position = block.parent.index(block) + (0 if before else 1)
        if not before:
            # After the block's notes placed already: footnotes in the order of
            # their marks, not the reverse.
            while position < len(block.parent) and isinstance(
                block.parent[position], annotation_note
            ):
                position += 1
        block.parent.insert(position, note)

    def _link_back(self, domain: AnnotationsDomain) -> None:
        placement = domain.placements.get(self.env.docname)
        for paragraph in self.document.findall(nodes.paragraph):
            if "annotation-place" not in paragraph["classes"]:
                continue
            if placement is None:
                paragraph += nodes.Text(_("Not placed in the text: see the build's warnings."))
                continue
            paragraph += nodes.Text(_("Marked {label} in the text: ").format(label=placement.label))
            paragraph += make_refnode(
                refs_state.builder(self.env),
                self.env.docname,
                placement.docname,
                f"annotated-{slug(self.env.docname)}",
                nodes.Text(self.env.titles[placement.docname].astext()),
            )
            paragraph += nodes.Text(".")

    def _list(self, domain: AnnotationsDomain) -> list[nodes.Node]:
        placed = sorted(
            (p for p in domain.placements.values()), key=lambda p: int(p.label.lstrip(DAGGER))
        )
        if not placed:
            return [nodes.paragraph("", _("No annotations yet."))]
        by_chapter = nodes.bullet_list(classes=["annotations-by-chapter"])
        chapters: dict[str, list[Placement]] = {}
        for placement in placed:
            chapters.setdefault(placement.docname, []).append(placement)
        for docname, group in chapters.items():
            item = nodes.list_item()
            item += nodes.paragraph("", "", self._doc(docname))
            item += self._entries(domain, group)
            by_chapter += item
        by_person = nodes.bullet_list(classes=["annotations-by-contributor"])
        people: dict[str, list[Placement]] = {}
        for placement in placed:
            contributor = domain.records[placement.annotation].annotation.contributor
            people.setdefault(contributor, []).append(placement)
        for contributor in sorted(people, key=str.casefold):
            item = nodes.list_item()
            item += nodes.paragraph("", contributor)
            item += self._entries(domain, people[contributor])
            by_person += item
        return [
            nodes.rubric("", _("By chapter")),
            by_chapter,
            nodes.rubric("", _("By contributor")),
            by_person,
        ]

    def _entries(self, domain: AnnotationsDomain, group: Iterable[Placement]) -> nodes.bullet_list:
        entries = nodes.bullet_list()
        for placement in group:
            record = domain.records[placement.annotation]
            paragraph = nodes.paragraph()
            paragraph += nodes.Text(f"{placement.label} ")
            # Annotation pages exist in HTML only; in print the dagger number
            # finds the footnote.
            if refs_state.builder(self.env).format == "html":
                paragraph += self._doc(record.docname, record.title)
            else:
                paragraph += nodes.Text(record.title)
            paragraph += nodes.Text(f" — {record.annotation.contributor}, {record.annotation.date}")
            item = nodes.list_item()
            item += paragraph
            entries += item
        return entries

    def _doc(self, docname: str, text: str | None = None) -> nodes.Node:
        title = text or (
            self.env.titles[docname].astext() if docname in self.env.titles else docname
        )
        return make_refnode(
            refs_state.builder(self.env), self.env.docname, docname, "", nodes.Text(title)
        )


def _copied(body: list[nodes.Node], docname: str) -> list[nodes.Node]:
    """The annotation's body for another page: links resolve from that page, and the
    copy takes no ids (the annotation's own page keeps them)."""
    copies = [detached(node) for node in body]
    for top in copies:
        for node in top.findall(nodes.Element):
            node["ids"] = []
            if isinstance(node, pending_xref):
                node["refdoc"] = docname
    return copies


def _wrap(block: nodes.Element, start: int, end: int, mark_id: str) -> list[nodes.Element]:
    """Wrap the witness text from ``start`` to ``end`` of ``block`` in marks."""
    marks: list[nodes.Element] = []
    position = 0
    for text in list(block.findall(nodes.Text)):
        if any(_editorial(a) for a in _up_to(text, block)):
            continue
        value = str(text)
        first, last = position, position + len(value)
        position = last
        if last <= start or first >= end:
            continue
        cut_from, cut_to = max(start - first, 0), min(end - first, len(value))
        # Every piece names its passage: the TEI points at all of them.
        mark = annotation_mark("", value[cut_from:cut_to], mark=mark_id)
        if not marks:
            mark["ids"] = [mark_id]
        pieces = [nodes.Text(value[:cut_from]), mark, nodes.Text(value[cut_to:])]
        text.parent.replace(text, [p for p in pieces if not isinstance(p, nodes.Text) or str(p)])
        marks.append(mark)
    return marks


def _editorial(node: nodes.Node) -> bool:
    """Text the edition adds (previews, signs, markers of other annotations)."""
    return isinstance(node, NOT_TEXT) or (
        isinstance(node, nodes.Element) and "apparatus" in node["classes"]
    )


def _up_to(node: nodes.Node, block: nodes.Element) -> Iterable[nodes.Node]:
    parent = node.parent
    while parent is not None and parent is not block:
        yield parent
        parent = parent.parent
