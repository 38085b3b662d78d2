"""Annotations on a small root: placement, rendering, pages, errors, -j and rebuilds."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from conftest import EPUB_METADATA

ROOT_NAME = "test-annotations"


def _root(rootdir: Path, tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / ROOT_NAME, srcdir)
    for name, text in (files or {}).items():
        (srcdir / name).write_text(text, encoding="utf-8")
    return srcdir


def _build(make_app, srcdir: Path, builder: str = "html", **kwargs: object) -> SphinxTestApp:
    app = make_app(builder, srcdir=srcdir, **kwargs)
    app.build()
    return app


def _warnings(app: SphinxTestApp, srcdir: Path) -> list[str]:
    return [
        line.replace(str(srcdir) + "/", "")
        for line in strip_colors(app.warning.getvalue()).splitlines()
        if "WARNING" in line
    ]


def _soup(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


def test_an_epub_sets_an_annotation_as_a_sidebar(make_app, rootdir, tmp_path) -> None:
    """Sphinx's epub theme floats a sidebar beside the text, as it did when the
    annotation had the book theme's margin classes."""
    srcdir = _root(rootdir, tmp_path)
    app = _build(make_app, srcdir, "epub", freshenv=True, confoverrides=EPUB_METADATA)
    note = _soup(app, "first.xhtml").select_one("aside#annotation-diwndling")
    assert set(note["class"]) == {"sidebar", "annotation-note", "apparatus"}


def test_annotations_are_marked_beside_the_text(make_app, rootdir, tmp_path) -> None:
    srcdir = _root(rootdir, tmp_path)
    app = _build(make_app, srcdir, freshenv=True)
    assert _warnings(app, srcdir) == []
    page = _soup(app, "first.html")
    marks = {m["id"]: m.get_text() for m in page.select("mark.annotated")}
    assert marks == {
        "annotated-note": "[2]",
        "annotated-diwndling": "diwndling",
        "annotated-section": "A section",
    }
    refs = [r.get_text() for r in page.select("sup.annotation-ref")]
    assert refs == ["†1", "†2", "†3"]
    note = page.select_one("aside#annotation-diwndling")
    # None of the classes the book theme's script watches as margin content
    # (it throws on a page without in-page contents): annotations.css places it.
    assert set(note["class"]) == {"annotation-note", "apparatus"}
    assert page.select_one('link[href^="_static/annotations.css"]')
    text = " ".join(note.get_text().split())
    assert text.startswith("†2 Correction on “diwndling” By The editors, 2026-11-26.")
    assert "diwndling] sic in the witness; read dwindling" in text
    assert note.select_one('a[href="bibliography.html#work-service2004"]').get_text() == (
        "Service 2004"
    )
    assert note.select_one('a[href="annotations/diwndling.html"]')
    # The witness's words are unchanged: only wrapped.
    mark = page.select_one("mark#annotated-diwndling")
    assert str(mark.previous_sibling).endswith("The empire was ")
    assert str(mark.next_sibling.next_sibling).startswith(".")


def test_only_a_page_with_annotations_loads_their_style_and_script(
    make_app, rootdir, tmp_path
) -> None:
    """A stylesheet in the head is a request every page waits for before it draws
    (Lighthouse's render-blocking-resources): the pages without annotations, the
    second chapter and the list of annotations, go without annotations.css."""
    app = _build(make_app, _root(rootdir, tmp_path), freshenv=True)
    for name, has_notes in (
        ("first.html", True),
        ("second.html", False),
        ("annotations.html", False),
        ("annotations/section.html", False),
    ):
        page = _soup(app, name)
        assert (page.select_one("aside.annotation-note") is not None) == has_notes, name
        links = [link["href"].split("?")[0] for link in page.select('link[rel="stylesheet"]')]
        scripts = [script["src"].split("?")[0] for script in page.select("script[src]")]
        styled = [link for link in links if link.endswith("_static/annotations.css")]
        scripted = [src for src in scripts if src.endswith("_static/annotations.js")]
        assert (len(styled), len(scripted)) == ((1, 1) if has_notes else (0, 0)), name
        # The other features' files stay on every page.
        assert any(link.endswith("_static/notes.css") for link in links), name
    assert (app.outdir / "_static" / "annotations.css").is_file()


