"""The works of ``refs/works.bib``: one key per work, found again by what identifies it.

A work cited by the article is the entry already in the file with its ISBN,
DOI or URL, or its first author's surname, title and year; otherwise a new
entry keyed author + year (+ a letter when that key is taken), so that keys
are readable and a second run finds the same ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
from bibtexparser.model import Entry, Field

from scholarly_edition.notes.bib_lint import REQUIRED

from .coins import Name, Work

# Field names the edition formats, in the order they are written.
ORDER = (
    "author", "title", "journal", "booktitle", "howpublished", "edition", "series",
    "volume", "number", "publisher", "address", "year", "date", "isbn", "issn", "doi",
    "url", "review",
)  # fmt: skip
RAW = {"url", "doi"}
_TEX_SPECIAL = re.compile(r"([&%#$_])")
_STOPWORDS = {"a", "an", "the", "of", "on", "in", "and", "le", "la", "les", "der", "die", "das"}


@dataclass
class Library:
    """The works known so far: the file's entries and those added in this run."""

    keys: set[str] = field(default_factory=set)
    ids: dict[str, str] = field(default_factory=dict)
    added: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Library:
        library = cls()
        text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        for entry in bibtexparser.parse_string(text).entries:
            library.keys.add(entry.key)
            fields = {name.lower(): str(f.value) for name, f in entry.fields_dict.items()}
            for identity in _identities(fields, _surname(fields.get("author", ""))):
                library.ids.setdefault(identity, entry.key)
        return library

    def key_for(self, work: Work) -> tuple[str, bool]:
        """The key of ``work``, and whether it is a work new to the file."""
        fields = _clean(work)
        authors = [_name(n) for n in work.authors]
        surname = _surname(" and ".join(authors))
        identities = _identities(fields, surname)
        for identity in identities:
            if identity in self.ids:
                return self.ids[identity], False
        key = self._new_key(surname or _title_word(fields.get("title", "")), fields)
        self.keys.add(key)
        for identity in identities:
            self.ids.setdefault(identity, key)
        self.added[key] = _entry(key, work, fields, authors)
        return key, True

    def _new_key(self, stem: str, fields: dict[str, str]) -> str:
        base = (_ascii(stem) or "work") + fields.get("year", "nd")
        if base not in self.keys:
            return base
        for letter in "abcdefghijklmnopqrstuvwxyz":
            if base + letter not in self.keys:
                return base + letter
        number = 2
        while f"{base}-{number}" in self.keys:
            number += 1
        return f"{base}-{number}"


def _entry(key: str, work: Work, fields: dict[str, str], authors: list[str]) -> Entry:
    values = dict(fields)
    if authors:
        values["author"] = " and ".join(authors)
    entry_type = work.entry_type
    if not all(group & set(values) for group in REQUIRED[entry_type]):
        # The page does not give what a book or an article entry needs: the
        # work is kept, with the fields it has, as @misc.
        for name in ("journal", "booktitle"):
            if name in values:
                values.setdefault("howpublished", values.pop(name))
        entry_type = "misc"
    if work.from_text:
        values["review"] = "read from the citation's text, not its metadata: check every field"
    ordered = [Field(name, values[name]) for name in ORDER if name in values]
    return Entry(entry_type, key, ordered)


def _clean(work: Work) -> dict[str, str]:
    """The work's fields as safe BibTeX values: no braces or backslashes from the page."""
    return {name: _value(name, value) for name, value in work.fields.items() if value.strip()}


def _value(name: str, value: str) -> str:
    value = " ".join(value.split())
    if name in RAW:
        return value.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")
    value = value.replace("\\", "").replace("{", "").replace("}", "")
    return _TEX_SPECIAL.sub(r"\\\1", value).replace("~", r"\textasciitilde{}")


def _name(name: Name) -> str:
    text = _value("author", name.text)
    # BibTeX splits a name list at " and ": a name containing it is kept whole.
    whole = name.corporate or re.search(r"\sand\s", text, re.IGNORECASE)
    return "{" + text + "}" if whole else text


def _identities(fields: dict[str, str], surname: str) -> list[str]:
    result = []
    if fields.get("isbn"):
        result.append("isbn:" + _isbn13(fields["isbn"]))
    if fields.get("doi"):
        result.append("doi:" + fields["doi"].lower())
    if fields.get("url"):
        result.append("url:" + fields["url"].rstrip("/"))
    title = " ".join(re.findall(r"\w+", fields.get("title", "").lower()))
    if title:
        result.append(f"work:{surname}|{title}|{fields.get('year', '')}")
    return result


def _isbn13(isbn: str) -> str:
    digits = re.sub(r"[^0-9X]", "", isbn.upper())
    if len(digits) != 10:
        return digits
    core = "978" + digits[:9]
    check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(core)) % 10) % 10
    return core + str(check)


def _first(authors: str) -> str:
    """The first name of a BibTeX name list: up to " and " outside braces."""
    depth = 0
    for index, char in enumerate(authors):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and authors[index : index + 5].lower() == " and ":
            return authors[:index]
    return authors


def _surname(authors: str) -> str:
    """The first author's surname, folded to ASCII lower case."""
    first = _first(authors).strip().strip("{}")
    if not first:
        return ""
    surname = first.split(",")[0] if "," in first else first.split()[-1]
    return _ascii(surname)


def _title_word(title: str) -> str:
    for word in re.findall(r"\w+", title.lower()):
        if word not in _STOPWORDS and word.isalpha() and _ascii(word):
            return word
    return ""


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z]", "", folded.encode("ascii", "ignore").decode().lower())
