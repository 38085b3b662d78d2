"""How long `make check`'s data lint takes: `python -m scholarly_edition check`.

Not a test: a measurement to run by hand, e.g. ``.venv/bin/python
bench/check_bench.py``. The goals (issues 3, 4 and 6) are under 2 seconds for
the note data and the register, under 5 for the annotations; the command
checks all of them at once, so the whole run is held to 2 seconds.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 2.0
RUNS = 5


def main() -> int:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "scholarly_edition", "check"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"check failed:\n{result.stdout}{result.stderr}")
    median = statistics.median(times)
    verdict = "met" if median < GOAL else "NOT met"
    print(f"python -m scholarly_edition check: median {median:.2f} s of {RUNS} runs")
    print(f"goal < {GOAL:.0f} s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
