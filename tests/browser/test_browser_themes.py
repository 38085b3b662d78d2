"""Under alabaster and furo the reader's features work in a real browser: the
"Cite" dialog, the notes' and the names' previews (tests/test_themes.py builds
the edition)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from test_themes import build

from .browser_support import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=["alabaster", "furo"])
def themed_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    root = build(tmp_path_factory.mktemp(request.param), request.param)
    with serve(root / "_build" / "html") as base:
        yield base


def test_cite_opens_its_dialog(page, themed_site: str) -> None:
    page.goto(themed_site + "index.html")
    page.get_by_role("button", name="Cite").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("Cite this page")
    expect(dialog.locator(".cite-text")).to_contain_text("A Plain Edition")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_a_note_s_preview_shows_on_hover(page, themed_site: str) -> None:
    page.goto(themed_site + "index.html")
    page.locator("sup.note-ref").first.hover()
    preview = page.locator(".note-preview").first
    expect(preview).to_be_visible()
    expect(preview).to_contain_text("Note 1: Source not yet identified.")


def test_a_name_s_preview_shows_on_hover(page, themed_site: str) -> None:
    page.goto(themed_site + "index.html")
    page.locator("span.name").first.hover()
    preview = page.locator("#name-preview")
    expect(preview).to_be_visible()
    expect(preview).to_contain_text("Lenin, Vladimir")
    expect(preview.get_by_role("link", name="Index of Names")).to_be_visible()
