"""The collector is tuned while a build writes, and left as it was afterwards."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from scholarly_edition._util.garbage_collection import THRESHOLDS


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
