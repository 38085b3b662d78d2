"""The index of names' cost: full HTML builds with and without it, as a ratio.

Not a test: a measurement to run by hand, e.g. ``.venv/bin/python
bench/names_bench.py``. The baseline is the same sources with the register
switched off (``-D names_register=``): nothing is tagged and the index page
is empty. Builds are fresh, alternated, measured as ``make bench`` measures
(``bench/timing.py``), and the median of ``--repeat`` runs is shown. The goal
(issue 4) is a tagging cost under 10% of build time, in CPU seconds: the last
line times the tagger alone inside full builds (``tagging_time.py``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from notes_bench import GOAL, ROOT, compare  # the same builds, measures and table
from timing import measure

HERE = Path(__file__).resolve().parent


def tagging_share(repeat: int) -> None:
    """The tagger's own CPU as a share of the build's, which issue 4 bounds.

    The builds compared above differ by all that the register brings (the
    index page, previews, links to the index, search terms); this line is the
    tagging alone, timed inside full builds.
    """
    shares = []
    with tempfile.TemporaryDirectory(prefix="tagging-bench-") as tmp:
        for run in range(repeat):
            report = Path(tmp) / f"tagging-{run}.txt"
            command = [sys.executable, str(HERE / "tagging_time.py"), str(report)]
            command += ["-b", "html", "-q", "-E", str(ROOT / "docs"), str(Path(tmp) / f"out-{run}")]
            build = measure(command, "build timing the tagger")
            shares.append(float(report.read_text(encoding="utf-8")) / build.cpu)
    share = statistics.median(shares)
    verdict = "met" if share <= GOAL - 1 else "NOT met"
    print(f"name tagging alone: {share:.1%} of the build's CPU (goal <= {GOAL - 1:.0%}: {verdict})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    compare("names", ("-D", "names_register="), repeat)
    tagging_share(repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
