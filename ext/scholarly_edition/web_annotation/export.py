"""``annotations.jsonld``: the edition's annotations as a W3C Web Annotation collection.

Written after the HTML build, from the pages as built: each annotation
targets its chapter's page with a ``TextQuoteSelector`` (the passage, with
32 characters of the page's text before and after, as Hypothesis takes
them) and a ``TextPositionSelector``. The positions count from the start of
the passage's paragraph (a ``CssSelector`` of its stable anchor, ``#p3``,
refined by the positions), or of its section for a heading or a caption:
what the theme and the reader's scripts put around the text does not move
them. The creator, date, motivation and body come from
the annotation's file; a correction's second body, for editing, is the
passage as the editors read it. Each annotated page is read where it is
written, and kept by its digest (``_util/built_pages.py``). The date is the
day the file records: no time is invented.
"""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx

from .._util.built_pages import BuiltPages, WrittenPage
from .._util.i18n import _
from .._util.page_text import Element, PageText, page_text
from .._util.warning import EditionWarning, warn
from ..annotations.domain import AnnotationsDomain, Placement, Record
from ..annotations.place import slug

OUTPUT = "annotations.jsonld"
READER = "web-annotation"
BODY = "web-annotation-body"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_LENGTH = 32
# Elements whose id is a stable anchor of the edition (a name's is per mention).
BLOCKS = frozenset({"p", "section", "figure", "blockquote", "li", "dd", "dt"})
# An id that CSS can name as #id.
_IDENT = re.compile(r"-?[A-Za-z_][\w-]*")
MOTIVATIONS = {
    "commentary": "commenting",
    "correction": "editing",
    "context": "describing",
    "source": "commenting",
}
# What the annotation's page adds around the contributor's words.
NOT_BODY = frozenset({"annotation-byline", "annotation-lemma", "annotation-place"})


def _uri(app: Sphinx, docname: str) -> str:
    """The page's address: relative to this file, or absolute under ``html_baseurl``."""
    uri = app.builder.get_target_uri(docname)
    return urljoin(app.config.html_baseurl, uri) if app.config.html_baseurl else uri


def body_text(doctree: nodes.document) -> str:
    """The contributor's words, as plain text, with citations as the web edition prints them
    (from the annotation page's resolved doctree)."""
    section = doctree.next_node(nodes.section)
    paragraphs = [
        " ".join(child.astext().split())
        for child in (section.children if section is not None else [])
        if isinstance(child, nodes.Element)
        and not isinstance(child, nodes.title)
        and not NOT_BODY.intersection(child["classes"])
    ]
    return "\n\n".join(p for p in paragraphs if p)


def _scope(first: Element, last: Element) -> Element | None:
    """The nearest element with an id that holds the whole passage: its paragraph
    (``#p3``, the edition's stable anchor) or, for a heading or caption, its section."""
    holding_last = set(last.iterancestors())
    for element in first.iterancestors(*BLOCKS):
        if element.get("id") and element in holding_last:
            return element
    return None


def css_id(element_id: str) -> str:
    """A CSS selector of the element with this id."""
    return f"#{element_id}" if _IDENT.fullmatch(element_id) else f'[id="{element_id}"]'


def _selectors(body: PageText | None, marks: list[Element]) -> list[dict[str, Any]] | None:
    scope = _scope(marks[0], marks[-1])
    if scope is None or body is None:
        return None
    start, end = body.span(marks[0])[0], body.span(marks[-1])[1]
    origin = body.span(scope)[0]
    return [
        {
            "type": "TextQuoteSelector",
            "exact": body.text[start:end],
            "prefix": body.text[max(start - CONTEXT_LENGTH, 0) : start],
            "suffix": body.text[end : end + CONTEXT_LENGTH],
        },
        {
            "type": "CssSelector",
            "value": css_id(str(scope.get("id"))),
            "refinedBy": {
                "type": "TextPositionSelector",
                "start": start - origin,
                "end": end - origin,
            },
        },
    ]


