"""Sphinx configuration of the edition."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from docutils.utils.smartquotes import smartyPants
from sphinx.util.matching import Matcher
from sphinx.util.texescape import escape as _tex

HERE = Path(__file__).resolve().parent
# The extension is installed editable by `make setup`; the path makes a bare
# checkout build too.
sys.path.insert(0, str(HERE.parent / "ext"))

from scholarly_edition import __version__  # noqa: E402
from scholarly_edition.html import citation  # noqa: E402
from scholarly_edition.html.book_theme import theme_templates  # noqa: E402
from scholarly_edition.text import structure  # noqa: E402

project = "Joseph Stalin: An Edition of a Web-Page Transcript"
author = "The editors of the Joseph Stalin transcript edition"
# Build date from SOURCE_DATE_EPOCH when set, so that two builds of the same
# sources are identical.
_built = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or None)
copyright = f"{_built.tm_year}, the editors; article text: Wikipedia contributors, CC BY-SA 4.0"
version = release = __version__
language = "en"

extensions = ["myst_parser", "scholarly_edition", "scholarly_edition.latex.book"]
myst_enable_extensions = ["attrs_block", "colon_fence", "deflist", "fieldlist", "substitution"]
# What the edition was edited from, as its citation says.
edition_witness = "a transcript of a web page"
# How to cite the edition and the release date of this version, from CITATION.cff
# (About page, PDF verso). A file that cannot give them is reported by the
# extension, at its line.
try:
    _edition_citation: citation.EditionCitation | None = citation.load(
        HERE.parent / "CITATION.cff", edition_witness
    )
except citation.CitationError:
    _edition_citation = None
_released = _edition_citation.released if _edition_citation else "not given"
myst_substitutions = {"version": __version__, "released": _released}
myst_heading_anchors = 0
exclude_patterns = ["_build"]
# The Index of Names: the register, and the documents whose text is the
# witness's (the apparatus pages are the editors' words and are not tagged).
names_register = "../refs/names.toml"
names_documents = ["index", "early-life/**", "lenins-government/**", "consolidation-of-power/**"]
# The Index of Names is one page (names.md), in both outputs: in the PDF with
# page numbers. The names domain's compact per-category indices and Sphinx's
# general index would repeat its entries, and Sphinx writes those pages again
# on every build, after any edit (make bench); the PDF has no general index
# either (latex_elements below).
latex_domain_indices = False
html_domain_indices = False
html_use_index = False

# Notes: the map of what each bracketed note cites, the works it cites, and
# the short citation form ("Conquest 1991, p. 2") for notes and previews.
edition_notes_file = "../refs/notes.toml"
edition_notes_page = "notes"
edition_notes_report_page = "notes-report"
# The guide to starting another edition is for the web edition's readers
# only: the book, like the notes report, leaves it out.
edition_web_only_pages = ["new-edition"]
bibtex_bibfiles = ["../refs/works.bib"]
# The article the witness reproduces, and the revision the notes come from
# (written by `make resolve`; shown on the About and notes pages).
edition_article_file = "../refs/article.toml"
# pybtex's alpha, printing translators and web pages (scholarly_edition/notes/style.py).
bibtex_default_style = "edition"
bibtex_reference_style = "edition-short"
bibtex_cite_id = "work-{key}"
# How to cite the edition (About page, "Cite" dialog): one file for both.
edition_citation_file = "../CITATION.cff"

# Annotations (docs/annotations/*.md) anchor only in the chapters of the text,
# never in the apparatus pages that quote it.
# The concordance of witness lines (concordance.md) is derived from the same map.
edition_structure_file = "../refs/structure.toml"
# A map that cannot be read stops `make check`; here it is reported by the
# extension at its line (edition_structure_problem), and the chapters on disk
# stand in for its list, so that the build fails on one warning, not a traceback.
try:
    _structure = structure.load((HERE / edition_structure_file).resolve())
    edition_text_documents = [chapter.file for chapter in _structure.chapters]
except structure.StructureError as _error:
    edition_structure_problem = str(_error)
    _chapters = Matcher(names_documents)
    edition_text_documents = sorted(
        name
        for name in (
            path.relative_to(HERE).with_suffix("").as_posix() for path in HERE.rglob("*.md")
        )
        if _chapters(name)
    )
edition_annotations_dir = "annotations"
edition_annotations_page = "annotations"
# The witness's quotation marks and dashes are kept exactly as transmitted.
smartquotes = False

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
# The tab's icon; without one every browser asks for /favicon.ico and logs its 404.
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
# The values below are given as the theme (and Sphinx, for the CSS priority)
# leave them: the theme sets them only after Sphinx has compared this
# configuration with the previous build's, and a build that differed printed
# "The configuration has changed" every time (scholarly_edition.html.book_theme).
html_css_files = [("edition.css", {"priority": 800})]
templates_path = theme_templates()
html_permalinks_icon = "#"
html_sourcelink_suffix = ""
# The other formats, which `make site` puts beside the pages (paths from the
# site's root), and the whole text on one page (`make singlehtml`), which it
# publishes in the folder whole-text. The public address and the repository
# come from CITATION.cff when it gives them (scholarly_edition.html.book_theme);
# today it does not.
edition_whole_text_page = "whole-text/index.html"
edition_downloads = [
    ("PDF", "stalin-edition.pdf"),
    ("EPUB", "stalin-edition.epub"),
    ("The witness (plain text)", "witness.txt"),
]
html_theme_options = {
    # The sidebar shows the parts and the current part's chapters. Expanding
    # every part on every page puts the whole table of contents in each page,
    # whose cost grows with the square of the number of pages (make bench).
    "collapse_navbar": True,
    "show_toc_level": 2,
    "home_page_in_toc": True,
    "use_download_button": False,
    # An empty navbar: its search box was a second one on a desktop, and its
    # hidden ☰ button left the visible one dead (scholarly_edition.html.book_theme,
    # which gives this default when conf.py does not).
    "navbar_persistent": [],
    "icon_links": [],
    "logo": {},
}

# The EPUB's file name, which `make site` publishes beside the pages.
epub_basename = "stalin-edition"

latex_engine = "xelatex"
latex_documents = [
    ("index", "stalin-edition.tex", project, author, "manual"),
]
# The book design is docs/_latex/editionbook.sty (type, page, headings, running
# heads, title page); its texts are in editiontitle.def. The book class gives
# front, main and back matter (scholarly_edition.latex.book opens the back
# matter before the apparatus).
latex_docclass = {"manual": "book"}
# The editorial principles are read before the text: in the PDF they stand in
# the front matter, after the contents (scholarly_edition.latex.book).
edition_latex_front_matter = ["about#editorial-principles"]
latex_additional_files = ["_latex/editionbook.sty", "_latex/editiontitle.def"]
_title, _, _subtitle = project.partition(": ")
# The verso's "How to cite" is the About page's, from the same CITATION.cff.
if _edition_citation is not None:
    # With typographic quotation marks, as every other text of the verso.
    _before, _cited, _after = (
        _tex(smartyPants(p, attr="q", language=language)) for p in _edition_citation.parts()
    )
    _citation = rf"\newcommand{{\editioncitation}}{{{_before}\textit{{{_cited}}}{_after}}}"
else:
    _citation = r"\newcommand{\editioncitation}{}"
today_fmt = "%-d %B %Y"
# The PDF's document information (title and author come from latex_documents).
_pdf_info = (
    r"\hypersetup{pdflang={en}, pdfkeywords={Joseph Stalin, Soviet Union, scholarly edition},"
    r" pdfsubject={A scholarly edition of a web-page transcript of the English Wikipedia"
    r" article Joseph Stalin; text by Wikipedia contributors, CC BY-SA 4.0}}"
)
latex_elements = {
    # A4 by default; `make latexpdf PAPER=letter` overrides it on the command
    # line (-D latex_elements.papersize=letterpaper).
    "papersize": "a4paper",
    "pointsize": "11pt",
    # The notes are footnotes without a footnote mark (the text keeps its "[3]"):
    # hyperref would try to link each to a mark and log "Ignoring empty anchor".
    "passoptionstopackages": r"\PassOptionsToPackage{hyperfootnotes=false}{hyperref}",
    "fontpkg": "",
    "fncychap": "",
    # Inline code (commands, paths) is never broken inside a word.
    "sphinxsetup": r"HeaderFamily=\rmfamily, inlineliteralwraps=false",
    "maketitle": rf"\editionmaketitle{{{_title}}}{{{_subtitle}}}",
    # The first pages are the captured page's header and the article's lead,
    # not an introduction by the editors: the heading says what they are.
    "tableofcontents": r"\editiontableofcontents{The Captured Page and the Article's Lead}",
    # The Index of Names is the book's index, with page numbers (names.md); a
    # general index of the same mentions would print it a second time.
    "makeindex": "",
    "printindex": "",
    "preamble": "\n".join(
        (
            rf"\newcommand{{\editionversion}}{{{release}}}",
            # An ISO date is never broken at its hyphens.
            rf"\newcommand{{\editionreleased}}{{\mbox{{{_released}}}}}",
            _citation,
            r"\usepackage{editionbook}",
            _pdf_info,
        )
    ),
}
