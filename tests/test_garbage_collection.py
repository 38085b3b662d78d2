"""The collector is tuned while a build writes, and left as it was afterwards."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest

from scholarly_edition._util.built_pages import EVENT
from scholarly_edition._util.garbage_collection import THRESHOLDS, WRITING_IN_PARALLEL


@pytest.fixture
def source(rootdir: Path, tmp_path: Path) -> Path:
    """A copy of the apparatus test root; each test makes its own application of it."""
    return shutil.copytree(rootdir / "test-apparatus", tmp_path / "src")


def test_tuned_while_writing_and_restored_after(make_app, source: Path) -> None:
    before = gc.get_threshold()
    assert before != THRESHOLDS
    app = make_app("html", srcdir=source, freshenv=True)
    seen: list[tuple[tuple[int, ...], int]] = []
    app.connect(
        "html-page-context",
        lambda *args: seen.append((gc.get_threshold(), gc.get_freeze_count())),
    )
    app.build()
    assert seen
    assert all(thresholds == THRESHOLDS for thresholds, _ in seen)
    # Nothing is frozen: a doctree written is freed (the 50x build's peak, issue 19).
    assert all(frozen == 0 for _, frozen in seen)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_restored_when_the_build_fails(make_app, source: Path) -> None:
    before = gc.get_threshold()
    app = make_app("html", srcdir=source, freshenv=True)

    def fail(*args: object) -> None:
        raise RuntimeError("stopped while writing")

    app.connect("html-page-context", fail)
    try:
        app.build()
    except Exception:
        pass
    else:
        raise AssertionError("the build did not stop")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_an_application_never_built_leaves_the_collector_alone(make_app, source: Path) -> None:
    before = gc.get_threshold()
    make_app("html", srcdir=source, freshenv=True)
    assert gc.get_threshold() == before


def test_writers_forked_under_j2_collect_the_oldest_generation_less_often(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    before = gc.get_threshold()
    app = make_app(
        "html",
        srcdir=shutil.copytree(rootdir / "test-annotations", tmp_path / "src"),
        freshenv=True,
        parallel=2,
    )
    log = tmp_path / "thresholds.log"

    def written(*args: object) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {' '.join(map(str, gc.get_threshold()))}\n")

    app.connect(EVENT, written)
    app.build()
    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    writers = {int(pid) for pid, *_ in lines} - {os.getpid()}
    assert len(writers) >= 2
    assert {tuple(map(int, rest)) for _, *rest in lines} == {WRITING_IN_PARALLEL}
    assert gc.get_threshold() == before
