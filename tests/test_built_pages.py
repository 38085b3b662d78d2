"""The exporters' readings of the written pages: read by the builder as it writes each
page (in the workers under -j), kept by each page's digest; only a page written
differently is read again, and a rebuild exports what a fresh build does."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from sphinx.application import Sphinx

from conftest import sphinx_build
from scholarly_edition._util import built_pages
from scholarly_edition._util.built_pages import BuiltPages, WrittenPage
from scholarly_edition._util.page_text import parse
from scholarly_edition.html.page_readings import ReadingHTMLBuilder
from scholarly_edition.open_data.ledger import markers
from scholarly_edition.web_annotation.export import page_selectors

EXPORTS = ("data/citation-ledger.json", "annotations.jsonld")
KEPT = "edition-pages"
# The chapter with the annotation of "diwndling": a paragraph added before it
# moves the following paragraphs' anchors, the annotation's among them.
CHAPTER = "lenins-government/1918-1921.md"
ADDED = "An added paragraph, before the annotated one.[204]\n\n"


def _app(root: Path) -> Sphinx:
    builder = SimpleNamespace(get_target_uri=lambda docname: f"{docname}.html")
    app = SimpleNamespace(outdir=root / "html", doctreedir=root / "doctrees", builder=builder)
    return cast(Sphinx, app)


def _reads(app: Sphinx, docnames: list[str]) -> list[str]:
    """The pages read afresh (not given from the kept files) in one build's export."""
    read: list[str] = []

    def reading(page: WrittenPage) -> Any:
        read.append(page.root.text_content())
        return {"words": page.root.text_content().split()}

    pages = BuiltPages(app, "test")
    for docname in [*docnames, *docnames]:  # asked twice: read once
        assert pages.reading(docname, reading) == {"words": (docname + " text").split()}
    return read


def test_a_page_no_reader_read_when_it_was_written_is_read_once(tmp_path: Path) -> None:
    app = _app(tmp_path)
    (tmp_path / "html").mkdir()
    for docname in ("a", "b"):
        (tmp_path / "html" / f"{docname}.html").write_text(f"{docname} text", encoding="utf-8")
    assert _reads(app, ["a", "b"]) == ["a text", "b text"]
    assert _reads(app, ["a", "b"]) == []
    (tmp_path / "html" / "b.html").write_text("b text", encoding="utf-8")  # the same bytes
    assert _reads(app, ["a", "b"]) == []
    (tmp_path / "html" / "a.html").write_text("a\ntext", encoding="utf-8")
    assert _reads(app, ["a", "b"]) == ["a\ntext"]
    # A damaged kept file is read past: the page is read again.
    (tmp_path / "doctrees" / KEPT / "b.json").write_text("{not json", encoding="utf-8")
    assert _reads(app, ["a", "b"]) == ["b text"]


def _kept(app: Any, docname: str) -> dict[str, Any]:
    path = Path(app.doctreedir) / KEPT / f"{docname}.json"
    return cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("parallel", [1, 2])
def test_the_builder_reads_each_page_as_it_writes_it(
    make_app: Any, rootdir: Path, tmp_path: Path, parallel: int
) -> None:
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel)
    assert isinstance(app.builder, ReadingHTMLBuilder)
    app.build()
    for docname in ("first", "second"):  # the text pages; "first" is annotated
        data = (app.outdir / f"{docname}.html").read_bytes()
        kept = _kept(app, docname)
        assert kept["digest"] == hashlib.sha256(data).hexdigest()
        root = parse(data.decode("utf-8"))
        assert kept["readings"]["ledger"] == json.loads(json.dumps(markers(root)))
        assert kept["readings"]["ledger"], docname
    selectors = _kept(app, "first")["readings"]["web-annotation"]
    assert selectors == json.loads(
        json.dumps(page_selectors(parse((app.outdir / "first.html").read_text(encoding="utf-8"))))
    )
    assert "web-annotation" not in _kept(app, "second")["readings"]
    # An annotation's words are read from the doctree its page was written from.
    exported = json.loads((app.outdir / "annotations.jsonld").read_text(encoding="utf-8"))
    bodies = {item["id"]: item["body"][0]["value"] for item in exported["first"]["items"]}
    for uri, body in bodies.items():
        kept = _kept(app, uri.removesuffix(".html"))["readings"]
        assert kept == {"web-annotation-body": body} and body
    assert not (Path(app.doctreedir) / KEPT / "index.json").exists()  # no reader asked


def test_the_end_of_a_build_reads_no_page_again(
    make_app: Any, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    first = make_app("html", srcdir=srcdir, freshenv=True)
    first.build()
    exports = _exports(first.outdir)
    # An edit of one page: the exporters read it where it is written, no other page.
    page = srcdir / "second.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAn added line.\n", encoding="utf-8")
    parsed: list[str] = []
    real = built_pages.parse
    monkeypatch.setattr(built_pages, "parse", lambda html: parsed.append(html) or real(html))
    again = make_app("html", srcdir=srcdir)
    again.build()
    assert len(parsed) == 1 and "An added line." in parsed[0]
    assert _exports(again.outdir) == exports
    # A page's kept readings gone: at the end of the build each exporter reads it,
    # and keeps its reading again.
    (Path(again.doctreedir) / KEPT / "first.json").unlink()
    parsed.clear()
    third = make_app("html", srcdir=srcdir)
    third.build()
    assert len(parsed) == 2 and _exports(third.outdir) == _exports(again.outdir)
    assert set(_kept(third, "first")["readings"]) == {"ledger", "web-annotation"}
    # A page removed from the edition takes its readings with it.
    (srcdir / "second.md").unlink()
    (srcdir / "index.md").write_text(
        (srcdir / "index.md").read_text(encoding="utf-8").replace("second\n", ""), "utf-8"
    )
    make_app("html", srcdir=srcdir).build()
    assert not (Path(third.doctreedir) / KEPT / "second.json").exists()


def _exports(html: Path) -> dict[str, str]:
    """The exported files as written: their keys' order too."""
    return {name: (html / name).read_text(encoding="utf-8") for name in EXPORTS}


def test_a_rebuild_exports_what_a_fresh_build_of_the_edited_sources_exports(
    edition_copy: Path, tmp_path: Path
) -> None:
    docs, out, fresh = edition_copy / "docs", tmp_path / "out", tmp_path / "fresh"
    first = sphinx_build("html", out, source=docs)
    assert first.returncode == 0, first.stderr
    before = _exports(out / "html")
    assert (out / "doctrees" / KEPT / CHAPTER.replace(".md", ".json")).is_file()
    chapter = docs / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    body = text.index("\n\n", text.index("\n# ")) + 2
    chapter.write_text(text[:body] + ADDED + text[body:], encoding="utf-8")
    rebuilt = sphinx_build("html", out, source=docs)
    assert rebuilt.returncode == 0, rebuilt.stderr
    after = _exports(out / "html")
    for name in EXPORTS:
        assert after[name] != before[name], f"the edit changes {name}"
    built = sphinx_build("html", fresh, source=docs)
    assert built.returncode == 0, built.stderr
    assert after == _exports(fresh / "html")
    # Kept readings that cannot be read are ignored: the exports stay the same.
    for kept in (out / "doctrees" / KEPT).rglob("*.json"):
        kept.write_text("[", encoding="utf-8")
    again = sphinx_build("html", out, source=docs)
    assert again.returncode == 0, again.stderr
    assert _exports(out / "html") == after
