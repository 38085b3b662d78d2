"""The whole text on one page (Sphinx's ``singlehtml`` builder), with working anchors.

The builder puts every document in one page, where two documents' anchors
collide (each chapter has its paragraph ``p3`` and its first mention
``name-stalin-joseph-1``) and a link to another document's anchor is written
``#document-<docname>#<anchor>``, which no browser follows. Run on the
assembled page once every reference is made (``doctree-resolved``, after the
Index of Names is filled there), this gives each colliding anchor its
document's name (``p3--early-life-1899-1904``) and points every link at the
one anchor it means, so that notes, backlinks, names, annotations, paragraph
permalinks and "Cite" work on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .._util.apparatus import Permalink

_DOCUMENT = re.compile(r"^#document-(?P<doc>[^#]+)(?:#(?P<id>.+))?$")


def _owned(node: nodes.Element, docname: str) -> Iterator[tuple[nodes.Element, str]]:
    """Every element with the document it comes from, in document order."""
    for child in node.children:
        if not isinstance(child, nodes.Element):
            continue
        own = child["docname"] if isinstance(child, addnodes.start_of_file) else docname
        yield child, own
        yield from _owned(child, own)


def _slug(docname: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", docname.lower()).strip("-")


def single_page_anchors(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """One anchor per place on the single page, and links that reach it."""
    if app.builder.name != "singlehtml":
        return
    root = app.config.root_doc
    elements = list(_owned(doctree, root))
    docs_of: dict[str, set[str]] = {}
    for element, doc in elements:
        for node_id in element["ids"]:
            docs_of.setdefault(node_id, set()).add(doc)
    colliding = {node_id for node_id, docs in docs_of.items() if len(docs) > 1}
    renamed: dict[tuple[str, str], str] = {}
    for element, doc in elements:
        ids = element["ids"]
        for index, node_id in enumerate(ids):
            if node_id in colliding and doc != root:
                ids[index] = renamed[doc, node_id] = f"{node_id}--{_slug(doc)}"
    included = {root} | {doc for _, doc in elements}
    top = next(iter(doctree.findall(nodes.section)), None)
    for element, doc in elements:
        if isinstance(element, Permalink):
            element["anchor"] = renamed.get((doc, element["anchor"]), element["anchor"])
        if not isinstance(element, nodes.reference):
            continue
        if "refid" in element:
            element["refid"] = renamed.get((doc, element["refid"]), element["refid"])
            continue
        uri = element.get("refuri", "")
        match = _DOCUMENT.match(uri)
        if match and match["doc"] not in included:
            # A page the one-page text leaves out (an annotation's page): the site's.
            page = _site_page(app, match["doc"])
            element["refuri"] = page + (f"#{match['id']}" if match["id"] else "")
        elif match and match["id"]:
            target = match["doc"], match["id"]
            element["refuri"] = "#" + renamed.get(target, match["id"])
        elif match and match["doc"] == root and top is not None and top["ids"]:
            element["refuri"] = "#" + top["ids"][0]
        elif uri.startswith("#") and not match:
            element["refuri"] = "#" + renamed.get((doc, uri[1:]), uri[1:])


def _site_page(app: Sphinx, docname: str) -> str:
    """The address of a page of the site from the one-page text, which the
    site has in its folder ``edition_whole_text_page``."""
    depth = len(PurePosixPath(app.config.edition_whole_text_page or "index.html").parent.parts)
    return "../" * depth + docname + (app.config.html_file_suffix or ".html")


def setup(app: Sphinx) -> None:
    # After the Index of Names is filled (names.index, at the default priority).
    app.connect("doctree-resolved", single_page_anchors, priority=800)
