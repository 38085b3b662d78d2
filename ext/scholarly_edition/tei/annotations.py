"""Annotations in the TEI: the annotated passage as ``seg``, the annotation as a
``note`` pointing to its pieces, and a correction of a slip as ``sic``/``corr``
in a ``choice``, the witness's reading kept as the text."""

from __future__ import annotations

from docutils import nodes

from .._util.warning import EditionWarning, warn
from ..annotations.domain import AnnotationsDomain, Record
from .ns import EDITORS, append_text, sub, xml_id
from .writer import TEIWriter


def contributor_id(contributor: str) -> str:
    """The ``xml:id`` of an annotation's contributor in the title statement."""
    return xml_id("contributor", "-".join(contributor.lower().split()) or "unknown")


class AnnotationEncoding(TEIWriter):
    """The annotations' visitors; ``correction`` is the one being marked, if any."""

    correction: tuple[str, str, str] | None = None  # mark, reading, proposed

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
