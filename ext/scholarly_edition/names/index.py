"""The Index of Names as a page of the edition, in HTML and in the PDF.

``{names-index} person`` (or ``place``, ``organisation``) leaves a placeholder
that is filled at ``doctree-resolved`` from the names domain: entries in
Unicode collation order under letter headings, each with its description and
its mentions grouped by section, and "see" entries from variants. In HTML a
mention is a numbered link to its anchor; in LaTeX it is the page number,
which the package ``scholarlyeditionnames.sty`` takes from the mention's label:
the printed index gives each page once, runs of pages as ranges ("21–23"),
and an entry on very many pages by section, as subentries.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode
from sphinx.util.texescape import escape as tex_escape
from sphinx.writers.latex import LaTeXTranslator

from .._util.i18n import _
from .domain import (
    NamesDomain,
    Occurrence,
    letter_of,
    load_register,
    see_forms,
)
from .register import CATEGORIES, Entry

LATEX_PACKAGE = Path(__file__).parent / "latex" / "scholarlyeditionnames.sty"


class names_index(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Placeholder for one part of the Index of Names; replaced before writing."""


class mention_labels(nodes.Inline, nodes.Element):  # noqa: N801
    """The LaTeX labels of a section's mentions (attribute ``labels``: docname:anchor)."""


def visit_mention_labels_latex(self: LaTeXTranslator, node: mention_labels) -> None:
    """Each label escaped as Sphinx escapes the labels it writes, so a docname
    with ``_`` or letters beyond ASCII finds its mentions' pages."""
    self.body.append("{" + ",".join(self.idescape(label) for label in node["labels"]) + "}")
    raise nodes.SkipNode


class NamesIndexDirective(SphinxDirective):
    """``{names-index} person``: the part of the index for one category."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        category = self.arguments[0]
        if category not in CATEGORIES:
            raise self.error(f"names-index needs one of {', '.join(CATEGORIES)}")
        domain = self.env.domains["names"]
        assert isinstance(domain, NamesDomain)
        # Filled when the page is written: a register edit writes the page again
        # (``register_edits.write_again``), unread.
        domain.index_pages.setdefault(self.env.docname, []).append(category)
        node = names_index(category=category)
        self.set_source_info(node)
        return [node]


def _index_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Re-write the index pages when what they show of other documents changed.

    They show every mention (its document, anchor and place in reading order)
    and the titles of the documents mentioning names; an edit that changes
    neither (a sentence without a name) leaves them as they were.
    """
    domain = env.domains["names"]
    assert isinstance(domain, NamesDomain)
    mentions = [
        (o.entry, o.docname, o.anchor) for found in domain.by_entry().values() for o in found
    ]
    titles = [(d, env.titles[d].astext()) for d in sorted(domain.occurrences) if d in env.titles]
    shown = hashlib.sha256(repr((mentions, titles)).encode()).hexdigest()
    if domain.data.get("shown") == shown:
        return []
    domain.data["shown"] = shown
    return sorted(domain.index_pages)


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(names_index))
    if not placeholders:
        return
    env = app.env
    domain = env.domains["names"]
    assert isinstance(domain, NamesDomain)
    loaded = load_register(env)
    entries = loaded[0].entries if loaded is not None else {}
    by_entry = domain.by_entry()
    for placeholder in placeholders:
        placeholder.replace_self(_part(app, docname, placeholder["category"], entries, by_entry))


def _part(
    app: Sphinx,
    docname: str,
    category: str,
    entries: dict[str, Entry],
    by_entry: dict[str, list[Occurrence]],
) -> list[nodes.Node]:
    domain = app.env.domains["names"]
    assert isinstance(domain, NamesDomain)
    headings: list[tuple[str, nodes.definition_list_item]] = []
    for entry in entries.values():
        if entry.category != category or entry.id not in by_entry:
            continue
        headings.append((entry.index, _entry_item(app, docname, entry, by_entry[entry.id])))
        for form in see_forms(entry):
            headings.append((form, _see_item(form, entry)))
    headings.sort(key=lambda heading: domain.sort_key(heading[0]))
    letters: dict[str, nodes.definition_list] = {}
    for heading, item in headings:
        letters.setdefault(letter_of(heading), nodes.definition_list(classes=["names-index"]))
        letters[letter_of(heading)] += item
    result: list[nodes.Node] = []
    latex = app.builder.format == "latex"
    if letters and not latex:
        navigation = nodes.paragraph(classes=["names-letters"])
        for number, letter in enumerate(letters):
            if number:
                navigation += nodes.Text(" · ")
            navigation += nodes.reference(letter, letter, refid=_letter_id(category, letter))
        result.append(navigation)
    for letter, items in letters.items():
        if latex:
            # Unindented, kept with the entries that follow it.
            label: nodes.Element = nodes.raw(
                "", rf"\scholarnamesletter{{{tex_escape(letter)}}}", format="latex"
            )
        else:
            label = nodes.paragraph(classes=["names-letter"], ids=[_letter_id(category, letter)])
            label += nodes.strong(letter, letter)
        result += [label, items]
    if not letters:
        result.append(nodes.paragraph(text=_untagged(category)))
    return result


