"""The editorial record: licence of every file, the citation file, the changelog."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, unavailable
from edition_tools import licence_coverage
from scholarly_edition import __version__

CFFCONVERT = Path(sys.executable).with_name("cffconvert")


def test_every_tracked_file_has_a_licence_rule() -> None:
    paths = licence_coverage.tracked(ROOT)
    assert paths, "not a git checkout"
    text = (ROOT / "LICENSE-TEXT.md").read_text(encoding="utf-8")
    assert licence_coverage.problems(paths, licence_coverage.rules(text)) == []


def test_a_file_without_a_rule_and_a_rule_without_a_file_are_reported() -> None:
    text = "# L\n\n## Which licence covers which file\n\n| files | l |\n| --- | --- |\n"
    text += "| `ext/*`, `gone/*` | MIT |\n\n## After\n\n| `README.md` | not a rule |\n"
    found = licence_coverage.rules(text)
    assert [(rule.line, rule.pattern) for rule in found] == [(7, "ext/*"), (7, "gone/*")]
    messages = licence_coverage.problems(["ext/a/b.py", "README.md"], found)
    assert messages == [
        "LICENSE-TEXT.md: no licence rule covers 'README.md'; add it to the table under "
        "'## Which licence covers which file'",
        "LICENSE-TEXT.md:7: the pattern 'gone/*' matches no tracked file",
    ]


def test_make_check_runs_the_licence_and_citation_checks() -> None:
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ncheck:")[1].split("\n\n")[0]
    assert "edition_tools.licence_coverage" in recipe
    assert "cffconvert --validate -i CITATION.cff" in recipe


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CFFCONVERT), "--validate", "-i", str(path)], capture_output=True, text=True
    )


def test_citation_file_is_valid_and_an_invalid_one_fails(tmp_path: Path) -> None:
    if not CFFCONVERT.exists():
        unavailable("cffconvert", "make setup (a dev dependency)")
    assert _validate(ROOT / "CITATION.cff").returncode == 0
    broken = tmp_path / "CITATION.cff"
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    broken.write_text(text.replace("date-released: ", "date-released: not-a-date "), "utf-8")
    assert _validate(broken).returncode != 0


def test_changelog_citation_and_package_agree_on_version_and_date() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"^## (\S+) — (\d{4}-\d{2}-\d{2})$", changelog, re.M)
    assert newest, "CHANGELOG.md: no '## VERSION — YYYY-MM-DD' heading"
    assert newest.group(1) == str(cff["version"]) == __version__
    assert newest.group(2) == str(cff["date-released"])
    titles = [reference["title"] for reference in cff["references"]]
    assert titles[0] == "Joseph Stalin"
    witness = (ROOT / "refs" / "witness.txt").read_text(encoding="utf-8")
    assert witness.splitlines()[0] in titles


def test_cffconvert_is_a_dev_dependency_with_a_range() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"cffconvert>=[\d.]+,<[\d.]+"', pyproject)
    assert shutil.which("git")
