"""The index of names' cost: full HTML builds with and without it, as a ratio.

Not a test: a measurement to run by hand, e.g. ``.venv/bin/python
bench/names_bench.py``. The baseline is the same sources with the register
switched off (``-D names_register=``): nothing is tagged and the index page
is empty. Builds are fresh, alternated, and the median of ``--repeat`` runs
is shown. The goal (issue 4) is a tagging cost under 10% of build time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from notes_bench import _build  # the same fresh, warning-free HTML build

GOAL = 1.10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    on: list[float] = []
    off: list[float] = []
    with tempfile.TemporaryDirectory(prefix="names-bench-") as tmp:
        for run in range(repeat):
            on.append(_build(Path(tmp) / f"on-{run}"))
            off.append(_build(Path(tmp) / f"off-{run}", "-D", "names_register="))
    with_names, without = statistics.median(on), statistics.median(off)
    ratio = with_names / without
    print(f"cores: {os.cpu_count()}, runs: {repeat} each, median seconds")
    print(f"HTML build, names off (baseline): {without:6.2f} s")
    print(f"HTML build, names on:             {with_names:6.2f} s")
    print(f"ratio: {ratio:.3f} (goal <= {GOAL:.2f}: {'met' if ratio <= GOAL else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
