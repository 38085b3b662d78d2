"""Builds recover from damage and give the same bytes twice.

A build killed part-way, a garbled environment pickle or a damaged doctree is
followed by an ordinary build whose output equals a clean build's; two clean
builds of the edition with the same SOURCE_DATE_EPOCH are byte-identical.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import sphinx_build
from edition_tools import fidelity
from scholarly_edition.text import structure

EPOCH = {**os.environ, "SOURCE_DATE_EPOCH": "1764115200"}


def _build(srcdir: Path, outdir: Path) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -W`` as ``make html`` runs it, doctrees inside the output folder."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "-q", str(srcdir), str(outdir)]
    return subprocess.run(
        [*command, "-d", str(outdir / ".doctrees")], capture_output=True, text=True, env=EPOCH
    )


def _tree(folder: Path) -> dict[str, bytes]:
    """Every output file's bytes, by relative path (the build's own caches aside)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


def _source(rootdir: Path, tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    return srcdir


def test_damaged_environment_and_doctrees_are_rebuilt(rootdir: Path, tmp_path: Path) -> None:
    srcdir = _source(rootdir, tmp_path)
    clean, damaged = tmp_path / "clean", tmp_path / "damaged"
    assert _build(srcdir, damaged).returncode == 0
    pickle = damaged / ".doctrees" / "environment.pickle"
    pickle.write_bytes(pickle.read_bytes()[: pickle.stat().st_size // 2])
    result = _build(srcdir, damaged)
    assert result.returncode == 0, result.stderr
    pickle.write_bytes(b"not a pickle at all")
    assert _build(srcdir, damaged).returncode == 0
    # A damaged doctree of a page that is written again without being read:
    # the notes page, when a chapter adds a use of a note.
    (damaged / ".doctrees" / "notes.doctree").write_bytes(os.urandom(300))
    with (srcdir / "second.md").open("a", encoding="utf-8") as chapter:
        chapter.write("\nCited once more.[2]\n")
    result = _build(srcdir, damaged)
    assert result.returncode == 0, result.stderr
    # A page cut short, and the search index cut short.
    page = damaged / "first.html"
    page.write_bytes(page.read_bytes()[:1000])
    assert _build(srcdir, damaged).returncode == 0
    index = damaged / "searchindex.js"
    index.write_bytes(index.read_bytes()[:-10])
    result = _build(srcdir, damaged)
    assert result.returncode == 0, result.stderr
    assert _build(srcdir, clean).returncode == 0
    assert _tree(damaged) == _tree(clean)


@pytest.mark.parametrize(("phase", "sign"), [("reading", "*.doctree"), ("writing", "*.html")])
def test_a_killed_build_is_finished_by_the_next(
    rootdir: Path, tmp_path: Path, phase: str, sign: str
) -> None:
    """Killed once its first doctree (reading) or page (writing) is on disk."""
    srcdir = _source(rootdir, tmp_path)
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(srcdir), str(killed)]
    process = subprocess.Popen(
        [*command, "-d", str(killed / ".doctrees")], env=EPOCH, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while not list(killed.rglob(sign)) and time.monotonic() < deadline:
        time.sleep(0.002)
    process.kill()
    process.wait()
    assert list(killed.rglob(sign)), f"{phase} never started"
    result = _build(srcdir, killed)
    assert result.returncode == 0, result.stderr
    assert _build(srcdir, clean).returncode == 0
    assert _tree(killed) == _tree(clean)


def test_two_clean_builds_of_the_edition_are_identical(
    html_build: tuple[Path, str],
    tmp_path: Path,
    edition: structure.Structure,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second build hashes strings with another seed: no set order shows."""
    monkeypatch.setenv("PYTHONHASHSEED", "12345")
    first, _ = html_build
    result = sphinx_build("html", tmp_path)
    assert result.returncode == 0, result.stderr
    second = tmp_path / "html"
    first_tree, second_tree = _tree(first), _tree(second)
    assert sorted(first_tree) == sorted(second_tree)
    differ = [name for name in first_tree if first_tree[name] != second_tree[name]]
    assert differ == []
    for html in (first, second):
        report = fidelity.check_html(edition, html)
        assert report.problems == () and report.percent == 100.0


def test_a_parallel_build_of_the_edition_is_identical(
    html_build: tuple[Path, str], parallel_html_build: Path
) -> None:
    """Merging the workers' domain data keeps no trace of the order they finished in."""
    serial, parallel = _tree(html_build[0]), _tree(parallel_html_build)
    assert sorted(serial) == sorted(parallel)
    assert [name for name in serial if serial[name] != parallel[name]] == []


@pytest.mark.pdf
def test_two_clean_pdf_builds_are_identical(
    pdf_build: tuple[Path, str],
    tmp_path: Path,
    edition: structure.Structure,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """xdvipdfmx takes /CreationDate, /ModDate and /ID from SOURCE_DATE_EPOCH and
    Sphinx takes the title page's date from it: nothing needs normalising."""
    monkeypatch.setenv("PYTHONHASHSEED", "12345")
    first, _ = pdf_build
    result = sphinx_build("latexpdf", tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    second = tmp_path / "latex" / first.name
    assert first.read_bytes() == second.read_bytes()
    for pdf in (first, second):
        report = fidelity.check_pdf(edition, pdf)
        assert report.problems == () and report.percent == 100.0
