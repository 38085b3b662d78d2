"""How to cite the edition, from one source: ``CITATION.cff``.

The About page's ``{edition-citation}`` directive and the web edition's
"Cite" dialog (``reader.js``, which adds the page, paragraph and address) are
both formatted here from the Citation File Format file, so the repository's
citation metadata and what a reader copies cannot drift apart.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from .warnings_ import EditionWarning, warn

LANGUAGES = {"en": "English"}
_CC = re.compile(r"^CC-(?P<kind>[A-Z-]+)-(?P<version>\d\.\d)$")


def licence_label(spdx: str) -> str:
    """``CC-BY-SA-4.0`` as people write it: ``CC BY-SA 4.0``."""
    match = _CC.match(spdx)
    return f"CC {match['kind']} {match['version']}" if match else spdx


def _names(people: list[dict[str, Any]]) -> str:
    """Entities by ``name``, persons as "Given Family"."""
    return " and ".join(
        person.get("name") or f"{person.get('given-names', '')} {person['family-names']}".strip()
        for person in people
    )


@dataclass(frozen=True)
class EditionCitation:
    """The fields a citation of the edition is made of."""

    editors: str
    title: str
    version: str
    source: str

    @property
    def key(self) -> str:
        """BibTeX key: the title's subject, as in ``joseph-stalin-edition``."""
        subject = self.title.partition(":")[0]
        return "-".join(re.findall(r"\w+", subject.lower())) + "-edition"

    def parts(self) -> tuple[str, str, str]:
        """The citation before the (italic) title, the title, and after it."""
        return f"{self.editors}, eds. ", self.title, f". Version {self.version}. {self.source}."

    def text(self) -> str:
        return "".join(self.parts())

    def bibtex(self) -> str:
        """An ``@misc`` entry, its lines wrapped to fit a page and a phone."""
        note = f"  note = {{Version {self.version}. {_bibtex_quotes(self.source)}}},"
        return (
            f"@misc{{{self.key},\n"
            f"  author = {{{{{self.editors}}}}},\n"
            f"  title = {{{{{self.title}}}}},\n"
            + textwrap.fill(note, width=72, subsequent_indent="    ", break_long_words=False)
            + "\n}"
        )


def _bibtex_quotes(text: str) -> str:
    return re.sub(r'"([^"]*)"', r"``\1''", text)


def load(path: Path) -> EditionCitation:
    """Read ``CITATION.cff``; raises ``OSError``, ``yaml.YAMLError`` or ``KeyError``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return EditionCitation(
        _names(data["authors"]), data["title"], str(data["version"]), _source(data)
    )


def _source(data: dict[str, Any]) -> str:
    """What the edition edits: the work of its first reference, or a plain witness.

    A reference with a collection ("Wikipedia, The Free Encyclopedia") is an
    article of it, as this edition's is; a file without references is an
    edition of a witness whose work is not yet named.
    """
    if not data.get("references"):
        return "Edited from a plain-text witness"
    work = data["references"][0]
    language = LANGUAGES.get(work.get("languages", [""])[0], "")
    licence = f" ({licence_label(work['license'])})" if work.get("license") else ""
    if "collection-title" not in work:
        return f'Text of "{work["title"]}" by {_names(work["authors"])}{licence}'
    collection = work["collection-title"].partition(",")[0]
    return (
        f'Text of the {language} {collection} article "{work["title"]}" by '
        f"{_names(work['authors'])}{licence}, "
        "edited from a transcript of a web page"
    ).replace("  ", " ")


def citation_path(config: Config, srcdir: str | Path) -> Path | None:
    name = config.edition_citation_file
    return (Path(srcdir) / name).resolve() if name else None


def read(app: Sphinx) -> EditionCitation | None:
    """The citation, or ``None`` with a located warning if the file is unusable."""
    path = citation_path(app.config, app.srcdir)
    if path is None:
        return None
    try:
        citation = load(path)
    except (OSError, yaml.YAMLError, KeyError, IndexError, TypeError) as exc:
        warn(EditionWarning.citation, f"cannot be read: {exc!r}", f"{path}:1")
        return None
    if citation.version != app.config.release:
        warn(
            EditionWarning.citation,
            f"version {citation.version} differs from the edition's release {app.config.release}",
            f"{path}:1",
        )
    return citation


class EditionCitationDirective(SphinxDirective):
    """``{edition-citation}``: the citation as a quotation, then its BibTeX."""

    def run(self) -> list[nodes.Node]:
        path = citation_path(self.config, self.env.srcdir)
        if path is None:
            raise self.error("edition-citation needs edition_citation_file in conf.py")
        self.env.note_dependency(str(path))
        try:
            citation = load(path)
        except (OSError, yaml.YAMLError, KeyError, IndexError, TypeError) as exc:
            raise self.error(f"{path} cannot be read: {exc!r}") from None
        before, title, after = citation.parts()
        text = nodes.paragraph("", "", nodes.Text(before), nodes.emphasis(title, title))
        text += nodes.Text(after)
        quote = nodes.block_quote("", text, classes=["edition-citation"])
        label = nodes.paragraph(text="In BibTeX:")
        bibtex = nodes.literal_block(citation.bibtex(), citation.bibtex(), language="bibtex")
        return [quote, label, bibtex]


def add_reader_data(app: Sphinx) -> None:
    """Give ``reader.js`` the citation (it adds the page, paragraph and address)."""
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    citation = read(app)
    if citation is None:
        return
    before, title, after = citation.parts()
    data = {"before": before, "title": title, "after": after, "bibtex": citation.bibtex()}
    app.add_js_file(None, body=f"window.editionCitation = {json.dumps(data)};")


def setup(app: Sphinx) -> None:
    app.add_config_value("edition_citation_file", "", "env", str)
    app.add_directive("edition-citation", EditionCitationDirective)
    app.connect("builder-inited", add_reader_data)
