"""Time `make latexpdf` (full, then after a one-chapter edit) next to `make html`.

Not a test: a measurement to run by hand on the machine in question, e.g.
``.venv/bin/python bench/pdf_bench.py``. The goal (issue 5) is a full PDF
in under 90 seconds (wall) on 2 cores.

The project's sources are copied to a temporary folder so that the edit never
touches the checkout; the copy is built with the checkout's Makefile and
virtual environment, exactly as `make` builds it, and measured as ``make bench``
measures (``bench/timing.py``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import Run, measure

ROOT = Path(__file__).resolve().parent.parent
# Everything the build reads (conf.py reads refs/ and CITATION.cff, for
# example), without the environment, outputs and caches.
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "_build*", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"
)
EDITED_CHAPTER = Path("docs/early-life/1917.md")
GOAL_SECONDS = 90.0


def _copy_project(into: Path) -> None:
    shutil.copytree(ROOT, into, ignore=IGNORED, dirs_exist_ok=True)


def _timed_make(project: Path, target: str, venv: Path, builddir: str) -> Run:
    """One `make <target>`, measured; stops the benchmark if the build fails."""
    # A stamp of the copy's own, newer than its pyproject.toml: make must never
    # reinstall the shared venv from the copy (it would point it at the copy).
    stamp = project / ".bench-installed"
    stamp.touch()
    command = ["make", "-C", str(project), target, f"VENV={venv}", f"STAMP={stamp}"]
    command += [f"BUILDDIR={builddir}", "SPHINXOPTS=-W --keep-going -q"]
    return measure(command, f"make {target}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv")
    venv = parser.parse_args().venv.resolve()
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
        project = Path(tmp)
        _copy_project(project)
        # Separate build folders: each full build starts without a saved environment.
        html = _timed_make(project, "html", venv, "_build-html")
        full = _timed_make(project, "latexpdf", venv, "_build-pdf")
        # A change to the text itself: a comment would leave the .tex as it was,
        # and latexmk would then rightly do nothing.
        chapter = project / EDITED_CHAPTER
        chapter.write_text(
            chapter.read_text(encoding="utf-8") + "\nA paragraph added by the benchmark.\n",
            encoding="utf-8",
        )
        edited = _timed_make(project, "latexpdf", venv, "_build-pdf")
    print(f"cores: {os.cpu_count()}; CPU = user + system seconds of make and its children")
    print("| build | wall | cpu | peak MiB |\n| --- | --- | --- | --- |")
    for label, run in (
        ("make html (full)", html),
        ("make latexpdf (full)", full),
        ("make latexpdf (after one-chapter edit)", edited),
    ):
        print(f"| {label} | {run.wall:.1f} | {run.cpu:.1f} | {run.peak_mib:.0f} |")
    verdict = "within" if full.wall < GOAL_SECONDS else "OVER"
    print(f"full PDF is {verdict} the {GOAL_SECONDS:.0f} s (wall) goal")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
