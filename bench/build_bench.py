"""`make bench`: the build's cost and scale, against the plain build of the same sources.

Not a test: a measurement to run by hand (``make bench``), which prints a
table and issue 19's goals 1 to 5, each met or not with its numbers
(``bench/goals.py``), and writes both as JSON (``_build/bench.json``). Every
build runs in a temporary copy of the sources (``bench/synthetic_edition.py``),
so the checkout is never touched. Sections:

1. Full HTML builds, our extension's features on and off (the baseline: the
   same sources with the note map, the register and the annotations switched
   off by configuration overrides, so markers stay text), alternated, the
   median of ``--repeat`` runs at 1x and ``--repeat-large`` at 50x, with
   peak memory and the HTML each writes.
2. Incremental builds after one edit each (a chapter, a note-map entry, a
   register entry, a new annotation): time above the floor as a share of the
   full build's, the pages Sphinx rewrote (changed modification time) and
   whether each one shows the change (its HTML differs from before the
   edit). Each 1x result is also compared with a fresh build of the edited
   sources: no stale page. The floor is the no-op rebuild of a one-page
   project without the extension.
3. ``-j 1`` against ``-j 2`` on the 10x edition: wall times, and every
   output file compared.
4. ``make latexpdf``: the full PDF build.
5. Scale: synthetic editions of 10 and 50 times the text, per 1,000 note
   markers.

Times are CPU seconds (user + system, of the build and its workers, measured
by ``bench/timing.py`` as in every benchmark here) unless a column says wall:
other work on a shared machine changes wall time, not the CPU a build needs.
``-j 2`` is judged on wall time, its point.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import goals
from synthetic_edition import ROOT, Edition, make_edition
from timing import Build, Run, measure, median, sphinx, two_process_ceiling, wait_all

OFF = (
    "-D",
    "edition_notes_file=",
    "-D",
    "names_register=",
    "-D",
    "edition_annotations_dir=",
    # The annotation files are then plain pages outside every toctree.
    "-D",
    "exclude_patterns=_build,annotations",
    # The slips page links to those files: in the baseline its links stay text.
    "-D",
    "suppress_warnings=myst.xref_missing",
)
# Issue 8's goals, replaced by issue 19's (bench/goals.py): ``feasibility`` shows
# from each run's numbers why they could not all be met.
OVERHEAD = 1.10
CHAPTER_EDIT = {1: 0.25, 10: 0.10}
EDITED_CHAPTER = "early-life/1917.md"
EDITED_NOTE = "4"
EDITED_ENTRY = "achinsk"
ADDED_QUOTE = "a medical examiner ruled"


def _outputs(out: Path) -> dict[str, tuple[int, str]]:
    """Every output file but Sphinx's caches: path → (mtime, content hash)."""
    result = {}
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if path.is_file() and not relative.startswith(".doctrees/") and relative != ".buildinfo":
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            result[relative] = (path.stat().st_mtime_ns, digest)
    return result


def _pages(files: dict[str, tuple[int, str]]) -> set[str]:
    return {name for name in files if name.endswith(".html")}


def _html_bytes(out: Path) -> int:
    """What a build wrote for readers: its pages and search files, not the theme's assets."""
    written = [*out.rglob("*.html"), *out.glob("search*.js")]
    return sum(path.stat().st_size for path in written)


def full_builds(
    edition: Edition, work: Path, repeat: int, together: bool = False
) -> dict[str, object]:
    """Features on and off, ``repeat`` times; ``together`` runs each pair at once.

    Together, the pair shares the machine's two cores: CPU seconds stay each
    build's own, wall times are of builds sharing the machine.
    """
    on: list[Run] = []
    off: list[Run] = []
    for run in range(repeat):
        # Alternated, so that a busier moment of the machine hits both alike.
        first = Build(edition.root / "docs", work / f"on-{run}")
        if together:
            second = Build(edition.root / "docs", work / f"off-{run}", *OFF)
            with_features, baseline = wait_all([first, second])
        else:
            with_features = first.wait()
            baseline = sphinx(edition.root / "docs", work / f"off-{run}", *OFF)
        on.append(with_features)
        off.append(baseline)
    with_features, baseline = median(on), median(off)
    return {
        "scale": edition.scale,
        "markers": edition.markers,
        "runs": repeat,
        "on": asdict(with_features),
        "off": asdict(baseline),
        "ratio_cpu": with_features.cpu / baseline.cpu,
        "ratio_wall": with_features.wall / baseline.wall,
        # The extension's pages carry more than the plain text: the cost of
        # writing it is Sphinx's and the theme's, per byte as for the baseline.
        "html_bytes": {"on": _html_bytes(work / "on-0"), "off": _html_bytes(work / "off-0")},
    }


