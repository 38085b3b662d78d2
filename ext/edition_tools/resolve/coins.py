"""A citation's COinS (``span.Z3988``): the OpenURL key/value string the templates embed.

Parsed with :func:`urllib.parse.parse_qsl`; each key is mapped to the BibTeX
field it means. A key the page does not give is left out: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import parse_qsl, urlsplit

_YEAR = re.compile(r"\b(\d{4})\b")
_ISBN = re.compile(r"[^0-9Xx]")


class Name(NamedTuple):
    """An author as BibTeX writes one ("Last, First"); a corporate name is kept whole."""

    text: str
    corporate: bool = False


@dataclass
class Work:
    """A work as BibTeX fields, with the pages the citation gives (its locator)."""

    entry_type: str
    fields: dict[str, str] = field(default_factory=dict)
    authors: list[Name] = field(default_factory=list)
    pages: str = ""
    # Built from the citation's text, not its metadata: to be reviewed.
    from_text: bool = False


def parse(title: str) -> Work:
    """The work a COinS ``title`` attribute describes."""
    pairs = parse_qsl(title, keep_blank_values=False)
    values: dict[str, list[str]] = {}
    for key, value in pairs:
        value = " ".join(value.split())
        if value:
            values.setdefault(key, []).append(value)

    def one(key: str) -> str:
        return values.get(key, [""])[0]

    kind = one("rft_val_fmt").rsplit(":", 1)[-1]
    genre = one("rft.genre")
    work = Work(_entry_type(kind, genre))
    work.authors = _authors(values)
    fields = work.fields
    if work.entry_type == "article":
        _put(fields, "title", one("rft.atitle") or one("rft.title"))
        _put(fields, "journal", one("rft.jtitle") or one("rft.stitle"))
    elif work.entry_type == "incollection":
        _put(fields, "title", one("rft.atitle"))
        _put(fields, "booktitle", one("rft.btitle"))
    elif work.entry_type == "book":
        _put(fields, "title", one("rft.btitle") or one("rft.title"))
    else:
        _put(fields, "title", one("rft.atitle") or one("rft.btitle") or one("rft.title"))
        _put(fields, "howpublished", one("rft.jtitle"))
    _put(fields, "publisher", one("rft.pub"))
    _put(fields, "address", one("rft.place"))
    _put(fields, "edition", one("rft.edition"))
    _put(fields, "series", one("rft.series"))
    _put(fields, "volume", one("rft.volume"))
    _put(fields, "number", one("rft.issue"))
    date = one("rft.date")
    year = _YEAR.search(date)
    if year:
        fields["year"] = year.group(1)
        if date != year.group(1):
            fields["date"] = date
    isbn = _ISBN.sub("", one("rft.isbn"))
    if isbn:
        fields["isbn"] = isbn.upper()
    _put(fields, "issn", one("rft.issn"))
    for identifier in values.get("rft_id", []):
        if identifier.startswith("info:doi/"):
            fields.setdefault("doi", identifier.removeprefix("info:doi/"))
        elif urlsplit(identifier).scheme in ("http", "https"):
            fields.setdefault("url", identifier)
    pages = one("rft.pages")
    if not pages and one("rft.spage"):
        pages = one("rft.spage") + ("–" + one("rft.epage") if one("rft.epage") else "")
    work.pages = pages
    return work


def _entry_type(kind: str, genre: str) -> str:
    if kind == "journal" and genre in ("article", "journal", "issue", ""):
        return "article"
    if kind == "book" and genre == "bookitem":
        return "incollection"
    if kind == "book" and genre in ("book", ""):
        return "book"
    return "misc"


def _authors(values: dict[str, list[str]]) -> list[Name]:
    """Authors as BibTeX names: "Last, First", or the name as written."""
    authors: list[Name] = []
    last, first = values.get("rft.aulast", [""])[0], values.get("rft.aufirst", [""])[0]
    if last:
        authors.append(Name(f"{last}, {first}" if first else last))
    for name in values.get("rft.au", []):
        if not any(_same_person(name, known.text) for known in authors):
            authors.append(Name(name))
    authors += [Name(corporate, True) for corporate in values.get("rft.aucorp", [])]
    return authors


def _same_person(name: str, bibtex_name: str) -> bool:
    if "," in bibtex_name:
        last, first = (part.strip() for part in bibtex_name.split(",", 1))
        return name in (f"{first} {last}", last, bibtex_name)
    return name == bibtex_name


def _put(fields: dict[str, str], name: str, value: str) -> None:
    if value:
        fields[name] = value
