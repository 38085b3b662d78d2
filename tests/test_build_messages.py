"""A build prints nothing that reads as a problem when there is none."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _build(docs: Path, out: Path, *extra: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "html", str(docs), str(out), "-W", "-N", *extra],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764115200"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return result.stdout + result.stderr


def test_a_second_build_finds_the_configuration_unchanged(edition_copy: Path) -> None:
    """The theme's changes to the configuration are in docs/conf.py, so the saved
    configuration equals the new one; MyST's dump of its own is left out."""
    docs, out = edition_copy / "docs", edition_copy / "_build"
    first = _build(docs, out)
    assert "myst v" not in first
    second = _build(docs, out)
    assert "loading pickled environment... done" in second
    assert "The configuration has changed" not in second
    assert "myst v" not in second
    assert "0 source files that are out of date" in second
    # Asked for detail, the build still gives MyST's configuration.
    assert "MdParserConfig(" in _build(docs, out, "-v")
