"""The EPUB edition passes epubcheck (Debian's package, installed in CI)."""

from __future__ import annotations

import shutil
import subprocess

from conftest import sphinx_build, unavailable


def test_epub_passes_epubcheck(tmp_path) -> None:
    epubcheck = shutil.which("epubcheck")
    if epubcheck is None or shutil.which("java") is None:
        unavailable("epubcheck", "sudo apt-get install epubcheck")
    result = sphinx_build("epub", tmp_path)
    assert result.returncode == 0, result.stderr
    (book,) = (tmp_path / "epub").glob("*.epub")
    # Debian installs epubcheck as a jar run through binfmt; java -jar needs none.
    check = subprocess.run(
        ["java", "-jar", epubcheck, str(book)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout[-4000:] + check.stderr[-4000:]
    assert "No errors or warnings detected" in check.stdout + check.stderr
