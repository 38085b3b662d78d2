"""Time `make tei` against `make html` on the edition, in one run.

Not a test: a measurement, e.g. ``.venv/bin/python bench/tei_bench.py`` (also
run by ``make bench``). The goal is a TEI build costing at most a quarter of
the HTML build. `make tei` after `make html` reads the doctrees the HTML
build saved, as an editor runs them; a TEI build in a fresh folder, which
reads every source itself, is shown beside it.

The project is copied to a temporary folder and built with the checkout's
Makefile and virtual environment, measured as every benchmark measures
(``bench/timing.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdf_bench import ROOT, _copy_project, _timed_make
from timing import median

GOAL_RATIO = 0.25


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build")
    args = parser.parse_args()
    venv = args.venv.resolve()
    html, shared, fresh, noop = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="tei-bench-") as tmp:
        project = Path(tmp)
        _copy_project(project)
        for number in range(args.repeat):
            # Each HTML build in a new folder starts without a saved environment.
            html.append(_timed_make(project, "html", venv, f"_build-{number}"))
            shared.append(_timed_make(project, "tei", venv, f"_build-{number}"))
            fresh.append(_timed_make(project, "tei", venv, f"_build-tei-{number}"))
            # Nothing changed: what any build of this project costs before it does
            # any work (Python, Sphinx and the extensions loaded, the saved
            # environment read), which no TEI build can go below.
            noop.append(_timed_make(project, "html", venv, f"_build-{number}"))
    rows = [
        ("make html (full)", html),
        ("make tei (after make html, doctrees shared)", shared),
        ("make tei (fresh folder)", fresh),
        ("make html again, nothing changed (the floor)", noop),
    ]
    print(f"cores: {os.cpu_count()}; CPU = user + system seconds of make and its children;")
    print(f"median of {args.repeat} runs")
    print("| build | wall | cpu | peak MiB |\n| --- | --- | --- | --- |")
    for label, runs in rows:
        run = median(runs)
        print(f"| {label} | {run.wall:.1f} | {run.cpu:.1f} | {run.peak_mib:.0f} |")
    ratio = median(shared).cpu / median(html).cpu
    fresh_ratio = median(fresh).cpu / median(html).cpu
    floor_ratio = median(noop).cpu / median(html).cpu
    verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
    print(
        f"make tei / make html (cpu): {ratio:.2f} after make html, {fresh_ratio:.2f} fresh;"
        f" goal at most {GOAL_RATIO:.2f} after make html: {verdict}"
    )
    print(
        f"the floor (a build that writes nothing) / make html (cpu): {floor_ratio:.2f};"
        f" make tei above the floor: {(median(shared).cpu - median(noop).cpu):.1f} cpu s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
