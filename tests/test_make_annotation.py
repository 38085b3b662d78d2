"""`make annotation` passes a contributor's values to the command as data, through the real make.

Quotes, ``$``, backticks, ``$(...)`` (shell's and make's) and newlines in
``QUOTE=``, ``PREFIX=``, ``KIND=`` or ``CONTRIBUTOR=`` must arrive as the
words typed and run nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import run_make, unavailable

# Every way a value could become code: in the shell that runs the recipe, in
# make's expansion of the recipe or of exported variables.
PAYLOADS = (
    "`touch {dir}/backtick`",
    "$(touch {dir}/subshell)",
    "$(shell touch {dir}/make-shell)",
    "${{HOME}} $HOME $$HOME",
    '" ; touch {dir}/after-quote ; "',
    "' ; touch {dir}/after-single-quote ; '",
    "\\",
)


def _hostile(canary: Path) -> str:
    return "Eve " + " ".join(p.format(dir=canary) for p in PAYLOADS) + "\nsecond line"


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    """The folder every payload would write to if it ran."""
    folder = tmp_path / "canary"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def _needs_make() -> None:
    if shutil.which("make") is None:
        unavailable("make", "apt-get install make")


def test_hostile_values_are_written_as_typed(edition_copy: Path, canary: Path) -> None:
    contributor = _hostile(canary)
    result = run_make(
        edition_copy,
        "annotation",
        'QUOTE="Koba"',
        "PREFIX=adopting the nickname ",
        "KIND=context",
        f"CONTRIBUTOR={contributor}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(canary.iterdir()) == []
    path = edition_copy / "docs" / "annotations" / "koba.md"
    assert result.stdout.endswith(
        "wrote docs/annotations/koba.md: write the annotation below its front matter\n"
    )
    front_matter = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert front_matter["target"] == {"quote": '"Koba"', "prefix": "adopting the nickname "}
    assert front_matter["contributor"] == contributor
    assert front_matter["kind"] == "context"


@pytest.mark.parametrize("name", ["QUOTE", "PREFIX", "SUFFIX", "KIND"])
def test_no_value_runs_a_command(edition_copy: Path, canary: Path, name: str) -> None:
    values = {"QUOTE": "forbidden book club", "CONTRIBUTOR": "A. Reader"}
    values[name] = _hostile(canary)
    result = run_make(edition_copy, "annotation", *(f"{k}={v}" for k, v in values.items()))
    assert result.returncode != 0
    assert list(canary.iterdir()) == []
    assert list((edition_copy / "docs" / "annotations").glob("forbidden*")) == []
    if name == "KIND":
        assert "error: kind must be one of commentary, correction, context, source" in (
            result.stderr
        )
    else:
        assert "error: the quotation matches no passage" in result.stderr


def test_values_from_the_environment_are_data_too(edition_copy: Path, canary: Path) -> None:
    """``QUOTE=... make annotation`` (values in the environment, not make's command line)."""
    contributor = _hostile(canary)
    result = run_make(
        edition_copy,
        "annotation",
        env={"QUOTE": "forbidden book club", "CONTRIBUTOR": contributor},
    )
    assert result.returncode == 0, result.stderr
    assert list(canary.iterdir()) == []
    text = (edition_copy / "docs" / "annotations" / "forbidden-book-club.md").read_text("utf-8")
    assert yaml.safe_load(text.split("---\n")[1])["contributor"] == contributor


def test_no_contributor_or_quote_is_a_message(edition_copy: Path) -> None:
    result = run_make(edition_copy, "annotation", "QUOTE=forbidden book club")
    assert result.returncode != 0
    assert "error: say who you are: --contributor NAME (CONTRIBUTOR= with make)" in result.stderr
    result = run_make(edition_copy, "annotation", "CONTRIBUTOR=A. Reader")
    assert result.returncode != 0
    assert "error: give the exact words: --quote WORDS (QUOTE= with make)" in result.stderr