def _edit_chapter(root: Path) -> None:
    path = root / "docs" / EDITED_CHAPTER
    path.write_text(
        path.read_text(encoding="utf-8") + "\nA paragraph added by the benchmark.\n",
        encoding="utf-8",
    )


def _edit_note(root: Path) -> None:
    path = root / "refs" / "notes.toml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith(f"{EDITED_NOTE} = "):
            start = line.index('locator = "') + len('locator = "')
            lines[number] = line[:start] + "pp. " + line[start:].replace("p. ", "", 1)
            break
    else:
        sys.exit(f"note {EDITED_NOTE} has no locator in refs/notes.toml")
    path.write_text("".join(lines), encoding="utf-8")


def _edit_entry(root: Path) -> None:
    path = root / "refs" / "names.toml"
    text = path.read_text(encoding="utf-8")
    block = text.index(f'id = "{EDITED_ENTRY}"')
    start = text.index('description = "', block) + len('description = "')
    path.write_text(text[:start] + "Edited: " + text[start:], encoding="utf-8")


def _add_annotation(root: Path) -> None:
    (root / "docs" / "annotations" / "bench-added.md").write_text(
        "---\ntarget:\n"
        f"  quote: {ADDED_QUOTE}\n"
        "contributor: The benchmark\ndate: 2026-11-26\nkind: commentary\n---\n\n"
        "An annotation added by the benchmark.\n",
        encoding="utf-8",
    )


def _no_edit(root: Path) -> None:
    """Nothing: what any rebuild costs (start-up, environment, the pages always written)."""


EDITS = {
    "nothing (rebuild)": _no_edit,
    "one chapter": _edit_chapter,
    "one note-map entry": _edit_note,
    "one register entry": _edit_entry,
    "one new annotation": _add_annotation,
}


def incremental(
    edition: Edition,
    out: Path,
    edits: list[str],
    full: Run,
    check_fresh: bool = True,
    options: Sequence[str] = (),
) -> list[dict]:
    """After the full build in ``out``, for each edit: rebuild, see what was rewritten.

    Pages without a source document (search, general and domain indices)
    Sphinx writes on every build that writes anything; they are listed apart.
    A fresh build of the edited sources shows any page left stale. With
    ``OFF`` as ``options``, the rebuilds are of the build with the features
    off: what Sphinx and the extension's mere presence cost (goal 4's headroom).
    """
    sources = {
        path.relative_to(edition.root / "docs").with_suffix(".html").as_posix()
        for path in (edition.root / "docs").rglob("*.md")
    }
    sources.add("annotations/bench-added.html")
    results = []
    for number, name in enumerate(edits):
        before = _outputs(out)
        EDITS[name](edition.root)
        run = sphinx(edition.root / "docs", out, *options, fresh=False)
        after = _outputs(out)
        pages = _pages(after)
        rewritten = {p for p in pages if p not in before or after[p][0] != before[p][0]}
        changed = {p for p in pages if p not in before or after[p][1] != before[p][1]}
        generated = {p for p in pages if p not in sources}
        parents = _toctree_parents(out, {p.removesuffix(".html") for p in rewritten - generated})
        stale: list[str] = []
        if check_fresh:
            fresh = _outputs_of_fresh(edition, out.parent / f"fresh-{number}")
            stale = sorted(p for p in _pages(fresh) if fresh[p][1] != after.get(p, (0, ""))[1])
        results.append(
            {
                "edit": name,
                "features": "off" if options else "on",
                "scale": edition.scale,
                "cpu": run.cpu,
                "wall": run.wall,
                "fraction": run.cpu / full.cpu,
                "rewritten": sorted(rewritten - generated),
                "changed": sorted(changed - generated),
                "needless": sorted(rewritten - changed - generated - parents),
                "toctree_parents": sorted((rewritten - changed - generated) & parents),
                "stale": stale,
                "generated_rewritten": sorted(rewritten & generated),
            }
        )
    return results


