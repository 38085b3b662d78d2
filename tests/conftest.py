"""Shared fixtures: Sphinx's test fixtures, and one real build of the edition per session."""

from __future__ import annotations

import fcntl
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import pytest
from hypothesis import settings
from sphinx.config import Config
from sphinx.util.tags import Tags

ROOT = Path(__file__).resolve().parent.parent
# Test this checkout's extension, whatever the environment has installed.
sys.path.insert(0, str(ROOT / "ext"))

from edition_tools import configuration  # noqa: E402
from scholarly_edition._util import latex_errors  # noqa: E402
from scholarly_edition.html import citation  # noqa: E402
from scholarly_edition.text import structure  # noqa: E402

pytest_plugins = ("sphinx.testing.fixtures",)
SHARED_README = ROOT.parent / "shared" / "source" / "README.md"


# Fixtures that need a marker on every test using them, so that `-m "not pdf"`
# runs no TeX and `-m "not browser"` no Chromium.
MARKED_FIXTURES = {"pdf_build": "pdf", "browser": "browser"}


# Fixtures of sphinx.testing: a test using one is part of the extension's own
# suite (`make test-ext`, run on every supported Python in CI).
SPHINX_TESTING_FIXTURES = ("app", "make_app")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the extension's sphinx.testing tests; refuse to run a test that uses
    a marked fixture without its marker."""
    for item in items:
        if any(name in getattr(item, "fixturenames", ()) for name in SPHINX_TESTING_FIXTURES):
            item.add_marker(pytest.mark.extension)
    unmarked = [
        f"{item.nodeid} uses {fixture} without @pytest.mark.{marker}"
        for item in items
        for fixture, marker in MARKED_FIXTURES.items()
        if fixture in getattr(item, "fixturenames", ()) and item.get_closest_marker(marker) is None
    ]
    if unmarked:
        raise pytest.UsageError("\n".join(unmarked))


# What EPUB 3 requires of a project (test roots give neither): without it the
# epub builder warns whatever the extension does.
EPUB_METADATA = {"copyright": "2026, the editors", "version": "1"}


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test roots for ``@pytest.mark.sphinx(testroot=...)``."""
    return ROOT / "tests" / "roots"


@pytest.fixture(scope="session")
def edition() -> structure.Structure:
    return structure.load(ROOT / "refs" / "structure.toml")


