"""The lighter ``layout.html`` copies two of pydata-sphinx-theme's blocks: it must stay their copy.

``html/templates/layout.html`` overrides the theme's ``css`` and
``extrahead`` blocks to leave out Font Awesome's script preload and the search
index (``html/page_weight.py``). A copy drifts when the theme changes its
blocks; these tests read both templates with Jinja's own parser and fail as
soon as the copy is anything other than the installed theme's blocks less
those two things.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import jinja2
import pydata_sphinx_theme
from jinja2 import nodes

from scholarly_edition.html.page_weight import TEMPLATES

THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
THEME_LAYOUT = THEME / "layout.html"
OURS = TEMPLATES / "layout.html"
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _blocks(path: Path) -> dict[str, nodes.Block]:
    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    template = environment.parse(path.read_text(encoding="utf-8"))
    return {block.name: block for block in template.find_all(nodes.Block)}


def _items(body: Iterable[nodes.Node]) -> Iterator[str]:
    """What a block writes, in order: its text (spacing and HTML comments aside) and expressions."""
    for node in body:
        if isinstance(node, nodes.TemplateData):
            text = " ".join(COMMENT.sub("", node.data).split())
            if text:
                yield text
        elif isinstance(node, nodes.Output):
            yield from _items(node.nodes)
        elif isinstance(node, nodes.If):
            yield f"if {node.test!r}"
            yield from _items([*node.body, *node.elif_, *node.else_])
        elif not isinstance(node, nodes.Import):
            yield repr(node)


def _our_block(name: str) -> list[nodes.Node]:
    """Our block's pages for the HTML builders (the EPUB's keep the theme's ``super()``)."""
    (branch,) = _blocks(OURS)[name].body
    assert isinstance(branch, nodes.If) and "epub" in repr(branch.test)
    return list(branch.else_)


def test_css_block_is_the_themes_without_the_script_preload() -> None:
    block = _blocks(THEME_LAYOUT)["css"]
    theirs = [item for item in _items(block.body) if "head_js_preload" not in item]
    assert list(_items(_our_block("css"))) == theirs, (
        f"pydata-sphinx-theme's css block changed: copy it again into {OURS}"
    )


def test_extrahead_block_is_the_themes_with_search_left_to_the_search_page() -> None:
    block = _blocks(THEME_LAYOUT)["extrahead"]
    theirs = [item for item in _items(block.body) if not item.startswith("if ")]
    ours = list(_items(_our_block("extrahead")))
    conditions = [item for item in ours if item.startswith("if ")]
    assert [item for item in ours if not item.startswith("if ")] == theirs, (
        f"pydata-sphinx-theme's extrahead block changed: copy it again into {OURS}"
    )
    assert any("theme_search_as_you_type" in item for item in conditions)
