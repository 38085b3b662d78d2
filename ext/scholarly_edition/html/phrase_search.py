"""Phrase search: a quoted phrase finds the pages, and the paragraph, that contain it.

Sphinx's search index holds words, not their order, so ``"Central
Committee"`` would also find a page that says "central" in one paragraph and
"committee" in another. Beside ``searchindex.js`` the HTML builder therefore
writes ``searchphrases.js``: for every page, the plain text of each block
(paragraph, heading, list item's paragraph, …) with the anchor a reader
would land on, the paragraph's stable id (``#p3``, see :mod:`paragraphs`) or
else its section's. ``phrasesearch.js``, on the search page only, loads it
when a query has a quoted phrase, keeps those of Sphinx's own results whose
page contains every phrase, and links each to the paragraph of the first
occurrence; an unquoted query goes to Sphinx's search untouched.

The text is taken from the resolved doctree of each page written, in the
main process (``doctree-resolved`` runs there even under ``-j``), which is
the doctree Sphinx's own indexer reads, and what that indexer leaves out is
left out here too: elements of class ``no-search`` and pages whose metadata
says ``nosearch``. Generated pages (notes, Index of Names) are searchable like
the rest. As Sphinx does for its index, the file of the last build is loaded
when writing starts, the pages written replace their entries, pages that no
longer exist are dropped, and the file is written sorted, so ``-j`` and
incremental builds give the bytes of a clean build. A file that is missing or
cut short makes every page be written again.
"""

from __future__ import annotations

import json
import unicodedata
import weakref
from collections.abc import Iterator, Set
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .._util.apparatus import Apparatus, WitnessMark
from .._util.static_files import ship
from .._util.whole_file import write_whole

logger = logging.getLogger(__name__)

FILENAME = "searchphrases.js"
STATIC = Path(__file__).parent / "static"
SCRIPT = "phrasesearch.js"
# The search page's summaries of the text's own words (for every query).
SUMMARY_SCRIPT = "searchsummary.js"
_PREFIX = "window.editionPhraseText = "
# Signs and previews the edition adds inside the witness's sentences: a phrase
# reads across them ("Committee[12] of" is "Committee of").
_INLINE_APPARATUS = (Apparatus, WitnessMark)
# Furniture, not text: hidden nodes and the front page's tables of contents.
# Blocks of the apparatus are skipped too: the margin annotations quote the
# words they annotate, so that a phrase led to the margin, not to its
# paragraph (their pages are searched).
_SKIPPED = (nodes.Invisible, nodes.raw, nodes.system_message)

Blocks = list[list[str]]
# The text of each page, per builder, between the start and the end of writing.
_texts: weakref.WeakKeyDictionary[Builder, dict[str, Blocks]] = weakref.WeakKeyDictionary()
# The previous build's file, read once per build when reading checks it.
_previous: weakref.WeakKeyDictionary[Builder, dict[str, Blocks] | None] = (
    weakref.WeakKeyDictionary()
)


def enabled(builder: Builder) -> bool:
    """HTML builders that write Sphinx's search page (not the EPUB, not singlehtml)."""
    return builder.format == "html" and bool(getattr(builder, "search", False))


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _unsearched(node: nodes.Node) -> bool:
    """What Sphinx's indexer skips: the ``no-search`` class."""
    return isinstance(node, nodes.Element) and "no-search" in node["classes"]


def _text(node: nodes.Node) -> Iterator[str]:
    if isinstance(node, nodes.Text):
        yield str(node)
    elif not isinstance(node, (*_INLINE_APPARATUS, *_SKIPPED)) and not _unsearched(node):
        for child in node.children:
            yield from _text(child)


def _anchor(block: nodes.Element, top: nodes.Element | None) -> str:
    """The id of the nearest block around ``block`` (itself first); '' for the page's top."""
    node: nodes.Node | None = block
    while node is not None and node is not top:
        if isinstance(node, nodes.Element) and not isinstance(node, nodes.Inline) and node["ids"]:
            return node["ids"][0]
        node = node.parent
    return ""