def bench_module(name: str) -> ModuleType:
    """A script of ``bench/`` (not a package), imported as its scripts import each other."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def sphinx_build(
    builder: str,
    out: Path,
    *extra: str,
    source: Path = ROOT / "docs",
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Build the real edition (or a copy's ``source``) as `make` does: warnings are errors."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-M",
            builder,
            str(source),
            str(out),
            "-W",
            "--keep-going",
            "-q",
            *extra,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764115200", **(env or {})},
    )


def shared_build(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    builder: str,
    *extra: str,
    env: dict[str, str] | None = None,
    record: str = "",
) -> tuple[Path, str]:
    """The edition built once per test run, however many pytest-xdist workers ask:
    (output folder, the build's stderr and stdout).

    The first worker to take the lock builds into the run's shared temporary
    folder; the others wait and read the same output. ``record`` names the
    lock and the result of another builder's build into the same folder,
    which reads that build's doctrees. A failed build is
    recorded too, so every worker fails with its messages instead of building
    again.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the run's workers
    out = base / name
    key = record or name
    with open(base / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result_file = base / f"{key}.result.json"
        if not result_file.exists():
            result = sphinx_build(builder, out, *extra, env=env)
            output = {"code": result.returncode, "stderr": result.stderr, "stdout": result.stdout}
            result_file.write_text(json.dumps(output), encoding="utf-8")
        output = json.loads(result_file.read_text(encoding="utf-8"))
    assert output["code"] == 0, output["stdout"][-4000:] + output["stderr"]
    return out, output["stderr"]


@pytest.fixture(scope="session")
def html_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The edition built to HTML once per run: (output folder, stderr)."""
    out, stderr = shared_build(tmp_path_factory, "edition", "html")
    return out / "html", stderr


@pytest.fixture(scope="session")
def parallel_html_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edition built to HTML with `-j 2` once per run, strings hashed with
    another seed than the serial build's: its output folder."""
    out, _ = shared_build(
        tmp_path_factory, "edition-j2", "html", "-j", "2", env={"PYTHONHASHSEED": "54321"}
    )
    return out / "html"


@pytest.fixture(scope="session")
def singlehtml_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole text on one page (singlehtml), built once per run: its folder."""
    out, _ = shared_build(tmp_path_factory, "edition-single", "singlehtml")
    return out / "singlehtml"


@pytest.fixture(scope="session")
def tei_build(
    tmp_path_factory: pytest.TempPathFactory, html_build: tuple[Path, str]
) -> tuple[Path, str]:
    """The edition built to TEI once per run, from the HTML build's doctrees:
    (output folder, stderr)."""
    out, stderr = shared_build(tmp_path_factory, "edition", "tei", record="edition-tei")
    return out / "tei", stderr


def unavailable(what: str, install: str) -> NoReturn:
    """A tool a test needs is missing: skip the test, but fail it in CI.

    CI (any value of the environment variable CI) installs every tool the
    tests use (`.ci/run`, `.ci/apt-packages`), so there a missing one is a
    broken setup, never a reason to pass without testing.
    """
    __tracebackhide__ = True  # reported at the test that needs the tool
    if "CI" in os.environ:
        pytest.fail(f"CI must have {what}: see .ci/run and .ci/apt-packages")
    pytest.skip(f"{what} not installed: {install}")


def require_tex() -> None:
    """TeX Live (xelatex, latexmk) and pdftotext, or skip (fail in CI)."""
    __tracebackhide__ = True
    if not all(shutil.which(tool) for tool in ("xelatex", "latexmk", "pdftotext")):
        unavailable("TeX Live and poppler-utils", "see README for the one install command")


def make_latex_pdf(folder: Path) -> subprocess.CompletedProcess[str]:
    """Sphinx's LaTeX Makefile as `make latexpdf` runs it; standard input left open,
    so TeX would wait there for ever if it stopped at a prompt."""
    return subprocess.run(
        ["make", "-C", str(folder), "all-pdf"],
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "LATEXOPTS": latex_errors.LATEXOPTS},
    )


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The edition built to PDF once per session: (PDF file, stderr). Needs TeX
    (`require_tex`: skipped without it, failed in CI)."""
    require_tex()
    out, stderr = shared_build(tmp_path_factory, "edition-pdf", "latexpdf")
    return out / "latex" / "stalin-edition.pdf", stderr


# Property tests (tests/test_properties.py): a few hundred examples per property,
# the same ones every run, so CI fails only when the code changes;
# HYPOTHESIS_PROFILE=soak for a long local run with new random inputs each time.
settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True)
settings.register_profile("soak", max_examples=20_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pdf_text(pdf: Path) -> str:
    """The PDF's text as pdftotext gives it, whitespace folded to single spaces."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def pdf_layout(pdf: Path) -> str:
    """The PDF's text as ``pdftotext -layout`` sets it: lines kept, pages split by form feeds."""
    return subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture(scope="session")
def make_check() -> subprocess.CompletedProcess[str]:
    """`python -m scholarly_edition check` (make check's data lint) on the checkout, once."""
    return subprocess.run(
        [sys.executable, "-m", "scholarly_edition", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def break_structure_map(tmp_path: Path, old: str, new: str, *, every: bool = False) -> Path:
    """A copy of the witness and its structure map in ``tmp_path/refs``, the map with
    ``old`` (which it must contain) replaced by ``new``, once or ``every`` time."""
    refs = tmp_path / "refs"
    refs.mkdir()
    shutil.copy(ROOT / "refs" / "witness.txt", refs)
    shutil.copy(ROOT / "refs" / "structure.toml", refs)
    path = refs / "structure.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, -1 if every else 1), encoding="utf-8")
    return path


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the edition's data and sources to break in a test."""
    shutil.copytree(ROOT / "refs", tmp_path / "refs")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


# What a copy of the edition leaves out: tools' environments and outputs.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "_build", "node_modules", "__pycache__", ".*_cache", ".hypothesis"
)


@pytest.fixture
def edition_copy(tmp_path: Path) -> Path:
    """A whole copy of the edition (Makefile, data, sources, code, tests) to change
    in a test as a contributor changes a clone, and to run ``make`` in."""
    copy = tmp_path / "edition"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
    return copy


def run_make(
    copy: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``make ARGS`` in a copy of the edition with this test run's environment.

    ``VENV`` is the environment running the tests, and ``STAMP`` a fresh file,
    so make never tries to create or reinstall an environment.
    """
    stamp = copy / ".installed-for-tests"
    stamp.touch()
    venv = Path(sys.executable).parent.parent
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(copy), f"VENV={venv}", f"STAMP={stamp}", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764115200", **(env or {})},
    )


def edition_citation() -> citation.EditionCitation:
    """The edition's citation as its build gives it: CITATION.cff with conf.py's
    ``edition_witness``, read by Sphinx's own reader of conf.py."""
    config = Config.read(ROOT / "docs", overrides={}, tags=Tags())
    config.add("edition_witness", "", "env", frozenset({str}))
    return citation.load(ROOT / "CITATION.cff", config.edition_witness)


def edition_at(root: Path) -> configuration.Edition:
    """The edition checked out at ``root`` as the commands read it (``docs/conf.py``)."""
    return configuration.read(root, Path("docs"), Path("_build"))
