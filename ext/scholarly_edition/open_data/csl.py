"""The works cited as CSL-JSON, the citation data Zotero, Pandoc and citeproc read.

From pybtex's parse of the BibTeX files (sphinxcontrib-bibtex's ``cite``
domain), field by field; LaTeX in a field is decoded by pybtex. A name in
braces ("{Wikipedia contributors}") is a literal name, not a family name.
"""

from __future__ import annotations

from typing import Any

from pybtex.database import Entry, Person
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.domain import BibtexDomain

from .._util.bibtex_text import plain

TYPES = {
    "book": "book",
    "online": "webpage",
    "article": "article-journal",
    "incollection": "chapter",
    "inbook": "chapter",
    "misc": "document",
}
FIELDS = {
    "title": "title",
    "publisher": "publisher",
    "organization": "publisher",
    "address": "publisher-place",
    "edition": "edition",
    "journal": "container-title",
    "booktitle": "container-title",
    "volume": "volume",
    "pages": "page",
    "isbn": "ISBN",
    "doi": "DOI",
    "url": "URL",
    "note": "note",
}


def name(person: Person) -> dict[str, str]:
    family = plain(" ".join([*person.prelast_names, *person.last_names]))
    given = plain(" ".join([*person.first_names, *person.middle_names]))
    if not given and str(person).startswith("{"):
        return {"literal": family}
    result = {"family": family, "given": given} if given else {"family": family}
    if person.lineage_names:
        result["suffix"] = plain(" ".join(person.lineage_names))
    return result


def item(key: str, entry: Entry) -> dict[str, Any]:
    result: dict[str, Any] = {"id": key, "type": TYPES.get(entry.type, "document")}
    for role in ("author", "editor"):
        if entry.persons.get(role):
            result[role] = [name(p) for p in entry.persons[role]]
    if "translator" in entry.fields:
        result["translator"] = [name(Person(str(entry.fields["translator"])))]
    for field, csl in FIELDS.items():
        if field in entry.fields and csl not in result:
            result[csl] = plain(str(entry.fields[field]))
    year = str(entry.fields.get("year", ""))
    if year.isdigit():
        result["issued"] = {"date-parts": [[int(year)]]}
    return result


def works(env: BuildEnvironment) -> list[dict[str, Any]]:
    domain = env.domains.get("cite")
    if not isinstance(domain, BibtexDomain):
        return []
    data = domain.bibdata.data
    return [item(key, data.entries[key]) for key in sorted(data.entries)]
