"""The register as ``listPerson``, ``listPlace`` and ``listOrg``, which names' ``ref`` target.

Each entry keeps its id as in the Index of Names (``names-entry-<id>``), its
index form, every form the witness uses, its description, its dates as the
text gives them and its Wikidata id where the register is certain of it.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from sphinx.environment import BuildEnvironment

from ..names.domain import load_register
from ..names.index import entry_id
from ..names.register import Entry
from .ns import sub

# Category: the list, the entry element and its name element.
LISTS = {
    "person": ("listPerson", "person", "persName"),
    "place": ("listPlace", "place", "placeName"),
    "organisation": ("listOrg", "org", "orgName"),
}


def _entry(listing: ET.Element, entry: Entry) -> None:
    _, element, name = LISTS[entry.category]
    made = sub(listing, element, xml_id=entry_id(entry.id))
    sub(made, name, entry.index, type="index")
    for form in entry.forms:
        sub(made, name, form, type="form")
    if entry.wikidata:
        sub(made, "idno", entry.wikidata, type="wikidata")
    if entry.dates:
        sub(made, "note", entry.dates, type="dates")
    sub(made, "note", entry.description, type="description")


def register_div(back: ET.Element, env: BuildEnvironment) -> None:
    loaded = load_register(env)
    entries = loaded[0].entries if loaded is not None else {}
    if not entries:
        return
    div = sub(back, "div", type="register")
    sub(div, "head", "Register of names", type="editorial")
    for category, (list_name, _, _) in LISTS.items():
        chosen = [entries[key] for key in sorted(entries) if entries[key].category == category]
        if chosen:
            listing = sub(div, list_name)
            for entry in chosen:
                _entry(listing, entry)
