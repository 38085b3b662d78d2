"""README's commands and CI's install list agree, and what CI installs is tested there."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, pytest_collection_modifyitems, unavailable


def test_readme_tex_command_installs_what_ci_installs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^sudo apt-get install .*$", readme, re.MULTILINE)
    assert commands
    named = {word for command in commands for word in command.split() if not word.startswith("-")}
    wanted = set((ROOT / ".ci" / "apt-packages").read_text().split())
    assert wanted <= named


def _stub(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/bash\n{script}\n", encoding="utf-8")
    path.chmod(0o755)


def _run_ci(
    tmp_path: Path, *args: str, npm: bool = False, python313: bool = True
) -> tuple[int, list[str]]:
    """`.ci/run ARGS` with every command it runs recorded, none carried out: its
    exit code and the commands, one a line. The stubs are the only commands on
    PATH (beside dirname and xargs), so a machine without npm is one whose stub
    folder has none; the container's python3 is 3.12, pyenv's 3.13 is 3.13."""
    bin_ = tmp_path / "bin"
    bin_.mkdir(parents=True)
    log = tmp_path / "log"
    record = f'echo "$(basename "$0") $*" >> {log}'
    for name in ("apt-get", "make", *(["npm"] if npm else [])):
        _stub(bin_, name, record)
    _stub(bin_, "python3", 'echo "3.12"')
    pyenv = tmp_path / "pyenv"
    _stub(bin_, "pyenv", f'echo "{pyenv}"')
    if python313:
        (pyenv / "versions" / "3.13.0" / "bin").mkdir(parents=True)
        _stub(pyenv / "versions" / "3.13.0" / "bin", "python3", 'echo "3.13"')
    for tool in ("dirname", "basename", "xargs"):
        (bin_ / tool).symlink_to(shutil.which(tool))
    result = subprocess.run(
        ["/bin/bash", str(ROOT / ".ci" / "run"), *args],
        env={"PATH": str(bin_), "CI": "true"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    ran = log.read_text().splitlines() if log.exists() else []
    return result.returncode, ran


def _installs() -> list[str]:
    packages = " ".join((ROOT / ".ci" / "apt-packages").read_text().split())
    return ["apt-get update -qq", f"apt-get install -y -qq --no-install-recommends {packages}"]


NPM = "apt-get install -y -qq --no-install-recommends npm"
EXTENSION = "make test-ext html PYTHON={0} VENV=.venv-{1} LOCK= BUILDDIR=_build/python{1}"


def test_ci_runs_readme_test_command_then_the_extension_on_python_313(tmp_path: Path) -> None:
    """The project's CI (`bash .ci/run`): Debian's packages, npm where the machine
    has none (make test installs the browser tests' packages with it), README's
    test command, then the extension's suite and the HTML on Python 3.13."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "```sh\nmake test\n```" in readme and "make test-ext html PYTHON=python3.13" in readme
    code, ran = _run_ci(tmp_path)
    python = tmp_path / "pyenv" / "versions" / "3.13.0" / "bin" / "python3"
    assert code == 0
    assert ran == [*_installs(), NPM, "make test", EXTENSION.format(python, "3.13")]


def test_ci_keeps_the_machines_npm(tmp_path: Path) -> None:
    assert _run_ci(tmp_path, "suite", npm=True) == (0, [*_installs(), "make test"])


def test_ci_stages_of_the_workflows(tmp_path: Path) -> None:
    """`suite` is the whole suite alone; `extension` the extension's suite and the
    HTML on the machine's python3, each in an environment named for its Python."""
    assert _run_ci(tmp_path / "suite", "suite") == (0, [*_installs(), NPM, "make test"])
    extension = EXTENSION.format("python3", "3.12")
    assert _run_ci(tmp_path / "extension", "extension") == (0, [*_installs(), extension])


def test_ci_without_python_313_fails_before_the_long_run(tmp_path: Path) -> None:
    code, ran = _run_ci(tmp_path, python313=False)
    assert code != 0 and "make test" not in ran
    code, ran = _run_ci(tmp_path / "unknown", "everything")
    assert (code, ran) == (2, [])


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


def _make_test_plan(tmp_path: Path, path: str) -> list[str]:
    """What `make test` would run (make -n) in a fresh clone's files that decide
    it, with ``path`` as PATH: the environment is made, so only the browser
    tests' packages and the tests remain."""
    clone = tmp_path / "clone"
    for name in (
        "Makefile",
        "pyproject.toml",
        "package.json",
        "package-lock.json",
        "tests/browser/annotator.mjs",
    ):
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, clone / name)
    stamp = clone / "installed"
    stamp.touch()
    make = shutil.which("make")
    if make is None:
        unavailable("make", "apt-get install make")
    result = subprocess.run(
        [make, "-n", "-C", str(clone), "--no-print-directory", "test", f"STAMP={stamp}"],
        capture_output=True,
        text=True,
        env={"PATH": path},
        check=True,
    )
    return [line for line in result.stdout.splitlines() if "ruff" not in line]


def test_make_test_installs_the_browser_tests_packages(tmp_path: Path) -> None:
    """README's `make test` on a fresh clone installs axe-core and bundles Apache
    Annotator before the tests, as `make browser-deps` does."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    _stub(bin_, "npm", "exit 1")
    plan = _make_test_plan(tmp_path, str(bin_))
    npm = plan.index("npm ci --no-audit --no-fund")
    bundle = next(i for i, line in enumerate(plan) if "esbuild tests/browser/annotator.mjs" in line)
    tests = next(i for i, line in enumerate(plan) if " -m pytest " in line)
    assert npm < bundle < tests


def test_make_test_without_npm_runs_the_tests(tmp_path: Path) -> None:
    """Without npm the browser tests skip (fail in CI): make test still runs the rest."""
    plan = _make_test_plan(tmp_path, str(tmp_path / "nothing"))
    assert not [line for line in plan if line.startswith(("npm ", "node_modules/.bin/"))]
    assert any(" -m pytest " in line for line in plan)
