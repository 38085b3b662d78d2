"""The note apparatus's cost: full HTML builds with and without it, as a ratio.

Not a test: a measurement to run by hand, e.g. ``.venv/bin/python
bench/notes_bench.py``. The baseline is the same sources with the note map
switched off (``-D edition_notes_file=``), so every marker stays plain text.
Each build is a fresh one in its own folder; the table shows the median of
``--repeat`` runs. The goal (issue 3) is an overhead of at most 10%.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.10
SPHINX = (sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", "-W", "--keep-going")


def _build(out: Path, *options: str) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [*SPHINX, str(ROOT / "docs"), str(out), *options],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764115200"},
    )
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    with_notes: list[float] = []
    without: list[float] = []
    with tempfile.TemporaryDirectory(prefix="notes-bench-") as tmp:
        for run in range(repeat):
            # Alternate, so that a slower moment of the machine hits both alike.
            with_notes.append(_build(Path(tmp) / f"with-{run}"))
            without.append(_build(Path(tmp) / f"without-{run}", "-D", "edition_notes_file="))
    on, off = statistics.median(with_notes), statistics.median(without)
    ratio = on / off
    print(f"cores: {os.cpu_count()}, runs: {repeat} each, median seconds")
    print(f"HTML build, notes off (baseline): {off:6.2f} s")
    print(f"HTML build, notes on:             {on:6.2f} s")
    print(f"ratio: {ratio:.3f} (goal <= {GOAL:.2f}: {'met' if ratio <= GOAL else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
