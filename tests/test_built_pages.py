"""The exporters' readings of the written pages, kept between builds by each page's digest:
only a page written differently is read again, and a rebuild exports what a fresh build does."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from sphinx.application import Sphinx

from conftest import sphinx_build
from scholarly_edition._util.built_pages import BuiltPages

EXPORTS = ("data/citation-ledger.json", "annotations.jsonld")
KEPT = ("edition-ledger-pages.json", "edition-web-annotation-pages.json")
# The chapter with the annotation of "diwndling": a paragraph added before it
# moves the following paragraphs' anchors, the annotation's among them.
CHAPTER = "lenins-government/1918-1921.md"
ADDED = "An added paragraph, before the annotated one.[204]\n\n"


def _app(root: Path) -> Sphinx:
    builder = SimpleNamespace(get_target_uri=lambda docname: f"{docname}.html")
    app = SimpleNamespace(outdir=root / "html", doctreedir=root / "doctrees", builder=builder)
    return cast(Sphinx, app)


def _reads(app: Sphinx, docnames: list[str]) -> list[str]:
    """The pages read afresh (not given from the kept file) in one build's export."""
    read: list[str] = []

    def reading(html: str) -> Any:
        read.append(html)
        return {"words": html.split()}

    pages = BuiltPages(app, "test")
    for docname in [*docnames, *docnames]:  # asked twice: read once
        assert pages.reading(docname, reading) == {"words": (docname + " text").split()}
    pages.keep()
    return read


def test_only_a_page_written_differently_is_read_again(tmp_path: Path) -> None:
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
    # A page no longer built leaves the kept file.
    assert _reads(app, ["b"]) == []
    kept = json.loads((tmp_path / "doctrees" / "edition-test-pages.json").read_text("utf-8"))
    assert sorted(kept) == ["b"]
    # A damaged kept file is read past: every page is read again.
    (tmp_path / "doctrees" / "edition-test-pages.json").write_text("{not json", encoding="utf-8")
    assert _reads(app, ["a", "b"]) == ["a\ntext", "b text"]


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
    for name in KEPT:
        assert (out / "doctrees" / name).is_file(), name
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
    for name in KEPT:
        (out / "doctrees" / name).write_text("[", encoding="utf-8")
    again = sphinx_build("html", out, source=docs)
    assert again.returncode == 0, again.stderr
    assert _exports(out / "html") == after
