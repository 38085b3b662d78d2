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

The LaTeX writer also drops a paragraph's classes, which carry the editorial
reading ("hatnote", a quotation's "attribution", the editors' "apparatus" on
the front page). Each such paragraph is wrapped in a group that applies the
style the book design defines for its class (``\\editionparagraphstyle``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

# Defined by docs/_latex/editionbook.sty; guarded so that a LaTeX build
# without the book design (a test root) still compiles.
BACK_MATTER = "\\ifdefined\\editionbackmatter\\editionbackmatter\\fi\n"
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
    app.add_post_transform(BackMatter)
    app.add_post_transform(BibliographyInPlace)
    app.add_post_transform(ParagraphRoles)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
