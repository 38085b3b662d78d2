"""The edition in TEI Simple Print, the customisation TEI Publisher renders.

TEI Simple has ``name`` but no ``persName``, ``placeName`` or ``orgName``,
and no list of places or organisations: a name keeps its category as
``type`` and its ``ref``, and the register is three ``list``s whose items
have the ids the names point to. Highlighting uses TEI Simple's rendition
values (``simple:italic``). Everything else is the TEI P5 file's.
"""

from __future__ import annotations

import copy
from xml.etree import ElementTree as ET

from .names import LISTS
from .ns import local, tag

# TEI Simple's closed list of name types.
SIMPLE_TYPES = {"person": "person", "place": "place", "organisation": "org"}
NAME_TYPES = {name: SIMPLE_TYPES[category] for category, (_, _, name) in LISTS.items()}
ENTRY_LISTS = {list_name: category for category, (list_name, _, _) in LISTS.items()}
ENTRIES = {entry for _, entry, _ in LISTS.values()}


def simplified(root: ET.Element) -> ET.Element:
    result = copy.deepcopy(root)
    for element in result.iter():
        name = local(element)
        if name in NAME_TYPES:
            # The register's "index" and "form" names keep that as subtype.
            if element.get("type") is not None:
                element.set("subtype", element.get("type", ""))
            element.tag = tag("name")
            element.set("type", NAME_TYPES[name])
        elif name in ENTRY_LISTS:
            element.tag = tag("list")
            element.set("type", ENTRY_LISTS[name])
        elif name in ENTRIES:
            element.tag = tag("item")
        elif name == "hi" and element.get("rend") is not None:
            # TEI Simple renders hi through its own rendition values.
            element.set("rendition", f"simple:{element.attrib.pop('rend')}")
    return result
