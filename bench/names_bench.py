"""The index of names' cost: full HTML builds with and without it, as a ratio.

Not a test: a measurement to run by hand, e.g. ``.venv/bin/python
bench/names_bench.py``. The baseline is the same sources with the register
switched off (``-D names_register=``): nothing is tagged and the index page
is empty. Builds are fresh, alternated, measured as ``make bench`` measures
(``bench/timing.py``), and the median of ``--repeat`` runs is shown. The goal
(issue 4) is a tagging cost under 10% of build time, in CPU seconds.
"""

from __future__ import annotations

import argparse

from notes_bench import compare  # the same builds, measures and table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    compare("names", ("-D", "names_register="), parser.parse_args().repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
