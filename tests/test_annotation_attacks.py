"""The ways a hostile annotation got past the checks, each built in a copy of the edition.

Each file below once put a redirect, a file of the building machine or a
script link into the published chapters while ``make check`` and the ``-W``
build passed. Now every one is a located error in both, and nothing of it
reaches any output file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, sphinx_build

FRONT = (
    "---\ntarget:\n  quote: diwndling\ncontributor: A. Stranger\ndate: 2026-11-30\n"
    "kind: commentary\n"
)
# What the payloads would publish: a machine file's contents, a redirect, a script link.
SECRET = Path("/etc/os-release")
PAYLOADS = (
    "```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0; url=https://example.org/\n```\n\n"
    f"```{{literalinclude}} {SECRET}\n```\n\n"
    f"```{{include}} {SECRET}\n:literal:\n```\n\n"
    f"```{{csv-table}}\n:file: ../../../../../../../../..{SECRET}\n```\n\n"
    "[click](javascript:alert(1))\n"
)
ATTACKS = {
    # 1. A --- inside a block scalar ended the front matter for MyST, not for the check.
    "block-scalar.md": FRONT + "cites: |\n  x\n  ---\n\n" + PAYLOADS + "---\n\nText.\n",
    "contributor-scalar.md": FRONT.replace("contributor: A. Stranger", "contributor: |\n  A\n  ---")
    + PAYLOADS
    + "\n---\n\nText.\n",
    # 2. reStructuredText in the annotations folder was built, and never checked.
    "rst-annotation.rst": (
        f"Title\n=====\n\n`x <javascript:alert(1)>`_\n\n.. literalinclude:: {SECRET}\n"
    ),
    # 3. A front matter that never closes failed make check, but the build published it.
    "unclosed.md": FRONT + "\n" + PAYLOADS,
    # A local link becomes a download: the file would be copied into the output.
    "download.md": FRONT
    + "---\n\n[the file](../../../../../../../../..{SECRET})\n".replace("{SECRET}", str(SECRET)),
    # Allowed constructs nested beyond what TeX sets inside a footnote.
    "too-deep.md": FRONT + "---\n\n- a\n  - b\n    - c\n      - d\n",
}
EXPECTED = {
    "block-scalar.md": (9, "close the front matter with --- alone"),
    "contributor-scalar.md": (6, "close the front matter with --- alone"),
    "rst-annotation.rst": (1, "only MyST Markdown files (.md) are annotations"),
    "unclosed.md": (1, "the front matter does not close"),
    "download.md": (9, "annotations may not use the link target"),
    "too-deep.md": (12, "annotations may not use lists or quotations nested more than 3 deep"),
}


def _secret_lines() -> list[str]:
    """Lines of the machine's file long enough not to stand in the edition by chance."""
    if not SECRET.is_file():
        pytest.fail(f"{SECRET} is the file the payloads read; this machine lacks it")
    return [line for line in SECRET.read_text().splitlines() if len(line) > 12]


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the edition with every attack in its annotations folder."""
    root = tmp_path_factory.mktemp("attacked")
    for name in ("refs", "docs"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "CITATION.cff", root)
    for name, text in ATTACKS.items():
        (root / "docs" / "annotations" / name).write_text(text, encoding="utf-8")
    return root


def _located(output: str, folder: Path) -> set[tuple[str, int, str]]:
    found = set()
    for match in re.finditer(
        rf"{re.escape(str(folder))}/([^:\s]+):(\d+): (?:WARNING: )?(.*)", output
    ):
        found.add((match.group(1), int(match.group(2)), match.group(3)))
    return found


def _assert_each_located(output: str, folder: Path) -> None:
    found = _located(output, folder)
    for name, (line, message) in EXPECTED.items():
        assert any(f == name and n == line and m.startswith(message) for f, n, m in found), (
            name,
            line,
            message,
            sorted(found),
        )


def test_make_check_names_every_attack(attacked: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scholarly_edition", "--root", str(attacked), "check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    _assert_each_located(result.stdout, attacked / "docs" / "annotations")


def test_the_build_fails_at_every_attack_and_publishes_none(attacked: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build = sphinx_build("html", out, source=attacked / "docs")
    assert build.returncode != 0
    assert "Traceback" not in build.stderr
    _assert_each_located(build.stderr, attacked / "docs" / "annotations")
    secret = _secret_lines()
    for page in (out / "html").rglob("*"):
        if not page.is_file() or page.suffix not in {".html", ".js", ".txt", ".json"}:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        assert not [line for line in secret if line in text], page
        assert "http-equiv" not in text.lower() or "refresh" not in text.lower(), page
        assert "javascript:alert" not in text, page
    assert not list((out / "html").rglob("os-release*"))
