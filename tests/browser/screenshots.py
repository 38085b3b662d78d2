"""Screenshots of a chapter page for review: desktop, tablet and phone, light and dark.

``make screenshots`` builds the HTML and runs this; the PNG files go to
``_build/screenshots/``. Each shows the top of the chapter with the preview
of its first note open, as a reader hovering (or, on a touch screen, tapping)
the marker sees it. The tablet is 900 px wide, a width at
which the margin annotations stand beside the text as on a desktop.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import CHAPTER, DESKTOP, PHONE, TABLET, launch, serve


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the built HTML edition")
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.html) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for device, viewport in (("desktop", DESKTOP), ("tablet", TABLET), ("phone", PHONE)):
            touch = device != "desktop"
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport=viewport,
                    color_scheme=scheme,
                    is_mobile=touch,
                    has_touch=touch,
                )
                page = context.new_page()
                page.goto(base + CHAPTER)
                marker = page.locator("sup.note-ref > a").first
                if touch:
                    marker.tap()
                else:
                    marker.hover()
                path = args.out / f"chapter-{device}-{scheme}.png"
                page.screenshot(path=str(path))
                print(path)
                context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
