"""Notes in a real browser: markers lead to notes, backlinks lead back, previews show."""

from __future__ import annotations

from pathlib import Path

import pytest

import edition_data
from scholarly_edition.text import structure

from .browser_support import CHAPTER, landed_on

ROOT = Path(__file__).resolve().parents[2]
FIRST_CHAPTER = "early-life/1878-1899.html"

pytestmark = pytest.mark.browser


def _resolved_note(chapter: str) -> tuple[str, list[str]]:
    """The first resolved note of the note map used in a chapter, with its citations."""
    edition = structure.load(ROOT / "refs" / "structure.toml")
    (found,) = [c for c in edition.chapters if f"{c.file}.html" == chapter]
    text = "\n".join(edition.lines[found.first - 1 : found.last])
    notes = edition_data.notes(ROOT).resolved
    return next((label, notes[label]) for label in notes if f"[{label}]" in text)


def test_clicking_a_marker_lands_on_its_note(page, site: str) -> None:
    page.goto(site + CHAPTER)
    page.locator("#ref-46-1 > a").click()
    page.wait_for_url("**/notes.html#note-46")
    assert landed_on(page, "note-46")
    resolved = edition_data.notes(ROOT).resolved
    says = "; ".join(resolved["46"]) if "46" in resolved else "Source not yet identified"
    assert says in page.locator("#note-46").inner_text()


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
    label, citations = _resolved_note(FIRST_CHAPTER)
    page.goto(site + FIRST_CHAPTER)
    preview = page.locator(f"#preview-{label}")
    assert not preview.is_visible()
    page.locator(f"#ref-{label}-1 > a").hover()
    assert preview.is_visible()
    text = preview.inner_text()
    assert text.startswith(f"Note {label}:")
    for citation in citations:
        assert citation in text
    page.mouse.move(0, 0)
    assert not preview.is_visible()


def test_keyboard_focus_shows_the_preview_and_reaches_its_links(page, site: str) -> None:
    """A resolved note's preview links its citations to the bibliography: Tab reaches them."""
    label, citations = _resolved_note(FIRST_CHAPTER)
    page.goto(site + FIRST_CHAPTER)
    marker = page.locator(f"#ref-{label}-1 > a")
    marker.focus()
    preview = page.locator(f"#preview-{label}")
    assert preview.is_visible()
    assert marker.get_attribute("aria-describedby") == f"preview-{label}"
    # Tab goes into the preview's own links (author and year), and the preview stays open.
    for citation in citations:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == citation.split(", ")[0]
        assert preview.is_visible()
    # Past the preview, focus moves on and the preview closes.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.note-preview')") is None
    assert not preview.is_visible()


def test_a_note_used_twice_on_a_page_previews_beside_each_use(page, site: str) -> None:
    """The page carries the note's preview once; it shows beside whichever marker."""
    page.goto(site + "consolidation-of-power/1924-1927.html")
    assert page.locator("#preview-297").count() == 1
    preview = page.locator("#preview-297")
    for use in ("ref-297-1", "ref-297-2"):
        marker = page.locator(f"#{use} > a")
        marker.hover()
        assert preview.is_visible(), use
        assert marker.get_attribute("aria-describedby") == "preview-297"
        below = preview.bounding_box()["y"] - marker.bounding_box()["y"]
        assert 0 < below < 60, f"the preview stands {below:.0f}px from {use}"
        page.mouse.move(0, 0)
        assert not preview.is_visible()
