"""The fidelity check: every word and marker of the witness, in order, in the output.

The witness and the built edition are cut into tokens (words and bracketed
markers) and aligned with :mod:`difflib`. In HTML, apparatus is removed first
(elements with class ``apparatus`` and the other editorial furniture listed
below), so the reading text must equal the witness exactly; so must the TEI
edition's text, without the editors' notes and readings (``tei.reading``). In the PDF,
apparatus, running heads and page numbers cannot be told apart from the text,
so extra tokens are allowed there; a missing or changed witness token fails
both checks, with its witness line and its place in the output.
"""

from __future__ import annotations

import bisect
import difflib
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from bs4 import BeautifulSoup

from scholarly_edition._util.markers import MARKER
from scholarly_edition.html import text_container
from scholarly_edition.tei.reading import reading_text
from scholarly_edition.text.structure import Structure

from .configuration import Edition

# Markers (a grouped label, "[n 1]", is one token), and words with their own
# hyphens dropped: pdftotext removes the hyphen of a compound broken at a line
# end just as it removes TeX's hyphens.
TOKEN = re.compile(rf"{MARKER.pattern}|\[\w+\]|\w+(?:-\w+)*")
# Editorial furniture in the HTML: never text of the witness.
HTML_APPARATUS = ", ".join(
    [
        ".apparatus",
        ".headerlink",
        ".toctree-wrapper",
        ".rubric",
        ".admonition-title",
        "dl.field-list > dt",
    ]
)
# The element holding a page's text, which the extension marks whatever the theme.
HTML_MAIN = text_container.CONTAINER
_LINE_END_HYPHEN = re.compile(r"(\w)-\n(\w)")


@dataclass(frozen=True)
class Token:
    text: str
    place: str


@dataclass(frozen=True)
class Report:
    """The outcome of one comparison; ``problems`` is empty at 100% fidelity."""

    name: str
    witness_count: int
    matched: int
    problems: tuple[str, ...]

    @property
    def percent(self) -> float:
        return 100.0 * self.matched / self.witness_count if self.witness_count else 0.0

    def summary(self) -> str:
        return (
            f"{self.name} fidelity: {self.percent:.2f}% "
            f"({self.matched} of {self.witness_count} witness tokens in order)"
        )


def tokens(text: str, place: str, fold: bool = False) -> list[Token]:
    """Words and markers of ``text``; ``fold`` ignores case (PDF headings are set in capitals)."""
    text = unicodedata.normalize("NFKC", text)
    if fold:
        text = text.casefold()
    return [Token(m.group().replace("-", ""), place) for m in TOKEN.finditer(text)]


def witness_tokens(structure: Structure, fold: bool = False) -> list[Token]:
    result: list[Token] = []
    for number, line in enumerate(structure.lines, start=1):
        result += tokens(line, f"witness line {number}", fold)
    return result


def html_tokens(structure: Structure, html_dir: Path) -> list[Token]:
    """The reading text of every chapter page, in the order of the structure map."""
    result: list[Token] = []
    for chapter in structure.chapters:
        page = html_dir / f"{chapter.file}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        main = soup.select_one(HTML_MAIN)
        if main is None:
            raise ValueError(f"{page}: no span.{text_container.CLASS} marks its text")
        for element in main.select(HTML_APPARATUS):
            element.decompose()
        if chapter.first == 1:
            title = main.find("h1")
            if title is not None:
                title.decompose()
        result += tokens(main.get_text(), str(page))
    return result


def pdf_tokens(pdf: Path) -> list[Token]:
    """Case-folded tokens of ``pdftotext`` output, page by page.

    A PDF pdftotext cannot read (cut short by an interrupted build) is a
    ``ValueError`` saying what pdftotext said.
    """
    try:
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    except subprocess.CalledProcessError as exc:
        said = exc.stderr.strip().splitlines()
        detail = said[-1] if said else f"exit status {exc.returncode}"
        raise ValueError(f"{pdf}: pdftotext cannot read it ({detail})") from None
    result: list[Token] = []
    for number, page in enumerate(text.split("\f"), start=1):
        page = _LINE_END_HYPHEN.sub(r"\1-\2", page)
        result += tokens(page, f"{pdf} page {number}", fold=True)
    return result


def tei_tokens(tei: Path) -> list[Token]:
    """Words and markers of the TEI edition's reading text, each at its ``xml:id``.

    The pieces are joined before they are cut into words: a word may run across
    an element ("anti-" and a tagged "Stalin").
    """
    starts: list[int] = []
    places: list[str] = []
    text = ""
    for piece, place in reading_text(tei):
        starts.append(len(text))
        places.append(place)
        text += unicodedata.normalize("NFKC", piece)
    return [
        Token(m.group().replace("-", ""), places[bisect.bisect_right(starts, m.start()) - 1])
        for m in TOKEN.finditer(text)
    ]


