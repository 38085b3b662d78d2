"""The benchmark's synthetic editions are valid editions: a 2x copy builds without a warning.

Only the generator is tested here; the timings it serves live in
``bench/build_bench.py`` and never in a test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import bench_module

ROOT = Path(__file__).resolve().parent.parent


def test_a_2x_edition_builds_with_every_feature_scaled(tmp_path: Path) -> None:
    edition = bench_module("synthetic_edition").make_edition(tmp_path / "edition", 2)
    sphinx = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going"]
    result = subprocess.run(
        [*sphinx, str(edition.root / "docs"), str(tmp_path / "html")],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764115200"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # The text's pages: the front page, the parts and their copies (the
    # apparatus pages show brackets only as examples, in code).
    docs = edition.root / "docs"
    text = [docs / "index.md", *(p for p in docs.glob("*/**/*.md") if _is_text(docs, p))]
    source = sum(
        len(re.findall(r"\[(?:[0-9]{1,6}|[a-z])\]", path.read_text(encoding="utf-8")))
        for path in text
    )
    assert edition.markers == source
    html = tmp_path / "html"
    copy = (html / "copy-2" / "early-life" / "1917.html").read_text(encoding="utf-8")
    # Notes renumbered and listed, names suffixed and indexed, annotations placed.
    assert "[1155]" in copy and "[155]" not in copy
    assert 'id="note-1155"' in (html / "notes.html").read_text(encoding="utf-8")
    assert "Lenin2" in copy
    assert "names-entry-lenin-vladimir-k2" in (html / "names.html").read_text(encoding="utf-8")
    pages = "".join(page.read_text(encoding="utf-8") for page in (html / "copy-2").rglob("*.html"))
    placed = re.findall(r'id="annotated-([a-z0-9-]+k2)"', pages)
    assert len(placed) == len(list((edition.root / "docs" / "annotations").glob("*-k2.md")))


def _is_text(docs: Path, path: Path) -> bool:
    top = path.relative_to(docs).parts[0]
    return top in bench_module("synthetic_edition").PARTS or top.startswith("copy-")
