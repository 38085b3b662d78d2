"""Making TEI elements: the namespace, ``xml:id`` values and the editors' responsibility.

ElementTree escapes every text and attribute value it writes, so contributor
text cannot become markup in the TEI file.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML}}}id"
XML_LANG = f"{{{XML}}}lang"
# What the editors add carries resp="#editors": the fidelity check leaves it out.
EDITORS_ID = "editors"
EDITORS = f"#{EDITORS_ID}"
_NOT_NAME = re.compile(r"[^\w.-]")

ET.register_namespace("", TEI)


def tag(name: str) -> str:
    return f"{{{TEI}}}{name}"


def local(element: ET.Element) -> str:
    """The element's name without the namespace."""
    return element.tag.rpartition("}")[2]


def sub(parent: ET.Element, name: str, text: str = "", **attributes: str) -> ET.Element:
    """A child element; ``xml_id`` stands for ``xml:id``, a trailing ``_`` is dropped."""
    element = ET.SubElement(parent, tag(name), _attributes(attributes))
    if text:
        element.text = text
    return element


def element(name: str, text: str = "", **attributes: str) -> ET.Element:
    made = ET.Element(tag(name), _attributes(attributes))
    if text:
        made.text = text
    return made


def _attributes(attributes: dict[str, str]) -> dict[str, str]:
    result = {}
    for key, value in attributes.items():
        if value == "":
            continue
        name = XML_ID if key == "xml_id" else key.rstrip("_")
        result[name] = value
    return result


def xml_id(*parts: str) -> str:
    """An ``xml:id`` from document names and anchors: an NCName, unique in the file.

    HTML anchors are unique per page; the TEI file holds every page, so an
    anchor is qualified by its page ("early-life.1878-1899.p3").
    """
    value = ".".join(_NOT_NAME.sub("-", part.replace("/", ".")) for part in parts if part)
    return value if value[:1].isalpha() or value[:1] == "_" else f"_{value}"


def append_text(parent: ET.Element, text: str) -> None:
    """Text at the end of ``parent``: after its last child, or as its own text."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