def _untagged(category: str) -> str:
    """What a part of the index says when no name of its kind is tagged."""
    said = {
        "person": _("No persons are tagged."),
        "place": _("No places are tagged."),
        "organisation": _("No organisations are tagged."),
    }
    return said[category]


def _letter_id(category: str, letter: str) -> str:
    return f"names-{category}-{nodes.make_id(letter) or 'other'}"


def entry_id(entry: str) -> str:
    return f"names-entry-{entry}"


def entry_uri(builder: Builder, docname: str, entry: str) -> str | None:
    """The address of an entry in the Index of Names from ``docname``, if a page shows it.

    The index's first page (by name) is used, so the address depends on the
    domain's data alone and is the same for every page and under ``-j``.
    """
    domain = builder.env.domains["names"]
    assert isinstance(domain, NamesDomain)
    pages = sorted(domain.index_pages)
    if not pages:
        return None
    page = builder.get_relative_uri(docname, pages[0])
    # On a one-page builder (singlehtml) the page is this one, named by a fragment.
    return f"#{entry_id(entry)}" if page.startswith("#") else f"{page}#{entry_id(entry)}"


def _entry_item(
    app: Sphinx, docname: str, entry: Entry, found: list[Occurrence]
) -> nodes.definition_list_item:
    term = nodes.term("", "", ids=[entry_id(entry.id)])
    term += nodes.strong(entry.index, entry.index)
    if entry.dates:
        term += nodes.Text(f" ({entry.dates})")
    definition = nodes.definition()
    about = nodes.paragraph(text=entry.description)
    if entry.wikidata:
        uri = f"https://www.wikidata.org/wiki/{entry.wikidata}"
        about += [
            nodes.Text(" Wikidata: "),
            nodes.reference(entry.wikidata, entry.wikidata, refuri=uri),
        ]
    definition += about
    sections: dict[str, list[Occurrence]] = {}
    for occurrence in found:
        sections.setdefault(occurrence.docname, []).append(occurrence)
    if app.builder.format == "latex":
        definition += _printed_mentions(app, sections)
        return nodes.definition_list_item("", term, definition)
    for section, mentions in sections.items():
        # Chapter titles and link numbers: found in the chapters, not searched here.
        line = nodes.paragraph(classes=["names-mentions", "no-search"])
        title = app.env.titles[section].astext()
        line += nodes.emphasis(title, title)
        line += nodes.Text(": ")
        line += _mentions(app, docname, mentions)
        definition += line
    return nodes.definition_list_item("", term, definition)


def _printed_mentions(app: Sphinx, sections: dict[str, list[Occurrence]]) -> nodes.paragraph:
    """The mentions as page numbers, for TeX to merge and range.

    Each section's mentions are given with its title: an entry on very many
    pages is printed section by section, each a subentry with its own pages
    (``scholarlyeditionnames.sty`` decides by the pages it counts).
    """
    line = nodes.paragraph(classes=["names-mentions"])
    line += nodes.raw("", r"\scholarnamesmentions{", format="latex")
    for section, mentions in sections.items():
        title = app.env.titles[section].astext()
        # The root document opens the book under a heading the book design gives.
        root = section == app.config.root_doc
        line += [
            nodes.raw(
                "", r"\scholarnamessection{" + (r"\scholarnamesroot{" * root), format="latex"
            ),
            nodes.Text(title),
            nodes.raw("", "}" * root + "}", format="latex"),
            mention_labels(labels=[f"{m.docname}:{m.anchor}" for m in mentions]),
        ]
    line += nodes.raw("", "}", format="latex")
    return line


def _mentions(app: Sphinx, docname: str, mentions: list[Occurrence]) -> list[nodes.Node]:
    links: list[nodes.Node] = []
    for number, mention in enumerate(mentions, start=1):
        if number > 1:
            links.append(nodes.Text(", "))
        links.append(
            make_refnode(
                app.builder, docname, mention.docname, mention.anchor, nodes.Text(str(number))
            )
        )
    return links


def _see_item(form: str, entry: Entry) -> nodes.definition_list_item:
    term = nodes.term(form, form)
    see = nodes.paragraph()
    word = _("see")
    see += nodes.emphasis(word, word)
    see += nodes.Text(" ")
    see += nodes.reference(entry.index, entry.index, refid=entry_id(entry.id))
    return nodes.definition_list_item("", term, nodes.definition("", see))


def _copy_latex_package(app: Sphinx) -> None:
    if app.builder.format == "latex":
        shutil.copyfile(LATEX_PACKAGE, Path(app.builder.outdir) / LATEX_PACKAGE.name)


def setup(app: Sphinx) -> None:
    app.add_node(names_index)
    app.add_node(mention_labels, latex=(visit_mention_labels_latex, None))
    app.add_directive("names-index", NamesIndexDirective)
    app.connect("doctree-resolved", _resolve)
    app.connect("env-updated", _index_changed)
    app.connect("builder-inited", _copy_latex_package)
    app.add_latex_package(LATEX_PACKAGE.stem)