def _toctree_parents(out: Path, docnames: set[str]) -> set[str]:
    """Pages whose tables of contents list the given documents, however deep.

    Sphinx itself rewrites them with every document it rewrites, since they
    show its title (``files_to_rebuild``), whatever changed.
    """
    with (out / ".doctrees" / "environment.pickle").open("rb") as file:
        env = pickle.load(file)
    found: set[str] = set()
    todo = list(docnames)
    while todo:
        for parent in env.files_to_rebuild.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return {f"{docname}.html" for docname in found}


def _outputs_of_fresh(edition: Edition, out: Path) -> dict[str, tuple[int, str]]:
    sphinx(edition.root / "docs", out)
    outputs = _outputs(out)
    shutil.rmtree(out)
    return outputs


def parallel(
    edition: Edition, work: Path, repeat: int = 1, baseline: bool = False
) -> dict[str, object]:
    """``-j 1``, ``-j 2`` and ``-j 3`` alternated, ``repeat`` times, with the machine's
    own gain from two processes between them (and, with ``baseline``, ``-j 1`` and
    ``-j 2`` with the features off): median wall times, outputs compared. The
    edition's HTML builder writes with as many processes as ``-j`` gives
    (``html/parallel_writing.py``), beside the main process that resolves the
    pages: ``-j 3`` puts four processes on two cores."""
    ones, twos, threes, plain_ones, plain_twos, ceilings = [], [], [], [], [], []
    for run in range(repeat):
        ones.append(sphinx(edition.root / "docs", work / f"j1-{run}", jobs=1))
        twos.append(sphinx(edition.root / "docs", work / f"j2-{run}", jobs=2))
        threes.append(sphinx(edition.root / "docs", work / f"j3-{run}", jobs=3))
        ceilings.append(two_process_ceiling())
        if baseline:
            plain_ones.append(sphinx(edition.root / "docs", work / f"off-j1-{run}", *OFF, jobs=1))
            plain_twos.append(sphinx(edition.root / "docs", work / f"off-j2-{run}", *OFF, jobs=2))
    one, two, three = median(ones), median(twos), median(threes)
    a, b, c = _outputs(work / "j1-0"), _outputs(work / "j2-0"), _outputs(work / "j3-0")
    names = set(a) | set(b) | set(c)
    differ = sorted(
        n for n in names if not a.get(n, (0, ""))[1] == b.get(n, (0, ""))[1] == c.get(n, (0, ""))[1]
    )
    return {
        "scale": edition.scale,
        "runs": repeat,
        "j1": asdict(one),
        "j2": asdict(two),
        "speedup": one.wall / two.wall,
        "j3": asdict(three),
        "speedup_j3": one.wall / three.wall,
        **(_baseline(median(plain_ones), median(plain_twos)) if baseline else {}),
        "machine": ceilings,
        "machine_ceiling": statistics.median(c["ceiling"] for c in ceilings),
        "differ": differ,
    }


def _baseline(one: Run, two: Run) -> dict[str, object]:
    return {"off_j1": asdict(one), "off_j2": asdict(two), "off_speedup": one.wall / two.wall}


FLOOR_CONF = 'project = "floor"\nextensions = ["myst_parser"]\nhtml_theme = "sphinx_book_theme"\n'


def floor(work: Path, repeat: int) -> dict[str, float]:
    """Sphinx, MyST and the theme on one short page, without our extension: no build of
    any project with this stack costs less, so no rebuild can be cheaper than its rebuild."""
    source = work / "floor"
    source.mkdir(parents=True)
    (source / "conf.py").write_text(FLOOR_CONF, encoding="utf-8")
    (source / "index.md").write_text("# Floor\n\nOne paragraph.\n", encoding="utf-8")
    full = median([sphinx(source, work / "floor-out") for _ in range(repeat)])
    rebuild = median([sphinx(source, work / "floor-out", fresh=False) for _ in range(repeat)])
    return {"full": full.cpu, "rebuild": rebuild.cpu, "runs": repeat}


def latexpdf(edition: Edition) -> dict[str, object]:
    """``make latexpdf`` in the copy, with the checkout's virtual environment."""
    if shutil.which("xelatex") is None or shutil.which("latexmk") is None:
        return {"skipped": "xelatex and latexmk are not installed"}
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, edition.root / name)
    stamp = edition.root / ".bench-installed"
    stamp.touch()
    venv = Path(sys.prefix)  # the virtual environment running this script
    command = ["make", "-C", str(edition.root), "latexpdf", f"VENV={venv}", f"STAMP={stamp}"]
    command += ["BUILDDIR=_build-pdf", "SPHINXOPTS=-W --keep-going -q"]
    run = measure(command, "make latexpdf")
    return {"wall": run.wall, "cpu": run.cpu}


