"""Reading annotations and the text they annotate.

``screen_source`` reads an annotation file with the parser ``make check``
uses (:mod:`.file`) and hands MyST only the body it checked.
``AnnotationReader`` turns an annotation file into a titled page and records
it; ``BlockCollector`` records, for every document of the text, the blocks an
annotation can target, stamping each block node so that it can be found again
when the page is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import cast

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from .._util.apparatus import Apparatus
from .._util.documents import in_text, is_annotation
from .._util.i18n import _
from .._util.warning import EditionWarning, warn
from ..notes import refs_state
from . import data as annotations_data
from . import file as annotations_file
from . import safety as annotations_safety
from .anchor import Block
from .domain import AnnotationsDomain, Record

# The annotation file as read at ``source-read``, for the transforms of the same document.
PARSED = "edition_annotation_file"
BLOCK_DOC = "edition_doc"
BLOCK_INDEX = "edition_block"
# Text in these is the editors', not the witness's: never part of a block's text.
NOT_TEXT = Apparatus


def screen_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """Read an annotation with the one parser ``make check`` uses; hand MyST only its body.

    MyST gets the checked body at its own lines, or a notice that the
    annotation is withheld: never the front matter, never an unchecked line.
    """
    if not is_annotation(app.config, docname):
        return
    path = Path(app.env.doc2path(docname))
    folder = Path(app.srcdir) / app.config.edition_annotations_dir
    naming = annotations_file.name_problems(path, folder)
    if naming:  # reported by ``stray_files``
        parsed = annotations_file.AnnotationFile(path, None, "", 1, naming)
    else:
        refs = annotations_file.References(
            refs_state.bib_keys(app.env),
            set(refs_state.note_map(app.env).notes),
            Path(app.srcdir),
        )
        parsed = annotations_file.read(path, source[0], refs)
        for problem in parsed.problems:
            subtype = (
                EditionWarning.annotation_unsafe
                if problem.message.startswith(annotations_safety.REFUSED)
                else EditionWarning.annotation_front_matter
            )
            warn(subtype, problem.message, (docname, problem.line))
    source[0] = parsed.source
    app.env.current_document[PARSED] = parsed


def stray_files(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Every file in the annotations folder that is not an annotation, at every build.

    Sphinx would read a ``.rst`` file there as reStructuredText and ignore a
    ``.txt``; each is an error instead, as in ``make check``.
    """
    folder = Path(app.srcdir) / app.config.edition_annotations_dir
    if not app.config.edition_annotations_dir or not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        for problem in annotations_file.name_problems(path, folder):
            warn(EditionWarning.annotation_file, problem.message, f"{path}:{problem.line}")


def detached(node: nodes.Node) -> nodes.Node:
    """A copy of ``node`` and its children, tied to no document.

    ``copy.deepcopy`` follows ``parent`` and ``document`` up to the whole
    doctree and the build environment in its settings: it copied the
    environment for every annotation placed on every page, and pickled a
    document with each record. Docutils' own ``deepcopy`` copies only the
    subtree; it keeps the document reference, which is dropped here.
    """
    result = node.deepcopy()
    for part in result.findall():
        # docutils' setter is typed for a document only; None is the node's own default.
        part.document = None  # type: ignore[assignment]
    return result


def witness_text(block: nodes.Element) -> str:
    """The block's text as the witness gives it: without previews or editorial signs."""
    parts = []
    for text in block.findall(nodes.Text):
        parent = text.parent
        while parent is not None and parent is not block and not isinstance(parent, NOT_TEXT):
            parent = parent.parent
        if parent is block:
            parts.append(str(text))
    return "".join(parts)


class BlockCollector(SphinxTransform):
    # After the note transform (400) and the names tagger, which only wrap text.
    default_priority = 480

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        if not in_text(self.config, docname):
            return
        domain = self.env.domains["annotations"]
        assert isinstance(domain, AnnotationsDomain)
        blocks: list[Block] = []
        found = self.document.findall(lambda n: isinstance(n, nodes.paragraph | nodes.title))
        for node in cast("Iterator[nodes.paragraph | nodes.title]", found):
            if any(isinstance(a, NOT_TEXT) for a in ancestors(node)):
                continue
            kind = "title" if isinstance(node, nodes.title) else "paragraph"
            node[BLOCK_DOC], node[BLOCK_INDEX] = docname, len(blocks)
            blocks.append(Block(docname, len(blocks), kind, witness_text(node), line_of(node)))
        domain.blocks[docname] = blocks


def ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def line_of(node: nodes.Node) -> int:
    for candidate in (node, *ancestors(node)):
        if candidate.line:
            return candidate.line
    return 0


class AnnotationReader(SphinxTransform):
    """An annotation file becomes a titled page, and a record in the domain."""

    default_priority = 480

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        if not is_annotation(self.config, docname):
            return
        # Annotations are reached from the text and the annotations page, not the toctree.
        self.env.metadata[docname]["orphan"] = True
        parsed = self.env.current_document[PARSED]
        annotation = parsed.annotation
        body = list(self.document.children)
        title = self._title(annotation)
        section = nodes.section(ids=["annotation"], names=["annotation"])
        section += nodes.title("", title)
        content = _content(annotation, body) if annotation else body
        section += content
        section += nodes.paragraph(classes=["annotation-place"])
        self.document.children = []
        self.document += section
        if annotation is not None:
            domain = self.env.domains["annotations"]
            assert isinstance(domain, AnnotationsDomain)
            domain.records[docname] = Record(
                docname, annotation, title, [detached(n) for n in content]
            )

    @staticmethod
    def _title(annotation: annotations_data.Annotation | None) -> str:
        if annotation is None:
            return _("Annotation (not shown: see the build's warnings)")
        return _("{kind} on {target}").format(
            kind=_kind_title(annotation.kind), target=_target_title(annotation.target)
        )


def _kind_title(kind: str) -> str:
    """The kind of an annotation as its page's title begins, in the edition's language."""
    titles = {
        "commentary": _("Commentary"),
        "correction": _("Correction"),
        "context": _("Context"),
        "source": _("Source"),
    }
    return titles.get(kind, kind.capitalize())


def _target_title(target: annotations_data.Target) -> str:
    """What an annotation is on, for its title (the warnings use ``describe``, in English)."""
    if isinstance(target, annotations_data.NoteTarget):
        return _("note [{label}]").format(label=target.note)
    if isinstance(target, annotations_data.SectionTarget):
        return _("the section “{section}”").format(section=target.section)
    return target.describe()


def _content(annotation: annotations_data.Annotation, body: list[nodes.Node]) -> list[nodes.Node]:
    """What the annotation says, as shown on its page and beside the text."""
    byline = nodes.paragraph(classes=["annotation-byline"])
    byline += nodes.Text(
        _("By {contributor}, {date}.").format(
            contributor=annotation.contributor, date=annotation.date
        )
    )
    result: list[nodes.Node] = [byline]
    if annotation.kind == "correction":
        lemma = nodes.paragraph(classes=["annotation-lemma"])
        lemma += nodes.inline("", annotation.reading, classes=["lemma"])
        lemma += nodes.Text(_("] sic in the witness; read "))
        lemma += nodes.emphasis("", annotation.proposed)
        result.append(lemma)
    result += body
    if annotation.cites:
        cites = nodes.paragraph(classes=["annotation-cites"])
        cites += nodes.Text(_("Works cited: "))
        for index, key in enumerate(annotation.cites):
            if index:
                cites += nodes.Text("; ")
            cites += pending_xref(
                "", nodes.inline("", key), refdomain="cite", reftype="p", reftarget=key
            )
        result.append(cites)
    return result
