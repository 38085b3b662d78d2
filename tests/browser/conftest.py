"""Fixtures of the browser tests: the session's HTML build served on localhost,
and Debian's Chromium driven by Playwright.

On a machine without Chromium (or Playwright) the browser tests are skipped,
never in CI, where `.ci/run` installs Chromium and a missing browser fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from conftest import unavailable

from .browser_support import CHROMIUM, DESKTOP, launch, serve

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _missing(what: str) -> NoReturn:
    __tracebackhide__ = True
    unavailable(what, "see README (make browser-deps)")


@pytest.fixture(scope="session")
def site(html_build: tuple[Path, str]) -> Iterator[str]:
    """Base URL of the edition built once for the session, served on 127.0.0.1."""
    with serve(html_build[0]) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        _missing("Debian's chromium (/usr/bin/chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A desktop page in a fresh context (no history, light colour scheme)."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, installed from the npm registry by `make browser-deps`."""
    if not AXE.is_file():
        _missing("axe-core (make browser-deps)")
    return AXE.read_text(encoding="utf-8")
