"""Note previews in a real browser at desktop, tablet and phone widths: Escape
closes them, they stand whole on the screen at a readable width, and Tab
follows the order in which a reader sees a paragraph."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .browser_support import CHAPTER

pytestmark = pytest.mark.browser

HEIGHT = 900
WIDTHS = [1280, 900, 390]
# The chapter of the explanatory note [d], whose marker stands near the
# right edge of its line at desktop width.
FIRST_CHAPTER = "early-life/1878-1899.html"
# A readable preview is at least this wide, or its text fits on one line.
READABLE = 240


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def sized_page(request, browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": request.param, "height": HEIGHT})
    page = context.new_page()
    yield page
    context.close()


def visible(page, preview_id: str) -> bool:
    return page.locator(f"#{preview_id}").is_visible()


def test_escape_closes_a_preview_shown_by_hover_or_focus(page, site: str) -> None:
    page.goto(site + FIRST_CHAPTER)
    marker = page.locator("#ref-3-1 > a")
    marker.hover()
    assert visible(page, "preview-3")
    page.keyboard.press("Escape")
    # Closed with the pointer still on the marker.
    assert not visible(page, "preview-3")
    page.mouse.move(0, 0)
    marker.hover()
    assert visible(page, "preview-3")
    page.mouse.move(0, 0)

    marker.focus()
    assert visible(page, "preview-3")
    page.keyboard.press("Escape")
    assert not visible(page, "preview-3")
    assert page.evaluate("document.activeElement.closest('#ref-3-1')") is not None
    # Focus moves on to the next marker: its preview shows.
    page.locator("#ref-4-1 > a").focus()
    assert visible(page, "preview-4")
    page.locator("#ref-3-1 > a").focus()
    assert visible(page, "preview-3")


def test_escape_closes_a_preview_opened_by_a_tap(browser, site: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(site + FIRST_CHAPTER)
    page.locator("#ref-3-1 > a").tap()
    assert visible(page, "preview-3")
    page.keyboard.press("Escape")
    assert not visible(page, "preview-3")
    context.close()


# Each marker's preview, shown by keyboard focus: its box and whether its text
# is on one line.
PREVIEW_BOXES = """() => [...document.querySelectorAll("sup.note-ref > a")].map((link) => {
    link.focus();
    const preview = link.parentElement.nextElementSibling;
    const box = preview.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(preview);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
    link.blur();
    return {id: preview.id, left: box.left, right: box.right, width: box.width,
            oneLine: lines.size === 1};
})"""


def test_every_preview_is_readable_and_on_the_screen(sized_page, site: str) -> None:
    sized_page.goto(site + FIRST_CHAPTER)
    room = sized_page.evaluate("document.documentElement.clientWidth")
    boxes = sized_page.evaluate(PREVIEW_BOXES)
    assert any(box["id"] == "preview-d" for box in boxes)
    faults = [
        f"{box['id']}: {box['left']:.0f}–{box['right']:.0f} px of {room}"
        for box in boxes
        if box["left"] < 0
        or box["right"] > room
        or (box["width"] < min(READABLE, room - 16) and not box["oneLine"])
    ]
    assert not faults, "\n".join(faults)


def test_tab_reaches_a_paragraph_s_number_before_its_text(page, site: str) -> None:
    """The number stands in the margin before the paragraph: Tab reaches it first."""
    page.goto(site + CHAPTER)
    # Every numbered paragraph's first tab stop is its number.
    firsts = page.evaluate(
        """() => [...document.querySelectorAll("a.paragraph-link")].map((link) => {
            const block = link.closest("p");
            const first = block.querySelector("a[href], button, [tabindex]");
            return first === link;
        })"""
    )
    assert firsts and all(firsts)
    # From the number of paragraph 2, Tab goes into its text, then on to paragraph 3's
    # number once paragraph 2's links are passed.
    page.locator("#p2 a.paragraph-link").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#p2') !== null")
    assert not page.evaluate("document.activeElement.matches('a.paragraph-link')")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#p2') === null"):
            break
    assert page.evaluate("document.activeElement.matches('#p3 a.paragraph-link')")
