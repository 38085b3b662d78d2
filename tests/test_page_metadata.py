"""Citation metadata in every page's head, parsed as a reference manager reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from conftest import edition_citation
from scholarly_edition.html import citation

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = (
    "citation_title",
    "citation_author",
    "citation_publication_date",
    "citation_online_date",
    "citation_language",
    "DC.title",
    "DC.creator",
    "DC.rights",
    "DC.source",
    "description",
)


def head(path: Path) -> dict[str, list[str]]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    found: dict[str, list[str]] = {}
    for meta in soup.head.find_all("meta", attrs={"name": True}):
        found.setdefault(meta["name"], []).append(meta.get("content", ""))
    return found


def test_every_page_s_head_has_the_citation_metadata(html_build) -> None:
    folder = html_build[0]
    edition = edition_citation()
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    pages = [p for p in folder.rglob("*.html") if p.relative_to(folder).parts[0][0] != "_"]
    assert pages
    for page in pages:
        tags = head(page)
        missing = [name for name in REQUIRED if name not in tags]
        assert not missing, f"{page.relative_to(folder)} lacks {missing}"
        assert tags["citation_author"] == [edition.editors]
        assert tags["DC.creator"] == [edition.editors]
        assert tags["DC.rights"] == [citation.licence_label(data["license"])]
        assert tags["DC.source"] == [edition.source]
        assert tags["citation_language"] == ["en"]
        assert tags["description"] == [" ".join(data["abstract"].split())]
        # No keywords made of the text's words (search reads them from the doctree).
        assert "keywords" not in tags, page
    front = head(folder / "index.html")
    assert front["citation_title"] == [edition.title] == front["DC.title"]
    chapter = head(folder / "early-life" / "1899-1904.html")
    assert chapter["citation_title"] == ["1899–1904: Russian Social-Democratic Labour Party"]
    # The build date (SOURCE_DATE_EPOCH of the session's build: 26 November 2025).
    assert chapter["citation_online_date"] == ["2025/11/26"]


@pytest.mark.sphinx(
    "html",
    testroot="paragraphs",
    freshenv=True,
    confoverrides={
        "html_baseurl": "https://editions.example/stalin/",
        "edition_publisher": "The publisher",
    },
)
def test_the_public_address_and_the_canonical_link_follow_html_baseurl(
    app: SphinxTestApp,
) -> None:
    app.build()
    page = app.outdir / "other.html"
    tags = head(page)
    assert tags["citation_public_url"] == ["https://editions.example/stalin/other.html"]
    assert tags["citation_publisher"] == ["The publisher"]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    canonical = soup.head.find("link", rel="canonical")
    assert canonical["href"] == "https://editions.example/stalin/other.html"


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True)
def test_without_a_base_address_no_address_is_guessed(app: SphinxTestApp) -> None:
    app.build()
    tags = head(app.outdir / "other.html")
    assert "citation_public_url" not in tags and "citation_publisher" not in tags
    assert tags["citation_title"]
