"""The ``teiHeader``: who made what, the licences, the witness and how the edition encodes it.

Everything comes from the edition's own sources, never from words written
again here: the title and version from ``conf.py`` and ``CITATION.cff``, the
licence, the purpose and the editorial principles from the About page, the
witness's page header, lines and checksum from the witness itself and its
structure map, the article from ``refs/article.toml``, the contributors from
the annotations. What a source does not give is not stated.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path
from xml.etree import ElementTree as ET

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ..annotations.domain import AnnotationsDomain
from ..html import citation
from ..notes import provenance as article_provenance
from ..text import structure
from .annotations import contributor_id
from .ns import EDITORS_ID, sub

ABOUT = "about"
# How each role of the structure map (refs/structure.toml) is encoded.
ROLE_ENCODING = {
    "header": (
        'fw type="page-header" n="(its label)": a line of the captured page\'s header, not the work'
    ),
    "title": 'ab type="title": the title of the work, as the witness gives it',
    "part": 'div type="part" with its head',
    "section": 'div type="section" with its head (a chapter of the edition)',
    "subsection": 'div type="subsection" with its head',
    "hatnote": 'ab type="hatnote"',
    "caption": "figure: the caption as head; the image is not in the witness (figDesc)",
    "quote": "p in the quote of a cit",
    "attribution": "bibl of the cit, after its quote",
    "residue": 'fw type="page-residue": text of the captured page, not the article',
    "paragraph": "p, with the xml:id of its anchor and its address in the web edition (corresp)",
}


def _section(env: BuildEnvironment, docname: str, section_id: str) -> nodes.section | None:
    if docname not in env.all_docs:
        return None
    for section in env.get_doctree(docname).findall(nodes.section):
        if section_id in section["ids"]:
            return section
    return None


def _paragraphs(section: nodes.section | None) -> list[str]:
    """The section's own paragraphs, as text."""
    if section is None:
        return []
    return [
        " ".join(child.astext().split())
        for child in section.children
        if isinstance(child, nodes.paragraph)
    ]


def _principles(section: nodes.section | None) -> list[str]:
    """Each principle as "term: definition"."""
    if section is None:
        return []
    result = []
    for item in section.findall(nodes.definition_list_item):
        term, definition = item.next_node(nodes.term), item.next_node(nodes.definition)
        if term is not None and definition is not None:
            result.append(f"{term.astext()}: {' '.join(definition.astext().split())}")
    return result


def _title_stmt(header: ET.Element, env: BuildEnvironment) -> None:
    statement = sub(header, "titleStmt")
    sub(statement, "title", env.config.project)
    sub(statement, "editor", env.config.author, xml_id=EDITORS_ID)
    domain = env.domains["annotations"]
    assert isinstance(domain, AnnotationsDomain)
    contributors = sorted({r.annotation.contributor for r in domain.records.values()})
    for contributor in contributors:
        responsibility = sub(statement, "respStmt")
        sub(responsibility, "resp", "Annotations")
        sub(responsibility, "name", contributor, xml_id=contributor_id(contributor))


def _publication(header: ET.Element, env: BuildEnvironment, released: str) -> None:
    statement = sub(header, "publicationStmt")
    sub(statement, "publisher", env.config.author)
    if released:
        sub(statement, "date", released, when=released)
    licence_section = _section(env, ABOUT, "attribution-and-licence")
    availability = sub(statement, "availability")
    targets = [
        ref["refuri"]
        for ref in (licence_section.findall(nodes.reference) if licence_section else [])
        if "creativecommons.org/licenses/" in ref.get("refuri", "")
    ]
    licence = sub(availability, "licence", target=targets[0] if targets else "")
    for text in _paragraphs(licence_section):
        sub(licence, "p", text)
    if not len(licence):
        sub(licence, "p", "The licence is not stated on the About page.")