def test_annotation_pages(make_app, rootdir, tmp_path) -> None:
    app = _build(make_app, _root(rootdir, tmp_path), freshenv=True)
    own = _soup(app, "annotations/section.html")
    assert own.select_one("h1").get_text().startswith("Context on the section “A section”")
    back = own.select_one("p.annotation-place a")
    assert back["href"] == "../first.html#annotated-section"
    listing = _soup(app, "annotations.html")
    chapters = listing.select("ul.annotations-by-chapter > li")
    assert [li.p.get_text() for li in chapters] == ["First"]
    people = listing.select("ul.annotations-by-contributor > li")
    assert [li.p.get_text() for li in people] == ["A. Reader", "The editors"]
    assert " ".join(people[0].get_text().split()).endswith(
        "†3 Context on the section “A section” — A. Reader, 2026-11-27"
    )


def test_latex_sets_annotations_as_a_separate_series_of_footnotes(
    make_app, rootdir, tmp_path
) -> None:
    srcdir = _root(rootdir, tmp_path)
    app = _build(make_app, srcdir, "latex", freshenv=True)
    assert _warnings(app, srcdir) == []
    tex = (app.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    assert "The empire was diwndling\\scholarannotationmark{†2}." in tex
    assert "\\scholarannotationtext{†2}{" in tex
    assert "\\section{A section}" in tex  # no marker in a heading


HOSTILE_BODIES = {
    "script": "Hello <script>alert(1)</script> there.",
    "handler": '<img src="x" onerror="alert(1)">',
    "javascript": "[click](javascript:alert(1))",
    "include": "```{include} /etc/passwd\n```",
    "raw": ":::{raw} html\n<script>alert(1)</script>\n:::",
    "eval-rst": "```{eval-rst}\n.. raw:: html\n\n   <script>alert(1)</script>\n```",
    "attributes": '{onclick="alert(1)" .x}\nA paragraph.',
}


@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
def test_hostile_markup_is_refused_and_never_rendered(make_app, rootdir, tmp_path, name) -> None:
    body = HOSTILE_BODIES[name]
    annotation = (
        "---\ntarget:\n  quote: Cited again.\ncontributor: X\n"
        f"date: 2026-11-26\nkind: commentary\n---\n\n{body}\n"
    )
    srcdir = _root(rootdir, tmp_path, {"annotations/hostile.md": annotation})
    app = _build(make_app, srcdir, freshenv=True)
    warnings = _warnings(app, srcdir)
    assert any(
        w.startswith("annotations/hostile.md:")
        and "WARNING: annotations may not use" in w
        and w.endswith("[edition.annotation_unsafe]")
        for w in warnings
    ), warnings
    for page in ("annotations/hostile.html", "first.html"):
        html = (app.outdir / page).read_text(encoding="utf-8")
        assert "alert(1)" not in html
        assert "onerror" not in html and "onclick" not in html


def test_latex_special_characters_cannot_inject(make_app, rootdir, tmp_path) -> None:
    annotation = (
        "---\ntarget:\n  quote: Cited again.\n"
        "contributor: '\\input{/etc/passwd} \\write18{rm -rf /} }{'\n"
        "date: 2026-11-26\nkind: commentary\n---\n\n"
        "Text with \\input{/etc/passwd}, \\write18{touch x}, unbalanced { and }"
        " and % # $ _ ^ ~ &.\n"
    )
    srcdir = _root(rootdir, tmp_path, {"annotations/tex.md": annotation})
    app = _build(make_app, srcdir, "latex", freshenv=True)
    assert _warnings(app, srcdir) == []
    tex = (app.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    assert "\\input{/etc" not in tex and "\\write18{" not in tex
    assert "\\textbackslash{}input\\{/etc/passwd\\}" in tex
    assert "\\textbackslash{}write18\\{rm \\sphinxhyphen{}rf /\\} \\}\\{" in tex


def _annotation(target: str, extra: str = "", kind: str = "commentary") -> str:
    return (
        f"---\ntarget:\n{target}\ncontributor: A. Reader\ndate: 2026-11-26\n"
        f"kind: {kind}\n{extra}---\n\nSome text.\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            _annotation("  quote: The empire was"),
            "annotations/bad.md:2: WARNING: target “The empire was” matches 3 passages; add a "
            "prefix or suffix to choose one: first:3: …",
        ),
        (
            _annotation("  quote: The empyre was large"),
            "annotations/bad.md:2: WARNING: target “The empyre was large” matches no passage; "
            "closest: “The empire was large.”",
        ),
        (
            _annotation("  section: No such section"),
            "annotations/bad.md:2: WARNING: target the section “No such section” matches no "
            "passage",
        ),
        (
            _annotation("  note: 7"),
            "annotations/bad.md:2: WARNING: target note [7] matches no passage",
        ),
        (
            _annotation("  quote: diwndling", kind="remark"),
            "annotations/bad.md:6: WARNING: kind must be one of commentary, correction, "
            "context, source, not 'remark' [edition.annotation_front_matter]",
        ),
        (
            _annotation("  quote: diwndling", "colour: red\n"),
            "annotations/bad.md:7: WARNING: unknown field 'colour'",
        ),
        (
            _annotation("  quote: diwndling", "cites: [nobody2020]\n"),
            "annotations/bad.md:7: WARNING: no BibTeX entry with key 'nobody2020' in "
            "the bibliography (bibtex_bibfiles) [edition.annotation_front_matter]",
        ),
        (
            _annotation("  quote: diwndling", "reading: diwndling\n", kind="correction"),
            "annotations/bad.md:6: WARNING: a correction gives the witness's reading and the "
            "proposed reading [edition.annotation_front_matter]",
        ),
        (
            _annotation("  quote: diwndling").replace("date: 2026-11-26", "date: 26/11/2026"),
            "annotations/bad.md:5: WARNING: date must be written YYYY-MM-DD",
        ),
        (
            _annotation("  quote: diwndling").replace("contributor: A. Reader", "contributor: ''"),
            "annotations/bad.md:4: WARNING: contributor must be a name or handle",
        ),
        (
            _annotation("  quote: diwndling").replace("date: 2026-11-26\n", ""),
            "annotations/bad.md:1: WARNING: the front matter needs the field 'date'",
        ),
        (
            _annotation(
                "  quote: diwndling", "reading: dwindle\nproposed: dwindling\n", "correction"
            ),
            "annotations/bad.md:7: WARNING: the reading 'dwindle' is not in the quoted passage",
        ),
        (
            _annotation("  quote: diwndling").replace("Some text.\n", ""),
            "annotations/bad.md:8: WARNING: the annotation has no text",
        ),
        (
            _annotation("  quote: [diwndling"),
            "annotations/bad.md:3: WARNING: the front matter is not valid YAML",
        ),
    ],
)
def test_bad_annotations_are_named_at_their_line(
    make_app, rootdir, tmp_path, text: str, expected: str
) -> None:
    srcdir = _root(rootdir, tmp_path, {"annotations/bad.md": text})
    app = _build(make_app, srcdir, freshenv=True)
    warnings = _warnings(app, srcdir)
    assert any(w.startswith(expected) for w in warnings), warnings


