"""Under alabaster and furo the extension builds with -W, imports no other theme, and
every feature stands in a plain form; `verify` reads the text whatever the theme.

A new edition (``new``) with notes and a register, its ``conf.py`` switched to
the theme, is built in a subprocess as ``sphinx-build -M html -W --keep-going``
would build it, and checked like the edition: 100% fidelity.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from edition_tools import fidelity, new_edition
from scholarly_edition.text import structure

WITNESS = (
    "Lenin wrote the first paragraph, which cites its source.[1]\n"
    "\n"
    "A second paragraph names Lenin again and gives a lettered note.[a]\n"
)
REGISTER = """\
[[name]]
id = "lenin-vladimir"
index = "Lenin, Vladimir"
category = "person"
forms = ["Lenin"]
description = "Russian revolutionary"
"""
# Builds the edition in this process's Sphinx and says which theme packages
# were imported: the book theme's must not be, under another theme.
BUILD = textwrap.dedent(
    """
    import sys
    from sphinx.cmd.build import make_main
    status = make_main(["-M", "html", sys.argv[1], sys.argv[2], "-W", "--keep-going"])
    themes = ("sphinx_book_theme", "pydata_sphinx_theme")
    print("IMPORTED", sorted(m for m in sys.modules if m.split(".")[0] in themes))
    sys.exit(status)
    """
)


def _edition(tmp: Path, theme: str) -> Path:
    witness = tmp / "witness.txt"
    witness.write_text(WITNESS, encoding="utf-8")
    root = tmp / "edition"
    new_edition.create(root, witness, "A Plain Edition", sys.executable)
    (root / "refs" / "names.toml").write_text(REGISTER, encoding="utf-8")
    with (root / "docs" / "conf.py").open("a", encoding="utf-8") as conf:
        # The edition's choice of theme; the book theme's options are not this theme's.
        conf.write(f"\nhtml_theme = {theme!r}\nhtml_theme_options = {{}}\n")
    return root


def build(tmp: Path, theme: str) -> Path:
    """A new edition under ``theme``, built with -W; its root (the browser tests' too)."""
    root = _edition(tmp, theme)
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(root / "docs"), str(root / "_build")],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764115200"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert "IMPORTED []" in result.stdout
    return root


@pytest.fixture(scope="module", params=["alabaster", "furo"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp(request.param), request.param)


def _page(root: Path, name: str) -> BeautifulSoup:
    path = root / "_build" / "html" / name
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _script(page: BeautifulSoup, name: str) -> object:
    """The data an inline script gives the page's scripts (``window.NAME = {...};``)."""
    prefix = f"window.{name} = "
    for script in page.find_all("script"):
        text = script.string or ""
        if text.startswith(prefix):
            return json.loads(text.removeprefix(prefix).removesuffix(";"))
    raise AssertionError(f"no {name} on the page")


def test_verify_reads_the_text_whatever_the_theme(built: Path) -> None:
    report = fidelity.check_html(
        structure.load(built / "refs" / "structure.toml"), built / "_build" / "html"
    )
    assert report.problems == ()
    assert report.percent == 100.0


def test_notes_and_their_previews(built: Path) -> None:
    index = _page(built, "index.html")
    markers = index.select("sup.note-ref > a[href^='notes.html#note-']")
    assert [a.get_text() for a in markers] == ["[1]", "[a]"]
    # One preview per note on the page, found by its id; notes.js shows it at a marker.
    previews = [index.find(id=f"preview-{a.get_text().strip('[]')}") for a in markers]
    assert all(isinstance(p, Tag) and "note-preview" in p["class"] for p in previews)
    assert "Source not yet identified." in previews[0].get_text()
    notes = _page(built, "notes.html")
    assert {li["id"] for li in notes.select("li.note-entry")} == {"note-1", "note-a"}


def test_names_their_previews_and_the_index(built: Path) -> None:
    index = _page(built, "index.html")
    assert len(index.select("span.name")) == 2
    assert index.select_one("span.name > a.name-link")["href"] == (
        "names.html#names-entry-lenin-vladimir"
    )
    names = _script(index, "editionNames")
    assert isinstance(names, dict) and names["lenin-vladimir"]["index"] == "Lenin, Vladimir"
    entry = _page(built, "names.html").select_one("#names-entry-lenin-vladimir")
    assert entry is not None and "Lenin, Vladimir" in entry.get_text()


def test_cite_has_its_data_labels_script_and_place(built: Path) -> None:
    """cite.js places its button in the element that holds the text (the theme's
    container, which the extension marks) when the theme has no header for it."""
    index = _page(built, "index.html")
    citation = _script(index, "editionCitation")
    assert isinstance(citation, dict) and citation["title"] == "A Plain Edition"
    labels = _script(index, "editionLabels")
    assert isinstance(labels, dict) and labels["cite"] == "Cite"
    sources = [s.get("src", "") for s in index.find_all("script")]
    assert any(src.startswith("_static/cite.js") for src in sources)
    assert any(src.startswith("_static/reader.js") for src in sources)
    (mark,) = index.select("span.edition-text")
    assert mark.parent is not None and mark.parent.find("h1") is not None
    assert index.select(".article-header-buttons") == []
