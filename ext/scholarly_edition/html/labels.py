"""The labels the reader's scripts show, in the edition's language.

``cite.js`` and ``reader.js`` build the "Cite" dialog and the names' previews
in the browser; their words come from ``window.editionLabels``, written once
into every page from the message catalogue, so the scripts hold no text.
"""

from __future__ import annotations

import json

from sphinx.application import Sphinx

from .._util.i18n import _


def labels() -> dict[str, str]:
    """Every label of the scripts; ``{number}``, ``{format}`` and ``{title}`` are filled there."""
    return {
        "cite": _("Cite"),
        "citeTitle": _("Cite this page or paragraph"),
        "citePage": _("Cite this page"),
        "citeParagraph": _("Cite paragraph {number}"),
        "copyCitation": _("Copy citation"),
        "copyFormat": _("Copy {format}"),
        "copied": _("Copied"),
        "copyFailed": _("Select and copy the text"),
        "close": _("Close"),
        "namesIndex": _("Index of Names"),
        "sectionsOf": _("Sections of {title}"),
        "thisPart": _("this part"),
    }


def add_labels(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    body = json.dumps(labels(), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    app.add_js_file(None, body=f"window.editionLabels = {body};")


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", add_labels)
