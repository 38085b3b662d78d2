"""What each of the extension's housekeeping measures saves, in one run.

Not a test: a measurement, e.g. ``.venv/bin/python bench/patches_bench.py``.
Four measures reach into what Sphinx, Jinja, Python or pybtex do by default:
the theme's compiled templates kept between builds (``html/template_cache.py``),
the parsed register and note map kept beside the doctrees
(``_util/toml_cache.py``), the garbage collector tuned for a build
(``_util/garbage_collection.py``) and pybtex's plain-text backend registered
once (``notes/style.py``). Each is switched off in turn (``bench/without.py``)
and the edition built as an editor builds it: a full build, a rebuild with
nothing changed, and a rebuild after one chapter's edit. A measure that saves
nothing measurable should go.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdf_bench import ROOT, _copy_project
from timing import Run, measure, median

MEASURES = ("none", "template-cache", "toml-cache", "gc-tuning", "plaintext-backend")
CHAPTER = "docs/consolidation-of-power/1924-1927.md"


def _builds(project: Path, python: Path, measure_off: str, out: str) -> tuple[Run, Run, Run]:
    command = [str(python), str(ROOT / "bench" / "without.py"), measure_off, "-q", "-W"]
    command += ["--keep-going", "-b", "html", "docs", out]
    full = measure(command, f"full build without {measure_off}", cwd=project)
    noop = measure(command, f"no-op rebuild without {measure_off}", cwd=project)
    chapter = project / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edit = measure(command, f"one-chapter rebuild without {measure_off}", cwd=project)
    return full, noop, edit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build")
    args = parser.parse_args()
    python = args.venv.resolve() / "bin" / "python"
    results: dict[str, list[tuple[Run, Run, Run]]] = {name: [] for name in MEASURES}
    with tempfile.TemporaryDirectory(prefix="patches-bench-") as tmp:
        project = Path(tmp)
        _copy_project(project)
        # Interleaved, so that other load on the machine falls on every measure alike.
        for number in range(args.repeat):
            for name in MEASURES:
                results[name].append(_builds(project, python, name, f"_build-{name}-{number}"))
    print(f"cores: {os.cpu_count()}; CPU = user + system seconds; median of {args.repeat} runs")
    print("| switched off | full cpu | no-op cpu | one chapter cpu | peak MiB (full) |")
    print("| --- | --- | --- | --- | --- |")
    base = [median([r[i] for r in results["none"]]) for i in range(3)]
    for name in MEASURES:
        runs = [median([r[i] for r in results[name]]) for i in range(3)]
        cells = [
            f"{run.cpu:.2f} ({run.cpu - ref.cpu:+.2f})" for run, ref in zip(runs, base, strict=True)
        ]
        print(f"| {name} | {' | '.join(cells)} | {runs[0].peak_mib:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
