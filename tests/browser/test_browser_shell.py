"""The theme's shell in a real browser at desktop, tablet and phone widths:
the ☰ button, the search box, the title, the page's head."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .browser_support import CHAPTER, PHONE

pytestmark = pytest.mark.browser

HEIGHT = 900
WIDTHS = [1280, 900, 390]
# Below this width the theme shows the sidebar as a dialog over the page.
WIDE = 992
TOGGLE = ".primary-toggle"

# A link of the table of contents can be seen and pressed: in the viewport
# and not covered by anything. The first one within the window's height: Tab
# scrolls a sidebar taller than the window to the link it focuses.
NAVIGATION_SHOWN = """() => {
    const link = [...document.querySelectorAll("nav.bd-docs-nav a")].find((a) => {
        const box = a.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
    });
    if (!link || !link.checkVisibility({visibilityProperty: true})) return false;
    const box = link.getBoundingClientRect();
    if (box.right <= 0 || box.left >= window.innerWidth) return false;
    const hit = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
    return hit !== null && (hit === link || link.contains(hit));
}"""


def navigation_shown(page) -> bool:
    # The theme slides the sidebar with a CSS transition: judge the settled page.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    return page.evaluate(NAVIGATION_SHOWN)


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request) -> int:
    return request.param


@pytest.fixture
def touch_page(browser, site: str, width: int) -> Iterator[object]:
    """The chapter on a touch screen of the given width (a phone or tablet below 992 px)."""
    context = browser.new_context(
        viewport={"width": width, "height": HEIGHT}, has_touch=True, is_mobile=width < WIDE
    )
    page = context.new_page()
    page.goto(site + CHAPTER)
    yield page
    context.close()


@pytest.fixture
def sized_page(browser, site: str, width: int) -> Iterator[object]:
    """The chapter with a mouse and keyboard at the given width."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT})
    page = context.new_page()
    page.goto(site + CHAPTER)
    yield page
    context.close()


def test_there_is_one_navigation_button_and_it_is_visible(sized_page) -> None:
    buttons = sized_page.locator(TOGGLE)
    assert buttons.count() == 1
    assert buttons.is_visible()
    assert sized_page.get_by_role("button", name="Toggle primary sidebar").is_visible()


def toggle_and_check(page, width: int, press, *, keyboard: bool = False) -> None:
    """Open then close the sidebar with ``press`` (a function of the page and
    what to press: the ☰ button, or the space outside the open sidebar)."""
    wide = width >= WIDE
    # A desktop shows the sidebar beside the text; a tablet or phone hides it.
    assert navigation_shown(page) is wide
    press(page, "toggle")
    assert navigation_shown(page) is not wide
    press(page, "toggle" if wide else "outside")
    assert navigation_shown(page) is wide
    if keyboard and not wide:
        # Focus comes back to the button, so a keyboard reader goes on from it.
        assert page.evaluate(f"document.activeElement.matches('{TOGGLE}')")
        press(page, "toggle")
        assert navigation_shown(page)


