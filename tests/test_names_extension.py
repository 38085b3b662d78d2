"""The names feature on small sphinx.testing roots: tagging, roles, index, -j, incremental."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from conftest import EPUB_METADATA


def _names(html: str) -> list[tuple[str, str]]:
    """(entry index form, text) of every tagged name in the page body, in order."""
    return [(title, text) for _, title, _, text in _mentions(html)]


_MENTION = re.compile(
    r'<span class="name name-\w+"(?: id="([^"]*)")? title="([^"]*)">'
    r'(?:<a class="name-link" href="([^"]*)">)?([^<]*)(?:</a>)?</span>'
)


def _mentions(html: str) -> list[tuple[str, str, str, str]]:
    """(anchor, index form, link or "", text) of every tagged name in the page body."""
    body = html[html.index('role="main"') : html.index('class="sphinxsidebar"')]
    return _MENTION.findall(body)


@pytest.mark.sphinx("html", testroot="names", freshenv=True)
def test_tagging(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert _names(html) == [
        ("Stalin, Joseph", "Stalin"),
        ("Lenin, Vladimir", "Lenin"),
        ("Krupskaya, Nadezhda", "Nadezhda Krupskaya"),
        ("Saint Petersburg", "Saint Petersburg"),
        ("Stalin Metallurgical Factory", "Stalin Metallurgical Factory"),
        ("Stalin, Joseph", "Stalin"),
        ("Saint Petersburg", "Leningrad"),
        ("Stalin, Joseph", "Stalin"),
        ("Alliluyeva, Nadezhda", "Nadezhda"),
        ("Lenin, Vladimir", ""),
    ]
    assert "Stalinism,\nLeninist ideas and Marxism" in html
    assert '<span class="names-skip">Koba</span>' in html
    assert "[Stalin 1931]" in html
    # The role that indexes a passage adds an anchor and no text.
    assert (
        '<span class="name name-person" id="name-lenin-vladimir-2" title="Lenin, Vladimir"></span>'
        in html
    )
    chapter = (app.outdir / "chapter.html").read_text(encoding="utf-8")
    assert "<code" in chapter and ">Stalin</span></code>" in chapter
    assert 'href="https://example.org/">Lenin</a>' in chapter
    # Quotations are tagged; a heading's mentions are indexed (see test_index_page)
    # but the title keeps plain text, which tables of contents copy.
    assert "<h1>Lenin in Łódź<" in chapter
    assert _names(chapter) == [("Lenin, Vladimir", "Lenin"), ("Stalin, Joseph", "Stalin")]


@pytest.mark.sphinx("html", testroot="names", freshenv=True)
def test_the_first_mention_on_a_page_links_to_its_entry(app: SphinxTestApp) -> None:
    """One link per entry and page, at its first mention with text (not a heading's,
    not an {index-name} without text); the span keeps the index's anchor."""
    app.build()
    entry = "index-of-names.html#names-entry-"
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert [(anchor, link) for anchor, _, link, _ in _mentions(index)] == [
        ("name-stalin-joseph-1", f"{entry}stalin-joseph"),
        ("name-lenin-vladimir-1", f"{entry}lenin-vladimir"),
        ("name-krupskaya-nadezhda-1", f"{entry}krupskaya-nadezhda"),
        ("name-saint-petersburg-1", f"{entry}saint-petersburg"),
        ("name-stalin-factory-1", f"{entry}stalin-factory"),
        ("name-stalin-joseph-2", ""),
        ("name-saint-petersburg-2", ""),
        ("name-stalin-joseph-3", ""),
        ("name-alliluyeva-nadezhda-1", f"{entry}alliluyeva-nadezhda"),
        ("name-lenin-vladimir-2", ""),
    ]
    chapter = (app.outdir / "chapter.html").read_text(encoding="utf-8")
    # The heading's mention (name-lenin-vladimir-1) is plain text: the link is the next.
    assert [(anchor, link) for anchor, _, link, _ in _mentions(chapter)] == [
        ("name-lenin-vladimir-2", f"{entry}lenin-vladimir"),
        ("name-stalin-joseph-1", f"{entry}stalin-joseph"),
    ]


