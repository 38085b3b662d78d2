"""HTML and LaTeX in every field a contributor writes render as inert text.

The fields: an annotation's front matter (its body is refused outright, see
test_annotations.py), a BibTeX entry's fields, a register entry's index form
and description, and a note map locator. Each is built to HTML and LaTeX
with the same hostile text; neither output may carry it as markup.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

# Markup for a browser, commands for TeX (file reads, shell escape), and TeX's
# special characters. BibTeX needs its braces balanced, so one variant keeps them.
HOSTILE = (
    "<script>alert(1)</script><img src=x onerror=alert(2)> "
    "{raw-html}`<b>injected</b>` **bold** "
    "\\input{/etc/passwd} \\write18{touch pwned} % $ # & _ ^ ~"
)
UNBALANCED = HOSTILE + " }{"
# A note map locator may hold no brace at all (a located error, see test_messages.py).
LOCATOR = "<script>alert(1)</script> \\write18 pwned % $ # & _ ^ ~"


def _root(rootdir: Path, tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(rootdir / name, srcdir)
    for file, text in files.items():
        (srcdir / file).write_text(text, encoding="utf-8")
    return srcdir


def _assert_inert_html(outdir: Path) -> int:
    """No page runs the payload; returns how many pages show it as text."""
    shown = 0
    for page in outdir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        # Data in a script (names previews' JSON) is a string; an injected script is not.
        scripts = [s.get_text().strip() for s in soup.find_all("script")]
        assert not [s for s in scripts if s.startswith("alert(")], page
        assert not soup.select("[onerror]"), page
        assert not [img for img in soup.find_all("img") if img.get("src") == "x"], page
        # Nothing is parsed as MyST either: no role runs, no emphasis is made.
        assert not soup.find("b", string="injected"), page
        assert not soup.find("strong", string="bold"), page
        shown += "<script>alert(1)</script>" in soup.get_text()
    return shown


def _assert_inert_tex(outdir: Path) -> str:
    (tex_file,) = outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    # Every backslash of the payload is printed, none starts a command.
    assert not re.search(r"(?<!\\textbackslash\{\})\\(input|write18)", tex)
    assert "\\textbackslash{}input" in tex and "\\textbackslash{}write" in tex
    assert "**bold**" in tex and "\\textless{}b\\textgreater{}injected" in tex
    return tex


def _build(make_app, srcdir: Path, builder: str) -> SphinxTestApp:
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    return app


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_bibtex_fields_and_note_locators(make_app, rootdir, tmp_path, builder: str) -> None:
    bib = (rootdir / "test-notes" / "works.bib").read_text(encoding="utf-8")
    bib = bib.replace("{Stalin: A Biography}", "{" + HOSTILE + "}")
    bib = bib.replace("{Macmillan}", "{" + HOSTILE + "}")
    notes = (rootdir / "test-notes" / "notes.toml").read_text(encoding="utf-8")
    notes = notes.replace('locator = "p. 14"', f"locator = '{LOCATOR}'")
    srcdir = _root(rootdir, tmp_path, "test-notes", {"works.bib": bib, "notes.toml": notes})
    app = _build(make_app, srcdir, builder)
    if builder == "html":
        assert _assert_inert_html(app.outdir) >= 3  # bibliography, notes page, chapter
    else:
        tex = _assert_inert_tex(app.outdir)
        # The locator, in the footnote.
        assert "\\textbackslash{}write18 pwned \\% \\$ \\# \\& \\_ \\textasciicircum{}" in tex


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_register_index_forms_and_descriptions(make_app, rootdir, tmp_path, builder) -> None:
    register = (rootdir / "test-names" / "names.toml").read_text(encoding="utf-8")
    register = register.replace('"Bolshevik leader."', f"'{UNBALANCED}'")
    register = register.replace('index = "Łódź"', f"index = 'Łódź {UNBALANCED}'")
    srcdir = _root(rootdir, tmp_path, "test-names", {"names.toml": register})
    app = _build(make_app, srcdir, builder)
    if builder == "html":
        assert _assert_inert_html(app.outdir) >= 1
    else:
        _assert_inert_tex(app.outdir)


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_annotation_front_matter(make_app, rootdir, tmp_path, builder: str) -> None:
    quoted = UNBALANCED.replace("'", "''")
    annotation = (
        "---\ntarget:\n  quote: diwndling\n"
        f"contributor: '{quoted}'\ndate: 2026-11-26\nkind: correction\n"
        f"reading: diwndling\nproposed: '{quoted}'\n---\n\nA slip.\n"
    )
    srcdir = _root(rootdir, tmp_path, "test-annotations", {"annotations/diwndling.md": annotation})
    app = _build(make_app, srcdir, builder)
    if builder == "html":
        assert _assert_inert_html(app.outdir) >= 2  # the chapter's margin and its own page
    else:
        _assert_inert_tex(app.outdir)


# Constructs that read files or emit raw output, beyond those test_annotations.py
# builds: each is refused before parsing and nothing of it reaches a page.
FILE_READERS = {
    "literalinclude": "```{literalinclude} /etc/hostname\n```",
    "colon-include": ":::{include} ../conf.py\n:::",
    "csv-table": "```{csv-table}\n:file: /etc/hostname\n```",
    "figure": "```{figure} /etc/hostname\n```",
    "nested-eval-rst": "> ```{eval-rst}\n> .. include:: /etc/hostname\n> ```",
    "raw-role": "{raw-html}`<script>alert(1)</script>`",
    "html-comment": "<!-- <script>alert(1)</script> -->",
    "autolink-javascript": "<javascript:alert(1)>",
}


@pytest.mark.parametrize("name", sorted(FILE_READERS))
def test_file_readers_and_raw_output_are_refused(make_app, rootdir, tmp_path, name) -> None:
    annotation = (
        "---\ntarget:\n  quote: diwndling\ncontributor: X\ndate: 2026-11-26\n"
        f"kind: commentary\n---\n\nBefore.\n\n{FILE_READERS[name]}\n"
    )
    srcdir = _root(rootdir, tmp_path, "test-annotations", {"annotations/diwndling.md": annotation})
    app = _build(make_app, srcdir, "html")
    warnings = app.warning.getvalue()
    assert "annotations may not use" in warnings and "[edition.annotation_unsafe]" in warnings
    hostname = Path("/etc/hostname").read_text() if Path("/etc/hostname").is_file() else None
    for page in ("annotations/diwndling.html", "first.html"):
        html = (app.outdir / page).read_text(encoding="utf-8")
        assert "alert(1)" not in html and "extensions = " not in html
        assert hostname is None or len(hostname.strip()) < 8 or hostname.strip() not in html
        assert "Before." not in html  # the whole annotation is withheld
