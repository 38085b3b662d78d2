"""Notes in a real browser: markers lead to notes, backlinks lead back, previews show."""

from __future__ import annotations

import pytest

from .browser_support import CHAPTER, landed_on

# Notes 3 and 4 are resolved; their previews give the citations.
FIRST_CHAPTER = "early-life/1878-1899.html"

pytestmark = pytest.mark.browser


def test_clicking_a_marker_lands_on_its_note(page, site: str) -> None:
    page.goto(site + CHAPTER)
    page.locator("#ref-46-1 > a").click()
    page.wait_for_url("**/notes.html#note-46")
    assert landed_on(page, "note-46")
    assert "Source not yet identified" in page.locator("#note-46").inner_text()


def test_each_backlink_of_a_reused_note_lands_on_its_use(page, site: str) -> None:
    page.goto(site + "notes.html#note-230")
    backlinks = page.locator("#note-230 .note-backlinks a")
    assert backlinks.all_inner_texts() == ["a", "b", "c", "d"]
    for number in range(1, 5):
        page.goto(site + "notes.html#note-230")
        page.locator("#note-230 .note-backlinks a").nth(number - 1).click()
        page.wait_for_url(f"**#ref-230-{number}")
        assert landed_on(page, f"ref-230-{number}"), f"use {number} of note 230"
        # The reader lands on the very marker, which links to the same note.
        marker = page.locator(f"#ref-230-{number} > a")
        assert marker.inner_text() == "[230]"


def test_hovering_a_marker_shows_what_the_note_says(page, site: str) -> None:
    page.goto(site + FIRST_CHAPTER)
    preview = page.locator("#preview-3-1")
    assert not preview.is_visible()
    page.locator("#ref-3-1 > a").hover()
    assert preview.is_visible()
    text = preview.inner_text()
    assert text.startswith("Note 3:")
    assert "Conquest 1991, p. 2" in text
    assert "Khlevniuk 2015, p. 11" in text
    page.mouse.move(0, 0)
    assert not preview.is_visible()


def test_keyboard_focus_shows_the_preview_and_reaches_its_link(page, site: str) -> None:
    page.goto(site + CHAPTER)
    marker = page.locator("#ref-46-1 > a")
    marker.focus()
    preview = page.locator("#preview-46-1")
    assert preview.is_visible()
    assert marker.get_attribute("aria-describedby") == "preview-46-1"
    # Tab goes into the preview's own link, and the preview stays open.
    page.keyboard.press("Tab")
    active = page.evaluate("document.activeElement.closest('.note-preview')?.id")
    assert active == "preview-46-1"
    assert preview.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('sup')?.id") == "ref-47-1"
    assert not preview.is_visible()
    assert page.locator("#preview-47-1").is_visible()
