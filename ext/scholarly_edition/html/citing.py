"""The edition's citation in the pages: the About page's ``{edition-citation}``, the
"Cite" dialog's data, and a located warning when ``CITATION.cff`` cannot give it.

:mod:`.citation` reads the file and formats the citation; this module puts it
where readers copy it from, once per build.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import replace
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from .._util.config_registry import ConfigRegistry
from .._util.i18n import _
from .._util.warning import EditionWarning, warn
from . import citation_formats
from .citation import CitationError, EditionCitation, field_line, load


def citation_path(config: Config, srcdir: str | Path) -> Path | None:
    name = config.edition_citation_file
    return (Path(srcdir) / name).resolve() if name else None


def configured(config: Config, srcdir: str | Path) -> EditionCitation | None:
    """The edition's citation, or ``None`` without a file or with an unusable one
    (which :func:`read` reports once, at its line)."""
    path = citation_path(config, srcdir)
    try:
        return load(path, config.edition_witness) if path else None
    except CitationError:
        return None


def read(app: Sphinx) -> EditionCitation | None:
    """The citation, or ``None`` with a located warning if the file is unusable."""
    path = citation_path(app.config, app.srcdir)
    if path is None:
        return None
    try:
        citation = load(path, app.config.edition_witness)
    except CitationError as exc:
        warn(EditionWarning.citation, str(exc), f"{path}:{exc.line}")
        return None
    if citation.version != app.config.release:
        warn(
            EditionWarning.citation,
            f"version {citation.version} differs from the edition's release {app.config.release}",
            f"{path}:{field_line(path, 'version')}",
        )
    return citation


class EditionCitationDirective(SphinxDirective):
    """``{edition-citation}``: the citation as a quotation, then its BibTeX,
    CSL-JSON and RIS."""

    def run(self) -> list[nodes.Node]:
        path = citation_path(self.config, self.env.srcdir)
        if path is None:
            raise self.error("edition-citation needs edition_citation_file in conf.py")
        self.env.note_dependency(str(path))
        try:
            citation = dated(load(path, self.config.edition_witness))
        except CitationError:
            return []  # reported once per build at the file's line (add_reader_data)
        before, title, after = citation.parts()
        text = nodes.paragraph("", "", nodes.Text(before), nodes.emphasis(title, title))
        text += nodes.Text(after)
        quote = nodes.block_quote("", text, classes=["edition-citation"])
        label = nodes.paragraph(text=_("In BibTeX (biblatex):"))
        bibtex = nodes.literal_block(citation.bibtex(), citation.bibtex(), language="bibtex")
        others = citation_formats.blocks(citation, self.config.language or "")
        return [quote, label, bibtex, *others]


def dated(citation: EditionCitation) -> EditionCitation:
    """The citation with its date: the release date the file gives, or else the
    build's (``SOURCE_DATE_EPOCH`` when set), as the pages' metadata has it."""
    if citation.released:
        return citation
    built = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or None)
    return replace(citation, released=time.strftime("%Y-%m-%d", built))


def add_reader_data(app: Sphinx) -> None:
    """Report an unusable citation file once per build, whatever the builder, and
    give ``cite.js`` the citation (it adds the passage, address and formats)."""
    citation = read(app)
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    if citation is None:
        return
    citation = dated(citation)
    before, title, after = citation.parts()
    data = {
        "before": before,
        "title": title,
        "after": after,
        "key": citation.key,
        "editors": citation.editors,
        "version": citation.version,
        "date": citation.released,
        "source": citation.source,
        "language": app.config.language or "",
        "fields": citation.fields(),
    }
    # A script's body ends at the first "</": the file's text never closes it.
    body = json.dumps(data).replace("</", "<\\/")
    app.add_js_file(None, body=f"window.editionCitation = {body};")


def config_values(app: ConfigRegistry) -> None:
    app.add_config_value("edition_citation_file", "", "env", str)
    # What the edition was edited from, as its citation says ("a transcript of a web page").
    app.add_config_value("edition_witness", "", "env", str)


def setup(app: Sphinx) -> None:
    config_values(app)
    app.add_directive("edition-citation", EditionCitationDirective)
    app.connect("builder-inited", add_reader_data)
