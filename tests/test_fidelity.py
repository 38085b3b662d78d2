"""Every word and marker of the witness, in order, in the HTML and the PDF."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import edition_at, unavailable
from edition_tools import fidelity, new_edition
from scholarly_edition.html import text_container
from scholarly_edition.text import structure


def _tokens(text: str, place: str) -> list[fidelity.Token]:
    return fidelity.tokens(text, place)


def test_compare_reports_a_lost_word_with_both_places() -> None:
    witness = _tokens("Stalin was born in Gori,[3] then part", "witness line 20")
    output = _tokens("Stalin was born Gori,[3] then part", "page.html")
    report = fidelity.compare("HTML", witness, output, allow_extra=False)
    assert report.problems == ("delete: witness «in» at witness line 20; output «» at page.html",)
    assert report.percent < 100


def test_compare_reports_a_lost_marker_even_where_extra_text_is_allowed() -> None:
    witness = _tokens("in Gori,[3] then", "w")
    output = _tokens("in Gori, then 12 Chapter 1", "pdf page 3")
    report = fidelity.compare("PDF", witness, output, allow_extra=True)
    assert [p.split(":")[0] for p in report.problems] == ["delete"]
    assert "[3]" in report.problems[0]


def test_compare_reports_reordering() -> None:
    witness = _tokens("one two three four", "w")
    output = _tokens("one three two four", "o")
    assert fidelity.compare("HTML", witness, output, allow_extra=True).problems


def test_extra_text_fails_html_but_not_pdf() -> None:
    witness = _tokens("one two", "w")
    output = _tokens("one apparatus two", "o")
    assert fidelity.compare("HTML", witness, output, allow_extra=False).problems
    assert not fidelity.compare("PDF", witness, output, allow_extra=True).problems


def test_tokens_keep_markers_and_ignore_line_end_hyphens() -> None:
    assert [t.text for t in _tokens("Soviet-aligned [h][d] [O.S. 6", "w")] == [
        "Sovietaligned",
        "[h]",
        "[d]",
        "O",
        "S",
        "6",
    ]


def test_html_edition_is_faithful(
    html_build: tuple[Path, str], edition: structure.Structure
) -> None:
    report = fidelity.check_html(edition, html_build[0])
    assert report.problems == ()
    assert report.percent == 100.0
    assert report.witness_count > 10000


@pytest.mark.pdf
def test_pdf_edition_is_faithful(pdf_build: tuple[Path, str], edition: structure.Structure) -> None:
    report = fidelity.check_pdf(edition, pdf_build[0])
    assert report.problems == ()
    assert report.percent == 100.0


def _one_line_edition(tmp_path: Path) -> Path:
    """A new edition of a one-line witness, with its page built as the HTML would give it."""
    witness = tmp_path / "w.txt"
    witness.write_text("One line of text.\n", encoding="utf-8")
    root = tmp_path / "edition"
    new_edition.create(root, witness, "T", sys.executable)
    html = root / "_build" / "html"
    html.mkdir(parents=True)
    (html / "index.html").write_text(
        f"<article>{text_container.MARK}<h1>T</h1><p>One line of text.</p></article>",
        encoding="utf-8",
    )
    return root


def test_verify_does_not_check_a_pdf_older_than_the_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A PDF left in _build from before an edit is reported as such, not checked."""
    root = _one_line_edition(tmp_path)
    pdf = root / "_build" / "latex" / "old-title.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"not a PDF: never read")
    os.utime(pdf, ns=(1, 1))
    mapping = structure.load(root / "refs" / "structure.toml")
    assert fidelity.main(edition_at(root), mapping, None, None) == 0
    out = capsys.readouterr().out
    assert f"PDF: {pdf} is older than CITATION.cff, not checked" in out
    assert "HTML fidelity: 100.00%" in out


def test_a_pdf_older_than_a_data_file_conf_py_names_anywhere_is_not_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The note map kept outside the sources and the structure map's folder is a
    source of the PDF too: where conf.py puts it, not where refs/ would."""
    root = _one_line_edition(tmp_path)
    (root / "notes").mkdir()
    (root / "refs" / "notes.toml").rename(root / "notes" / "notes.toml")
    conf = root / "docs" / "conf.py"
    text = conf.read_text(encoding="utf-8")
    conf.write_text(text.replace("../refs/notes.toml", "../notes/notes.toml"), encoding="utf-8")
    pdf = root / "_build" / "latex" / "t.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"not a PDF: never read")
    made = max(path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file())
    os.utime(pdf, ns=(made + 10**9, made + 10**9))
    edited = made + 2 * 10**9
    os.utime(root / "notes" / "notes.toml", ns=(edited, edited))
    mapping = structure.load(root / "refs" / "structure.toml")
    assert fidelity.main(edition_at(root), mapping, None, None) == 0
    out = capsys.readouterr().out
    assert f"PDF: {pdf} is older than notes/notes.toml, not checked" in out


def test_a_pdf_pdftotext_cannot_read_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A PDF cut short (an interrupted run of latexmk) is reported with the fix."""
    if not shutil.which("pdftotext"):
        unavailable("pdftotext", "apt-get install poppler-utils")
    root = _one_line_edition(tmp_path)
    pdf = tmp_path / "cut.pdf"
    pdf.write_bytes(b"%PDF-1.5\n")
    mapping = structure.load(root / "refs" / "structure.toml")
    assert fidelity.main(edition_at(root), mapping, None, pdf) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {pdf}: pdftotext cannot read it ("), err
    assert err.rstrip().endswith("); run `make latexpdf`"), err
