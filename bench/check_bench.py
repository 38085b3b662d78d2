"""How long `make check`'s data lint takes: `python -m scholarly_edition check`.

Not a test: a measurement to run by hand, e.g. ``.venv/bin/python
bench/check_bench.py``. The goals (issues 3, 4 and 6) are under 2 seconds for
the note data and the register, under 5 for the annotations; the command
checks all of them at once, so the whole run is held to 2 seconds (wall: the
time a contributor waits). Measured as ``make bench`` measures
(``bench/timing.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import measure, median

ROOT = Path(__file__).resolve().parent.parent
GOAL = 2.0
RUNS = 5


def main() -> int:
    runs = [
        measure([sys.executable, "-m", "scholarly_edition", "check"], "check", cwd=ROOT)
        for _ in range(RUNS)
    ]
    result = median(runs)
    verdict = "met" if result.wall < GOAL else "NOT met"
    print(
        f"python -m scholarly_edition check: median of {RUNS} runs {result.wall:.2f} s wall,"
        f" {result.cpu:.2f} s cpu, peak {result.peak_mib:.0f} MiB"
    )
    print(f"goal < {GOAL:.0f} s (wall): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
