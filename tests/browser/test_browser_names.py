"""Names and annotations in a real browser: previews, the Index of Names, margin notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from scholarly_edition.names import register as names_register

from .browser_support import CHAPTER, PHONE, TABLET, landed_on, serious_violations

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


FOCUSED_NAME = """() => {
    const link = document.activeElement.closest("a.name-link");
    return link && link.parentElement.id;
}"""


def test_the_keyboard_reaches_a_name_previews_it_and_follows_it(
    page, site: str, register, axe_source: str
) -> None:
    """Tab reaches the first mention of a name, whose focus shows the preview that
    describes the link; Escape hides it; Enter lands on the entry in the Index of Names."""
    page.goto(site + CHAPTER)
    first = page.locator("article a.name-link").first.evaluate("link => link.parentElement.id")
    entry = register.entries[first.removeprefix("name-").rsplit("-", 1)[0]]
    page.locator("article h1 a.headerlink").focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_NAME):
            break
    assert page.evaluate(FOCUSED_NAME) == first
    link = page.locator(f"#{first} > a.name-link")
    preview = page.locator("#name-preview")
    assert preview.is_visible()
    assert preview.inner_text().startswith(f"{entry.index}")
    assert f"{entry.description} Index of Names" in preview.inner_text()
    assert link.get_attribute("aria-describedby") == "name-preview"
    assert not serious_violations(page, axe_source)
    page.keyboard.press("Escape")
    assert not preview.is_visible()
    assert link.get_attribute("aria-describedby") is None
    assert page.evaluate(FOCUSED_NAME) == first
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/names.html#names-entry-{entry.id}")
    assert landed_on(page, f"names-entry-{entry.id}")


def test_only_the_first_mention_of_a_name_is_a_tab_stop(page, site: str) -> None:
    """One link per name on a page, at its first mention; the index's anchors stay."""
    page.goto(site + CHAPTER)
    mentions = page.locator("article span.name[id]").evaluate_all(
        """spans => spans.filter(span => span.textContent).map(span => [
            span.id, span.id.replace(/^name-/, "").replace(/-\\d+$/, ""),
            span.querySelector(":scope > a.name-link") !== null,
        ])"""
    )
    first: dict[str, str] = {}
    for anchor, entry, linked in mentions:
        first.setdefault(entry, anchor)
        assert linked == (first[entry] == anchor), anchor
    assert len(first) > 10
    # Later mentions keep the hover preview and are not focusable.
    later = page.locator("article span.name:not(:has(a.name-link))").first
    assert later.evaluate("span => span.tabIndex") == -1
    later.hover()
    assert page.locator("#name-preview").is_visible()


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
    # The first mention is a link: a first tap previews it, a second follows it.
    page.locator("#name-okhrana-1").tap()
    assert preview.is_visible()
    page.locator("#name-okhrana-1").tap()
    page.wait_for_url("**/names.html#names-entry-okhrana")
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
# Where an annotation stands, the first line of the words it annotates, and its marker.
ANNOTATION_BOXES = """slug => {
    const note = document.getElementById(`annotation-${slug}`);
    const words = document.getElementById(`annotated-${slug}`);
    const marker = document.querySelector(`sup.annotation-ref > a[href="#annotation-${slug}"]`);
    const box = (r) => ({top: r.top, bottom: r.bottom, left: r.left, right: r.right});
    // The note before it in the margin, which a float may not overlap.
    const notes = [...document.querySelectorAll("aside.annotation-note")];
    const previous = notes[notes.indexOf(note) - 1];
    return {
        note: box(note.getBoundingClientRect()),
        previous: previous ? box(previous.getBoundingClientRect()) : null,
        words: box(words.getClientRects()[0]),
        block: box(words.closest("p, blockquote").getBoundingClientRect()),
        marker: box(marker.getBoundingClientRect()),
        noteFont: parseFloat(getComputedStyle(note).fontSize),
        pageWidth: document.documentElement.scrollWidth,
    };
}"""


def _annotated_page(page, site: str, slug: str) -> str:
    """The chapter an annotation marks, from the link its own page gives."""
    page.goto(f"{site}annotations/{slug}.html")
    href = page.locator("p.annotation-place a").get_attribute("href")
    return href.replace("../", "", 1).split("#")[0]


