"""The note apparatus's cost: full HTML builds with and without it, as a ratio.

Not a test: a measurement to run by hand, e.g. ``.venv/bin/python
bench/notes_bench.py``. The baseline is the same sources with the note map
switched off (``-D edition_notes_file=``), so every marker stays plain text.
Each build is a fresh one in its own folder, measured as ``make bench``
measures (``bench/timing.py``); the table shows the median of ``--repeat``
runs. The goal (issue 3) is an overhead of at most 10%, in CPU seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import Run, median, sphinx

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.10


def compare(feature: str, off_options: tuple[str, ...], repeat: int) -> None:
    """Fresh builds of the edition with the feature and without it, alternated; print the table."""
    on: list[Run] = []
    off: list[Run] = []
    with tempfile.TemporaryDirectory(prefix=f"{feature}-bench-") as tmp:
        for run in range(repeat):
            # Alternated, so that a busier moment of the machine hits both alike.
            on.append(sphinx(ROOT / "docs", Path(tmp) / f"on-{run}"))
            off.append(sphinx(ROOT / "docs", Path(tmp) / f"off-{run}", *off_options))
    with_feature, baseline = median(on), median(off)
    ratio = with_feature.cpu / baseline.cpu
    print(f"cores: {os.cpu_count()}, runs: {repeat} each, medians; CPU = user + system seconds")
    print("| HTML build | cpu | wall | peak MiB |\n| --- | --- | --- | --- |")
    for label, result in ((f"{feature} off (baseline)", baseline), (f"{feature} on", with_feature)):
        print(f"| {label} | {result.cpu:.2f} | {result.wall:.2f} | {result.peak_mib:.0f} |")
    print(f"ratio cpu: {ratio:.3f} (goal <= {GOAL:.2f}: {'met' if ratio <= GOAL else 'NOT met'})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    compare("notes", ("-D", "edition_notes_file="), parser.parse_args().repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