@pytest.mark.parametrize("builder", ["epub", "latex"])
def test_mentions_link_to_the_index_in_html_only(
    make_app, rootdir: Path, tmp_path: Path, builder: str
) -> None:
    app = make_app(builder, srcdir=_copy(rootdir, tmp_path), freshenv=True)
    app.build()
    written = [p for p in app.outdir.rglob("*") if p.suffix in (".xhtml", ".tex")]
    assert written
    for page in written:
        assert "name-link" not in page.read_text(encoding="utf-8"), page
    if builder == "latex":
        tex = (app.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
        assert r"\phantomsection\label{\detokenize{index:name-stalin-joseph-1}}Stalin" in tex
    else:
        index = (app.outdir / "index.xhtml").read_text(encoding="utf-8")
        assert (
            '<span class="name name-person" id="name-stalin-joseph-1" title="Stalin, Joseph">'
            "Stalin</span>"
        ) in index


@pytest.mark.sphinx("html", testroot="names", freshenv=True)
def test_index_page(app: SphinxTestApp) -> None:
    app.build()
    page = (app.outdir / "index-of-names.html").read_text(encoding="utf-8")
    persons = page[page.index('id="persons"') : page.index('id="places"')]
    terms = re.findall(r"<dt[^>]*>(.*?)</dt>", persons, re.DOTALL)
    headings = [re.sub(r"<[^>]+>", "", term).strip() for term in terms]
    assert headings == [
        "Alliluyeva, Nadezhda",
        "Koba",
        "Krupskaya, Nadezhda",
        "Lenin, Vladimir (died January 1924)",
        "Stalin, Joseph",
    ]
    assert (
        '<em>see</em> <a class="reference internal" href="#names-entry-stalin-joseph">' in persons
    )
    # Every mention is a link to its anchor, grouped by section.
    lenin = persons[
        persons.index('id="names-entry-lenin-vladimir"') : persons.index(
            'id="names-entry-stalin-joseph"'
        )
    ]
    assert 'href="index.html#name-lenin-vladimir-1"' in lenin
    assert 'href="index.html#name-lenin-vladimir-2"' in lenin
    assert 'href="chapter.html#lenin-in-lodz"' in lenin
    assert 'href="chapter.html#name-lenin-vladimir-2"' in lenin
    assert "<em>Names</em>: " in lenin and "<em>Lenin in Łódź</em>: " in lenin
    places = page[page.index('id="places"') : page.index('id="organisations"')]
    assert re.findall(r'<a class="reference internal" href="#names-place-(\w+)">', places) == [
        "l",
        "s",
    ]
    # Unicode collation: "Łódź" is filed under L, after "Leningrad".
    assert (
        places.index("<dt>Leningrad")
        < places.index('id="names-entry-lodz"')
        < places.index('id="names-entry-saint-petersburg"')
    )
    # The domain index pages: one per part, with letter navigation.
    domain_index = (app.outdir / "names-persons.html").read_text(encoding="utf-8")
    assert '<a href="#cap-K"><strong>K</strong></a>' in domain_index
    assert "see Stalin, Joseph" in domain_index


@pytest.mark.sphinx("latex", testroot="names", freshenv=True)
def test_latex(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    tex = (app.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    assert r"\usepackage{scholarlyeditionnames}" in tex
    assert r"\phantomsection\label{\detokenize{index:name-lenin-vladimir-1}}Lenin" in tex
    # Every mention of an entry, section by section, for TeX to give its pages.
    assert (
        r"\scholarnamesmentions{\scholarnamessection{\scholarnamesroot{Names}}"
        r"{\detokenize{index:name-lenin-vladimir-1},\detokenize{index:name-lenin-vladimir-2}}"
        r"\scholarnamessection{Lenin in Łódź}"
        r"{\detokenize{chapter:lenin-in-lodz},\detokenize{chapter:name-lenin-vladimir-2}}}"
    ) in tex
    assert r"\index{Lenin, Vladimir@\spxentry{Lenin, Vladimir}" in tex
    assert r"\scholarnamesletter{L}" in tex
    assert (app.outdir / "scholarlyeditionnames.sty").is_file()


@pytest.mark.sphinx("html", testroot="names-warnings", freshenv=True)
def test_warnings(app: SphinxTestApp) -> None:
    app.build()
    source = app.srcdir / "index.md"
    register = app.srcdir / "names.toml"
    assert strip_colors(app.warning.getvalue()).splitlines() == [
        f"{register}:15: WARNING: lenin-vladimir: empty description [edition.names_register]",
        f"{source}:5: WARNING: {{name}} role names 'koba', which is not an entry of the register"
        " [edition.names_unknown_entry]",
        f"{source}:7: WARNING: {{index-name}} role names 'nobody', which is not an entry of the"
        " register [edition.names_unknown_entry]",
        f"{source}:5: WARNING: ambiguous name 'Nadezhda': candidates alliluyeva-nadezhda"
        " (Alliluyeva, Nadezhda); krupskaya-nadezhda (Krupskaya, Nadezhda); choose one with"
        " {name}`Nadezhda <id>` or {not-name}`Nadezhda` [edition.names_ambiguous]",
    ]


def _copy(rootdir: Path, tmp_path: Path, name: str = "test-names") -> Path:
    target = tmp_path / name
    shutil.copytree(rootdir / name, target)
    return target


def _edit_register(srcdir: Path, old: str, new: str) -> None:
    register = srcdir / "names.toml"
    text = register.read_text(encoding="utf-8")
    assert old in text
    register.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.sphinx("html", testroot="names", freshenv=True, parallel=2)
def test_parallel_build_matches_serial(app: SphinxTestApp, make_app, rootdir, tmp_path) -> None:
    app.build()
    serial = make_app("html", srcdir=_copy(rootdir, tmp_path), freshenv=True)
    serial.build()
    for page in ("index.html", "chapter.html", "index-of-names.html", "names-persons.html"):
        assert (app.outdir / page).read_bytes() == (serial.outdir / page).read_bytes()


def test_incremental_register_edit(make_app, rootdir, tmp_path) -> None:
    """Renaming a variant in the register re-tags every page and re-writes the index."""
    srcdir = _copy(rootdir, tmp_path)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    _edit_register(srcdir, '"Leningrad"]', '"Leningrad", "Stalinism"]')
    again = make_app("html", srcdir=srcdir)
    again.build()
    html = (again.outdir / "index.html").read_text(encoding="utf-8")
    assert ("Saint Petersburg", "Stalinism") in _names(html)
    page = (again.outdir / "index-of-names.html").read_text(encoding="utf-8")
    assert "Stalinism" in page


def test_a_register_added_after_a_first_build_tags_the_text(make_app, rootdir, tmp_path) -> None:
    """A build without the register file, then with it: every tagged page is read
    again, and the Index of Names lists the entries the text names."""
    srcdir = _copy(rootdir, tmp_path)
    register = srcdir / "names.toml"
    text = register.read_text(encoding="utf-8")
    register.unlink()
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert "names_register 'names.toml': no such file" in strip_colors(app.warning.getvalue())
    assert _names((app.outdir / "index.html").read_text(encoding="utf-8")) == []
    entry = 'id="names-entry-lenin-vladimir"'
    assert entry not in (app.outdir / "index-of-names.html").read_text(encoding="utf-8")
    register.write_text(text, encoding="utf-8")
    again = make_app("html", srcdir=srcdir)
    again.build()
    assert ("Saint Petersburg", "Leningrad") in _names(
        (again.outdir / "index.html").read_text(encoding="utf-8")
    )
    assert entry in (again.outdir / "index-of-names.html").read_text(encoding="utf-8")


def test_a_register_description_edit_rewrites_only_pages_naming_the_entry(
    make_app, rootdir, tmp_path
) -> None:
    """Saint Petersburg is named on the index page only: the chapter is left alone.
    A description is shown only in written pages: no document is read again."""
    srcdir = _copy(rootdir, tmp_path)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    pages = ("index.html", "chapter.html", "index-of-names.html")
    before = {page: (app.outdir / page).stat().st_mtime_ns for page in pages}
    _edit_register(srcdir, '"City."', '"City on the Neva."')
    again = make_app("html", srcdir=srcdir)
    read: list[str] = []
    again.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    again.build()
    assert read == []
    after = {page: (again.outdir / page).stat().st_mtime_ns for page in pages}
    assert sorted(p for p in pages if after[p] != before[p]) == [
        "index-of-names.html",
        "index.html",
    ]
    assert "City on the Neva." in (again.outdir / "index-of-names.html").read_text(encoding="utf-8")
    # The page's name previews say what the register says now.
    assert "City on the Neva." in (again.outdir / "index.html").read_text(encoding="utf-8")


def test_a_register_index_form_edit_reads_again_only_pages_naming_the_entry(
    make_app, rootdir, tmp_path
) -> None:
    """The index form is on every mention and in the general index: the one page naming
    Saint Petersburg is read again, and the Index of Names shows the new form."""
    srcdir = _copy(rootdir, tmp_path)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    _edit_register(srcdir, 'index = "Saint Petersburg"', 'index = "Petersburg, Saint"')
    again = make_app("html", srcdir=srcdir)
    read: list[str] = []
    again.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    again.build()
    assert read == ["index"]
    assert 'title="Petersburg, Saint"' in (again.outdir / "index.html").read_text(encoding="utf-8")
    index_page = (again.outdir / "index-of-names.html").read_text(encoding="utf-8")
    assert "Petersburg, Saint" in index_page


def test_incremental_chapter_edit(make_app, rootdir, tmp_path) -> None:
    """A new mention in one chapter appears in the index page, which was not edited."""
    srcdir = _copy(rootdir, tmp_path)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    chapter = srcdir / "chapter.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nKoba again.\n", encoding="utf-8")
    again = make_app("html", srcdir=srcdir)
    again.build()
    page = (again.outdir / "index-of-names.html").read_text(encoding="utf-8")
    stalin = page[page.index("names-entry-stalin-joseph") :]
    assert 'href="chapter.html#name-stalin-joseph-2"' in stalin


@pytest.mark.parametrize("builder", ["text", "man", "texinfo", "epub"])
def test_other_builders(make_app, rootdir: Path, tmp_path: Path, builder: str) -> None:
    """Every builder renders the name nodes and fills the index page: a node
    without a visitor is the warning "unknown node type: …" (or a crash)."""
    app = make_app(
        builder, srcdir=_copy(rootdir, tmp_path), freshenv=True, confoverrides=EPUB_METADATA
    )
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    if builder == "text":
        page = (app.outdir / "index-of-names.txt").read_text(encoding="utf-8")
        assert "**Lenin, Vladimir** (died January 1924)" in page
        assert "Koba\n   *see* Stalin, Joseph" in page
