"""The PDF is a book: clean LaTeX log, title page and verso, contents, running
heads, metadata, bookmarks, working links, paper sizes and review images."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from conftest import ROOT, edition_citation, pdf_layout, require_tex

pytestmark = pytest.mark.pdf

# Overfull boxes the book may have at most (today: none). A few may come with
# new apparatus; more than this means a design problem worth fixing.
MAX_OVERFULL_BOXES = 3

# SOURCE_DATE_EPOCH of the test builds (tests/conftest.py): 2025-11-26.
BUILD_DATE = "26 November 2025"
A4 = (595, 842)
LETTER = (612, 792)


def _log(pdf: Path) -> str:
    return pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")


def _page_texts(pdf: Path) -> list[str]:
    text = pdf_layout(pdf)
    return text.split("\f")


def _page_size(pdf: Path) -> tuple[int, int]:
    box = PdfReader(pdf).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def _outline_titles(outline: list, depth: int = 0) -> list[tuple[int, str]]:
    """Bookmarks as (depth, title), in order."""
    titles: list[tuple[int, str]] = []
    for item in outline:
        if isinstance(item, list):
            titles += _outline_titles(item, depth + 1)
        else:
            assert isinstance(item, Destination)
            titles.append((depth, item.title))
    return titles


def test_latex_log_has_no_errors_and_no_undefined_references(
    pdf_build: tuple[Path, str],
) -> None:
    log = _log(pdf_build[0])
    errors = [line for line in log.splitlines() if line.startswith("!")]
    assert errors == []
    undefined = re.findall(r"^.*(?:undefined|Undefined).*$", log, re.MULTILINE)
    assert undefined == []
    # Package warnings: only cmap's, which Sphinx loads and which stands aside
    # under xelatex (hyperref's "Ignoring empty anchor" at every note is gone).
    warnings = re.findall(r"^Package (\S+) Warning", log, re.MULTILINE)
    assert set(warnings) <= {"cmap"}, warnings


def test_overfull_boxes_are_few(pdf_build: tuple[Path, str]) -> None:
    overfull = re.findall(r"^Overfull \\[hv]box.*$", _log(pdf_build[0]), re.MULTILINE)
    assert len(overfull) <= MAX_OVERFULL_BOXES, "\n".join(overfull)


def test_every_character_has_a_glyph_and_fonts_are_embedded(
    pdf_build: tuple[Path, str],
) -> None:
    assert "Missing character" not in _log(pdf_build[0])
    fonts = subprocess.run(
        ["pdffonts", str(pdf_build[0])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert any("TeXGyrePagella" in line for line in fonts)
    # Columns: name type encoding emb sub uni object ID; "emb" must be "yes".
    assert all(line.split()[-5] == "yes" for line in fonts), fonts


def test_title_page_and_verso(pdf_build: tuple[Path, str]) -> None:
    title, verso = (" ".join(page.split()) for page in _page_texts(pdf_build[0])[:2])
    assert "Joseph Stalin" in title
    assert "An Edition of a Web-Page Transcript" in title
    # The editors in small capitals, which pdftotext gives as capitals.
    assert "The editors of the Joseph Stalin transcript edition".upper() in title
    assert f"Version 0.1.0 · {BUILD_DATE}" in title
    for words in (
        "A plain-text transcript (193 lines) of a video page",
        "Wikipedia contributors",
        "CC BY-SA 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "HOW TO CITE.",
        f"built {BUILD_DATE}.",
        "https://en.wikipedia.org/wiki/Joseph_Stalin",
        "action=history",
        "Lines 1–6 and 193",
        "This edition is an adaptation",
        "without warranties of any kind",
        "PROVENANCE.",
    ):
        assert words.lower() in verso.lower(), words
    # The same citation as the About page, from CITATION.cff (its quotation
    # marks set as the verso's others).
    straight = verso.replace("“", '"').replace("”", '"')
    assert edition_citation().text() in straight


def test_contents_lists_parts_and_dated_sections(pdf_build: tuple[Path, str]) -> None:
    pages = _page_texts(pdf_build[0])
    start = next(i for i, p in enumerate(pages) if p.lstrip().startswith("Contents"))
    # The contents may run over two pages as the apparatus grows.
    contents = "\n".join(pages[start : start + 2])
    lines = [" ".join(line.split()) for line in contents.splitlines() if line.strip()]
    # The editorial principles in the front matter; the page header and the
    # lead named for what they are, not "Introduction".
    assert re.fullmatch(r"Editorial principles [ivx]+", lines[1]), lines[1]
    assert re.fullmatch(r"The Captured Page and the Article.s Lead 1", lines[2]), lines[2]
    assert lines[3].startswith("I Early life ")
    assert lines[4].startswith("1878–1899: Childhood to young adulthood ")
    assert any(line.startswith("III Consolidation of power ") for line in lines)
    assert any(line.startswith("About this edition ") for line in lines)
    # The apparatus is back matter: no fourth part.
    assert not any(line.startswith("IV ") for line in lines)


def test_apparatus_opens_the_back_matter_and_roles_are_styled(
    pdf_build: tuple[Path, str],
) -> None:
    tex = pdf_build[0].with_suffix(".tex").read_text(encoding="utf-8")
    back = "\\ifdefined\\editionbackmatter\\editionbackmatter\\fi"
    assert tex.count(back) == 1
    # Between the last part and the first apparatus page (About this edition
    # or whatever the apparatus toctree lists first).
    chapters_before = re.findall(r"\\chapter\{([^}]*)\}", tex[: tex.index(back)])
    assert chapters_before[-1] == "Consolidation of power"
    assert tex.index(back) < tex.index("\\chapter{About this edition}")
    # Every quotation's attribution is set flush right, every hatnote in italics.
    quotes = sum(
        path.read_text(encoding="utf-8").count("{.attribution}")
        for path in (ROOT / "docs").rglob("*.md")
    )
    assert quotes > 0
    assert tex.count("\\editionparagraphstyle{attribution}") == quotes
    assert "\\editionparagraphstyle{hatnote}" in tex


def test_running_heads_name_part_and_section(pdf_build: tuple[Path, str]) -> None:
    pages = _page_texts(pdf_build[0])
    heads = [" ".join(p.strip().splitlines()[0].split()) for p in pages if p.strip()]
    # Left pages: the page number, then the part.
    parts = {m[1].lower() for h in heads if (m := re.fullmatch(r"\d+ (PART .+)", h))}
    assert parts >= {
        "part i. early life",
        "part ii. in lenin's government",
        "part iii. consolidation of power",
    }
    # Right pages: the dated section, then the page number; sections as in the contents.
    sections = {m[1] for h in heads if (m := re.fullmatch(r"(\d{4}[–\d]*: .+) \d+", h))}
    contents = next(p for p in pages if p.lstrip().startswith("Contents"))
    # Of the eleven, a section of two or three pages may have no right-hand page
    # whose head it gives (with the notes printed as footnotes only where known,
    # the text is some thirty pages).
    assert len(sections) >= 6
    assert all(section in contents for section in sections), sections


def test_pdf_metadata(pdf_build: tuple[Path, str]) -> None:
    reader = PdfReader(pdf_build[0])
    info = reader.metadata
    assert info is not None
    assert info.title == "Joseph Stalin: An Edition of a Web-Page Transcript"
    assert info.author == "The editors of the Joseph Stalin transcript edition"
    assert info.subject is not None
    assert "Wikipedia contributors" in info.subject
    assert "CC BY-SA 4.0" in info.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert _page_size(pdf_build[0]) == A4


def test_front_matter_is_numbered_once_in_roman(pdf_build: tuple[Path, str]) -> None:
    labels = PdfReader(pdf_build[0]).page_labels
    assert labels[:3] == ["i", "ii", "iii"]
    assert labels.count("1") == 1
    assert len(set(labels)) == len(labels)


def test_pdf_bookmarks_follow_the_book(pdf_build: tuple[Path, str]) -> None:
    titles = _outline_titles(PdfReader(pdf_build[0]).outline)
    assert titles[0] == (0, "Contents")
    assert titles[1] == (0, "Editorial principles")
    assert titles[2][1].startswith("The Captured Page and the Article")
    assert titles[3:5] == [
        (0, "I Early life"),
        (1, "1878–1899: Childhood to young adulthood"),
    ]
    assert (0, "III Consolidation of power") in titles
    assert (2, "The Great Terror") in titles
    assert (0, "About this edition") in titles


def test_bibliography_is_printed_once_under_its_own_heading(
    pdf_build: tuple[Path, str],
) -> None:
    titles = _outline_titles(PdfReader(pdf_build[0]).outline)
    assert titles.count((0, "Bibliography")) == 1
    pages = _page_texts(pdf_build[0])
    start = next(i for i, p in enumerate(pages) if p.lstrip().startswith("Bibliography"))
    # Its first two pages: the works are many enough to run over a page.
    text = " ".join(" ".join(pages[start : start + 2]).split())
    assert "The works the edition's notes cite" in text
    assert "Young Stalin" in text
    assert "Cited in note" in text


def test_internal_links_land_on_named_destinations(pdf_build: tuple[Path, str]) -> None:
    reader = PdfReader(pdf_build[0])
    destinations = set(reader.named_destinations)
    targets = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if annotation.get("/Subtype") == "/Link" and action and action.get("/S") == "/GoTo":
                targets.append(str(action["/D"]))
    # The contents alone link every part and dated section.
    assert len(targets) >= 20
    assert [t for t in targets if t not in destinations] == []


def _make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-C", str(ROOT), *args, "SPHINXOPTS=-W --keep-going -q"],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764115200"},
    )


def test_an_unknown_paper_is_refused() -> None:
    result = subprocess.run(
        ["make", "-C", str(ROOT), "-n", "latexpdf", "PAPER=a5"], capture_output=True, text=True
    )
    assert result.returncode != 0
    assert 'PAPER must be a4 or letter, not "a5"' in result.stderr


def test_letter_paper_and_preview_images(tmp_path: Path) -> None:
    """`make pdf-preview PAPER=letter` builds a US Letter book and its review images."""
    require_tex()
    result = _make("pdf-preview", "PAPER=letter", f"BUILDDIR={tmp_path}")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    assert _page_size(tmp_path / "latex" / "stalin-edition.pdf") == LETTER
    previews = sorted(p.name for p in (tmp_path / "preview").glob("*.png"))
    assert previews == ["1-title-page.png", "2-verso.png", "3-text-page.png"]
    for preview in (tmp_path / "preview").glob("*.png"):
        assert preview.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
