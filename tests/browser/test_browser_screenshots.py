"""`make screenshots`: the chapter at each width a reader brings, light and dark."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).with_name("screenshots.py")


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's header chunk (IHDR)."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


def test_screenshots_show_the_desktop_tablet_and_phone_views(
    browser, html_build: tuple[Path, str], tmp_path: Path
) -> None:
    """The script `make screenshots` runs writes each view at its device's width."""
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(html_build[0]), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    widths = {path.name: _png_size(path)[0] for path in tmp_path.glob("*.png")}
    assert widths == {
        f"chapter-{device}-{scheme}.png": width
        for device, width in (("desktop", 1280), ("tablet", 900), ("phone", 390))
        for scheme in ("light", "dark")
    }
