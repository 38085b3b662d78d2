"""The works cited, as a ``listBibl``: one ``bibl`` per BibTeX entry, from pybtex's data.

The entries are the ones sphinxcontrib-bibtex parsed for the build (its
``cite`` domain), so the TEI lists exactly the works the web edition's
bibliography does, with the ids (``work-<key>``) the notes point to.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from pybtex.database import Entry, Person
from pybtex.richtext import Protected, Text
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.domain import BibtexDomain

from .._util.bibtex_text import URL_COMMAND, plain
from .ns import append_text, sub

# BibTeX fields and the TEI element that holds each.
FIELDS = (
    ("title", "title"),
    ("journal", "title"),
    ("booktitle", "title"),
    ("edition", "edition"),
    ("publisher", "publisher"),
    ("organization", "publisher"),
    ("address", "pubPlace"),
    ("year", "date"),
    ("date", "date"),
    ("volume", "biblScope"),
    ("pages", "biblScope"),
    ("isbn", "idno"),
    ("doi", "idno"),
)


# The level of a title, the unit of a scope.
KINDS = {"journal": "j", "booktitle": "m", "volume": "volume", "pages": "page"}


def cite_id(env: BuildEnvironment, key: str) -> str:
    return env.config.bibtex_cite_id.format(key=key)


def _person(person: Person) -> str:
    names = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
    return plain(" ".join([*names, *person.lineage_names]))


def _rich(parent: ET.Element, value: str) -> None:
    """Text with ``\\url{...}`` as a link (pybtex leaves the command before the address)."""
    link = False
    for part in Text.from_latex(value).parts:
        if link and isinstance(part, Protected):
            url = part.render_as("text")
            sub(parent, "ref", url, target=url)
            link = False
            continue
        text = part.render_as("text") if not isinstance(part, str) else part
        link = text.endswith(URL_COMMAND)
        append_text(parent, text.removesuffix(URL_COMMAND))


def bibl(parent: ET.Element, entry: Entry, xml_id: str) -> ET.Element:
    element = sub(parent, "bibl", xml_id=xml_id, type=entry.type)
    for role in ("author", "editor"):
        for person in entry.persons.get(role, []):
            sub(element, role, _person(person))
    if "translator" in entry.fields:
        translator = _person(Person(str(entry.fields["translator"])))
        sub(element, "editor", translator, role="translator")
    for field, name in FIELDS:
        if field not in entry.fields:
            continue
        value = plain(str(entry.fields[field]))
        kind = KINDS.get(field, "")
        if name == "idno":
            sub(element, name, value, type=field.upper())
        elif name == "biblScope":
            sub(element, name, value, unit=kind)
        elif name == "title":
            sub(element, name, value, level=kind or ("a" if entry.type == "article" else "m"))
        else:
            sub(element, name, value)
    if "url" in entry.fields:
        url = str(entry.fields["url"])
        sub(element, "ref", url, target=url)
    if "note" in entry.fields:
        _rich(sub(element, "note"), str(entry.fields["note"]))
    return element


def list_bibl(back: ET.Element, env: BuildEnvironment) -> None:
    div = sub(back, "div", type="bibliography")
    sub(div, "head", "Works cited", type="editorial")
    listing = sub(div, "listBibl")
    domain = env.domains["cite"]
    assert isinstance(domain, BibtexDomain)
    data = domain.bibdata.data
    for key in sorted(data.entries):
        bibl(listing, data.entries[key], cite_id(env, key))
    if not len(listing):
        # A listBibl needs an entry: an edition without works says so.
        div.remove(listing)
        sub(div, "p", "The edition cites no works.", type="editorial")
