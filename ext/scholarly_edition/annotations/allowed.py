"""The second wall: an annotation's parsed doctree holds only plain prose.

:mod:`.safety` screens the Markdown before MyST parses it; this
transform checks what MyST made of it, whatever the source syntax, against an
allow-list of node types: paragraphs, emphasis, strong, inline literals, lists,
block quotes, links to http, https and mailto addresses or to the edition's own
pages, and citations. Anything else (a directive's output, a file's contents,
``meta``, raw output, a substitution, a download, a target) withholds the
annotation with a located warning, before any other transform sees it.
"""

from __future__ import annotations

import dataclasses

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .._util.documents import is_annotation
from .._util.warning import EditionWarning, warn
from .file import withheld
from .read import PARSED, ancestors, line_of
from .safety import MAX_DEPTH, REFUSED, SAFE_SCHEMES

ALLOWED = (
    nodes.paragraph,
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.list_item,
    nodes.block_quote,
)
NESTING = (nodes.bullet_list, nodes.enumerated_list, nodes.block_quote)
# Attributes every docutils element has; any other is markup the body may not carry.
_BASIC = {"ids", "classes", "names", "dupnames", "backrefs"}
_LIST = {"bullet", "enumtype", "prefix", "suffix", "start"}
_REFERENCE = _BASIC | {"refuri", "internal"}
_XREF = _BASIC | {
    "refdomain",
    "reftype",
    "reftarget",
    "reftargetid",
    "refdoc",
    "refexplicit",
    "refwarn",
}


def refusal(node: nodes.Node, found_docs: set[str]) -> str | None:
    """Why ``node`` may not stand in an annotation, or None if it may."""
    if isinstance(node, nodes.Text):
        return None
    assert isinstance(node, nodes.Element)
    name = type(node).__name__
    attributes = set(node.attributes) - {"source", "line"}
    if type(node) in ALLOWED:
        extra = attributes - _BASIC - _LIST
        if extra:
            return f"{name} with {', '.join(sorted(extra))}"
        if isinstance(node, NESTING) and _depth(node) > MAX_DEPTH:
            return f"lists or quotations nested more than {MAX_DEPTH} deep"
        return None
    if type(node) is nodes.reference:
        uri = str(node.get("refuri", ""))
        if attributes - _REFERENCE or not uri.startswith(SAFE_SCHEMES):
            return f"a link to {uri or 'a target'!r}"
        return None
    if type(node) is addnodes.pending_xref:
        if attributes - _XREF:
            return "a cross-reference with options"
        domain, kind = node.get("refdomain"), node.get("reftype")
        if (domain, kind) in {("cite", "p"), ("cite", "t"), ("notes", "note")}:
            return None  # a citation, or a bracketed note number (``notes.transform``)
        if domain == "doc" and kind == "myst" and node.get("reftarget") in found_docs:
            return None
        return f"a link to {node.get('reftarget')!r}"
    if type(node) is nodes.inline and isinstance(node.parent, addnodes.pending_xref):
        return None
    return f"{name} content"


def _depth(node: nodes.Element) -> int:
    """How many lists and quotations ``node`` stands in, itself included."""
    return sum(isinstance(a, NESTING) for a in (node, *ancestors(node)))


class AnnotationAllowList(SphinxTransform):
    # First of the read transforms (docutils' substitutions are at 220, targets
    # at 260 and the note markers at 400): what is refused is never processed.
    default_priority = 15

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        if not is_annotation(self.config, docname):
            return
        refused = False
        for node in self.document.findall(include_self=False):
            if isinstance(node, nodes.system_message):
                refused = True  # reported by docutils or MyST already
                continue
            if isinstance(node, nodes.Element) and _inside_message(node):
                continue
            why = refusal(node, self.env.found_docs)
            if why is not None:
                refused = True
                warn(
                    EditionWarning.annotation_unsafe,
                    REFUSED + why,
                    (docname, line_of(node)),
                )
        if refused:
            parsed = self.env.current_document[PARSED]
            self.env.current_document[PARSED] = dataclasses.replace(parsed, annotation=None)
            self.document.children = []
            self.document += nodes.paragraph("", withheld())


def _inside_message(node: nodes.Element) -> bool:
    return any(isinstance(a, nodes.system_message) for a in ancestors(node))