def test_parallel_build_is_identical(make_app, rootdir, tmp_path) -> None:
    serial = _build(make_app, _root(rootdir, tmp_path / "a"), freshenv=True)
    parallel = _build(make_app, _root(rootdir, tmp_path / "b"), freshenv=True, parallel=2)
    for name in ("first.html", "second.html", "annotations.html", "annotations/note.html"):
        assert (serial.outdir / name).read_bytes() == (parallel.outdir / name).read_bytes(), name


def test_adding_an_annotation_rewrites_only_the_pages_that_show_it(
    make_app, rootdir, tmp_path
) -> None:
    srcdir = _root(rootdir, tmp_path)
    first = _build(make_app, srcdir, freshenv=True)
    pages = ["first.html", "second.html", "notes.html", "annotations.html", "index.html"]
    before = {name: (first.outdir / name).stat().st_mtime_ns for name in pages}
    (srcdir / "annotations" / "second.md").write_text(
        _annotation("  quote: Cited again."), encoding="utf-8"
    )
    app = _build(make_app, srcdir, status=io.StringIO())
    after = {name: (app.outdir / name).stat().st_mtime_ns for name in pages}
    # index.html: Sphinx rewrites the page whose toctree lists a rewritten one.
    assert sorted(n for n in pages if after[n] != before[n]) == [
        "annotations.html",
        "index.html",
        "second.html",
    ]
    assert _soup(app, "second.html").select_one("mark#annotated-second").get_text() == (
        "Cited again."
    )
