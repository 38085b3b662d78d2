"""The text phrase search reads (searchphrases.js): anchors, apparatus left out, -j, rebuilds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from scholarly_edition.html import phrase_search


def _texts(outdir: Path) -> dict[str, list[list[str]]]:
    texts = phrase_search.load(outdir / phrase_search.FILENAME)
    assert texts is not None
    return texts


def _copy(rootdir: Path, tmp_path: Path, name: str = "test-paragraphs") -> Path:
    target = tmp_path / name
    shutil.copytree(rootdir / name, target)
    return target


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True)
def test_each_block_with_the_anchor_a_reader_lands_on(app: SphinxTestApp) -> None:
    """Paragraphs carry their stable ids, other blocks their section's (none at the top)."""
    app.build()
    assert app.warning.getvalue() == ""
    texts = _texts(app.outdir)
    assert sorted(texts) == ["index", "other"]
    assert texts["index"][:11] == [
        ["", "A chapter"],
        ["", "An editors\u2019 introduction is not counted."],
        ["p1", "First paragraph of the text."],
        ["", "Main article: a hatnote is not counted"],
        ["p2", "Second paragraph."],
        ["p3", "The first paragraph of a quotation."],
        ["p4", "Its second paragraph, numbered like the rest."],
        ["p5", "Third paragraph."],
        ["a-subsection", "A subsection"],
        ["a-subsection-p1", "First paragraph of the subsection."],
        ["a-subsection-p2", "Second paragraph of the subsection."],
    ]
    # The search page alone loads the script.
    assert phrase_search.SCRIPT in (app.outdir / "search.html").read_text(encoding="utf-8")
    assert phrase_search.SCRIPT not in (app.outdir / "index.html").read_text(encoding="utf-8")
    assert (app.outdir / "_static" / phrase_search.SCRIPT).is_file()


@pytest.mark.sphinx("html", testroot="notes", freshenv=True)
def test_a_phrase_reads_across_note_markers_and_previews(app: SphinxTestApp) -> None:
    app.build()
    first = [text for _, text in _texts(app.outdir)["first"]]
    assert "Born in Gori, then part of the Empire. He was born on 18 December" in first[1]
    assert not any("[1]" in text or "Source not yet identified" in text for text in first)
    # Generated pages are searchable too: the notes page lists what each note says.
    notes = " ".join(text for _, text in _texts(app.outdir)["notes"])
    assert "Source not yet identified" in notes


def test_what_sphinx_does_not_index_is_not_searched_as_phrases(make_app, rootdir, tmp_path):
    """The ``no-search`` class and a page's ``nosearch`` metadata, as for Sphinx's index,
    also when a page becomes unsearched in a rebuild."""
    source = _copy(rootdir, tmp_path)
    index = source / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("## Citing", "{.no-search}\nZanzibar quagga.\n\n## Citing"))
    app = make_app("html", srcdir=source, freshenv=True)
    app.build()
    assert not any("Zanzibar" in text for _, text in _texts(app.outdir)["index"])
    assert "Only paragraph." in [text for _, text in _texts(app.outdir)["other"]]
    other = source / "other.md"
    other.write_text("---\nnosearch: true\n---\n" + other.read_text(encoding="utf-8"))
    again = make_app("html", srcdir=source)
    again.build()
    assert sorted(_texts(again.outdir)) == ["index"]
    words = (again.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert "zanzibar" not in words and "paragraph" in words


def test_text_is_the_same_under_parallel_writing(make_app, rootdir, tmp_path) -> None:
    files = []
    for jobs in (1, 2):
        app = make_app(
            "html", srcdir=_copy(rootdir, tmp_path / f"j{jobs}"), freshenv=True, parallel=jobs
        )
        app.build()
        files.append((app.outdir / phrase_search.FILENAME).read_bytes())
    assert files[0] == files[1]


def test_a_rebuild_updates_the_edited_page_and_keeps_the_others(make_app, rootdir, tmp_path):
    source = _copy(rootdir, tmp_path)
    app = make_app("html", srcdir=source, freshenv=True)
    app.build()
    before = _texts(app.outdir)
    other_page = (app.outdir / "other.html").stat().st_mtime_ns
    index = source / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("## Citing", "A phrase added later.\n\n## Citing"))
    again = make_app("html", srcdir=source)
    again.build()
    after = _texts(again.outdir)
    # The page not written again keeps its text from the last build's file.
    assert (again.outdir / "other.html").stat().st_mtime_ns == other_page
    assert after["other"] == before["other"]
    assert ["a-subsection-p3", "A phrase added later."] in after["index"]
    assert ["a-subsection-p3", "A phrase added later."] not in before["index"]
    # A clean build of the edited sources gives the same file, byte for byte.
    clean = make_app("html", srcdir=_copy(source.parent, tmp_path / "clean", "test-paragraphs"))
    clean.build()
    assert (clean.outdir / phrase_search.FILENAME).read_bytes() == (
        again.outdir / phrase_search.FILENAME
    ).read_bytes()
    # A page removed is dropped from the file.
    (source / "other.md").unlink()
    index.write_text(index.read_text(encoding="utf-8").replace("other\n", ""), encoding="utf-8")
    removed = make_app("html", srcdir=source)
    removed.build()
    assert sorted(_texts(removed.outdir)) == ["index"]


def test_a_missing_file_makes_every_page_written_again(make_app, rootdir, tmp_path) -> None:
    source = _copy(rootdir, tmp_path)
    app = make_app("html", srcdir=source, freshenv=True)
    app.build()
    whole = (app.outdir / phrase_search.FILENAME).read_bytes()
    (app.outdir / phrase_search.FILENAME).write_bytes(whole[: len(whole) // 2])
    again = make_app("html", srcdir=source)
    again.build()
    assert (again.outdir / phrase_search.FILENAME).read_bytes() == whole


def test_the_epub_has_no_phrase_search(make_app, rootdir, tmp_path) -> None:
    app = make_app("epub", srcdir=_copy(rootdir, tmp_path), freshenv=True)
    app.build()
    assert not list(app.outdir.rglob("*phrase*"))


def test_untrusted_text_stays_a_string() -> None:
    """Contributors' text (annotations) reaches the file only as JSON strings: quotes,
    backslashes, a closing script tag and line separators cannot end the string."""
    hostile = 'a"b\\c</script><script>alert(1)</script>\u2028d\u2029e'
    content = phrase_search.dumps({"page": [["p1", hostile]]})
    assert content.count("\n") == 1 and "\u2028" not in content and "\u2029" not in content
    assert content.startswith("window.editionPhraseText = {") and content.endswith("};\n")
    payload = content[len("window.editionPhraseText = ") : -2]
    assert json.loads(payload) == {"page": [["p1", hostile]]}
