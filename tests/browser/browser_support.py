"""Serving the built edition on localhost and driving Debian's Chromium.

Shared by the browser tests and ``make screenshots``. Playwright never
downloads a browser here: it drives ``/usr/bin/chromium`` (Debian's package,
listed in ``.ci/apt-packages``).
"""

from __future__ import annotations

import functools
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 900, "height": 1200}
PHONE = {"width": 390, "height": 844}
# A chapter with notes, names and a paragraph of each kind.
CHAPTER = "early-life/1899-1904.html"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output free of one line per request."""


class _Server(ThreadingHTTPServer):
    """Keeps what went wrong while answering a request, instead of printing a
    traceback that names neither the request nor the exception among the tests'
    output. A browser that closes a connection it no longer needs is not an error."""

    def __init__(self, address: tuple[str, int], handler: Any) -> None:
        super().__init__(address, handler)
        self.failures: list[str] = []

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exception()
        if isinstance(error, ConnectionError):  # a reset, a broken pipe, an abort
            return
        self.failures.append(f"a request from {client_address}:\n{traceback.format_exc()}")


@contextmanager
def serve(
    folder: Path, handler_class: type[SimpleHTTPRequestHandler] = _QuietHandler
) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yields the base URL.

    ``handler_class`` answers the requests (the benchmark's gzips, as a host does).
    A request that failed for any other reason than the browser's hanging up fails
    the block, with the exception and the request it was answering.
    """
    handler = functools.partial(handler_class, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    if server.failures:
        raise AssertionError("the test server failed:\n" + "\n".join(server.failures))


def launch(playwright: Playwright) -> Browser:
    """Headless Debian Chromium, with nothing that phones home."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


def landed_on(page: Page, element_id: str) -> bool:
    """The element is in the viewport and not hidden under the sticky header."""
    return page.evaluate(
        """(id) => {
            const element = document.getElementById(id);
            const box = element.getBoundingClientRect();
            if (box.top < 0 || box.bottom > window.innerHeight) return false;
            const x = box.left + box.width / 2;
            const hit = document.elementFromPoint(x, box.top + box.height / 2);
            return hit !== null && (element === hit || element.contains(hit));
        }""",
        element_id,
    )


def serious_violations(page: Page, axe_source: str, scope: str = "document") -> list[str]:
    """axe-core's serious and critical violations in ``scope`` (a selector, or the page)."""
    page.add_script_tag(content=axe_source)
    target = "document" if scope == "document" else repr(scope)
    violations = page.evaluate(
        f"async () => (await axe.run({target}, {{resultTypes: ['violations']}})).violations"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
