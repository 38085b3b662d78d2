"""The EPUB edition passes epubcheck (Debian's package, installed in CI)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import sphinx_build


def test_epub_passes_epubcheck(tmp_path) -> None:
    epubcheck = shutil.which("epubcheck")
    if epubcheck is None or shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have epubcheck: see .ci/apt-packages")
        pytest.skip("epubcheck not installed: sudo apt-get install epubcheck")
    result = sphinx_build("epub", tmp_path)
    assert result.returncode == 0, result.stderr
    (book,) = (tmp_path / "epub").glob("*.epub")
    # Debian installs epubcheck as a jar run through binfmt; java -jar needs none.
    check = subprocess.run(
        ["java", "-jar", epubcheck, str(book)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout[-4000:] + check.stderr[-4000:]
    assert "No errors or warnings detected" in check.stdout + check.stderr
