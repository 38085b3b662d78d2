"""No script error on the pages with margin annotations, at desktop, tablet and phone
widths; and the in-page contents still make way for an annotation on a wide screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.browser

# The front page and a chapter have annotations and no in-page contents (no
# secondary sidebar); the third chapter has both.
PAGES = ["index.html", "early-life/1917.html", "consolidation-of-power/1927-1931.html"]
WIDTHS = [1280, 900, 390]
WITH_CONTENTS = "consolidation-of-power/1927-1931.html"


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def sized_page(browser, request) -> Iterator[object]:
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _read_through(page) -> None:
    """Scroll down the page a screen at a time, so that every margin note enters
    the viewport (the theme's observer runs its callback then)."""
    height = page.evaluate("document.documentElement.scrollHeight")
    for top in range(0, height + 450, 450):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(40)
    page.wait_for_timeout(200)


@pytest.mark.parametrize("name", PAGES)
def test_a_page_with_margin_annotations_logs_no_error(sized_page, site: str, name: str) -> None:
    """Neither an uncaught exception nor a console error, from loading the page to
    its end (Lighthouse's "best practices" counts each)."""
    page = sized_page
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site + name, wait_until="load")
    assert page.locator("aside.annotation-note").count() > 0
    _read_through(page)
    assert errors == []


def test_the_contents_fold_away_while_an_annotation_is_on_screen(page, site: str) -> None:
    """On a wide screen the in-page contents stand in the margin the annotations
    use: they fold to their heading while one is in the upper part of the window,
    and open again when none is."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + WITH_CONTENTS, wait_until="load")
    contents = page.locator("div.bd-sidebar-secondary")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("!document.querySelector('div.bd-sidebar-secondary.hide')")
    page.locator("aside.annotation-note").first.evaluate(
        "note => note.scrollIntoView({block: 'start'})"
    )
    page.wait_for_function("!!document.querySelector('div.bd-sidebar-secondary.hide')")
    assert "hide" in (contents.get_attribute("class") or "")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("!document.querySelector('div.bd-sidebar-secondary.hide')")
