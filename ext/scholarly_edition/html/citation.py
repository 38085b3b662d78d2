"""How to cite the edition, from one source: ``CITATION.cff``.

The About page's ``{edition-citation}`` directive and the web edition's
"Cite" dialog (``cite.js``, which adds the passage and address) are
both formatted here from the Citation File Format file, so the repository's
citation metadata and what a reader copies cannot drift apart.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from .._util import source_encoding
from .._util.config_registry import ConfigRegistry
from .._util.i18n import _
from .._util.warning import EditionWarning, warn

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
    released: str = ""  # date-released, when the file gives it
    url: str = ""  # the edition's public address (url), when known
    repository: str = ""  # its source repository (repository-code), when known

    @property
    def key(self) -> str:
        """BibTeX key: the title's subject, as in ``joseph-stalin-edition``."""
        subject = self.title.partition(":")[0]
        return "-".join(re.findall(r"\w+", subject.lower())) + "-edition"

    @property
    def year(self) -> str:
        return self.released[:4]

    def parts(self) -> tuple[str, str, str]:
        """The citation before the (italic) title, the title, and after it."""
        dated = f", {self.year}" if self.year else ""
        return (
            f"{self.editors}, eds. ",
            self.title,
            f". Version {self.version}{dated}. {self.source}.",
        )

    def text(self) -> str:
        return "".join(self.parts())

    def fields(self) -> list[tuple[str, str]]:
        """The edition's biblatex fields, values escaped, in the entry's order."""
        result = [
            ("editor", f"{{{bibtex_escape(self.editors)}}}"),
            ("title", f"{{{bibtex_escape(self.title)}}}"),
            ("version", bibtex_escape(self.version)),
        ]
        if self.released:
            result.append(("date", self.released))
        if self.url:
            result.append(("url", self.url))
        result.append(("note", _bibtex_quotes(bibtex_escape(self.source))))
        return result

    def bibtex(self) -> str:
        """A biblatex ``@online`` entry, its lines wrapped to fit a page and a phone."""
        lines = [
            textwrap.fill(
                f"  {name} = {{{value}}},",
                width=72,
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
            for name, value in self.fields()
        ]
        return f"@online{{{self.key},\n" + "\n".join(lines) + "\n}"


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def bibtex_escape(text: str) -> str:
    """Text as a BibTeX value: TeX's special characters taken literally."""
    return _BIBTEX_SPECIAL.sub(r"\\\1", text).replace("~", r"\textasciitilde{}")


def _bibtex_quotes(text: str) -> str:
    return re.sub(r'"([^"]*)"', r"``\1''", text)


class CitationError(ValueError):
    """``CITATION.cff`` cannot give the citation; ``line`` is where to look."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _line_of(text: str, key: str, within: str = "") -> int:
    """The first line that gives ``key``, after the line of ``within`` when given
    (YAML keeps no positions once loaded)."""
    rows = text.split("\n")
    start = _line_of(text, within) if within else 0
    pattern = re.compile(rf"^[\s-]*{re.escape(key)}\s*:")
    return next((n for n, row in enumerate(rows, 1) if n > start and pattern.match(row)), 1)


def _field(text: str, data: object, key: str, kind: type, within: str = "") -> Any:
    """``data[key]``, of type ``kind``, or a CitationError naming the field.

    ``within`` names the field ``data`` is the value of ("references").
    """
    where = f"{within}: " if within else ""
    if not isinstance(data, dict) or key not in data:
        # A missing field has no line of its own.
        raise CitationError(1, f"cannot be read: the field {where}{key} is missing")
    value = data[key]
    if not isinstance(value, kind) or not value:
        kinds: dict[type, str] = {list: "a list", dict: "fields"}
        what = kinds.get(kind, "text")
        line = _line_of(text, key, within)
        raise CitationError(line, f"cannot be read: {where}{key} must be {what}")
    return value


class _UniqueKeys(yaml.SafeLoader):
    """YAML that refuses a field given twice (PyYAML keeps the last without a word)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise CitationError(line, f"cannot be read: the field {key} is given twice")
            seen.add(key)
        return super().construct_mapping(node, deep)


def load(path: Path, witness: str = "") -> EditionCitation:
    """Read ``CITATION.cff``; raises :class:`CitationError` with the line at fault.

    ``witness`` says what the edition was edited from (``edition_witness``,
    such as "a transcript of a web page"); the file does not say it.
    """
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_UniqueKeys)  # a SafeLoader: no Python objects
    except OSError as exc:
        raise CitationError(1, f"cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        line, message = source_encoding.undecodable(exc.object, "utf-8") or (1, str(exc))
        raise CitationError(line, message) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark is not None else 1
        raise CitationError(line, f"cannot be read: not YAML: {problem}") from None
    if not isinstance(data, dict):
        raise CitationError(1, "cannot be read: the file has no fields (cff-version, title, …)")
    editors = _people(text, _field(text, data, "authors", list))
    version = data.get("version")
    if version is None or isinstance(version, dict | list):
        raise CitationError(
            _line_of(text, "version"), "cannot be read: the field version is missing"
        )
    return EditionCitation(
        _names(editors),
        _field(text, data, "title", str),
        str(version),
        _source(text, data, witness),
        str(data.get("date-released", "")),
        _address(text, data, "url"),
        _address(text, data, "repository-code"),
    )


def _address(text: str, data: dict[str, Any], key: str) -> str:
    """An address the file gives (``url``, ``repository-code``), or "" when it gives none."""
    if key not in data:
        return ""
    value = data[key]
    if not isinstance(value, str) or not re.match(r"https?://\S+$", value):
        raise CitationError(
            _line_of(text, key), f"cannot be read: {key} must be an http(s) address"
        )
    return value


def _people(text: str, people: list[Any]) -> list[dict[str, Any]]:
    """Authors as CFF gives them, each with a ``name`` or ``family-names``."""
    for person in people:
        if not isinstance(person, dict) or not (person.get("name") or person.get("family-names")):
            raise CitationError(
                _line_of(text, "authors"), "cannot be read: each author needs a name"
            )
    return people


def _source(text: str, data: dict[str, Any], witness: str) -> str:
    """What the edition edits: the work of its first reference, edited from ``witness``.

    A reference with a collection ("Wikipedia, The Free Encyclopedia") is an
    article of it, as this edition's is; a file without references is an
    edition of a witness whose work is not yet named.
    """
    edited = f", edited from {witness}" if witness else ""
    if not data.get("references"):
        return f"Edited from {witness or 'a plain-text witness'}"
    ref = "references"
    work = _field(text, data, "references", list)[0]
    authors = _people(text, _field(text, work, "authors", list, ref))
    title = _field(text, work, "title", str, ref)
    languages = work.get("languages") or [""]
    language = LANGUAGES.get(str(languages[0]) if isinstance(languages, list) else "", "")
    licence = ""
    if "license" in work:
        licence = f" ({licence_label(_field(text, work, 'license', str, ref))})"
    if "collection-title" not in work:
        return f'Text of "{title}" by {_names(authors)}{licence}{edited}'
    collection = _field(text, work, "collection-title", str, ref).partition(",")[0]
    return (
        f'Text of the {language} {collection} article "{title}" by {_names(authors)}{licence}'
        f"{edited}"
    ).replace("  ", " ")


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
            f"{path}:{_line_of(path.read_text(encoding='utf-8'), 'version')}",
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
            citation = dated(load(path, self.config.edition_witness))
        except CitationError:
            return []  # reported once per build at the file's line (add_reader_data)
        before, title, after = citation.parts()
        text = nodes.paragraph("", "", nodes.Text(before), nodes.emphasis(title, title))
        text += nodes.Text(after)
        quote = nodes.block_quote("", text, classes=["edition-citation"])
        label = nodes.paragraph(text=_("In BibTeX (biblatex):"))
        bibtex = nodes.literal_block(citation.bibtex(), citation.bibtex(), language="bibtex")
        return [quote, label, bibtex]


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
