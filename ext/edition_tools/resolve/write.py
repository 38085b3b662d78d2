"""The change ``resolve`` writes, as small a diff as it can be.

``refs/notes.toml``: only the lines of notes still ``"unresolved"`` (or
``"explanatory"`` without their text) are rewritten, each in place; a note a
contributor resolved by hand is never touched. ``refs/works.bib``: new entries
are inserted at their place in key order; existing entries stay byte for byte.
``refs/article.toml``: the article's provenance.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import bibtexparser
from bibtexparser import BibtexFormat
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from scholarly_edition.notes.data import EXPLANATORY, UNRESOLVED, Cite

OPEN = (UNRESOLVED, EXPLANATORY)
_LINE = re.compile(r'^(?P<key>\s*(?:"[^"]*"|[A-Za-z0-9_-]+)\s*=\s*)"(?P<value>[a-z]+)"\s*$')


@dataclass(frozen=True)
class Resolution:
    """What a note becomes: its citations, and its text when it is explanatory."""

    cites: tuple[Cite, ...]
    text: str = ""


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, except for DEL, which TOML refuses."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_value(resolution: Resolution) -> str:
    cites = ", ".join(
        "{ key = "
        + toml_string(c.key)
        + (f", locator = {toml_string(c.locator)}" if c.locator else "")
        + (f", quote = {toml_string(c.quote)}" if c.quote else "")
        + " }"
        for c in resolution.cites
    )
    if not resolution.text:
        return f"[{cites}]"
    text = f"{{ text = {toml_string(resolution.text)}"
    return text + (f", cites = [{cites}] }}" if cites else " }")


def open_notes(text: str) -> dict[str, str]:
    """The notes whose line is still open, with their status."""
    result = {}
    for line in text.split("\n"):
        found = _LINE.match(line)
        if found and found["value"] in OPEN:
            result[_label(found["key"])] = found["value"]
    return result


def notes(text: str, resolutions: dict[str, Resolution]) -> str:
    """The note map with each open note of ``resolutions`` rewritten on its own line."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        found = _LINE.match(line)
        if not found or found["value"] not in OPEN:
            continue
        resolution = resolutions.get(_label(found["key"]))
        if resolution is not None:
            lines[index] = found["key"] + toml_value(resolution)
    return "\n".join(lines)


def _label(key: str) -> str:
    return key.split("=", 1)[0].strip().strip('"')


def works(text: str, added: dict[str, Entry]) -> str:
    """``works.bib`` with the added entries inserted in key order, the rest unchanged."""
    if not added:
        return text
    library = bibtexparser.parse_string(text)
    lines = text.split("\n")
    starts = sorted((entry.start_line, entry.key) for entry in library.entries)
    inserts: dict[int, list[str]] = {}
    for key in sorted(added):
        at = next((line for line, other in starts if other > key), None)
        inserts.setdefault(len(lines) if at is None else at, []).append(_block(added[key]))
    result: list[str] = []
    for number, line in enumerate(lines):
        for block in inserts.get(number, []):
            result += [*block.split("\n"), ""]
        result.append(line)
    tail = inserts.get(len(lines), [])
    if tail:
        while result and not result[-1].strip():
            result.pop()
        for block in tail:
            result += ["", *block.split("\n")]
        result.append("")
    return "\n".join(result)


def _block(entry: Entry) -> str:
    style = BibtexFormat()
    style.indent = "  "
    style.value_column = "auto"
    style.trailing_comma = True
    style.block_separator = "\n"
    return bibtexparser.write_string(Library([entry]), bibtex_format=style).strip()


def article_entry(text: str, key: str, note: str, url: str) -> str:
    """``works.bib`` with the article's own entry saying which revision the notes come from.

    The one entry ``resolve`` changes: the article's (``bibtex_key`` in
    ``refs/article.toml``), whose ``note`` and ``url`` name the revision.
    """
    library = bibtexparser.parse_string(text)
    entry = library.entries_dict.get(key)
    if entry is None:
        return text
    fields = {name: f.value for name, f in entry.fields_dict.items()}
    fields["note"] = note
    if url:
        fields["url"] = url
    updated = Entry(entry.entry_type, key, [Field(name, value) for name, value in fields.items()])
    # bibtexparser types a block's text as optional, for blocks made by hand; a parsed
    # entry always has it.
    return text.replace(cast(str, entry.raw), _block(updated), 1)


def article(previous: dict[str, object], found: Mapping[str, object]) -> str:
    """``refs/article.toml``: what the page gives, over what the edition knew before."""
    values = {**previous, **{k: v for k, v in found.items() if v}}
    lines = [
        "# The article the witness reproduces: its title, and the revision whose",
        "# reference list resolved the notes (`make resolve`). A field the page did",
        "# not give is left out.",
        "",
    ]
    for name in ("title", "url", "revision", "date", "bibtex_key"):
        value = values.get(name)
        if isinstance(value, int):
            lines.append(f"{name} = {value}")
        elif isinstance(value, str) and value:
            lines.append(f"{name} = {toml_string(value)}")
    return "\n".join(lines) + "\n"
