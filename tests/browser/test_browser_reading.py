"""Reading in a real browser: paragraph permalinks, citing, search, names, phone, print, themes."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .browser_support import CHAPTER, PHONE, landed_on

# Pages a reader must be able to use on a phone.
PAGES = [
    "index.html",
    CHAPTER,
    "consolidation-of-power/1927-1931.html",
    "notes.html",
    "names.html",
    "bibliography.html",
    "about.html",
]

pytestmark = pytest.mark.browser


def test_a_paragraph_permalink_is_visible_and_lands_on_its_paragraph(page, site: str) -> None:
    page.goto(site + CHAPTER)
    link = page.locator("#p3 a.paragraph-link")
    assert link.is_visible()
    assert link.inner_text() == "3"
    link.click()
    page.wait_for_url("**#p3")
    page.goto(site + "index.html")
    page.goto(site + CHAPTER + "#p3")
    assert landed_on(page, "p3")
    # The text follows the number in the margin.
    assert page.locator("#p3").inner_text().startswith("3\nStalin left Batumi in October")


def search_results(page, site: str, query: str) -> list[str]:
    page.goto(f"{site}search.html?q={query}")
    page.locator("#search-results p.search-summary").wait_for()
    return [
        href.split("?")[0].split("#")[0]
        for href in page.locator("#search-results ul.search li a").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
    ]


def test_search_finds_a_name_variant_in_the_chapter_that_uses_it(page, site: str) -> None:
    # "Soso" is a form of Stalin's name used in the chapter on his childhood.
    assert "early-life/1878-1899.html" in search_results(page, site, "Soso")
    # This chapter says only "Tiflis": the register makes "Tbilisi" find it.
    page.goto(site + CHAPTER)
    assert "Tbilisi" not in page.locator("article").inner_text()
    assert CHAPTER in search_results(page, site, "Tbilisi")


def finished_search(page, site: str, query: str) -> list[str]:
    """Every result's address (with its anchor) once the search page says it is done."""
    page.goto(f"{site}search.html?q={quote(query)}")
    page.wait_for_function(
        """() => {
            const status = document.querySelector("#search-results p.search-summary");
            const done = /^(Search finished|Your search did not match)/;
            return status && done.test(status.textContent);
        }"""
    )
    return page.locator("#search-results ul.search li a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )


# "New Economic Policy" is a phrase of one chapter (and of the notes report,
# which quotes its passage); another chapter has the three words apart.
PHRASE = "New Economic Policy"
PHRASE_CHAPTER = "lenins-government/1921-1923.html"
WORDS_APART = "consolidation-of-power/1927-1931.html"


def test_a_quoted_phrase_finds_only_the_pages_that_contain_it(page, site: str) -> None:
    found = finished_search(page, site, f'"{PHRASE}"')
    assert f"{PHRASE_CHAPTER}#p3" in found
    # Only the chapter: the notes report, which quotes the sentence, is not searched.
    assert {href.split("#")[0] for href in found} == {PHRASE_CHAPTER}
    # Case, spacing and a phone keyboard's curly quotes do not matter.
    assert finished_search(page, site, "\u201cnew  economic\tPOLICY\u201d") == found
    # Words outside the quotes must be on the page too, anywhere.
    assert f"{PHRASE_CHAPTER}#p3" in finished_search(page, site, f'"{PHRASE}" Lenin')
    assert PHRASE_CHAPTER not in " ".join(finished_search(page, site, f'"{PHRASE}" Hitler'))
    # A phrase of words Sphinx does not index ("of", numbers) still finds its pages.
    assert "index.html#p1" in finished_search(page, site, '"5 March 1953"')
    # The result leads to the paragraph, and its summary shows the phrase.
    result = page.locator(f'#search-results a[href="{PHRASE_CHAPTER}#p3"]')
    finished_search(page, site, f'"{PHRASE}"')
    assert PHRASE in result.locator("xpath=..").inner_text()
    result.click()
    page.wait_for_url(f"**/{PHRASE_CHAPTER}#p3")
    assert landed_on(page, "p3")
    assert PHRASE in page.locator("#p3").inner_text()


def test_an_unquoted_search_is_sphinx_s_own(browser, page, site: str) -> None:
    """Without quotes the words may stand apart, and the results are those of
    Sphinx's search without the phrase search script."""
    found = finished_search(page, site, PHRASE)
    assert PHRASE_CHAPTER in found and WORDS_APART in found
    context = browser.new_context()
    plain = context.new_page()
    plain.route("**/phrasesearch.js*", lambda route: route.abort())
    # The same pages; the script ranks those with the words as typed first.
    assert sorted(finished_search(plain, site, PHRASE)) == sorted(found)
    tbilisi = finished_search(page, site, "Tbilisi")
    assert sorted(finished_search(plain, site, "Tbilisi")) == sorted(tbilisi)
    context.close()


def summary(page, href: str) -> str:
    """The summary Sphinx's search shows under the result ``href``, once loaded."""
    context = page.locator(f'#search-results li:has(> a[href="{href}"]) p.context')
    context.first.wait_for()
    return " ".join(context.first.inner_text().split())


def test_a_result_s_summary_is_the_text_s_words(page, site: str) -> None:
    """Not the theme's buttons, the edition's menus, note previews or margin numbers."""
    found = finished_search(page, site, "Tbilisi")
    text = summary(page, "consolidation-of-power/1924-1927.html")
    assert "Tbilisi" in text
    for furniture in ("System Settings", "Light", "Dark", "The whole text on one page", "Cite"):
        assert furniture not in summary(page, found[-1]), furniture
    preview = summary(page, "index.html")
    assert "Source not yet identified" not in preview and "Note " not in preview


def test_a_name_s_literal_form_ranks_above_its_other_forms(page, site: str) -> None:
    """ "Koba" finds first the chapter where Stalin is called Koba, then the
    pages that name him otherwise; "Tbilisi" the pages that say Tbilisi before
    the mentions of Tiflis."""
    koba = [href.split("#")[0] for href in finished_search(page, site, "Koba")]
    assert koba[0] == "early-life/1878-1899.html"
    assert CHAPTER in koba
    tbilisi = finished_search(page, site, "Tbilisi")
    literal = tbilisi.index("consolidation-of-power/1924-1927.html")
    assert literal < tbilisi.index("early-life/1878-1899.html#name-tbilisi-1")
    assert literal < tbilisi.index(CHAPTER)


def test_a_phrase_gives_one_result_per_page_leading_to_its_paragraph(page, site: str) -> None:
    """Not one per tagged name in it, and not the margin annotation that quotes it."""
    found = finished_search(page, site, '"Józef Piłsudski"')
    pages = [href.split("#")[0] for href in found]
    assert len(pages) == len(set(pages))
    assert "lenins-government/1918-1921.html#p4" in found
    prison = finished_search(page, site, '"Shpalerhy Prison"')
    assert "early-life/1912-1917.html#p2" in prison
    assert not [href for href in prison if "#annotation-" in href or "#name-" in href]


def test_a_search_without_diacritics_finds_the_words_with_them(page, site: str) -> None:
    for query in ("Pilsudski", "Jozef"):
        found = finished_search(page, site, query)
        assert "lenins-government/1918-1921.html" in [h.split("#")[0] for h in found], query
    assert "Piłsudski" in summary(page, found[0])


# Characters per line of a paragraph: its width over its text's average
# character width in its own font.
MEASURE = """element => {
    const style = getComputedStyle(element);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = element.innerText;
    return element.clientWidth / (context.measureText(text).width / text.length);
}"""


@pytest.mark.parametrize(("width", "low", "high"), [(1920, 55, 80), (1280, 55, 80), (390, 35, 55)])
def test_the_measure_is_readable(browser, site: str, width: int, low: int, high: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site + CHAPTER)
    characters = page.locator("#p1").evaluate(MEASURE)
    context.close()
    assert low <= characters <= high


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_a_phone_never_scrolls_sideways(phone, site: str, path: str) -> None:
    phone.goto(site + path)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width}px wide"


