"""The "Cite" dialog in a real browser: the passage (chapter, section,
paragraph), the year and version, the address, and the citation as biblatex,
CSL-JSON and RIS, each read by a tool that imports it."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import bibtexparser
import pytest
from playwright.sync_api import expect
from sphinx.testing.util import SphinxTestApp

from conftest import edition_citation

from .browser_support import CHAPTER, serve

ROOT = Path(__file__).resolve().parents[2]
ECONOMY = "consolidation-of-power/1927-1931.html"
ECONOMY_TITLE = "1927–1931: Dekulakisation, collectivisation, and industrialisation"
TODAY = datetime.date.today().isoformat()

pytestmark = pytest.mark.browser


def cite(page, url: str) -> dict[str, str]:
    """Open the dialog on ``url``; what it shows, by format."""
    page.goto(url)
    page.get_by_role("button", name="Cite").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    shown = {"heading": dialog.get_by_role("heading").inner_text()}
    shown["text"] = dialog.locator(".cite-text").inner_text()
    for name in ("biblatex", "csl-json", "ris"):
        shown[name] = dialog.locator(f"pre.cite-{name}").inner_text()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    return shown


def biblatex(text: str) -> object:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, text
    (entry,) = library.entries
    return entry


def test_a_paragraph_s_citation_names_its_chapter_section_year_and_version(page, site: str) -> None:
    edition = edition_citation()
    shown = cite(page, site + ECONOMY + "#economic-policy-p3")
    assert shown["heading"] == "Cite paragraph 3"
    url = f"{site}{ECONOMY}#economic-policy-p3"
    assert shown["text"].startswith(
        f"{edition.text()} “{ECONOMY_TITLE}”, § Economic policy, paragraph 3. {url} (accessed "
    )
    assert "Version 0.1.0, 2026." in shown["text"]
    entry = biblatex(shown["biblatex"])
    assert entry.entry_type == "online"
    assert entry.key == "joseph-stalin-edition-consolidation-of-power-1927-1931-economic-policy-p3"
    fields = {field.key: field.value for field in entry.fields}
    assert fields["date"] == "2026-12-01" and fields["version"] == "0.1.0"
    assert fields["titleaddon"] == f"“{ECONOMY_TITLE}”, § Economic policy, paragraph 3"
    assert fields["url"] == url and fields["urldate"] == TODAY
    assert fields["title"] == "{" + edition.title + "}"


def test_the_lead_is_cited_as_the_lead_and_each_passage_has_its_own_key(page, site: str) -> None:
    lead = cite(page, site + "index.html#p2")
    assert "The article's lead, paragraph 2." in lead["text"]
    assert f"§ {edition_citation().title}" not in lead["text"]
    chapter = cite(page, site + CHAPTER + "#p3")
    assert "“1899–1904: Russian Social-Democratic Labour Party”, paragraph 3." in chapter["text"]
    whole = cite(page, site + CHAPTER)
    assert whole["heading"] == "Cite this page"
    assert (
        f"“1899–1904: Russian Social-Democratic Labour Party”. {site}{CHAPTER} (" in (whole["text"])
    )
    keys = [biblatex(shown["biblatex"]).key for shown in (lead, chapter, whole)]
    assert len(set(keys)) == 3, keys


def test_csl_json_and_ris_import_as_the_same_passage(page, site: str) -> None:
    """citeproc-py formats the CSL-JSON and rispy reads the RIS, as reference managers do."""
    import rispy
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    shown = cite(page, site + ECONOMY + "#economic-policy-p3")
    url = f"{site}{ECONOMY}#economic-policy-p3"
    (item,) = json.loads(shown["csl-json"])
    assert item["title"] == ECONOMY_TITLE
    assert item["section"] == "§ Economic policy, paragraph 3"
    assert item["issued"] == {"date-parts": [[2026, 12, 1]]}
    source = CiteProcJSON([item])
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    (rendered,) = (str(entry) for entry in bibliography.bibliography())
    assert ECONOMY_TITLE in rendered and "2026" in rendered and url in rendered, rendered

    (record,) = rispy.loads(shown["ris"])
    assert record["type_of_reference"] == "ELEC"
    assert record["title"] == ECONOMY_TITLE
    assert record["secondary_title"] == edition_citation().title
    assert record["year"] == "2026" and record["edition"] == "0.1.0"
    assert record["urls"] == [url] and record["section"] == "§ Economic policy, paragraph 3"
    assert record["id"] == item["id"] == biblatex(shown["biblatex"]).key


def test_cite_copies_each_format(browser, site: str, axe_source: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site + CHAPTER + "#p2")
    page.get_by_role("button", name="Cite").click()
    dialog = page.get_by_role("dialog")
    for number, shown in enumerate((".cite-text", ".cite-biblatex", ".cite-csl-json", ".cite-ris")):
        button = dialog.locator(".cite-copy").nth(number)
        button.click()
        expect(button).to_have_text("Copied")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == dialog.locator(shown).text_content()
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        "async () => (await axe.run('.cite-dialog', {resultTypes: ['violations']})).violations"
    )
    context.close()
    assert not [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.sphinx("html", testroot="published", freshenv=True)
def test_a_known_public_address_is_the_one_cited(app: SphinxTestApp, browser) -> None:
    """Read anywhere (here on localhost), a passage is cited at the edition's address."""
    app.build()
    page = browser.new_page()
    with serve(Path(app.outdir)) as base:
        shown = cite(page, base + "chapter.html#a-section-p2")
    page.close()
    url = "https://edition.example.org/published/chapter.html#a-section-p2"
    assert f"“A chapter & its title”, § A section, paragraph 2. {url} (accessed " in shown["text"]
    assert "Version 2.0, 2025." in shown["text"]
    fields = {field.key: field.value for field in biblatex(shown["biblatex"]).fields}
    assert fields["url"] == url and fields["date"] == "2025-03-04"
    assert fields["titleaddon"] == r"“A chapter \& its title”, § A section, paragraph 2"
    assert fields["editor"] == r"{The editors \& their helpers}"
    assert json.loads(shown["csl-json"])[0]["URL"] == url
