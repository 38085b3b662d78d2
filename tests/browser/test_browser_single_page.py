"""The whole text on one page in a real browser: notes, names, annotations,
paragraph anchors and "Cite" work there as on the chapters' pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .browser_support import landed_on, serve

pytestmark = pytest.mark.browser

# An anchor no other document has keeps its name; "p3", which every chapter
# has, is named for its document.
ECONOMY = "economic-policy-p3"
RSDLP = "p3--early-life-1899-1904"


@pytest.fixture(scope="module")
def single(singlehtml_build: Path) -> Iterator[str]:
    """The one-page text's address, served as the site serves it (whole-text/)."""
    with serve(singlehtml_build) as base:
        yield base + "index.html"


def test_a_note_previews_and_its_backlink_returns_to_its_place(page, single: str) -> None:
    page.goto(single)
    marker = page.locator("#ref-3-1 > a")
    marker.hover()
    expect(page.locator("#preview-3")).to_be_visible()
    marker.click()
    page.wait_for_url("**#note-3")
    assert landed_on(page, "note-3")
    back = page.locator("#note-3 .note-backlinks a").first
    target = back.get_attribute("href")[1:]
    back.click()
    assert landed_on(page, target)


def test_a_name_previews_and_its_index_entry_is_on_the_page(page, single: str) -> None:
    page.goto(single + "#document-consolidation-of-power/1927-1931")
    name = page.locator('section#economic-policy span.name[id^="name-stalin-joseph-"]').first
    name.hover()
    preview = page.locator("#name-preview")
    expect(preview).to_be_visible()
    assert preview.locator("strong").inner_text() == "Stalin, Joseph"
    href = preview.locator("a").get_attribute("href")
    assert href == "#names-entry-stalin-joseph"
    assert page.locator(href).count() == 1


def test_a_paragraph_anchor_lands_and_is_cited_with_its_chapter(page, single: str) -> None:
    page.goto(f"{single}#{RSDLP}")
    assert landed_on(page, RSDLP)
    assert page.locator(f"#{RSDLP}").inner_text().startswith("3\nStalin left Batumi in October")
    page.goto(f"{single}#{ECONOMY}")
    assert landed_on(page, ECONOMY)
    assert page.locator(f"#{ECONOMY} a.paragraph-link").get_attribute("href") == f"#{ECONOMY}"
    page.get_by_role("button", name="Cite").click()
    dialog = page.get_by_role("dialog")
    text = dialog.locator(".cite-text").inner_text()
    assert (
        "“1927–1931: Dekulakisation, collectivisation, and industrialisation”,"
        " § Economic policy, paragraph 3." in text
    )
    # The same key as the chapter's own page gives the paragraph.
    assert (
        dialog.locator("pre.cite-biblatex")
        .inner_text()
        .startswith(
            "@online{joseph-stalin-edition-consolidation-of-power-1927-1931-economic-policy-p3,"
        )
    )


def test_an_annotation_stands_level_with_its_words(page, single: str) -> None:
    page.goto(single + "#annotated-policies-including")
    page.evaluate("document.fonts.ready")
    note = page.locator("#annotation-policies-including")
    words = page.locator("#annotated-policies-including")
    expect(note).to_be_visible()
    top = words.evaluate("element => element.getClientRects()[0].top")
    assert abs(note.bounding_box()["y"] - top) <= 4