def test_on_a_phone_a_tap_previews_a_note_and_a_second_tap_reaches_it(phone, site: str) -> None:
    phone.goto(site + CHAPTER)
    marker = phone.locator("#ref-47-1 > a")
    marker.tap()
    preview = phone.locator("#preview-47")
    assert preview.is_visible()
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    marker.tap()
    phone.wait_for_url("**/notes.html#note-47")
    assert landed_on(phone, "note-47")


def test_the_print_stylesheet_keeps_the_text_and_drops_the_furniture(page, site: str) -> None:
    page.goto(site + CHAPTER)
    page.emulate_media(media="print")
    for furniture in (".bd-sidebar-primary", ".bd-header-article", "#preview-46"):
        assert not page.locator(furniture).is_visible(), furniture
    assert page.locator("#p1").is_visible()
    assert page.locator("#p1 a.paragraph-link").is_visible()
    colour = page.locator("#p1").evaluate("element => getComputedStyle(element).color")
    assert colour == "rgb(0, 0, 0)"


def test_the_dark_theme_follows_the_system(browser, site: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site + CHAPTER)
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.locator("#p1").evaluate("element => getComputedStyle(element).color")
    assert luminance(background) < 0.1 < 0.6 < luminance(text)
    context.close()


def test_the_theme_switch_chooses_dark_and_keeps_it(page, site: str) -> None:
    page.goto(site + CHAPTER)
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    page.locator(".article-header-buttons .theme-switch-button").click()
    page.locator(".article-header-buttons .theme-change-button[data-mode='dark']").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.goto(site + "notes.html")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"


def luminance(css: str) -> float:
    """Relative luminance (WCAG) of an ``rgb()`` or ``rgba()`` colour."""
    parts = css[css.index("(") + 1 : css.index(")")].split(",")
    channels = [float(value) / 255 for value in parts[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize(
    ("path", "scheme"),
    [
        ("index.html", "light"),
        (CHAPTER, "light"),
        (CHAPTER, "dark"),
        ("notes.html", "light"),
        ("names.html", "light"),
        ("names.html", "dark"),
        ("bibliography.html", "light"),
        ("annotations.html", "light"),
        ("about.html", "dark"),
    ],
)
def test_no_serious_accessibility_violations(browser, site, axe_source, path, scheme) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site + path)
    # The theme applies the colour scheme with CSS transitions; audit the
    # settled page, not colours halfway between light and dark.
    page.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    context.close()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)