def _assert_level(page, site: str, slug: str) -> None:
    """The annotation stands in the margin beside its paragraph, its top level
    with the first line of its words (within 4 px), however far down the
    paragraph they stand; or, where the note before it in the margin still
    reaches down there, just below that note, never over it."""
    chapter = _annotated_page(page, site, slug)
    page.goto(f"{site}{chapter}#annotated-{slug}")
    note = page.locator(f"#annotation-{slug}")
    assert note.is_visible()
    page.evaluate("document.fonts.ready")
    boxes = page.evaluate(ANNOTATION_BOXES, slug)
    assert boxes["note"]["left"] >= boxes["block"]["right"], boxes
    assert boxes["note"]["right"] <= page.viewport_size["width"], boxes
    level = abs(boxes["note"]["top"] - boxes["words"]["top"]) <= 4
    previous = boxes["previous"]
    if previous is not None:
        assert boxes["note"]["top"] >= previous["bottom"] - 1, boxes
    pushed = previous is not None and previous["bottom"] > boxes["words"]["top"] - 4
    assert level or (pushed and boxes["note"]["top"] - previous["bottom"] <= 40), boxes


@pytest.mark.parametrize("slug", SHIPPED_ANNOTATIONS)
def test_a_margin_annotation_sits_level_with_its_words(page, site: str, slug: str) -> None:
    """On a desktop each shipped annotation stands level with its words."""
    _assert_level(page, site, slug)


@pytest.mark.parametrize("slug", SHIPPED_ANNOTATIONS)
def test_on_a_tablet_a_margin_annotation_sits_level_with_its_words(
    browser, site: str, slug: str
) -> None:
    """At 900 px (a tablet) the text's measure leaves a margin:
    each annotation stands there, level with its words, not at the top of
    its paragraph over the text."""
    context = browser.new_context(viewport=TABLET, is_mobile=True, has_touch=True)
    page = context.new_page()
    _assert_level(page, site, slug)
    context.close()


@pytest.mark.parametrize("slug", SHIPPED_ANNOTATIONS)
def test_on_a_phone_an_annotation_opens_in_place(browser, site: str, slug) -> None:
    """At 390 px there is no margin: a tap on the marker opens the annotation
    under the marker's line, on the screen and nearly its width; a second tap
    or Escape closes it."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    chapter = _annotated_page(page, site, slug)
    page.goto(f"{site}{chapter}#annotated-{slug}")
    note = page.locator(f"#annotation-{slug}")
    marker = page.locator(f'sup.annotation-ref > a[href="#annotation-{slug}"]')
    assert note.is_hidden()
    marker.tap()
    expect(note).to_be_visible()
    assert marker.get_attribute("aria-expanded") == "true"
    boxes = page.evaluate(ANNOTATION_BOXES, slug)
    assert boxes["pageWidth"] <= PHONE["width"], boxes
    assert boxes["note"]["left"] >= 0 and boxes["note"]["right"] <= PHONE["width"], boxes
    # Most of the text's width, not a squeezed column.
    assert boxes["note"]["right"] - boxes["note"]["left"] >= 0.8 * PHONE["width"], boxes
    assert boxes["marker"]["bottom"] <= boxes["note"]["top"] <= boxes["marker"]["bottom"] + 12
    assert boxes["noteFont"] >= 12, boxes
    marker.tap()
    expect(note).to_be_hidden()
    marker.tap()
    expect(note).to_be_visible()
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    context.close()


def test_a_printed_page_keeps_its_annotations_beside_the_text(browser, site: str) -> None:
    """On paper (a page narrower than a tablet's margin layout) an annotation is
    neither hidden as on a phone nor left at its screen position: it stands in
    a box beside the text, inside the page."""
    context = browser.new_context(viewport={"width": 800, "height": 1100})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(site + "early-life/1912-1917.html")
    note = page.locator("#annotation-shpalerhy-prison")
    assert note.is_visible()
    box = note.bounding_box()
    text = page.locator("#annotated-shpalerhy-prison").evaluate(
        "element => element.closest('p').getBoundingClientRect().toJSON()"
    )
    assert text["left"] < box["x"] and box["x"] + box["width"] <= 800
    assert box["width"] <= 0.5 * (text["right"] - text["left"] + box["width"])
    context.close()
