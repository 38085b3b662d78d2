"""A TeX error never waits at a prompt, names the annotation it is in, and leaves no PDF."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ROOT, make_latex_pdf, pdf_text, require_tex
from scholarly_edition._util import latex_errors
from scholarly_edition.annotations import file as annotations_file
from scholarly_edition.notes import bib_lint
from scholarly_edition.notes import data as notes_data

pytestmark = pytest.mark.pdf

ANNOTATION = (
    "---\ntarget:\n  quote: baptised later\ncontributor: A. Reader\ndate: 2026-11-30\n"
    "kind: context\n---\n\nA note with *emphasis*.\n"
)


# Every construct an annotation may hold, lists and quotations as deep as allowed,
# TeX's special characters in text, code and a web address.
EVERYTHING = (
    "---\ntarget:\n  quote: baptised later\ncontributor: A. Reader & Co. $5 50% ~x_y ^ \\\\\n"
    "date: 2026-11-30\nkind: context\ncites: [service2004]\n---\n\n"
    "Text with *emphasis*, **strong**, `code \\ { } % $ & # _ ^ ~`, a\n"
    "[link](https://example.org/a_b%20c#x), {cite:p}`service2004`, {cite:t}`conquest1991`,\n"
    "a note [1] and [a page](../first.md); 50% & $5 # _ ^ ~ \\ { }.\n\n"
    "- one\n  - two\n    - three\n\n1. first\n2. second\n\n> quoted\n>\n> > twice\n>\n"
    "> > - thrice\n\nA last paragraph.\n"
)


def _latex(rootdir: Path, tmp_path: Path, files: dict[str, str]) -> tuple[Path, Path, str]:
    """The annotations test root with ``files`` added, written as LaTeX for xelatex:
    (source folder, LaTeX folder, the build's warnings)."""
    require_tex()
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    for name, text in files.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    app = SphinxTestApp("latex", srcdir=srcdir, confoverrides={"latex_engine": "xelatex"})
    try:
        app.build()
        return srcdir, app.outdir, app.warning.getvalue()
    finally:
        app.cleanup()


def test_whatever_the_check_allows_builds_in_the_pdf(rootdir: Path, tmp_path: Path) -> None:
    srcdir, outdir, warnings = _latex(rootdir, tmp_path, {"annotations/everything.md": EVERYTHING})
    path = srcdir / "annotations" / "everything.md"
    keys = set(bib_lint.check(srcdir / "works.bib").keys)
    notes = set(notes_data.load(srcdir / "notes.toml", keys).notes)
    refs = annotations_file.References(keys, notes, srcdir)
    assert annotations_file.read(path, EVERYTHING, refs).problems == []
    assert "WARNING" not in warnings, warnings
    result = make_latex_pdf(outdir)
    assert result.returncode == 0, result.stdout[-3000:]
    (pdf,) = outdir.glob("*.pdf")
    text = pdf_text(pdf)
    assert "code \\ { } % $ & # _ ^ ~" in text and "thrice" in text, text


def test_an_error_inside_an_annotation_names_its_file(rootdir: Path, tmp_path: Path) -> None:
    srcdir, outdir, _ = _latex(rootdir, tmp_path, {"annotations/late-baptism.md": ANNOTATION})
    (tex,) = outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    begin = latex_errors.BEGIN + "annotations/late-baptism\n"
    assert begin in text and latex_errors.END + "annotations/late-baptism\n" in text
    # What TeX might fail on in a contributor's text, stood for by an undefined command.
    tex.write_text(text.replace("A note with", r"A note \undefinedbyanyone with"), "utf-8")
    result = make_latex_pdf(outdir)
    assert result.returncode != 0
    message = latex_errors.explain(outdir, srcdir)
    assert message.startswith(
        f"{srcdir}/annotations/late-baptism.md: TeX cannot typeset this annotation "
        "(Undefined control sequence."
    ), message


def test_an_error_outside_annotations_names_the_tex_line(rootdir: Path, tmp_path: Path) -> None:
    srcdir, outdir, _ = _latex(rootdir, tmp_path, {})
    (tex,) = outdir.glob("*.tex")
    lines = tex.read_text(encoding="utf-8").splitlines()
    at = lines.index(r"\begin{document}") + 2
    lines.insert(at - 1, r"\undefinedbyanyone")
    tex.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert make_latex_pdf(outdir).returncode != 0
    message = latex_errors.explain(outdir, srcdir)
    assert message.startswith(f"{tex}:{at}: TeX error: Undefined control sequence."), message


def test_make_latexpdf_stops_at_an_error_and_leaves_no_pdf(tmp_path: Path) -> None:
    """The real Makefile on a copy of the edition whose book design has a TeX error."""
    require_tex()
    for name in ("docs", "refs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("Makefile", "pyproject.toml", "CITATION.cff"):
        shutil.copy2(ROOT / name, tmp_path / name)
    stamp = tmp_path / "installed"
    stamp.touch()  # newer than pyproject.toml: the project's environment is used as it is
    design = tmp_path / "docs" / "_latex" / "editiontitle.def"
    design.write_text(r"\undefinedbyanyone" + "\n" + design.read_text("utf-8"), "utf-8")
    stale = tmp_path / "_build" / "latex" / "stalin-edition.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF-1.5 an old build")
    result = subprocess.run(
        ["make", "-C", str(tmp_path), "latexpdf", f"VENV={sys.prefix}", f"STAMP={stamp}"],
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0
    assert "error: " in result.stderr and "Undefined control sequence." in result.stderr, (
        result.stderr[-3000:]
    )
    assert not list((tmp_path / "_build" / "latex").glob("*.pdf"))