def compare(name: str, witness: list[Token], output: list[Token], allow_extra: bool) -> Report:
    """Align ``output`` with ``witness``; report what is missing, changed or (unless
    ``allow_extra``) added, with places on both sides."""
    matcher = difflib.SequenceMatcher(
        None, [t.text for t in witness], [t.text for t in output], autojunk=False
    )
    problems = []
    matched = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            matched += i2 - i1
            continue
        if op == "insert" and allow_extra:
            continue
        where_w = witness[i1].place if i1 < len(witness) else "end of witness"
        where_o = output[j1].place if j1 < len(output) else "end of output"
        lost = " ".join(t.text for t in witness[i1:i2][:12])
        found = " ".join(t.text for t in output[j1:j2][:12])
        problems.append(f"{op}: witness «{lost}» at {where_w}; output «{found}» at {where_o}")
    return Report(name, len(witness), matched, tuple(problems))


def check_html(structure: Structure, html_dir: Path) -> Report:
    return compare("HTML", witness_tokens(structure), html_tokens(structure, html_dir), False)


def check_pdf(structure: Structure, pdf: Path) -> Report:
    return compare("PDF", witness_tokens(structure, fold=True), pdf_tokens(pdf), True)


def check_tei(structure: Structure, tei: Path) -> Report:
    return compare("TEI", witness_tokens(structure), tei_tokens(tei), False)


def built_pdf(edition: Edition) -> tuple[Path | None, Path | None]:
    """The newest PDF in the build folder's ``latex``, and a source newer than it if any.

    A PDF left from an earlier build (or from an earlier title of the edition)
    is not the edition as it is now: checking it would report the fidelity of
    old sources.
    """
    built = sorted((edition.build / "latex").glob("*.pdf"), key=lambda p: p.stat().st_mtime_ns)
    if not built:
        return None, None
    return built[-1], newer_source(edition, built[-1])


def built_tei(edition: Edition) -> tuple[Path | None, Path | None]:
    """The build folder's ``tei/edition.xml`` if built, and a source newer than it if any."""
    tei = edition.build / "tei" / "edition.xml"
    if not tei.is_file():
        return None, None
    return tei, newer_source(edition, tei)


def newer_source(edition: Edition, output: Path) -> Path | None:
    """A source of the edition changed after ``output`` was made, if there is one: the
    Sphinx sources, the folder of the structure map, the annotations, and each data
    file where ``conf.py`` puts it (the note map, BibTeX, register, article, citation)."""
    made = output.stat().st_mtime_ns
    folders = {edition.source, edition.structure.parent, edition.annotations.resolve()}
    named = (edition.notes, edition.register, edition.article, edition.citation)
    sources = [path for path in named if path] + edition.works
    for folder in sorted(folders):
        sources += [p for p in folder.rglob("*") if edition.build not in p.parents]
    for source in sorted(sources):
        if source.is_file() and source.stat().st_mtime_ns > made:
            return Path(edition.shown(source))
    return None


def main(edition: Edition, structure: Structure, html: Path | None, pdf: Path | None) -> int:
    """Print a report per output; exit status 1 unless each is at 100%."""
    html = html or edition.build / "html"
    newer = None
    if pdf is None:
        pdf, newer = built_pdf(edition)
    reports = []
    if not (html / "index.html").is_file():
        print(f"error: no HTML edition at {html}: run `make html` first", file=sys.stderr)
        return 1
    try:
        reports.append(check_html(structure, html))
    except (OSError, ValueError) as exc:  # a chapter page missing, or not built by the extension
        print(f"error: {exc}; run `make html`", file=sys.stderr)
        return 1
    if newer is not None:
        print(
            f"PDF: {pdf} is older than {newer}, not checked (run `make latexpdf` to check it too)"
        )
    elif pdf is not None and pdf.is_file():
        try:
            reports.append(check_pdf(structure, pdf))
        except ValueError as exc:
            print(f"error: {exc}; run `make latexpdf`", file=sys.stderr)
            return 1
    else:
        print("PDF: not built (run `make latexpdf` to check it too)")
    tei, tei_newer = built_tei(edition)
    if tei is None:
        print("TEI: not built (run `make tei` to check it too)")
    elif tei_newer is not None:
        print(f"TEI: {tei} is older than {tei_newer}, not checked (run `make tei` to check it too)")
    else:
        try:
            reports.append(check_tei(structure, tei))
        except (OSError, ValueError, ET.ParseError) as exc:
            print(f"error: {exc}; run `make tei`", file=sys.stderr)
            return 1
    for report in reports:
        print(report.summary())
        for problem in report.problems:
            print(f"  {problem}")
    return 0 if all(not r.problems for r in reports) else 1
