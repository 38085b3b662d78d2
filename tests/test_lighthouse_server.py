"""The benchmark's server sends the pages as a static host does: text gzipped.

Lighthouse scores a page on the bytes its simulated phone network carries, so
the server must compress exactly what a host compresses (the scores
themselves live only in ``bench/lighthouse_bench.py``'s output).
"""

from __future__ import annotations

import gzip
import urllib.request
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from conftest import bench_module


def _get(url: str, gzip_accepted: bool) -> tuple[dict[str, str], bytes]:
    headers = {"Accept-Encoding": "gzip, deflate"} if gzip_accepted else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return dict(response.headers), response.read()


def test_text_is_gzipped_for_a_browser_that_accepts_it(tmp_path: Path) -> None:
    page = "<!DOCTYPE html><title>x</title>" + "<p>words</p>" * 200
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "script.js").write_text("let a = 1;\n" * 100, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    bench = bench_module("lighthouse_bench")
    with bench.serve(tmp_path, bench.GzipHandler) as base:
        headers, body = _get(base + "index.html", gzip_accepted=True)
        assert headers["Content-Encoding"] == "gzip"
        assert int(headers["Content-Length"]) == len(body) < len(page)
        assert gzip.decompress(body).decode() == page
        # The folder's address is its index page, compressed too.
        headers, body = _get(base, gzip_accepted=True)
        assert gzip.decompress(body).decode() == page
        headers, body = _get(base + "script.js", gzip_accepted=True)
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (tmp_path / "script.js").read_bytes()
        # Images are sent as they are; so is everything to a client without gzip.
        headers, body = _get(base + "image.png", gzip_accepted=True)
        assert "Content-Encoding" not in headers and body == (tmp_path / "image.png").read_bytes()
        headers, body = _get(base + "index.html", gzip_accepted=False)
        assert "Content-Encoding" not in headers and body.decode() == page


def _failing(error: BaseException) -> type[SimpleHTTPRequestHandler]:
    class Failing(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            raise error

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    return Failing


def _ask(folder: Path, error: BaseException) -> None:
    """One request to a server whose handler raises ``error``: the client sees it fail."""
    bench = bench_module("lighthouse_bench")
    with bench.serve(folder, _failing(error)) as base, pytest.raises(OSError):
        _get(base + "index.html", gzip_accepted=False)


def test_a_request_the_server_fails_fails_the_block_with_its_exception(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match=r"(?s)the test server failed.*ValueError: no page"):
        _ask(tmp_path, ValueError("no page"))


def test_a_browser_hanging_up_is_not_a_failure(tmp_path: Path) -> None:
    _ask(tmp_path, BrokenPipeError())
