"""Names and annotations in a real browser: previews, the Index of Names, margin notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from scholarly_edition import names_register

from .browser_support import CHAPTER, PHONE, landed_on

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def register() -> names_register.Register:
    return names_register.load(ROOT / "refs" / "names.toml")[0]


def test_hovering_a_name_shows_what_the_register_says(page, site: str, register) -> None:
    stalin = register.entries["stalin-joseph"]
    page.goto(site + CHAPTER)
    preview = page.locator("#name-preview")
    page.locator("#name-okhrana-1").hover()
    assert preview.is_visible()
    assert preview.inner_text() == "Okhrana\n" + register.entries["okhrana"].description + (
        " Index of Names"
    )
    page.locator("#name-stalin-joseph-2").hover()
    text = preview.inner_text()
    assert text.startswith(f"{stalin.index} ({stalin.dates})\n{stalin.description}")
    # The link leads to the entry in the Index of Names.
    preview.get_by_role("link", name="Index of Names").click()
    page.wait_for_url("**/names.html#names-entry-stalin-joseph")
    assert landed_on(page, "names-entry-stalin-joseph")


def test_on_a_phone_a_tap_on_a_name_previews_it(browser, site: str, register) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site + CHAPTER)
    page.locator("#name-okhrana-1").tap()
    preview = page.locator("#name-preview")
    assert preview.is_visible()
    assert register.entries["okhrana"].description in preview.inner_text()
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.locator("article h1").tap()
    assert not preview.is_visible()
    context.close()


def test_an_index_of_names_link_lands_on_the_highlighted_name(page, site: str) -> None:
    page.goto(site + "names.html")
    link = page.locator("#names-entry-okhrana + dd a[href*='#name-okhrana-']").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**#{anchor}")
    assert landed_on(page, anchor)
    name = page.locator(f"#{anchor}")
    assert name.inner_text() == "Okhrana"
    highlight = name.evaluate("element => getComputedStyle(element).backgroundColor")
    assert highlight not in ("rgba(0, 0, 0, 0)", "transparent")


def test_an_annotation_is_visible_beside_its_passage(page, site: str) -> None:
    """On a desktop the note stands in the right margin of the text it annotates."""
    page.goto(site + "early-life/1912-1917.html#annotated-shpalerhy-prison")
    passage = page.locator("#annotated-shpalerhy-prison")
    note = page.locator("#annotation-shpalerhy-prison")
    assert passage.is_visible() and note.is_visible()
    text = passage.evaluate("element => element.closest('p').getBoundingClientRect().right")
    assert note.bounding_box()["x"] >= text
    assert "Shpalernaya" in note.inner_text()


SHIPPED_ANNOTATIONS = sorted(path.stem for path in (ROOT / "docs" / "annotations").glob("*.md"))
# Where an annotation stands and the block of text its passage is in.
ANNOTATION_BOXES = """slug => {
    const note = document.getElementById(`annotation-${slug}`);
    const block = document.getElementById(`annotated-${slug}`).closest("p, blockquote");
    const box = (element) => {
        const rect = element.getBoundingClientRect();
        return {top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right};
    };
    return {
        note: box(note),
        block: box(block),
        noteFont: parseFloat(getComputedStyle(note).fontSize),
        pageWidth: document.documentElement.scrollWidth,
    };
}"""


def _annotated_page(page, site: str, slug: str) -> str:
    """The chapter an annotation marks, from the link its own page gives."""
    page.goto(f"{site}annotations/{slug}.html")
    href = page.locator("p.annotation-place a").get_attribute("href")
    return href.replace("../", "", 1).split("#")[0]


@pytest.mark.parametrize("slug", SHIPPED_ANNOTATIONS)
def test_a_margin_annotation_sits_level_with_its_passage(page, site: str, slug: str) -> None:
    """On a desktop each shipped annotation stands in the margin beside its paragraph,
    its top level with the paragraph's top (within 4 px)."""
    chapter = _annotated_page(page, site, slug)
    page.goto(f"{site}{chapter}#annotated-{slug}")
    note = page.locator(f"#annotation-{slug}")
    assert note.is_visible()
    boxes = page.evaluate(ANNOTATION_BOXES, slug)
    assert boxes["note"]["left"] >= boxes["block"]["right"], boxes
    assert boxes["note"]["right"] <= page.viewport_size["width"], boxes
    assert abs(boxes["note"]["top"] - boxes["block"]["top"]) <= 4, boxes


@pytest.mark.parametrize("slug", SHIPPED_ANNOTATIONS)
def test_on_a_phone_an_annotation_stands_before_its_passage(browser, site: str, slug) -> None:
    """At 390 px there is no margin: the theme's margin note takes the text's width
    just before its paragraph, never overlapping it or widening the page."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    chapter = _annotated_page(page, site, slug)
    page.goto(f"{site}{chapter}#annotated-{slug}")
    note = page.locator(f"#annotation-{slug}")
    note.scroll_into_view_if_needed()
    assert note.is_visible()
    boxes = page.evaluate(ANNOTATION_BOXES, slug)
    context.close()
    assert boxes["pageWidth"] <= PHONE["width"], boxes
    assert boxes["note"]["left"] >= 0 and boxes["note"]["right"] <= PHONE["width"], boxes
    # Most of the text's width, not a squeezed column.
    assert boxes["note"]["right"] - boxes["note"]["left"] >= 0.8 * PHONE["width"], boxes
    assert boxes["note"]["bottom"] <= boxes["block"]["top"] <= boxes["note"]["bottom"] + 40, boxes
    assert boxes["noteFont"] >= 12, boxes
