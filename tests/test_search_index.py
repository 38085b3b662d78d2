"""An incremental build writes the search index a full build of the same sources writes."""

from __future__ import annotations

from pathlib import Path

from sphinx.search import js_index

from conftest import sphinx_build


def _build(docs: Path, out: Path) -> dict:
    result = sphinx_build("html", out, source=docs)
    assert result.returncode == 0, result.stderr
    return js_index.loads((out / "html" / "searchindex.js").read_text(encoding="utf-8"))


def test_rebuilds_keep_the_index_of_names_in_search(edition_copy: Path, tmp_path: Path) -> None:
    docs = edition_copy / "docs"
    out = tmp_path / "out"
    fresh = _build(docs, out)
    assert "lenin, vladimir" in fresh["indexentries"]
    assert _build(docs, out) == fresh  # nothing changed
    chapter = docs / "early-life" / "1917.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\nKoba met Lenin in Tiflis.\n", encoding="utf-8"
    )
    edited = _build(docs, out)
    assert edited == _build(docs, tmp_path / "fresh")
    assert edited != fresh