def _full_table(results: dict) -> list[str]:
    lines = [
        "1. Full HTML build (median of runs), features on against the baseline (off)",
        "| scale | markers | runs | off cpu | on cpu | ratio cpu | off wall | on wall"
        " | off peak MiB | on peak MiB | ratio peak | off HTML MiB | on HTML MiB | ratio HTML |",
        "|" + " --- |" * 14,
    ]
    for full in results["full"]:
        on, off, html = full["on"], full["off"], full["html_bytes"]
        lines.append(
            f"| {full['scale']}x | {full['markers']} | {full['runs']} | {off['cpu']:.1f}"
            f" | {on['cpu']:.1f} | {full['ratio_cpu']:.2f} | {off['wall']:.1f}"
            f" | {on['wall']:.1f} | {off['peak_mib']:.0f} | {on['peak_mib']:.0f}"
            f" | {on['peak_mib'] / off['peak_mib']:.2f} | {html['off'] / 2**20:.1f}"
            f" | {html['on'] / 2**20:.1f} | {html['on'] / html['off']:.2f} |"
        )
    return lines


def _edit_name(item: dict) -> str:
    off = item.get("features") == "off"
    return f"{item['edit']}, features off" if off else str(item["edit"])


def _incremental_table(results: dict) -> list[str]:
    floor_cpu = results["floor"]["rebuild"]
    full = {row["scale"]: row["on"]["cpu"] for row in results["full"]}
    lines = [
        "2. Incremental builds: above floor = (its CPU - the floor's) / (the full build's -"
        " the floor's); pages: those with a source document (stale = differs from a fresh"
        " build of the edited sources)",
        "| scale | edit | cpu | above floor | pages rewritten | showing the edit"
        " | toctree parents (Sphinx) | needless | stale |",
        "|" + " --- |" * 9,
    ]
    for item in results["incremental"]:
        cells = [", ".join(item[key]) or "-" for key in ("changed", "toctree_parents")]
        cells += [", ".join(item[key]) or "none" for key in ("needless", "stale")]
        share = goals.above_floor(item["cpu"], full[item["scale"]], floor_cpu)
        lines.append(
            f"| {item['scale']}x | {_edit_name(item)} | {item['cpu']:.2f} | {share:.1%}"
            f" | {len(item['rewritten'])} | {' | '.join(cells)} |"
        )
    if results["incremental"]:
        generated = results["incremental"][0]["generated_rewritten"]
        lines.append(f"(also rewritten, having no source: {', '.join(generated)})")
    lines.append(
        f"(floor: Sphinx, MyST and the theme on one short page, no extension, median of"
        f" {results['floor']['runs']}: full build {results['floor']['full']:.2f} cpu,"
        f" no-op rebuild {floor_cpu:.2f} cpu)"
    )
    return lines


def report(results: dict) -> str:
    lines = [
        f"cores: {results['cores']}, Python {results['python']}; CPU seconds (user+system)"
        " unless wall; peak = max resident memory of one build",
        "",
        *_full_table(results),
        "",
        *_incremental_table(results),
    ]
    par = results["parallel"]
    lines += [
        "",
        f"3. At {par['scale']}x, median of {par['runs']}: -j 1 {par['j1']['wall']:.1f} s wall,"
        f" {par['j1']['cpu']:.1f} cpu; -j 2 {par['j2']['wall']:.1f} s wall,"
        f" {par['j2']['cpu']:.1f} cpu; speed-up {par['speedup']:.2f};"
        f" -j 3 {par['j3']['wall']:.1f} s wall = {par['speedup_j3']:.2f};"
        + (
            f" features off {par['off_j1']['wall']:.1f} / {par['off_j2']['wall']:.1f} s"
            f" = {par['off_speedup']:.2f};"
            if "off_speedup" in par
            else ""
        )
        + " two processes on this machine"
        f" {par['machine_ceiling']:.2f} times one;"
        f" outputs differ: {', '.join(par['differ']) or 'none'}",
    ]
    pdf = results["latexpdf"]
    lines += [
        "",
        "4. make latexpdf (full): "
        + (
            pdf["skipped"]
            if "skipped" in pdf
            else f"{pdf['wall']:.1f} s wall, {pdf['cpu']:.1f} cpu"
        ),
        "",
        "5. Scale, per 1,000 note markers (extension = on - off)",
        "| scale | markers | on cpu /1000 | extension cpu /1000 | on peak MiB /1000"
        " | extension peak MiB /1000 |",
        "|" + " --- |" * 6,
    ]
    for row in results["scale"]:
        lines.append(
            f"| {row['scale']}x | {row['markers']} | {row['cpu_per_1000']:.2f}"
            f" | {row['extension_cpu_per_1000']:.2f} | {row['peak_per_1000']:.0f}"
            f" | {row['extension_peak_per_1000']:.0f} |"
        )
    lines += ["", "Issue 19's goals 1 to 5", *goals.report(results["goals"])]
    lines += ["", "Issue 8's goals, which issue 19 replaced: what the measurements allow"]
    lines += [f"- {line}" for line in results["feasibility"]]
    return "\n".join(lines)


