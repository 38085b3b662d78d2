"""What the register says of each name on a page, for its preview in HTML.

A reader who hovers or taps a name sees its index form, life dates,
description and a link to its entry in the Index of Names (``reader.js``).
Each page carries only the entries it names, as a small inline script
added for that page alone at ``html-page-context`` (Sphinx restores the page
scripts after each page); nothing is stored, so writing stays parallel-safe.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .domain import load_register
from .index import entry_uri
from .nodes import name


def page_names(
    app: Sphinx, pagename: str, doctree: nodes.document | None
) -> dict[str, dict[str, str]]:
    """``{entry id: {index, dates, description, href}}`` for the names on the page."""
    loaded = load_register(app.env)
    if doctree is None or loaded is None:
        return {}
    entries = loaded[0].entries
    result: dict[str, dict[str, str]] = {}
    for node in doctree.findall(name):
        entry = entries.get(node.get("entry", ""))
        if entry is None or entry.id in result:
            continue
        data = {"index": entry.index, "dates": entry.dates, "description": entry.description}
        href = entry_uri(app.builder, pagename, entry.id)
        if href is not None:
            data["href"] = href
        result[entry.id] = data
    return result


def add_page_names(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if app.builder.name.startswith("epub"):
        return
    names = page_names(app, pagename, doctree)
    if names:
        body = json.dumps(names, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
        app.add_js_file(None, body=f"window.editionNames = {body};")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_page_names)
