"""README's commands and CI's install list agree, and what CI installs is tested there."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, pytest_collection_modifyitems, unavailable


def test_readme_tex_command_installs_what_ci_installs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^sudo apt-get install .*$", readme, re.MULTILINE)
    assert commands
    named = {word for command in commands for word in command.split() if not word.startswith("-")}
    wanted = set((ROOT / ".ci" / "apt-packages").read_text().split())
    assert wanted <= named


def test_ci_runs_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "```sh\nmake test\n```" in readme
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "make test" in lines
    # Then the extension's suite and the HTML build on the newest Python README names.
    last = 'make test-ext html PYTHON="$python313" VENV=.venv-3.13 LOCK= BUILDDIR=_build/python3.13'
    assert lines[-1] == last
    assert "```sh\nmake test\n```" in readme and "make test-ext html PYTHON=python3.13" in readme


def test_a_missing_tool_fails_in_ci_and_is_skipped_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CI installs every tool the tests use: there, whatever CI is set to, a missing
    tool fails its tests instead of letting them pass untested."""
    for value in ("true", "1", ""):
        monkeypatch.setenv("CI", value)
        with pytest.raises(pytest.fail.Exception, match=r"^CI must have a tool: see \.ci/run"):
            unavailable("a tool", "install it")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match=r"^a tool not installed: install it$"):
        unavailable("a tool", "install it")


def test_search_stems_with_the_compiled_snowball_stemmer(edition) -> None:
    """PyStemmer, a dependency for speed, gives Sphinx's index the stems of the pure
    Python Snowball stemmer, the algorithm of the search page's own JavaScript."""
    import Stemmer
    from snowballstemmer.english_stemmer import EnglishStemmer
    from sphinx.search.en import SearchEnglish

    stemmer = SearchEnglish({}).stemmer
    assert isinstance(stemmer, Stemmer.Stemmer)
    words = sorted({w.lower() for w in re.findall(r"\w+", "\n".join(edition.lines))})
    assert len(words) > 2000
    assert stemmer.stemWords(words) == EnglishStemmer().stemWords(words)


class _Item:
    """The little of a collected test the marker check reads."""

    nodeid = "tests/test_x.py::test_y"

    def __init__(self, fixture: str, marker: str | None) -> None:
        self.fixturenames = ("tmp_path", fixture)
        self.marker = marker

    def get_closest_marker(self, name: str) -> object | None:
        return name if name == self.marker else None


@pytest.mark.parametrize(("fixture", "marker"), [("pdf_build", "pdf"), ("browser", "browser")])
def test_a_test_that_builds_tex_or_drives_chromium_carries_its_marker(
    fixture: str, marker: str
) -> None:
    """`-m "not pdf"` must leave out every TeX build (and "not browser" Chromium)."""
    pytest_collection_modifyitems([_Item(fixture, marker), _Item("html_build", None)])
    with pytest.raises(pytest.UsageError) as refused:
        pytest_collection_modifyitems([_Item(fixture, None)])
    assert (
        str(refused.value)
        == f"tests/test_x.py::test_y uses {fixture} without @pytest.mark.{marker}"
    )
