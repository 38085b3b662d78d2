"""Under -j N the HTML builder writes with N processes (html/parallel_writing.py),
where Sphinx's own builder writes with N minus one, and the output is the same."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sphinx.builders import Builder
from sphinx.util.parallel import make_chunks

from scholarly_edition._util.built_pages import EVENT
from scholarly_edition.html.page_readings import ReadingHTMLBuilder


def _writers_asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of writing processes each parallel write of a build asks for."""
    asked: list[int] = []
    real = Builder._write_parallel

    def counting(self: Builder, docnames: Any, nproc: int) -> None:
        asked.append(nproc)
        real(self, docnames, nproc)

    monkeypatch.setattr(Builder, "_write_parallel", counting)
    return asked


def test_sphinx_writes_with_one_process_fewer_than_it_is_given() -> None:
    """The reason for the override: if Sphinx's builder changes, this fails."""
    asked: list[int] = []
    builder = SimpleNamespace(
        parallel_ok=True,
        _app=SimpleNamespace(parallel=2),
        _write_parallel=lambda docnames, nproc: asked.append(nproc),
    )
    Builder.write_documents(builder, {"a", "b", "c"})  # type: ignore[arg-type]
    assert asked == [1]


def _build(make_app: Any, srcdir: Path, parallel: int, log: Path) -> tuple[Any, set[int]]:
    app = make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel)
    assert isinstance(app.builder, ReadingHTMLBuilder)

    def written(app: Any, docname: str, page: Any, doctree: Any) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")

    app.connect(EVENT, written)
    app.build()
    return app, {int(line) for line in log.read_text(encoding="utf-8").split()}


def _pages(outdir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.suffix in {".html", ".json", ".jsonld", ".js"}
    }


def test_two_processes_write_the_pages_of_a_j2_build(
    make_app: Any, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _writers_asked(monkeypatch)
    serial_src, parallel_src = tmp_path / "serial", tmp_path / "parallel"
    for srcdir in (serial_src, parallel_src):
        shutil.copytree(rootdir / "test-annotations", srcdir)
    serial, _ = _build(make_app, serial_src, 1, tmp_path / "serial.log")
    assert asked == []
    parallel, pids = _build(make_app, parallel_src, 2, tmp_path / "parallel.log")
    assert asked == [2]
    # The first page is written in the main process, as Sphinx does; the rest
    # in chunks for two writers at once, each chunk by a forked process.
    pages = sorted(parallel.env.found_docs)[1:]
    assert len(pids - {os.getpid()}) == len(make_chunks(pages, 2)) >= 2
    assert _pages(parallel.outdir) == _pages(serial.outdir)
    assert _pages(serial.outdir)