def _blocks(node: nodes.Element) -> Iterator[nodes.TextElement]:
    """Text blocks (elements holding running text) in document order, none inside another."""
    for child in node.children:
        if (
            isinstance(child, _SKIPPED)
            or (isinstance(child, Apparatus) and not isinstance(child, nodes.Inline))
            or _unsearched(child)
            or (isinstance(child, nodes.Element) and "toctree-wrapper" in child.get("classes", ()))
        ):
            continue
        if isinstance(child, nodes.TextElement):
            yield child
        elif isinstance(child, nodes.Element):
            yield from _blocks(child)


def page_text(doctree: nodes.document) -> Blocks:
    """``[[anchor, text], ...]`` of a page, whitespace folded, empty blocks left out."""
    top = next(iter(doctree.findall(nodes.section)), None)
    result: Blocks = []
    for block in _blocks(doctree):
        text = _normalised("".join(_text(block)))
        if text:
            result.append([_anchor(block, top), text])
    return result


def _path(builder: Builder) -> Path:
    return Path(builder.outdir) / FILENAME


def load(path: Path) -> dict[str, Blocks] | None:
    """The texts a previous build wrote, or None if the file is missing or damaged."""
    try:
        content = path.read_text(encoding="utf-8")
        if not (content.startswith(_PREFIX) and content.endswith(";\n")):
            return None
        data = json.loads(content[len(_PREFIX) : -2])
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def dumps(texts: dict[str, Blocks]) -> str:
    """The file's content: sorted, so the same pages give the same bytes."""
    data = json.dumps(dict(sorted(texts.items())), ensure_ascii=False, separators=(",", ":"))
    # Line and paragraph separators end a line in JavaScript before ES2019.
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"{_PREFIX}{data};\n"


def start_writing(app: Sphinx, builder: Builder) -> None:
    if enabled(builder):
        previous = _previous.pop(builder) if builder in _previous else load(_path(builder))
        _texts[builder] = previous or {}


def searched(env: BuildEnvironment, docname: str) -> bool:
    """Whether Sphinx indexes the page: not when its metadata says ``nosearch``."""
    metadata = env.metadata.get(docname, {})
    return "nosearch" not in metadata and "no-search" not in metadata


def keep_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    texts = _texts.get(app.builder)
    if texts is None:
        return
    if searched(app.env, docname):
        texts[docname] = page_text(doctree)
    else:
        texts.pop(docname, None)


def write_file(app: Sphinx, exception: Exception | None) -> None:
    texts = _texts.pop(app.builder, None)
    if exception is not None or texts is None:
        return
    kept = {docname: blocks for docname, blocks in texts.items() if docname in app.env.all_docs}
    write_whole(_path(app.builder), dumps(kept).encode("utf-8"))


def rewrite_without_file(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Every page already written, when the phrase file is missing or cut short.

    The file keeps the pages not written in this build; without it they would
    be missing from phrase search until edited.
    """
    builder = app.builder
    _previous.pop(builder, None)
    if not enabled(builder) or not hasattr(builder, "get_outfilename"):
        return []
    written = sorted(
        docname
        for docname in env.all_docs
        if docname not in changed and Path(builder.get_outfilename(docname)).is_file()
    )
    if not written:
        return []
    _previous[builder] = load(_path(builder))
    if _previous[builder] is not None:
        return []
    logger.info("the phrase search file is missing or cut short; writing every page again")
    return written


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, object], doctree: object
) -> None:
    """The search page's scripts (after Sphinx's ``searchtools.js``: they are deferred)."""
    if pagename == "search" and enabled(app.builder):
        app.add_js_file(SUMMARY_SCRIPT, loading_method="defer")
        app.add_js_file(SCRIPT, loading_method="defer")


def copy_script(app: Sphinx) -> None:
    """Ship the search page's scripts (not into the EPUB, which has no search)."""
    if enabled(app.builder):
        ship(app, STATIC, SUMMARY_SCRIPT)
        ship(app, STATIC, SCRIPT)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", copy_script)
    app.connect("write-started", start_writing)
    # After every handler that fills generated content (the Index of Names, lists).
    app.connect("doctree-resolved", keep_page, priority=900)
    app.connect("build-finished", write_file)
    app.connect("env-get-outdated", rewrite_without_file)
    app.connect("html-page-context", add_script)
