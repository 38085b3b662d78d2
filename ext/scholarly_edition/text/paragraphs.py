"""Stable, human-readable paragraph anchors, each with a visible permalink.

A historian cites "§ 1899–1904, paragraph 3"; the link for that is
``early-life/1899-1904.html#p3``. The scheme:

- Only the text's documents are numbered (``edition_text_documents``; all
  but the annotations when it is empty): the apparatus pages are the editors'
  words, cited by page.
- The paragraphs of a section are numbered from 1 in reading order. What is
  counted is what a reader sees as a paragraph of the text: each paragraph
  that is a direct child of the section, and each paragraph of a block
  quotation that is (a quotation of two paragraphs is two, numbered like the
  rest). Headings, figures and their captions, hatnotes ("Main article: …"),
  rubrics, boxes (admonitions) and the editors' apparatus (class
  ``apparatus``) are not counted, so adding or moving apparatus never
  renumbers the text.
- In the page's top section the anchor is ``p<n>``; in a subsection it is
  ``<section id>-p<n>`` (``#collectivisation-p2``), since a reader cites a
  subsection by its heading.
- Numbers restart in every section, so an edit in one section, another page,
  the note map, the register or the annotations leaves every other anchor as
  it was. The witness is never edited, so a paragraph keeps its number for as
  long as the editorial reading of its section (``refs/structure.toml``) does.

The anchors are set by a read-time transform from the document alone: the
same doctree gives the same ids under ``-j``, in any order, on every build.
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.writers.html5 import HTML5Translator

from .._util.apparatus import Permalink
from .._util.documents import in_text
from .._util.i18n import _

# Paragraphs with these classes are not text a reader counts (an attribution
# closes a quotation: it is not one of its paragraphs; a title heads the work).
UNCOUNTED = frozenset({"apparatus", "attribution", "hatnote", "work-title"})


class paragraph_link(Permalink, nodes.Inline, nodes.Element):  # noqa: N801 (docutils node naming)
    """The permalink of a paragraph; attributes ``anchor`` and ``number``.

    It has no text child, so neither search nor the plain-text builders see
    the number; HTML writes it as a link in the margin.
    """


def counted(node: nodes.Node) -> bool:
    """A paragraph or block quotation of the reading text, directly in its section."""
    if not isinstance(node, nodes.paragraph | nodes.block_quote):
        return False
    return not UNCOUNTED.intersection(node["classes"])


def numbered(section: nodes.section) -> Iterator[nodes.paragraph]:
    """The section's paragraphs that carry a number, in reading order."""
    for child in section.children:
        if not counted(child):
            continue
        if isinstance(child, nodes.paragraph):
            yield child
        else:
            yield from (
                paragraph
                for paragraph in child.findall(nodes.paragraph)
                if not UNCOUNTED.intersection(paragraph["classes"])
            )


def anchor(section_ids: list[str], top: bool, number: int) -> str:
    return f"p{number}" if top or not section_ids else f"{section_ids[0]}-p{number}"


class ParagraphAnchors(SphinxTransform):
    """Give every counted paragraph its anchor and a permalink node."""

    # After the markers (400) and names (410) are tagged, which split the
    # paragraph's text: the link is then put before all of it.
    default_priority = 420

    def apply(self, **kwargs: object) -> None:
        if not in_text(self.config, self.env.docname):
            return
        top = next(iter(self.document.findall(nodes.section)), None)
        for section in self.document.findall(nodes.section):
            for number, paragraph in enumerate(numbered(section), start=1):
                node_id = anchor(section["ids"], section is top, number)
                paragraph["ids"].append(node_id)
                self.document.ids[node_id] = paragraph
                # The link is the paragraph's first child: shown in the margin
                # before the text, it is the first of its links that Tab reaches.
                paragraph.insert(0, paragraph_link(anchor=node_id, number=number))


def visit_html(self: HTML5Translator, node: paragraph_link) -> None:
    """``<a class="paragraph-link apparatus" href="#p3">3</a>``: apparatus, not witness text."""
    number = node["number"]
    title = self.attval(_("Link to paragraph {number}").format(number=number))
    label = self.attval(_("Paragraph {number}: link").format(number=number))
    self.body.append(
        f'<a class="paragraph-link apparatus" href="#{node["anchor"]}"'
        f' title="{title}" aria-label="{label}">{number}</a>'
    )
    raise nodes.SkipNode


def skip(self: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_node(
        paragraph_link,
        html=(visit_html, None),
        epub=(visit_html, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_transform(ParagraphAnchors)