def page_selectors(page: Element) -> dict[str, list[dict[str, Any]] | None]:
    """The selectors of each annotated passage of a written page, by its mark."""
    found_body = page.find("body")
    body = page_text(found_body) if found_body is not None else None
    marks: dict[str, list[Element]] = {}
    for mark in page.iter("mark"):
        if mark.get("data-annotation") is not None:
            marks.setdefault(str(mark.get("data-annotation")), []).append(mark)
    return {name: _selectors(body, found) for name, found in marks.items()}


def _selectors_of(page: WrittenPage) -> dict[str, list[dict[str, Any]] | None]:
    return page_selectors(page.root)


def _domain(app: Sphinx) -> AnnotationsDomain:
    domain = app.env.domains["annotations"]
    assert isinstance(domain, AnnotationsDomain)
    return domain


def read_written(
    app: Sphinx, docname: str, page: WrittenPage, doctree: nodes.document
) -> tuple[str, object] | None:
    """The selectors of an annotated page, read in the process that wrote it."""
    domain = _domain(app)
    if not any(p.docname == docname for p in domain.placements.values()):
        return None
    return READER, page_selectors(page.root)


def read_body(
    app: Sphinx, docname: str, page: WrittenPage, doctree: nodes.document
) -> tuple[str, object] | None:
    """An annotation's words, from the doctree its page was written from."""
    domain = _domain(app)
    return (BODY, body_text(doctree)) if docname in domain.records else None


def _resolved_body(app: Sphinx, record: Record, page: WrittenPage) -> str:
    """An annotation's words when no reading was kept as its page was written (from its
    doctree resolved again: the page itself is not parsed)."""
    builder = app.builder
    return body_text(app.env.get_and_resolve_doctree(record.docname, builder, tags=builder.tags))


def annotation(
    app: Sphinx,
    record: Record,
    placement: Placement,
    selectors: list[dict[str, Any]] | None,
    body: str,
) -> dict[str, Any] | None:
    if selectors is None:
        warn(
            EditionWarning.web_annotation,
            f"the passage of this annotation is not marked in {placement.docname}: "
            f"it is left out of {OUTPUT}",
            (record.docname, record.annotation.target_line),
        )
        return None
    given = record.annotation
    bodies: list[dict[str, Any]] = [
        {
            "type": "TextualBody",
            # A correction's comment says why; its second body is the reading.
            "purpose": "commenting" if given.kind == "correction" else MOTIVATIONS[given.kind],
            "value": body,
            "format": "text/plain",
            "language": app.config.language or "en",
        }
    ]
    if given.kind == "correction":
        # The passage as the editors would read it: the target's text with the
        # witness's reading replaced, as a tool's edit replaces its target.
        quote = selectors[0]["exact"]
        edited = quote.replace(given.reading, given.proposed, 1)
        bodies.append({"type": "TextualBody", "purpose": "editing", "value": edited})
    return {
        "id": _uri(app, record.docname),
        "type": "Annotation",
        "motivation": MOTIVATIONS[given.kind],
        "creator": {"name": given.contributor},
        "created": given.date,
        "body": bodies,
        "target": {"source": _uri(app, placement.docname), "selector": selectors},
    }


def collection(app: Sphinx) -> dict[str, Any]:
    domain = _domain(app)
    placed = sorted(domain.placements.values(), key=lambda p: int(p.label.lstrip("†")))
    items = []
    # Each page is parsed where it was written (at 10x the parses at the end
    # were 12% of a full build, all of it serial under -j).
    pages, bodies = BuiltPages(app, READER), BuiltPages(app, BODY)
    for placement in placed:
        mark = f"annotated-{slug(placement.annotation)}"
        selectors = pages.reading(placement.docname, _selectors_of).get(mark)
        record = domain.records[placement.annotation]
        body = bodies.reading(record.docname, partial(_resolved_body, app, record))
        made = annotation(app, record, placement, selectors, body)
        if made is not None:
            items.append(made)
    return {
        "@context": CONTEXT,
        "id": OUTPUT,
        "type": "AnnotationCollection",
        "label": _("Annotations of {project}").format(project=app.config.project),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def write_collection(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    data = json.dumps(collection(app), ensure_ascii=False, indent=2)
    (Path(app.outdir) / OUTPUT).write_text(data + "\n", encoding="utf-8")
