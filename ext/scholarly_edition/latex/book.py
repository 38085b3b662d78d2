"""The PDF as a book: back matter, and paragraphs set by their role.

The root document's first toctree is the text (the three parts); every later
toctree holds apparatus (About this edition, notes, bibliography, indexes).
In the single LaTeX document the first apparatus page must open the back
matter, so that its chapters are unnumbered and are not taken for a fourth
part. The LaTeX writer loses the toctrees' captions when it inlines them, so
a post-transform marks the place from the root document's toctrees.

Sphinx moves every citation of the LaTeX document into one bibliography at
its very end, under a chapter of its own; the edition's bibliography page
then prints only its introduction. When all the citations come from one
document, they are put back at the end of that document, where the book
design sets them as a plain list (``\\editionbibliographyhere``).

The sections ``edition_latex_front_matter`` names ("about#editorial-principles")
are moved before the text, as chapters of the front matter: a reader meets
the editorial principles before the edition. The main matter opens after
them (``\\editionmainmatter``), as the back matter opens before the apparatus.

The notes report, a worklist for contributors, is not printed, nor are the
other pages ``edition_web_only_pages`` names (a guide for editors).

ISO dates ("2026-11-26") are kept on one line: broken at a hyphen, a date
reads as two.

The LaTeX writer also drops a paragraph's classes, which carry the editorial
reading ("hatnote", a quotation's "attribution", the editors' "apparatus" on
the front page). Each such paragraph is wrapped in a group that applies the
style the book design defines for its class (``\\editionparagraphstyle``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from .._util.warning import EditionWarning, warn

# Defined by docs/_latex/editionbook.sty; guarded so that a LaTeX build
# without the book design (a test root) still compiles.
BACK_MATTER = "\\ifdefined\\editionbackmatter\\editionbackmatter\\fi\n"
MAIN_MATTER = "\\ifdefined\\editionmainmatter\\editionmainmatter\\fi\n"
FRONT_CHAPTER = "\\ifdefined\\editionfrontchapter\\editionfrontchapter{{{title}}}\\fi\n"
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
BIBLIOGRAPHY_HERE = "\\ifdefined\\editionbibliographyhere\\editionbibliographyhere\\fi\n"


# Classes of paragraphs whose role the book design sets; any other class is
# left to the writer's default.
STYLED_CLASSES = ("apparatus", "attribution", "hatnote")


def first_apparatus_document(root: nodes.document) -> str | None:
    """The first document of the root's second toctree, if there is one."""
    toctrees = list(root.findall(addnodes.toctree))
    if len(toctrees) < 2 or not toctrees[1]["includefiles"]:
        return None
    return toctrees[1]["includefiles"][0]


class BackMatter(SphinxPostTransform):
    """Insert the back-matter switch before the first apparatus document."""

    # Runs on the LaTeX builder's assembled document, where each included
    # document is a ``start_of_file`` node; the order among post-transforms
    # does not matter.
    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        root = self.env.get_doctree(self.config.root_doc)
        docname = first_apparatus_document(root)
        if docname is None:
            return
        for start in self.document.findall(addnodes.start_of_file):
            if start["docname"] == docname:
                parent = start.parent
                parent.insert(parent.index(start), nodes.raw("", BACK_MATTER, format="latex"))
                return


class WorklistLeftOut(SphinxPostTransform):
    """Leave the contributors' worklist (the notes report) and the other pages
    for the web alone out of the book.

    The report repeats the text's open notes and tells how to resolve them;
    the book lists the open notes on its notes page. A link to a page left
    out keeps its text.
    """

    # Before the other transforms of the book, which need not see it.
    default_priority = 880
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        report = getattr(self.config, "edition_notes_report_page", "")
        pages = {*self.config.edition_web_only_pages, *([report] if report else [])}
        if not pages:
            return
        for start in list(self.document.findall(addnodes.start_of_file)):
            if start["docname"] in pages:
                start.parent.remove(start)
        # The LaTeX builder's address of a document: "%docname" or "%docname#id".
        for reference in list(self.document.findall(nodes.reference)):
            docname = reference.get("refuri", "").partition("#")[0]
            if docname.startswith("%") and docname[1:] in pages:
                reference.replace_self(reference.children)


