"""How to cite the edition, from one source: ``CITATION.cff``.

The About page's ``{edition-citation}`` directive and the web edition's
"Cite" dialog (``cite.js``, which adds the passage and address) are
both formatted here from the Citation File Format file, so the repository's
citation metadata and what a reader copies cannot drift apart.
"""

from __future__ import annotations

import functools
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .._util import source_encoding

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


class _Lines:
    """The line of each field, from PyYAML's nodes: the loaded data keep no positions."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    @staticmethod
    def _key(node: yaml.Node | None, key: str) -> yaml.Node | None:
        if isinstance(node, yaml.SequenceNode):  # the first of a list (references)
            node = node.value[0] if node.value else None
        if not isinstance(node, yaml.MappingNode):
            return None
        return next((k for k, _ in node.value if k.value == key), None)

    def of(self, key: str, within: str = "") -> int:
        """The line that gives ``key``, in the value of the field ``within`` when given."""
        node = self.root
        if within:
            found = self._key(node, within)
            node = (
                next((v for k, v in node.value if k is found), None)
                if isinstance(node, yaml.MappingNode)
                else None
            )
        found = self._key(node, key)
        return found.start_mark.line + 1 if found is not None else 1


def _field(lines: _Lines, data: object, key: str, kind: type, within: str = "") -> Any:
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
        raise CitationError(lines.of(key, within), f"cannot be read: {where}{key} must be {what}")
    return value


class _UniqueKeys(yaml.SafeLoader):
    """YAML that refuses a field given twice (PyYAML keeps the last without a word)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
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
    except OSError as exc:
        raise CitationError(1, f"cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        line, message = source_encoding.undecodable(exc.object, "utf-8") or (1, str(exc))
        raise CitationError(line, message) from None
    return _citation(text, witness)


def _compose(text: str) -> tuple[Any, _Lines]:
    """The file's data and its lines, from one parse (``yaml.load`` and ``yaml.compose``
    each parse the text)."""
    loader = _UniqueKeys(text)  # a SafeLoader: no Python objects
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, _Lines(node)


# The configuration, the builder and the pages each ask for the citation: the
# same text is parsed once per process.
@functools.lru_cache(maxsize=8)
def _citation(text: str, witness: str) -> EditionCitation:
    try:
        data, lines = _compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark is not None else 1
        raise CitationError(line, f"cannot be read: not YAML: {problem}") from None
    if not isinstance(data, dict):
        raise CitationError(1, "cannot be read: the file has no fields (cff-version, title, …)")
    editors = _people(lines, _field(lines, data, "authors", list))
    version = data.get("version")
    if version is None or isinstance(version, dict | list):
        raise CitationError(lines.of("version"), "cannot be read: the field version is missing")
    return EditionCitation(
        _names(editors),
        _field(lines, data, "title", str),
        str(version),
        _source(lines, data, witness),
        str(data.get("date-released", "")),
        _address(lines, data, "url"),
        _address(lines, data, "repository-code"),
    )


def _address(lines: _Lines, data: dict[str, Any], key: str) -> str:
    """An address the file gives (``url``, ``repository-code``), or "" when it gives none."""
    if key not in data:
        return ""
    value = data[key]
    if not isinstance(value, str) or not re.match(r"https?://\S+$", value):
        raise CitationError(lines.of(key), f"cannot be read: {key} must be an http(s) address")
    return value


def _people(lines: _Lines, people: list[Any]) -> list[dict[str, Any]]:
    """Authors as CFF gives them, each with a ``name`` or ``family-names``."""
    for person in people:
        if not isinstance(person, dict) or not (person.get("name") or person.get("family-names")):
            raise CitationError(lines.of("authors"), "cannot be read: each author needs a name")
    return people


def _source(lines: _Lines, data: dict[str, Any], witness: str) -> str:
    """What the edition edits: the work of its first reference, edited from ``witness``.

    A reference with a collection ("Wikipedia, The Free Encyclopedia") is an
    article of it, as this edition's is; a file without references is an
    edition of a witness whose work is not yet named.
    """
    edited = f", edited from {witness}" if witness else ""
    if not data.get("references"):
        return f"Edited from {witness or 'a plain-text witness'}"
    ref = "references"
    work = _field(lines, data, "references", list)[0]
    authors = _people(lines, _field(lines, work, "authors", list, ref))
    title = _field(lines, work, "title", str, ref)
    languages = work.get("languages") or [""]
    language = LANGUAGES.get(str(languages[0]) if isinstance(languages, list) else "", "")
    licence = ""
    if "license" in work:
        licence = f" ({licence_label(_field(lines, work, 'license', str, ref))})"
    if "collection-title" not in work:
        return f'Text of "{title}" by {_names(authors)}{licence}{edited}'
    collection = _field(lines, work, "collection-title", str, ref).partition(",")[0]
    return (
        f'Text of the {language} {collection} article "{title}" by {_names(authors)}{licence}'
        f"{edited}"
    ).replace("  ", " ")


def field_line(path: Path, key: str) -> int:
    """The line of ``CITATION.cff`` that gives the top-level field ``key`` (1 if none)."""
    return _Lines(yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)).of(key)
