"""Every page links the other formats, the witness and (when known) the
repository, and shows the version and date; an address the edition does not
know is left out."""

from __future__ import annotations

import posixpath
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from conftest import ROOT

DOWNLOADS = {
    "The whole text on one page": "whole-text/index.html",
    "PDF": "stalin-edition.pdf",
    "EPUB": "stalin-edition.epub",
    "The witness (plain text)": "witness.txt",
}


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _pages(html: Path) -> list[Path]:
    return [p for p in sorted(html.rglob("*.html")) if p.relative_to(html).parts[0][0] != "_"]


def test_every_page_links_the_formats_and_the_witness(html_build: tuple[Path, str]) -> None:
    html = html_build[0]
    for page in _pages(html):
        soup = _soup(page)
        name = page.relative_to(html).as_posix()
        group = soup.select_one(".dropdown-download-edition-buttons")
        assert group is not None, name
        links = {
            a.get_text(strip=True): posixpath.normpath(
                posixpath.join(posixpath.dirname(name), a["href"])
            )
            for a in group.select("a")
        }
        assert links == DOWNLOADS, name
        assert next(iter(links)) == "The whole text on one page", name
        footer = soup.select_one("footer .edition-version")
        assert footer.get_text() == "Version 0.1.0, released 1 December 2026.", name
        # CITATION.cff gives no public address and no repository: nothing stands for them.
        assert soup.select_one('link[rel="canonical"]') is None, name
        assert soup.select_one(".btn-source-repository-button") is None, name
        assert "citation_public_url" not in str(soup.head), name
    # The HTML build publishes the witness itself, byte for byte.
    assert (html / "witness.txt").read_bytes() == (ROOT / "refs" / "witness.txt").read_bytes()


def test_the_published_site_has_every_linked_file() -> None:
    """`make site`, which the publishing workflow runs, puts each linked file
    beside the pages: its commands (make -n) copy every one the pages link
    but the witness, which the HTML build writes."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    runs = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert any(re.search(r"\bmake site\b", run) for run in runs)
    upload = [s for s in workflow["jobs"]["build"]["steps"] if "upload-pages" in s.get("uses", "")]
    assert upload[0]["with"]["path"] == "_build/html"
    dry = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "site", "STAMP=Makefile"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for builder in ("html", "singlehtml", "latexpdf", "epub"):
        assert re.search(rf"sphinx-build -M {builder} ", dry), builder
    copies = re.findall(r'^cp (?:-R )?"([^"]+)" "([^"]+)"$', dry, re.M)
    assert {target: source for source, target in copies} == {
        "_build/html/whole-text": "_build/singlehtml",
        "_build/html/stalin-edition.pdf": "_build/latex/stalin-edition.pdf",
        "_build/html/stalin-edition.epub": "_build/epub/stalin-edition.epub",
    }
    assert set(DOWNLOADS.values()) - {"witness.txt"} == {
        target.removeprefix("_build/html/").replace("whole-text", "whole-text/index.html")
        for target in dict(copies).values()
    }


@pytest.mark.sphinx("html", testroot="published", freshenv=True)
def test_a_known_address_and_repository_come_from_the_citation_file(
    app: SphinxTestApp,
) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    soup = _soup(app.outdir / "chapter.html")
    assert soup.select_one('link[rel="canonical"]')["href"] == (
        "https://edition.example.org/published/chapter.html"
    )
    repository = soup.select_one("a.btn-source-repository-button")
    assert repository["href"] == "https://gitlab.example.org/editors/published"
    footer = soup.select_one("footer .edition-version")
    assert footer.get_text() == "Version 2.0, released 4 March 2025."
    # This root links no other formats.
    assert soup.select_one(".dropdown-download-edition-buttons") is None


@pytest.mark.sphinx(
    "html",
    testroot="published",
    freshenv=True,
    confoverrides={"html_baseurl": "https://mirror.example.org/"},
)
def test_conf_py_s_address_wins_over_the_citation_file_s(app: SphinxTestApp) -> None:
    app.build()
    soup = _soup(app.outdir / "chapter.html")
    assert soup.select_one('link[rel="canonical"]')["href"] == (
        "https://mirror.example.org/chapter.html"
    )


@pytest.mark.sphinx(
    "singlehtml",
    testroot="published",
    freshenv=True,
    confoverrides={
        "edition_whole_text_page": "whole-text/index.html",
        "edition_downloads": [("PDF", "published.pdf")],
    },
)
def test_the_one_page_text_has_its_own_address_and_links_the_site(app: SphinxTestApp) -> None:
    """Published in whole-text/, it names that address and reaches the site's files."""
    app.build()
    soup = _soup(app.outdir / "index.html")
    assert soup.select_one('link[rel="canonical"]')["href"] == (
        "https://edition.example.org/published/whole-text/index.html"
    )
    links = [a["href"] for a in soup.select(".dropdown-download-edition-buttons a")]
    assert links == ["../published.pdf"]