class FrontMatter(SphinxPostTransform):
    """Move the named sections before the text, then open the main matter."""

    # Before BackMatter and ParagraphRoles (900): what is moved is styled too.
    default_priority = 890
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        front: list[nodes.Node] = []
        for target in self.config.edition_latex_front_matter:
            section = self._section(*target.partition("#")[::2])
            if section is None:
                continue  # reported by check_front_matter
            section.parent.remove(section)
            title = escape(section[0].astext())
            front.append(nodes.raw("", FRONT_CHAPTER.format(title=title), format="latex"))
            front += section.children[1:]
        front.append(nodes.raw("", MAIN_MATTER, format="latex"))
        self.document[0:0] = front

    def _section(self, docname: str, section_id: str) -> nodes.section | None:
        for start in self.document.findall(addnodes.start_of_file):
            if start["docname"] == docname:
                for section in start.findall(nodes.section):
                    if section_id in section["ids"]:
                        return section
        return None


def check_front_matter(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Each section ``edition_latex_front_matter`` names exists: said at the document
    that lacks it, or at the setting in conf.py when there is no such document."""
    if app.builder.format != "latex":
        return []
    for target in app.config.edition_latex_front_matter:
        docname, _, section_id = target.partition("#")
        if docname in env.found_docs:
            doctree = env.get_doctree(docname)
            if any(section_id in s["ids"] for s in doctree.findall(nodes.section)):
                continue
            location = docname
        else:
            location = _setting(Path(app.confdir) / "conf.py")
        warn(
            EditionWarning.front_matter,
            f"edition_latex_front_matter: no section {target!r} (document#section id)",
            location,
        )
    return []


def _setting(conf: Path) -> str:
    """Where conf.py sets the option: its line, as the Python parser reads it."""
    line = 1
    if conf.is_file():
        for statement in ast.parse(conf.read_bytes()).body:
            targets = statement.targets if isinstance(statement, ast.Assign) else []
            if any(getattr(t, "id", "") == "edition_latex_front_matter" for t in targets):
                line = statement.lineno
    return f"{conf}:{line}"


class DatesUnbroken(SphinxPostTransform):
    """Keep each ISO date on one line (``\\mbox``), wherever the text has one."""

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            # Not in code (never broken there), raw LaTeX or a heading (whose
            # text hyperref copies into the bookmarks).
            if isinstance(parent, nodes.FixedTextElement | nodes.literal | nodes.title):
                continue
            value = str(text)
            if not ISO_DATE.search(value):
                continue
            pieces: list[nodes.Node] = []
            position = 0
            for match in ISO_DATE.finditer(value):
                pieces.append(nodes.Text(value[position : match.start()]))
                pieces += [
                    nodes.raw("", "\\mbox{", format="latex"),
                    nodes.Text(match.group()),
                    nodes.raw("", "}", format="latex"),
                ]
                position = match.end()
            pieces.append(nodes.Text(value[position:]))
            parent.replace(text, [p for p in pieces if not isinstance(p, nodes.Text) or str(p)])


class BibliographyInPlace(SphinxPostTransform):
    """Put the bibliography back on the page that holds it."""

    # After Sphinx's BibliographyTransform (750), which gathers the citations.
    default_priority = 760
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for bibliography in list(self.document.findall(thebibliography)):
            citations = [c for c in bibliography.children if isinstance(c, nodes.Element)]
            docnames = {citation.get("docname") for citation in citations}
            if len(docnames) != 1:
                continue
            (docname,) = docnames
            for start in self.document.findall(addnodes.start_of_file):
                if start["docname"] == docname:
                    bibliography.parent.remove(bibliography)
                    start += nodes.raw("", BIBLIOGRAPHY_HERE, format="latex")
                    start += bibliography
                    break


class ParagraphRoles(SphinxPostTransform):
    """Set paragraphs by their editorial role: wrap them in a styled group."""

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for paragraph in self.document.findall(nodes.paragraph):
            roles = [c for c in STYLED_CLASSES if c in paragraph["classes"]]
            if not roles:
                continue
            styles = "".join(
                f"\\ifdefined\\editionparagraphstyle\\editionparagraphstyle{{{role}}}\\fi "
                for role in roles
            )
            paragraph.insert(0, nodes.raw("", f"\\begingroup{styles}", format="latex"))
            paragraph.append(nodes.raw("", "\\par\\endgroup", format="latex"))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("edition_latex_front_matter", [], "env", list)
    # Pages of the HTML edition that the book leaves out, beside the notes report.
    app.add_config_value("edition_web_only_pages", [], "env", list)
    app.connect("env-updated", check_front_matter)
    app.add_post_transform(WorklistLeftOut)
    app.add_post_transform(FrontMatter)
    app.add_post_transform(DatesUnbroken)
    app.add_post_transform(BackMatter)
    app.add_post_transform(BibliographyInPlace)
    app.add_post_transform(ParagraphRoles)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
