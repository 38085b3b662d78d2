"""What an annotation body may contain: plain scholarly prose, nothing that runs.

Annotation bodies come from strangers. Before MyST parses one (``source-read``),
its tokens are checked against a short list of allowed constructs, using
myst-parser's own markdown-it parser: paragraphs, emphasis, lists, quotations,
inline code, web links, links to the edition's pages and citation roles.
Directives (``include``, ``raw``, ``eval-rst`` and every other), raw HTML,
images, headings, code blocks, hard line breaks and attributes are refused, so
they never run and never reach a reader. The build checks the parsed doctree
against the same list again (:mod:`.allowed`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from .._util.markers import MARKER

ALLOWED_BLOCKS = {
    "paragraph_open",
    "paragraph_close",
    "inline",
    "bullet_list_open",
    "bullet_list_close",
    "ordered_list_open",
    "ordered_list_close",
    "list_item_open",
    "list_item_close",
    "blockquote_open",
    "blockquote_close",
}
ALLOWED_INLINE = {
    "text",
    "softbreak",
    "em_open",
    "em_close",
    "strong_open",
    "strong_close",
    "code_inline",
    "link_open",
    "link_close",
    "myst_role",
}
# Lists and quotations inside one another: a margin note holds a few levels,
# and TeX stops at six ("Too deeply nested") inside the footnote.
NESTING = {"bullet_list_open", "ordered_list_open", "blockquote_open"}
MAX_DEPTH = 3
ALLOWED_ROLES = {"cite", "cite:p", "cite:t"}
SAFE_SCHEMES = ("https://", "http://", "mailto:")
# A page of the edition, by its source file: ``../early-life/1878-1899.md``.
EDITION_PAGE = re.compile(r"(?:\.\./|[a-z0-9-]+/)*[a-z0-9-]+\.md")
# markdown-it leaves a link or autolink to these as plain text; refuse it all
# the same, so the contributor learns why the link is not one.
_SCRIPT_LINK = re.compile(r"(?:\]\(|<)\s*(?:javascript|vbscript|data):", re.IGNORECASE)
NAMES = {
    "colon_fence": "a directive",
    "html_block": "raw HTML",
    "html_inline": "raw HTML",
    "image": "an image",
    "heading_open": "a heading",
    "math_inline": "math",
    "math_block": "math",
    "code_block": "a code block (use `inline code` in a paragraph)",
    "fence": "a code block (use `inline code` in a paragraph)",
    "hardbreak": "a hard line break (a blank line starts a new paragraph)",
}


# The syntax extensions the edition enables, and attributes on inline markup:
# a body is read as if every one were on, so none can slip through.
SYNTAX = MdParserConfig(
    enable_extensions={
        "attrs_block",
        "attrs_inline",
        "colon_fence",
        "deflist",
        "fieldlist",
        "substitution",
    }
)
_PARSER = create_md_parser(SYNTAX, RendererHTML)


REFUSED = "annotations may not use "


def tokens(text: str) -> list[Token]:
    """``text`` as MyST's markdown-it parser reads it, front matter included."""
    return _PARSER.parse(text)


def page_links(text: str) -> list[tuple[int, str]]:
    """(line, target) of every link to a page of the edition in ``text``."""
    found = []
    for token in _PARSER.parse(text):
        for child in token.children or []:
            href = str(child.attrs.get("href", "")) if child.type == "link_open" else ""
            if EDITION_PAGE.fullmatch(href):
                found.append((1 + (token.map[0] if token.map else 0), href))
    return found


def note_markers(text: str) -> list[tuple[int, str]]:
    """(line, label) of every note marker in the running text of ``text``.

    Markers in inline code, and in a link's text or address, are not markers,
    as in the build (``notes.transform.SKIP``).
    """
    found = []
    for token in _PARSER.parse(text):
        line = 1 + (token.map[0] if token.map else 0)
        depth = 0
        for child in token.children or []:
            depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type == "text" and not depth:
                found += [(line, m.group(1)) for m in MARKER.finditer(child.content)]
            elif child.type == "softbreak":
                line += 1
    return found


def problems(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, message) for every construct the body may not use."""
    found: list[tuple[int, str]] = []

    def refuse(token: Token, what: str, line: int) -> None:
        found.append((line, REFUSED + what))

    depth = 0
    for token in _PARSER.parse(body):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type in NESTING:
            depth += 1
            if depth == MAX_DEPTH + 1:
                refuse(token, f"lists or quotations nested more than {MAX_DEPTH} deep", line)
        elif token.type.removesuffix("_close") + "_open" in NESTING:
            depth -= 1
        if token.type.endswith("_close"):
            continue
        if set(token.attrs) - {"start"}:
            refuse(token, "attributes", line)
        if token.type == "inline":
            for child in token.children or []:
                _inline(child, line, refuse)
        elif token.type == "fence" and token.info.lstrip().startswith("{"):
            refuse(token, "a directive", line)
        elif token.type not in ALLOWED_BLOCKS:
            refuse(token, NAMES.get(token.type, f"{token.type.removesuffix('_open')} markup"), line)
    return found


def _inline(token: Token, line: int, refuse: Callable[[Token, str, int], None]) -> None:
    if token.type.endswith("_close"):
        return
    if token.type not in ALLOWED_INLINE:
        refuse(token, NAMES.get(token.type, f"{token.type.removesuffix('_open')} markup"), line)
    elif token.type == "text" and _SCRIPT_LINK.search(token.content):
        refuse(token, "a javascript:, vbscript: or data: link", line)
    elif token.type == "myst_role" and token.meta.get("name") not in ALLOWED_ROLES:
        refuse(token, f"the role {{{token.meta.get('name')}}} (only citation roles)", line)
    elif set(token.attrs) - {"href"}:
        refuse(token, "attributes", line)
    elif token.type == "link_open":
        href = str(token.attrs.get("href", ""))
        if not href.startswith(SAFE_SCHEMES) and not EDITION_PAGE.fullmatch(href):
            refuse(
                token,
                f"the link target {href!r} (only http, https and mailto links, "
                "and pages of the edition such as ../early-life/1878-1899.md)",
                line,
            )