def _linear(small: dict, large: dict, cpu: Callable[[dict], float]) -> tuple[float, float]:
    """Fixed CPU seconds and seconds per 1,000 markers through two builds."""
    per_1000 = (cpu(large) - cpu(small)) / (large["markers"] - small["markers"]) * 1000
    return cpu(small) - per_1000 * small["markers"] / 1000, per_1000


def feasibility(results: dict) -> list[str]:
    """What the measurements allow of issue 8's goals, whatever the extension does.

    Issue 19 replaced them on this argument. Goals 1 and 2 bound the 1x full
    build from both sides. No rebuild of a project on this stack costs less
    than the floor's (one page, no extension), so a one-chapter rebuild within
    25% needs a full build of at least 4 floors; an overhead within 10% needs
    one of at most 1.1 baselines.

    Goal 3 compares ratios at two scales. With costs fixed + per marker, for
    the baseline (F0 + v0 m) and the extension (F + v m), the overhead
    (F + v m) / (F0 + v0 m) does not grow with m only if F / v >= F0 / v0:
    the extension's fixed share must be at least the baseline's start-up share.
    Otherwise the goal's other arm, an overhead within 10% at the top scale,
    bounds the extension's cost per marker.
    """
    full = {row["scale"]: row for row in results["full"]}
    lines = []
    limit = CHAPTER_EDIT[1]
    lowest = results["floor"]["rebuild"] / limit
    highest = full[1]["off"]["cpu"] * OVERHEAD
    lines.append(
        f"issue 8's goals 1 and 2 at 1x: a one-chapter rebuild costs at least the floor's"
        f" ({results['floor']['rebuild']:.2f} cpu), so within {limit:.0%} needs a full"
        f" build of at least {lowest:.2f} cpu; overhead within {OVERHEAD - 1:.0%} needs one"
        f" of at most {highest:.2f} cpu: "
        + (
            "no build can meet both on this machine"
            if lowest > highest
            else "both can hold on this machine"
        )
    )
    top = max(full)
    if top > 1:
        fixed0, per0 = _linear(full[1], full[top], lambda row: row["off"]["cpu"])
        fixed, per = _linear(full[1], full[top], lambda row: row["on"]["cpu"] - row["off"]["cpu"])
        share0 = fixed0 / per0
        within = (OVERHEAD - 1) * full[top]["off"]["cpu"] / full[top]["markers"] * 1000
        lines.append(
            f"issue 8's goal 3: through 1x and {top}x the baseline costs {fixed0:.2f} cpu fixed +"
            f" {per0:.2f} per 1,000 markers, the extension {fixed:.2f} + {per:.2f}. The"
            f" overhead stops growing with scale only if the extension's fixed cost is at"
            f" least {share0:.2f} times its cost per 1,000 markers (ours:"
            f" {max(fixed, 0.0) / per:.2f}), so a faster extension meets goal 3 only within"
            f" {OVERHEAD - 1:.0%} at {top}x: at most {within:.2f} cpu per 1,000 markers"
            f" ({within / per:.0%} of now)"
        )
    return lines


