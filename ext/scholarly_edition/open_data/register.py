"""The register as JSON-LD: schema.org ``Person``, ``Place`` and ``Organization``.

Each entry is identified by its entry in the Index of Names, with its index
form as ``name``, the witness's forms as ``alternateName``, its description,
``sameAs`` its Wikidata item where the register is certain of it, and every
mention (the passage's address) as a page fragment that ``mentions`` it. The
context is given inline, so a reader needs no network to parse the file;
``@base`` makes the addresses relative to the site's root.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from sphinx.application import Sphinx

from ..names.domain import NamesDomain, load_register
from ..names.index import entry_id

TYPES = {"person": "Person", "place": "Place", "organisation": "Organization"}
WIKIDATA = "http://www.wikidata.org/entity/"


def _context(app: Sphinx) -> dict[str, Any]:
    return {
        "@vocab": "https://schema.org/",
        "@base": urljoin(app.config.html_baseurl, ".") if app.config.html_baseurl else "../",
        "sameAs": {"@type": "@id"},
        "mentions": {"@type": "@id"},
    }


def register(app: Sphinx) -> dict[str, Any]:
    loaded = load_register(app.env)
    domain = app.env.domains["names"]
    assert isinstance(domain, NamesDomain)
    mentions = domain.by_entry()
    pages = sorted(domain.index_pages)
    index = app.builder.get_target_uri(pages[0]) if pages else ""
    graph = []
    for key, entry in sorted((loaded[0].entries if loaded else {}).items()):
        node: dict[str, Any] = {
            "@id": f"{index}#{entry_id(key)}",
            "@type": TYPES[entry.category],
            "name": entry.index,
            "alternateName": list(entry.forms),
            "description": entry.description,
        }
        if entry.dates:
            node["disambiguatingDescription"] = entry.dates
        if entry.wikidata:
            node["sameAs"] = f"{WIKIDATA}{entry.wikidata}"
        found = mentions.get(key, [])
        if found:
            node["@reverse"] = {
                "mentions": [
                    {"@id": f"{app.builder.get_target_uri(o.docname)}#{o.anchor}"} for o in found
                ]
            }
        graph.append(node)
    return {"@context": _context(app), "@graph": graph}
