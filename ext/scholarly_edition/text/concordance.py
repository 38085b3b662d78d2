"""The concordance of witness lines: where each line of the witness stands in the edition.

A reader who has a line number of the witness (from the fidelity report, an
annotation or another edition) finds its chapter and paragraph anchor here,
and one who cites a paragraph finds its lines. The rows are derived from
``refs/structure.toml`` alone, by the rules the chapters and their paragraph
anchors follow (:mod:`edition_tools.importer`,
:mod:`scholarly_edition.text.paragraphs`), so the page is never written by hand.
The HTML build writes the same rows, as tab-separated data for reuse, to
``witness-concordance.tsv`` beside the pages.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .._util.config_registry import ConfigRegistry
from .._util.i18n import _
from . import paragraphs, structure


def role_name(role: str) -> str:
    """What a line of the witness is, in the edition's language."""
    names = {
        "header": _("page header"),
        "title": _("title of the work"),
        "part": _("part heading"),
        "section": _("section heading"),
        "subsection": _("subsection heading"),
        "hatnote": _("hatnote"),
        "caption": _("caption of an absent image"),
        "quote": _("block quotation"),
        "quote-line": _("block quotation, a further line of its paragraph"),
        "attribution": _("attribution of a quotation"),
        "residue": _("page residue"),
        "paragraph": _("paragraph"),
    }
    return names[role]


@dataclass(frozen=True)
class Row:
    line: int
    role: str
    chapter: str
    anchor: str  # a paragraph's anchor ("p3", "famine-p2"), or "" for the page or section
    paragraph: int | None


def rows(edition: structure.Structure) -> Iterator[Row]:
    """One row per non-blank witness line, in witness order."""
    for chapter in edition.chapters:
        section_ids: list[str] = []
        number = 0
        for line in range(chapter.first, chapter.last + 1):
            role = edition.role(line)
            if role == "blank":
                continue
            if role == "subsection":
                section_ids, number = [nodes.make_id(edition.lines[line - 1])], 0
            # Each paragraph of a block quotation is numbered; its attribution is not.
            if role in ("paragraph", "quote"):
                number += 1
            # A further line of a quotation's paragraph is in that paragraph.
            counted = role in ("paragraph", "quote", "quote-line", "attribution")
            anchor = paragraphs.anchor(section_ids, not section_ids, number) if counted else ""
            if role == "subsection":
                anchor = section_ids[0]
            yield Row(line, role, chapter.file, anchor, number if counted else None)


class concordance_link(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils naming)
    """A link to a chapter and paragraph; attributes ``chapter`` and ``anchor``."""


class WitnessConcordanceDirective(SphinxDirective):
    """``{witness-concordance}``: the table of witness lines and their places."""

    def run(self) -> list[nodes.Node]:
        if not self.config.edition_structure_file:
            raise self.error("witness-concordance needs edition_structure_file in conf.py")
        path = Path(self.env.srcdir) / self.config.edition_structure_file
        self.env.note_dependency(str(path))
        try:
            edition = structure.load(path)
        except structure.StructureError:
            return []  # reported once, at its line, as edition_structure_problem
        table = nodes.table(classes=["witness-concordance"])
        group = nodes.tgroup(cols=3)
        table += group
        group.extend(nodes.colspec(colwidth=width) for width in (1, 3, 4))
        head = nodes.thead()
        head += _row(_("line"), _("what it is"), _("where it stands"))
        group += head
        body = nodes.tbody()
        group += body
        titles = {c.file: edition.lines[c.first - 1] for c in edition.chapters}
        titles[edition.chapters[0].file] = _("Front page")
        for row in rows(edition):
            label = titles[row.chapter]
            if row.paragraph:
                label += _(", paragraph {number}").format(number=row.paragraph)
            elif row.role == "subsection":
                label += f", {edition.lines[row.line - 1]}"
            link = concordance_link(label, label, chapter=row.chapter, anchor=row.anchor)
            body += _row(str(row.line), role_name(row.role), nodes.paragraph("", "", link))
        return [table]


class ResolveConcordanceLinks(SphinxPostTransform):
    """Links become references once the builder knows its URIs (before Sphinx's resolver)."""

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        for link in list(self.document.findall(concordance_link)):
            uri = self.app.builder.get_relative_uri(self.env.docname, link["chapter"])
            # HTML pages carry the paragraph anchors; the PDF links to the chapter.
            if link["anchor"] and self.app.builder.format == "html":
                uri += f"#{link['anchor']}"
            link.replace_self(nodes.reference("", link.astext(), refuri=uri, internal=True))


def _row(*cells: str | nodes.Node) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell if isinstance(cell, nodes.Node) else nodes.paragraph(cell, cell)
        row += entry
    return row


def config_values(app: ConfigRegistry) -> None:
    # Empty (the default): no concordance, for editions without a structure map.
    app.add_config_value("edition_structure_file", "", "env", str)


def setup(app: Sphinx) -> None:
    """Called from the extension's ``setup``."""
    config_values(app)
    app.add_node(concordance_link)
    app.add_directive("witness-concordance", WitnessConcordanceDirective)
    app.add_post_transform(ResolveConcordanceLinks)
    app.connect("build-finished", _write_data)


def tsv(edition: structure.Structure) -> str:
    lines = ["line\trole\tchapter\tanchor"]
    lines += [f"{r.line}\t{r.role}\t{r.chapter}\t{r.anchor}" for r in rows(edition)]
    return "\n".join(lines) + "\n"


SITE_BUILDERS = ("html", "dirhtml")


def _write_data(app: Sphinx, exception: Exception | None) -> None:
    """The concordance as data, and the witness itself, byte for byte, beside
    the HTML pages (the site's, not the EPUB's or the one-page text's)."""
    if (
        exception is None
        and app.builder.name in SITE_BUILDERS
        and app.config.edition_structure_file
    ):
        try:
            edition = structure.load(Path(app.srcdir) / app.config.edition_structure_file)
        except structure.StructureError:
            return  # reported once, at its line, as edition_structure_problem
        out = Path(app.outdir) / "witness-concordance.tsv"
        out.write_text(tsv(edition), encoding="utf-8")
        shutil.copyfile(edition.witness_path, Path(app.outdir) / edition.witness_path.name)
