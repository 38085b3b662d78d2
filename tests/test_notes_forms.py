"""Notes as `resolve` writes them: a work cited whole, a note's own text, grouped labels."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from scholarly_edition._util import markers
from scholarly_edition.notes import data as notes_data


def _soup(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="resolved-notes", freshenv=True)
def test_grouped_labels_are_markers_and_other_brackets_text(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    page = _soup(app, "text.html")
    refs = page.select("sup.note-ref")
    assert [r.get_text() for r in refs] == ["[1]", "[n 1]", "[a]", "[nb 2]"]
    assert [r["id"] for r in refs] == ["ref-1-1", "ref-n-1-1", "ref-a-1", "ref-nb-2-1"]
    assert refs[1].a["href"] == "notes.html#note-n-1"
    text = " ".join(page.get_text().split())
    for bracket in ("[x 1]", "[citation needed]", "[sic]", "[O.S. 6 December]"):
        assert bracket in text


@pytest.mark.sphinx("html", testroot="resolved-notes", freshenv=True)
def test_a_note_shows_its_text_and_works_cited_whole(app: SphinxTestApp) -> None:
    app.build()
    page = _soup(app, "text.html")
    previews = [p.get_text() for p in page.select(".note-preview")]
    assert previews == [
        "Note 1: King 2003; Smith 1999, p. 3: “The charter <i>was</i> lost.”",
        r"Note n 1: The charter says <b>1801</b> & \input{x}. (Smith 1999, p. 88)",
        "Note a: The letter is undated.",
        "Note nb 2: Source not yet identified.",
    ]
    # The note's text is text: its angle brackets are not markup.
    assert page.select_one(".note-text b") is None
    assert page.select_one(".note-quote i") is None
    entries = _soup(app, "notes.html").select("li.note-entry")
    assert [e["id"] for e in entries] == ["note-1", "note-n-1", "note-a", "note-nb-2"]
    assert entries[0].select_one('a[href="bibliography.html#work-king2003"]')


@pytest.mark.sphinx("latex", testroot="resolved-notes", freshenv=True)
def test_a_note_text_is_escaped_in_latex(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    tex = (app.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    assert r"\scholarnotemark{n 1}{\detokenize{text:ref-n-1-1}}" in tex
    assert (
        r"The charter says \textless{}b\textgreater{}1801\textless{}/b\textgreater{} "
        r"\& \textbackslash{}input\{x\}." in tex
    )
    assert "\\input{x}" not in tex


@pytest.mark.sphinx(
    "html", testroot="resolved-notes", freshenv=True, confoverrides={"edition_note_groups": []}
)
def test_the_groups_are_configurable(app: SphinxTestApp) -> None:
    app.build()
    refs = [r.get_text() for r in _soup(app, "text.html").select("sup.note-ref")]
    assert refs == ["[1]", "[a]"]
    warnings = strip_colors(app.warning.getvalue())
    assert "note n 1 is in the note map but never cited in the text" in warnings
    assert "note nb 2 is in the note map but never cited in the text" in warnings


def test_the_default_marker_syntax() -> None:
    text = "a[3] b[n 1] c[nb 12] d[h] [O.S. 6 December] [citation needed] [sic] [in 1917] [٣]"
    assert [m.group(1) for m in markers.MARKER.finditer(text)] == ["3", "n 1", "nb 12", "h"]
    only = markers.pattern(("note",))
    assert [m.group(1) for m in only.finditer("x[note 2] y[n 1]")] == ["note 2"]
    assert markers.slug("nb 12") == "nb-12"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('{ text = "" }', "note n 1: a note with text is { text = ..., cites = [...] }"),
        ('{ text = "T", page = 3 }', "note n 1: a note with text is { text = ..., cites = [...] }"),
        ('{ text = "T", cites = "k" }', "note n 1: cites is a list of citations"),
        ('{ text = "T", cites = [{ locator = "p. 1" }] }', "note n 1: each citation is"),
        ('[{ key = "k", locator = "" }]', "note n 1: citation of 'k' has an empty locator"),
        ('[{ key = "gone" }]', "note n 1: no BibTeX entry with key 'gone'"),
        ('[{ key = "k", quote = " " }]', "note n 1: the quotation of 'k' is empty"),
    ],
)
def test_messages_of_the_new_forms(tmp_path: Path, value: str, expected: str) -> None:
    path = tmp_path / "notes.toml"
    path.write_text(f'[notes]\n"n 1" = {value}\n', encoding="utf-8")
    [problem] = notes_data.load(path, {"k"}).problems
    assert str(problem).startswith(f"{path}:2: {expected}")


@pytest.mark.sphinx("html", testroot="resolved-notes", freshenv=True)
def test_the_count_tells_notes_with_text_from_those_without(app: SphinxTestApp) -> None:
    app.build()
    text = " ".join(_soup(app, "report.html").get_text().split())
    assert (
        "4 notes are cited in the text: 1 resolved, 1 unresolved, 0 explanatory notes whose "
        "text the witness lacks, 2 notes with their text from the article's list."
    ) in text


def test_commands_outside_sphinx_read_the_groups_from_conf_py(tmp_path: Path) -> None:
    conf = tmp_path / "conf.py"
    conf.write_text('import os\nedition_note_groups = ["x"]\nos.remove("/")\n', encoding="utf-8")
    found = [m.group(1) for m in markers.configured(conf).finditer("a[x 1] b[n 1] c[2]")]
    assert found == ["x 1", "2"]
    conf.write_text("edition_note_groups = list(GROUPS)\n", encoding="utf-8")
    assert markers.configured(conf) is markers.MARKER
    assert markers.configured(tmp_path / "missing.py") is markers.MARKER


def _copy(rootdir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "resolved-notes"
    shutil.copytree(rootdir / "test-resolved-notes", target)
    return target


def _html(make_app, srcdir: Path, **kwargs: object) -> SphinxTestApp:
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


def test_parallel_build_is_identical(make_app, rootdir: Path, tmp_path: Path) -> None:
    serial = _html(make_app, _copy(rootdir, tmp_path / "a"), freshenv=True)
    parallel = _html(make_app, _copy(rootdir, tmp_path / "b"), freshenv=True, parallel=2)
    for name in ("text.html", "notes.html", "report.html", "about.html"):
        assert (serial.outdir / name).read_bytes() == (parallel.outdir / name).read_bytes(), name


def test_the_provenance_and_its_edits_are_shown(make_app, rootdir: Path, tmp_path: Path) -> None:
    srcdir = _copy(rootdir, tmp_path)
    app = _html(make_app, srcdir, freshenv=True)
    paragraph = _soup(app, "about.html").select_one("p.article-provenance")
    paragraph.select_one(".paragraph-link").decompose()
    assert paragraph.get_text() == (
        "The notes come from the reference list of “Example <Article>”, "
        "revision 123456789 of 2021-03-03."
    )
    assert paragraph.a["href"] == "https://en.wikipedia.org/w/index.php?oldid=123456789"
    (srcdir / "article.toml").write_text('title = "Example"\n', encoding="utf-8")
    notes = srcdir / "notes.toml"
    notes.write_text(notes.read_text().replace("The letter is undated.", "It is dated 1802."))
    app = _html(make_app, srcdir)
    about = _soup(app, "about.html").select_one("p.article-provenance")
    about.select_one(".paragraph-link").decompose()
    assert about.get_text().startswith("The revision of the article is not identified")
    assert "Note a: It is dated 1802." in _soup(app, "text.html").get_text()
    assert "It is dated 1802." in _soup(app, "notes.html").get_text()