def _witness_bibl(source: ET.Element, env: BuildEnvironment) -> None:
    srcdir = Path(env.srcdir)
    try:
        edition = structure.load(srcdir / env.config.edition_structure_file)
    except structure.StructureError:
        # Reported at its line by the extension; the witness is not described.
        sub(source, "p", "The structure map of the witness could not be read.")
        return
    bibl = sub(source, "bibl", type="witness")
    # A captured page's header starts with the page's title.
    for number in list(edition.header_labels)[:1]:
        sub(bibl, "title", edition.lines[number - 1])
    digest = hashlib.sha256(edition.witness_path.read_bytes()).hexdigest()
    sub(bibl, "idno", digest, type="sha256")
    for text in _paragraphs(_section(env, ABOUT, "the-witness")):
        sub(bibl, "note", text)
    sub(
        bibl,
        "extent",
        f"{len(edition.lines)} lines ({edition.witness_path.name} in the edition's repository)",
    )
    _article(bibl, srcdir, env)


def _article(bibl: ET.Element, srcdir: Path, env: BuildEnvironment) -> None:
    """The article the witness reproduces, and its revision when it is known."""
    name = env.config.edition_article_file
    if not name:
        return
    try:
        provenance = article_provenance.load(srcdir / name)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return  # reported at its line by the extension's own check
    related = sub(bibl, "relatedItem", type="reproduces")
    article = sub(related, "bibl", type="article")
    if provenance.title:
        sub(article, "title", provenance.title)
    if provenance.url:
        sub(article, "ref", provenance.url, target=provenance.url)
    if provenance.revision is not None:
        sub(article, "idno", str(provenance.revision), type="revision")
        if provenance.date:
            sub(article, "date", provenance.date)
    else:
        sub(article, "note", "The revision of the article is not identified.")


def _encoding(header: ET.Element, env: BuildEnvironment) -> None:
    encoding = sub(header, "encodingDesc")
    purpose = _paragraphs(_section(env, ABOUT, "purpose"))
    if purpose:
        project = sub(encoding, "projectDesc")
        for text in purpose:
            sub(project, "p", text)
    principles = _principles(_section(env, ABOUT, "editorial-principles"))
    declaration = sub(encoding, "editorialDecl")
    for text in principles:
        sub(declaration, "p", text)
    sub(
        declaration,
        "p",
        "The editors' additions are notes, headings of type editorial, the "
        "descriptions of figures whose image the witness lacks (figDesc) and the proposed "
        "readings of corrections (corr, beside the witness's reading in sic); the lacuna is a "
        "gap. Everything else in front and body is the witness's text, in its order.",
    )
    classes = sub(encoding, "classDecl")
    taxonomy = sub(classes, "taxonomy", xml_id="structure-map")
    sub(
        sub(taxonomy, "bibl"),
        "title",
        _structure_map_title(env),
    )
    for role, how in ROLE_ENCODING.items():
        category = sub(taxonomy, "category", xml_id=f"role-{role}")
        sub(category, "catDesc", f"{role}: {how}")


def _structure_map_title(env: BuildEnvironment) -> str:
    """With the structure map's path where ``edition_structure_file`` puts it, as
    the edition's checkout (the folder above the Sphinx sources) names it."""
    title = "The editorial reading of the witness, line by line"
    value = env.config.edition_structure_file
    if not value:
        return title
    srcdir = Path(env.srcdir).resolve()
    shown = os.path.relpath((srcdir / value).resolve(), srcdir.parent)
    return f"{title} ({Path(shown).as_posix()})"


def tei_header(root: ET.Element, env: BuildEnvironment) -> None:
    header = sub(root, "teiHeader")
    described = sub(header, "fileDesc")
    _title_stmt(described, env)
    try:
        cited = citation.load(Path(env.srcdir) / env.config.edition_citation_file)
        released = cited.released
    except citation.CitationError:
        released = ""  # reported at its line by the extension's own check
    edition_stmt = sub(described, "editionStmt")
    sub(edition_stmt, "edition", f"Version {env.config.release}", n=env.config.release)
    _publication(described, env, released)
    _witness_bibl(sub(described, "sourceDesc"), env)
    _encoding(header, env)