def _scale_rows(full: list[dict]) -> list[dict]:
    return [
        {
            "scale": row["scale"],
            "markers": row["markers"],
            "cpu_per_1000": row["on"]["cpu"] / row["markers"] * 1000,
            "extension_cpu_per_1000": (row["on"]["cpu"] - row["off"]["cpu"])
            / row["markers"]
            * 1000,
            "peak_per_1000": row["on"]["peak_mib"] / row["markers"] * 1000,
            "extension_peak_per_1000": goals.extension_peak_per_1000(row),
        }
        for row in full
    ]


def _chapter_edits(
    edition: Edition, builds: Path, full: dict, args: argparse.Namespace, features: str
) -> list[dict]:
    """The one-chapter rebuilds of the full build with the features ``on`` or ``off``."""
    edits = ["one chapter"] * args.repeat_edit
    options = OFF if features == "off" else ()
    return incremental(
        edition,
        builds / f"{features}-0",
        edits,
        Run(**full[features]),
        check_fresh=False,
        options=options,
    )


def _larger(results: dict, work: Path, scale: int, args: argparse.Namespace) -> dict:
    """A synthetic edition's full builds; at the goals' scales, its rebuilds and ``-j 2``."""
    edition = make_edition(work / f"edition-{scale}x", scale)
    repeat = args.repeat_large if scale == max(goals.CPU_SCALES) else 1
    full = full_builds(edition, work / f"full-{scale}x", repeat, together=True)
    if scale in goals.ABOVE_FLOOR:
        for features in ("on", "off"):
            results["incremental"] += _chapter_edits(
                edition, work / f"full-{scale}x", full, args, features
            )
    shutil.rmtree(work / f"full-{scale}x")
    if scale == goals.PARALLEL_SCALE:
        results["parallel"] = parallel(
            edition, work / "parallel", args.repeat_parallel, args.parallel_baseline
        )
        shutil.rmtree(work / "parallel")
    shutil.rmtree(edition.root)
    return full


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="full builds at 1x, each way")
    parser.add_argument("--repeat-large", type=int, default=1, help="full builds at 50x")
    parser.add_argument("--repeat-edit", type=int, default=3, help="one-chapter rebuilds")
    parser.add_argument("--repeat-parallel", type=int, default=3, help="-j 1, 2 and 3 at 10x")
    parser.add_argument(
        "--parallel-baseline",
        action="store_true",
        help="also -j 1 and -j 2 at 10x with the features off",
    )
    parser.add_argument("--scales", default="10,50", help="synthetic scales, comma-separated")
    parser.add_argument("--json", type=Path, default=ROOT / "_build" / "bench.json")
    parser.add_argument("--no-pdf", action="store_true", help="skip make latexpdf")
    return parser.parse_args()


def main() -> int:
    args = _arguments()
    started = time.perf_counter()
    results: dict = {"cores": os.cpu_count(), "python": platform.python_version()}
    results["load"] = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="build-bench-") as tmp:
        work = Path(tmp)
        edition = make_edition(work / "edition-1x", 1)
        full = [full_builds(edition, work / "full-1x", args.repeat)]
        results["floor"] = floor(work, args.repeat)
        edits = [*EDITS, *["one chapter"] * (args.repeat_edit - 1)]
        on = Run(**full[0]["on"])
        results["incremental"] = incremental(edition, work / "full-1x" / "on-0", edits, on)
        results["incremental"] += _chapter_edits(edition, work / "full-1x", full[0], args, "off")
        print(f"1x done ({time.perf_counter() - started:.0f} s)", flush=True)
        for scale in (int(s) for s in args.scales.split(",") if s):
            full.append(_larger(results, work, scale, args))
            print(f"{scale}x done ({time.perf_counter() - started:.0f} s)", flush=True)
        if "parallel" not in results:
            results["parallel"] = parallel(
                edition, work / "parallel", args.repeat_parallel, args.parallel_baseline
            )
        results["latexpdf"] = (
            {"skipped": "--no-pdf"} if args.no_pdf else latexpdf(make_edition(work / "pdf", 1))
        )
    results["full"] = full
    results["scale"] = _scale_rows(full)
    results["goals"] = goals.build_goals(results)
    results["feasibility"] = feasibility(results)
    results["seconds"] = time.perf_counter() - started
    print(report(results))
    print(
        f"\nbenchmark took {results['seconds']:.0f} s wall; load average before it"
        f" {' '.join(f'{n:.2f}' for n in results['load'])}"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
