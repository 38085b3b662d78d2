"""Time `make latexpdf` (full, then after a one-chapter edit) next to `make html`.

Not a test: a measurement to run by hand on the machine in question, e.g.
``.venv/bin/python bench/pdf_bench.py``. The goal (issue 5) is a full PDF
in under 90 seconds on 2 cores.

The project's sources are copied to a temporary folder so that the edit never
touches the checkout; the copy is built with the checkout's Makefile and
virtual environment, exactly as `make` builds it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _timed_make(project: Path, target: str, venv: Path, builddir: str) -> float:
    """Seconds of one `make <target>`; stops the benchmark if the build fails."""
    start = time.perf_counter()
    # A stamp of the copy's own, newer than its pyproject.toml: make must never
    # reinstall the shared venv from the copy (it would point it at the copy).
    stamp = project / ".bench-installed"
    stamp.touch()
    command = ["make", "-C", str(project), target, f"VENV={venv}", f"STAMP={stamp}"]
    command.append(f"BUILDDIR={builddir}")
    result = subprocess.run(
        [*command, "SPHINXOPTS=-W --keep-going -q"],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1764115200")},
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"make {target} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return elapsed


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
    print(f"cores: {os.cpu_count()}")
    print(f"make html (full):                       {html:6.1f} s")
    print(f"make latexpdf (full):                   {full:6.1f} s")
    print(f"make latexpdf (after one-chapter edit): {edited:6.1f} s")
    verdict = "within" if full < GOAL_SECONDS else "OVER"
    print(f"full PDF is {verdict} the {GOAL_SECONDS:.0f} s goal")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
