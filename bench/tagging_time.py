"""Run one sphinx-build and write how much CPU the name tagger took in it.

``names_bench.py`` runs it as ``python bench/tagging_time.py REPORT
sphinx-build-arguments…``: Sphinx runs in this process, the tagger's
transform is timed each time it is applied, and its total (CPU seconds of this
process) is written to REPORT when the build ends. The build's own CPU is
measured from outside, as every benchmark measures (``timing.py``).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ext"))

from sphinx.cmd.build import main as sphinx_build

from scholarly_edition.names.tagger import NameTagger


def main() -> int:
    report, arguments = Path(sys.argv[1]), sys.argv[2:]
    spent = 0.0
    apply = NameTagger.apply

    def timed(self: NameTagger, **kwargs: object) -> None:
        nonlocal spent
        start = time.process_time()
        try:
            apply(self, **kwargs)
        finally:
            spent += time.process_time() - start

    NameTagger.apply = timed  # type: ignore[method-assign]
    status = sphinx_build(arguments)
    report.write_text(f"{spent}\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
