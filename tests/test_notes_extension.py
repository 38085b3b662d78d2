"""The note apparatus on a small root: links, backlinks, previews, pages, -j and rebuilds."""

from __future__ import annotations

import shutil
from importlib.metadata import entry_points
from pathlib import Path

import pybtex.plugin
import pytest
from bs4 import BeautifulSoup
from pybtex.richtext import Text
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from scholarly_edition.notes import style as citation_style


def _soup(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="notes", freshenv=True)
def test_markers_become_links_with_previews(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    page = _soup(app, "first.html")
    refs = page.select("sup.note-ref")
    assert [r.get_text() for r in refs] == ["[1]", "[2]", "[1]", "[a]", "[1]"]
    assert [r["id"] for r in refs] == ["ref-1-1", "ref-2-1", "ref-1-2", "ref-a-1", "ref-1-3"]
    assert refs[0].a["href"] == "notes.html#note-1"
    # What a note says is written once per page, after the text, whatever its uses.
    previews = page.select(".note-preview")
    assert [p["id"] for p in previews] == ["preview-1", "preview-2", "preview-a"]
    assert all(p.parent["class"][:1] == ["note-previews"] for p in previews)
    assert not any(r.find_next_sibling("span", class_="note-preview") for r in refs)
    preview = previews[0]
    assert "note-preview" in preview["class"] and "apparatus" in preview["class"]
    assert preview.get_text() == "Note 1: Service 2004, p. 14; Conquest 1991, pp. 2–3"
    assert preview.select_one('a[href="bibliography.html#work-service2004"]')
    assert previews[1].get_text() == "Note 2: Source not yet identified."
    assert "no-search" in preview["class"]
    letter = previews[2].get_text()
    assert letter == "Note a: Explanatory note of the article; its text is not in the witness."
    # Without JavaScript a marker still leads to what its note says.
    entry = _soup(app, "notes.html").select_one("#note-1").get_text()
    assert entry.endswith("Service 2004, p. 14; Conquest 1991, pp. 2–3")


@pytest.mark.sphinx("html", testroot="notes", freshenv=True)
def test_brackets_that_are_not_notes_stay_text(app: SphinxTestApp) -> None:
    app.build()
    page = _soup(app, "first.html")
    text = page.get_text()
    assert "[O.S. 6 December]" in text
    assert page.select_one("code").get_text() == "[2]"
    link = page.select_one('a[href="https://example.org"]')
    assert link.get_text() == "a link [2]"
    assert link.select_one("sup") is None


@pytest.mark.sphinx("html", testroot="notes", freshenv=True)
def test_notes_page_lists_each_note_once_with_every_backlink(app: SphinxTestApp) -> None:
    app.build()
    entries = _soup(app, "notes.html").select("li.note-entry")
    assert [e["id"] for e in entries] == ["note-1", "note-2", "note-a"]
    backlinks = entries[0].select(".note-backlinks a")
    assert [a.get_text() for a in backlinks] == ["a", "b", "c", "d"]
    assert [a["href"] for a in backlinks] == [
        "first.html#ref-1-1",
        "first.html#ref-1-2",
        "first.html#ref-1-3",
        "second.html#ref-1-1",
    ]
    assert [a.get_text() for a in entries[1].select(".note-backlinks a")] == ["↩"]
    # An open note says so; how to resolve one is the notes report's business.
    assert " ".join(entries[1].get_text().split()) == "[2] ↩ Source not yet identified."


@pytest.mark.sphinx("html", testroot="notes", freshenv=True)
def test_bibliography_and_report(app: SphinxTestApp) -> None:
    app.build()
    bibliography = _soup(app, "bibliography.html")
    cited = bibliography.select_one("#work-service2004").find_next("p", class_="cited-by")
    assert cited.get_text() == "Cited in note [1]."
    assert cited.a["href"] == "notes.html#note-1"
    report = _soup(app, "notes-report.html").get_text(" ")
    assert "3 notes are cited in the text: 1 resolved, 1 unresolved, 1 explanatory" in report
    assert "[2] “then part of the Empire.”" in " ".join(report.split())


@pytest.mark.sphinx("latex", testroot="notes", freshenv=True)
def test_latex_footnote_at_first_use_and_page_reference_after(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    tex = (app.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    first = r"\scholarnotemark{1}{\detokenize{first:ref-1-1}}\scholarnotetext{1}{"
    assert tex.count(first) == 1
    assert tex.count(r"\scholarnotemarkagain{1}{\detokenize{first:ref-1-1}}") == 3
    assert tex.count(r"\scholarnoteagaintext{1}{\detokenize{first:ref-1-1}}") == 3
    assert r"\scholarnotemark{a}{\detokenize{first:ref-a-1}}" in tex


def _copy(rootdir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "notes-root"
    shutil.copytree(rootdir / "test-notes", target)
    return target


def _html(make_app, srcdir: Path, **kwargs: object) -> SphinxTestApp:
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


def test_an_edition_without_its_notes_page_says_the_markers_are_not_linked(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = _copy(rootdir, tmp_path)
    (srcdir / "notes.md").unlink()
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("notes\n", ""), encoding="utf-8")
    app = _html(make_app, srcdir, freshenv=True)
    warnings = strip_colors(app.warning.getvalue())
    assert (
        f"{srcdir / 'first.md'}:3: WARNING: the text cites 3 note(s), but edition_notes_page"
        " 'notes' is not a document: the markers are not linked; add that page with a"
        " {note-list} directive, or name the page that has one [edition.notes_page]"
    ) in warnings


NO_LIST = (
    "{first}:3: WARNING: the text cites 3 note(s), but edition_notes_page 'notes' has no"
    " {{note-list}} directive: the markers are not linked; add the directive to that page,"
    " or name the page that has one [edition.notes_page]"
)


def test_a_notes_page_without_its_list_says_the_markers_are_not_linked(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """A notes page without the list would leave every marker a link to an anchor
    that no page has: the markers stay unlinked, and the warning says why."""
    srcdir = _copy(rootdir, tmp_path)
    (srcdir / "notes.md").write_text("# Notes\n\nThe list is to come.\n", encoding="utf-8")
    app = _html(make_app, srcdir, freshenv=True)
    warnings = strip_colors(app.warning.getvalue())
    assert NO_LIST.format(first=srcdir / "first.md") in warnings
    assert _soup(app, "first.html").select("sup.note-ref a") == []


def test_the_list_added_to_the_notes_page_links_every_marker(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """The chapters are written again when the notes page gains its list, though
    none of them changed, and again when it loses it."""
    srcdir = _copy(rootdir, tmp_path)
    notes = srcdir / "notes.md"
    listed = notes.read_text(encoding="utf-8")
    notes.write_text("# Notes\n", encoding="utf-8")
    first = _html(make_app, srcdir, freshenv=True)
    assert _soup(first, "first.html").select("sup.note-ref a") == []
    notes.write_text(listed, encoding="utf-8")
    again = _html(make_app, srcdir)
    assert "edition.notes_page" not in again.warning.getvalue()
    links = _soup(again, "second.html").select("sup.note-ref a")
    assert links and all(a["href"].startswith("notes.html#note-") for a in links)
    assert _soup(again, "notes.html").select_one("#note-1")
    notes.write_text("# Notes\n", encoding="utf-8")
    last = _html(make_app, srcdir)
    assert _soup(last, "second.html").select("sup.note-ref a") == []


def test_parallel_build_is_identical(make_app, rootdir: Path, tmp_path: Path) -> None:
    serial = _html(make_app, _copy(rootdir, tmp_path / "a"), freshenv=True)
    parallel = _html(make_app, _copy(rootdir, tmp_path / "b"), freshenv=True, parallel=2)
    for name in ("first.html", "second.html", "notes.html", "notes-report.html"):
        assert (serial.outdir / name).read_bytes() == (parallel.outdir / name).read_bytes(), name


def test_editing_the_note_map_updates_every_page_showing_the_note(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = _copy(rootdir, tmp_path)
    _html(make_app, srcdir, freshenv=True)
    notes = srcdir / "notes.toml"
    notes.write_text(
        notes.read_text().replace(
            '2 = "unresolved"', '2 = [{ key = "service2004", locator = "p. 9" }]'
        )
    )
    app = _html(make_app, srcdir)
    assert "Service 2004, p. 9" in _soup(app, "first.html").get_text()
    assert "Service 2004, p. 9" in _soup(app, "notes.html").get_text()
    work = _soup(app, "bibliography.html").select_one("#work-service2004")
    assert work.find_next("p", class_="cited-by").get_text() == "Cited in notes [1], [2]."


def _edit_notes(make_app, srcdir: Path, old: str, new: str) -> tuple[SphinxTestApp, list[str]]:
    """A build after editing the note map, and the documents it read."""
    notes = srcdir / "notes.toml"
    notes.write_text(notes.read_text().replace(old, new))
    app = make_app("html", srcdir=srcdir)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    return app, read


def _rewritten(make_app, srcdir: Path, old: str, new: str) -> tuple[SphinxTestApp, list, list]:
    """The pages written again after a note-map edit, and the documents read again."""
    first = _html(make_app, srcdir, freshenv=True)
    pages = [f"{p.stem}.html" for p in srcdir.glob("*.md")]
    before = {name: (first.outdir / name).stat().st_mtime_ns for name in pages}
    app, read = _edit_notes(make_app, srcdir, old, new)
    after = {name: (app.outdir / name).stat().st_mtime_ns for name in pages}
    return app, sorted(name for name in after if after[name] != before[name]), read


def test_a_note_map_edit_rewrites_only_the_pages_showing_that_note(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """A new locator for note [1]: its pages and the notes page, not the bibliography
    (the same works cite the same notes) nor the report (no status changed); what a
    note says is rendered when a page is written, so no document is read again."""
    srcdir = _copy(rootdir, tmp_path)
    app, rewritten, read = _rewritten(make_app, srcdir, 'locator = "p. 14"', 'locator = "p. 15"')
    assert read == []
    # index.html: Sphinx writes the page whose toctree lists a page it writes.
    assert rewritten == ["first.html", "index.html", "notes.html", "second.html"]
    assert "Service 2004, p. 15" in _soup(app, "second.html").get_text()
    assert "Service 2004, p. 15" in _soup(app, "notes.html").get_text()


def test_a_resolved_note_rewrites_its_pages_the_report_and_the_bibliography_unread(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """Note [2] resolved: its one page, the notes page, the report (a status changed)
    and the bibliography (a work is cited by another note); nothing is read again,
    and each page says what a fresh build says."""
    srcdir = _copy(rootdir, tmp_path)
    app, rewritten, read = _rewritten(
        make_app, srcdir, '2 = "unresolved"', '2 = [{ key = "service2004", locator = "p. 9" }]'
    )
    assert read == []
    assert rewritten == [
        "bibliography.html",
        "first.html",
        "index.html",
        "notes-report.html",
        "notes.html",
    ]
    fresh = _html(make_app, _copy(rootdir, tmp_path / "fresh"), freshenv=True)
    (fresh.srcdir / "notes.toml").write_text((srcdir / "notes.toml").read_text())
    fresh = _html(make_app, fresh.srcdir, freshenv=True)
    for name in ["first", "second", "notes", "notes-report", "bibliography"]:
        name = f"{name}.html"
        assert (app.outdir / name).read_bytes() == (fresh.outdir / name).read_bytes(), name


def test_a_note_removed_from_the_map_reads_again_only_its_users(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """Without note [a] its marker stays text: the one document citing it is read again."""
    srcdir = _copy(rootdir, tmp_path)
    _html(make_app, srcdir, freshenv=True)
    app, read = _edit_notes(make_app, srcdir, 'a = "explanatory"\n', "")
    assert read == ["first"]
    assert [r.get_text() for r in _soup(app, "first.html").select("sup.note-ref")] == [
        "[1]",
        "[2]",
        "[1]",
        "[1]",
    ]
    assert [e["id"] for e in _soup(app, "notes.html").select("li.note-entry")] == [
        "note-1",
        "note-2",
    ]


def test_editing_one_chapter_rewrites_only_it_and_the_note_pages(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = _copy(rootdir, tmp_path)
    first = _html(make_app, srcdir, freshenv=True)
    pages = [f"{p.stem}.html" for p in srcdir.glob("*.md")]
    before = {name: (first.outdir / name).stat().st_mtime_ns for name in pages}
    second = srcdir / "second.md"
    second.write_text(second.read_text() + "\nAnd once more.[2]\n")
    app = _html(make_app, srcdir)
    after = {name: (app.outdir / name).stat().st_mtime_ns for name in pages}
    rewritten = sorted(name for name in after if after[name] != before.get(name))
    # index.html: Sphinx rewrites the page whose toctree lists the changed one.
    assert rewritten == ["index.html", "notes-report.html", "notes.html", "second.html"]
    backlinks = _soup(app, "notes.html").select("#note-2 .note-backlinks a")
    assert [a["href"] for a in backlinks] == ["first.html#ref-2-1", "second.html#ref-2-1"]


@pytest.mark.sphinx("html", testroot="notes", freshenv=True)
def test_preview_assets_ship_with_the_extension(app: SphinxTestApp) -> None:
    app.build()
    for name in ("notes.css", "notes.js"):
        assert (app.outdir / "_static" / name).is_file()
    page = _soup(app, "first.html")
    assert page.select_one('script[src^="_static/notes.js"]')
    assert page.select_one('link[href^="_static/notes.css"]')
    css = (app.outdir / "_static" / "notes.css").read_text()
    assert "sup.note-ref:focus-within + .note-preview" in css


@pytest.mark.sphinx("latex", testroot="notes", freshenv=True)
def test_printed_report_keeps_the_table_not_the_worklist(app: SphinxTestApp) -> None:
    app.build()
    tex = (app.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    assert "3 notes are cited in the text: 1 resolved, 1 unresolved, 1 explanatory" in tex
    assert "The HTML edition lists every open note" in tex
    assert "“then part of the Empire.”" not in tex


def test_the_plain_text_backend_is_found_without_scanning_entry_points(monkeypatch) -> None:
    """sphinxcontrib-bibtex asks for it at every citation; the class is the one the
    installed entry point names."""
    citation_style.register()
    (entry_point,) = entry_points(group="pybtex.backends", name="plaintext")
    (alias,) = entry_points(group="pybtex.backends.aliases", name="text")
    monkeypatch.setattr(pybtex.plugin, "entry_points", lambda **_: pytest.fail("scanned"))
    assert pybtex.plugin.find_plugin("pybtex.backends", "plaintext") is entry_point.load()
    # render_as("text") asks by the alias, for the notes' labels, CSL-JSON and TEI.
    assert pybtex.plugin.find_plugin("pybtex.backends", "text") is alias.load()
    assert Text("one", " and two").render_as("text") == "one and two"


def test_the_bibtex_files_are_parsed_once_per_build(
    make_app, rootdir: Path, tmp_path: Path, monkeypatch
) -> None:
    """pybtex reads each file once, for sphinxcontrib-bibtex and the notes alike, and
    not at all in a rebuild that left the files alone; bibtexparser (the lint) once.
    Fails if sphinxcontrib-bibtex stops trusting its cache as ``bib_data`` fills it."""
    import bibtexparser
    from pybtex.database.input import BaseParser

    parsed: list[str] = []
    pybtex_parse, lint_parse = BaseParser.parse_file, bibtexparser.parse_string

    def counted_pybtex(self, filename, *args, **kwargs):
        parsed.append(f"pybtex {Path(filename).name}")
        return pybtex_parse(self, filename, *args, **kwargs)

    def counted_lint(text, *args, **kwargs):
        parsed.append("bibtexparser")
        return lint_parse(text, *args, **kwargs)

    monkeypatch.setattr(BaseParser, "parse_file", counted_pybtex)
    monkeypatch.setattr(bibtexparser, "parse_string", counted_lint)
    srcdir = _copy(rootdir, tmp_path)
    app = _html(make_app, srcdir, freshenv=True)
    assert strip_colors(app.warning.getvalue()) == ""
    assert sorted(parsed) == ["bibtexparser", "pybtex works.bib"]
    assert _soup(app, "bibliography.html").select_one("#work-service2004")
    parsed.clear()
    second = srcdir / "second.md"
    second.write_text(second.read_text() + "\nAnd once more.[2]\n")
    _html(make_app, srcdir)
    assert [p for p in parsed if p.startswith("pybtex")] == []
