"""Citation metadata in every page's head, for reference managers and
scholarly search engines: Highwire Press ``citation_*`` tags (Zotero, Google
Scholar), Dublin Core, and a description.

Everything comes from ``CITATION.cff`` (title, authors, licence, abstract,
``date-released`` when given) and ``conf.py`` (language; ``html_baseurl`` for
the public address, and with it Sphinx's own canonical link;
``edition_publisher`` when the edition has one). A tag whose value is not
known is left out, never guessed. The build date, from ``SOURCE_DATE_EPOCH``
when set, is the online date, and the publication date when the file gives
none.
"""

from __future__ import annotations

import html
import os
import re
import time
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx

from .citation import EditionCitation, licence_label
from .citing import citation_path, configured

# The citation and the file's fields, read when the builder starts: the same
# for every page, and read-only while pages are written (also under -j).
_EDITION = "_edition_metadata"


def load(app: Sphinx) -> None:
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    path = citation_path(app.config, app.srcdir)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) if path else {}
    except (OSError, yaml.YAMLError):
        data = {}
    edition = configured(app.config, app.srcdir)
    setattr(app.builder, _EDITION, (edition, data if isinstance(data, dict) else {}))


def _cff(app: Sphinx) -> dict[str, Any]:
    return getattr(app.builder, _EDITION, (None, {}))[1]


def _built() -> time.struct_time:
    return time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or None)


def tags(app: Sphinx, edition: EditionCitation, page_title: str, url: str) -> list[tuple[str, str]]:
    """``(name, content)`` of the page's metadata, in a fixed order."""
    data = _cff(app)
    built = time.strftime("%Y/%m/%d", _built())
    released = str(data.get("date-released", "")).replace("-", "/") or built
    licence = licence_label(str(data.get("license", "")))
    result = [
        ("citation_title", page_title),
        ("citation_author", edition.editors),
        ("citation_publication_date", released),
        ("citation_online_date", built),
    ]
    if app.config.edition_publisher:
        result.append(("citation_publisher", app.config.edition_publisher))
    if url:
        result.append(("citation_public_url", url))
    if app.config.language:
        result.append(("citation_language", app.config.language))
    result += [
        ("DC.title", page_title),
        ("DC.creator", edition.editors),
        ("DC.source", edition.source),
    ]
    if licence:
        result.append(("DC.rights", licence))
    if app.config.language:
        result.append(("DC.language", app.config.language))
    abstract = " ".join(str(data.get("abstract", "")).split())
    if abstract:
        result.append(("description", abstract))
    return result


def add_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    edition = getattr(app.builder, _EDITION, (None, {}))[0]
    if edition is None:
        return
    root = pagename == app.config.root_doc
    title = edition.title if root else html.unescape(_plain(context.get("title", "")))
    url = context.get("pageurl") or ""
    lines = [
        f'<meta name="{name}" content="{html.escape(content, quote=True)}" />'
        for name, content in tags(app, edition, title or edition.title, url)
    ]
    context["metatags"] = context.get("metatags", "") + "\n".join(lines) + "\n"


def _plain(markup: str) -> str:
    """A title's text without its markup (Sphinx gives titles as HTML)."""
    return re.sub(r"<[^>]+>", "", markup)


def setup(app: Sphinx) -> None:
    app.add_config_value("edition_publisher", "", "html", str)
    app.connect("builder-inited", load)
    app.connect("html-page-context", add_metadata)
