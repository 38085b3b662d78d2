"""The ``tei`` builder: the whole edition as one TEI P5 file, ``edition.xml``.

It reads the environment every other builder reads (``make tei`` shares the
doctrees of ``make html``, under ``-j`` too), inlines the chapters of the text
in reading order as the LaTeX builder does, resolves them, and writes the
text, the notes, the works cited and the register. The apparatus pages are
the editors' words about the text: their content is in the back matter as
data, not as pages.

``edition.xml`` is TEI P5 (``tei_all``). ``edition-simple.xml`` is the same
edition in TEI Simple Print, which TEI Publisher renders and which has no
element for a place or an organisation (``simple.py``).
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import ClassVar
from xml.etree import ElementTree as ET

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util.console import darkgreen
from sphinx.util.nodes import inline_all_toctrees

from .._util.documents import in_text
from .header import tei_header
from .layout import lay_out
from .names import register_div
from .notes import notes_div
from .ns import XML_LANG, sub, tag
from .simple import simplified
from .text import TEITranslator
from .works import list_bibl

OUTPUT = "edition.xml"
SIMPLE_OUTPUT = "edition-simple.xml"


class TEIBuilder(Builder):
    name = "tei"
    format = "tei"
    epilog = "The TEI edition is in %(outdir)s."
    default_translator_class = TEITranslator
    supported_image_types: ClassVar[list[str]] = []

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> str:
        return "the TEI edition"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """Links between pages become the web edition's addresses; the translator
        keeps only those to works (the listBibl) and to the web."""
        return f"{docname}.html"

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        tree = self.assemble()
        root = ET.Element(tag("TEI"), {XML_LANG: self.config.language or "en"})
        tei_header(root, self.env)
        text = sub(root, "text")
        body = sub(text, "body")
        translator = self.create_translator(tree, self, body)
        assert isinstance(translator, TEITranslator)
        tree.walkabout(translator)
        back = sub(text, "back")
        notes_div(back, translator, self.env)
        list_bibl(back, self.env)
        register_div(back, self.env)
        self.write_tree(root, Path(self.outdir) / OUTPUT)
        self.write_tree(simplified(root), Path(self.outdir) / SIMPLE_OUTPUT)

    def assemble(self) -> nodes.document:
        """The front page with the chapters of the text inlined, resolved."""
        root = self.config.root_doc
        apparatus = [d for d in sorted(self.env.all_docs) if not in_text(self.config, d)]
        traversed = [root, *(d for d in apparatus if d != root)]
        tree = inline_all_toctrees(
            self, set(), root, self.env.get_doctree(root), darkgreen, traversed
        )
        tree["docname"] = root
        self.env.resolve_references(tree, root, self)
        return tree

    @staticmethod
    def write_tree(root: ET.Element, path: Path) -> None:
        lay_out(root)
        path.parent.mkdir(parents=True, exist_ok=True)
        document = ET.ElementTree(root)
        with path.open("wb") as out:
            document.write(out, encoding="utf-8", xml_declaration=True)
            out.write(b"\n")

    def finish(self) -> None:
        pass