def test_the_button_opens_and_closes_the_sidebar_by_click(sized_page, width: int) -> None:
    def click(page, what: str) -> None:
        if what == "toggle":
            page.locator(TOGGLE).click()
        else:
            page.mouse.click(width - 8, HEIGHT // 2)

    toggle_and_check(sized_page, width, click)


def test_the_button_opens_and_closes_the_sidebar_by_tap(touch_page, width: int) -> None:
    def tap(page, what: str) -> None:
        if what == "toggle":
            page.locator(TOGGLE).tap()
        else:
            page.touchscreen.tap(width - 8, HEIGHT // 2)

    toggle_and_check(touch_page, width, tap)


def test_the_button_opens_and_closes_the_sidebar_by_keyboard(sized_page, width: int) -> None:
    def keyboard(page, what: str) -> None:
        if what == "toggle":
            page.keyboard.press("Enter")
        else:
            page.keyboard.press("Escape")

    # Tab reaches the button from the top of the page.
    for _ in range(40):
        sized_page.keyboard.press("Tab")
        if sized_page.evaluate(f"document.activeElement.matches('{TOGGLE}')"):
            break
    else:
        pytest.fail("Tab never reaches the ☰ button")
    toggle_and_check(sized_page, width, keyboard, keyboard=True)
    # The open sidebar's links are reached by the keyboard too.
    if width < WIDE:
        sized_page.keyboard.press("Tab")
        assert sized_page.evaluate("!!document.activeElement.closest('dialog[open]')")


# Words broken inside themselves: a word (no space, hyphen, dash or slash in
# it) set on two lines or more although it would fit on one line of the text.
# A web address is no word: it may break anywhere to fit a phone.
BROKEN_WORDS = r"""() => {
    const broken = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!element || !element.checkVisibility() || node.data.includes("://")) continue;
        const room = (element.closest(".bd-article") || document.body).clientWidth;
        for (const word of node.data.matchAll(/[^\s\-\u2010-\u2015/]{2,}/g)) {
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const boxes = [...range.getClientRects()].filter((box) => box.width > 0);
            const lines = new Set(boxes.map((box) => Math.round(box.top)));
            const width = boxes.reduce((sum, box) => sum + box.width, 0);
            if (lines.size > 1 && width < room) broken.push(`${word[0]} (${element.tagName})`);
        }
    }
    return broken;
}"""


def test_no_page_overflows_or_breaks_a_word_on_a_phone(browser, site: str, html_build) -> None:
    """Every page of the edition at 390 px: nothing wider than the screen, no
    word split letter by letter (the front page's field list did: "Ti/tl/e:")."""
    folder = html_build[0]
    pages = sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*.html")
        if not path.relative_to(folder).parts[0].startswith("_")
    )
    assert "index.html" in pages and CHAPTER in pages
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    faults = []
    for path in pages:
        page.goto(site + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            faults.append(f"{path} is {width}px wide")
        if broken := page.evaluate(BROKEN_WORDS):
            faults.append(f"{path} breaks {', '.join(broken[:5])}")
    context.close()
    assert not faults, "\n".join(faults)


def test_one_search_box_at_every_width(sized_page) -> None:
    searches = sized_page.locator(".search-button__button:visible, .search-button-field:visible")
    assert searches.count() == 1


def test_one_title_for_the_edition(page, site: str) -> None:
    """The sidebar, the window's title and the front page's heading name the edition alike."""
    page.goto(site + "index.html")
    heading = page.locator("article h1").first.evaluate(
        "h1 => [...h1.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('').trim()"
    )
    assert page.locator(".logo__title").inner_text().strip() == heading
    page.goto(site + CHAPTER)
    assert page.title().endswith(f" — {heading}")


# Pages of the editors' apparatus: cited by page, their paragraphs unnumbered.
APPARATUS = ["notes.html", "names.html", "bibliography.html", "about.html", "annotations.html"]
# A chapter with a block quotation of more than one paragraph (witness 137, 139);
# the quotation of 1917 (68-69) is one paragraph of two lines.
QUOTING = "consolidation-of-power/1927-1931.html"


def test_paragraph_numbers_stand_only_on_the_text(page, site: str) -> None:
    for path in APPARATUS:
        page.goto(site + path)
        assert page.locator("a.paragraph-link").count() == 0, path
    page.goto(site + CHAPTER)
    assert page.locator("a.paragraph-link").count() > 0


def test_every_paragraph_of_a_quotation_is_numbered(page, site: str) -> None:
    page.goto(site + QUOTING)
    paragraphs = page.evaluate(
        """() => [...document.querySelectorAll("article section > blockquote p")]
            .filter((p) => !p.classList.contains("attribution"))
            .map((p) => [p.id, p.querySelector(":scope > a.paragraph-link")?.textContent])"""
    )
    assert len(paragraphs) > 1
    assert all(number and anchor.endswith(f"p{number}") for anchor, number in paragraphs)
    numbers = [int(number) for _, number in paragraphs]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


# Each Font Awesome icon of the shell that is shown, and whether it is drawn:
# an inline SVG, or a glyph of the theme's webfont once the font has loaded.
ICONS = """async () => {
    await document.fonts.ready;
    const shown = [...document.querySelectorAll("[class*='fa-']")].filter(
        (icon) => icon.checkVisibility({visibilityProperty: true})
            && icon.closest(".bd-header-article, .bd-sidebar-primary, .prev-next-area"));
    return shown.map((icon) => {
        const box = icon.getBoundingClientRect();
        if (icon.localName === "svg") return [icon.outerHTML.slice(0, 60), box.width > 0];
        const glyph = getComputedStyle(icon, "::before");
        const font = `${glyph.fontWeight} 16px ${glyph.fontFamily}`;
        const drawn = box.width > 0 && !["none", "normal"].includes(glyph.content)
            && glyph.fontFamily.includes("Font Awesome") && document.fonts.check(font);
        return [icon.className, drawn];
    });
}"""


def test_every_icon_of_the_shell_is_drawn(sized_page) -> None:
    icons = sized_page.evaluate(ICONS)
    assert any("fa-bars" in name for name, _ in icons), icons
    assert all(drawn for _, drawn in icons), [name for name, drawn in icons if not drawn]


def test_a_page_loads_only_the_scripts_it_uses(browser, site: str) -> None:
    """The chapter needs neither Font Awesome's JavaScript (the theme's webfont
    draws the icons) nor the search index, which the search page loads."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + CHAPTER, wait_until="networkidle")
    chapter = [url.rsplit("/", 1)[-1].split("?")[0] for url in requested]
    requested.clear()
    page.goto(site + "search.html?q=Koba", wait_until="networkidle")
    search = [url.rsplit("/", 1)[-1].split("?")[0] for url in requested]
    context.close()
    assert "fontawesome.js" not in chapter and "searchindex.js" not in chapter, chapter
    assert "searchindex.js" in search and "searchtools.js" in search, search
