"""Where the memory of a build is when it ends: tracemalloc, by the code that allocated it.

Run by hand (``.venv/bin/python bench/memory_profile.py 10``): issue 19's goal 3
(peak memory at most twice the plain build's) asks what stands in the way.
The synthetic edition of that scale (``synthetic_edition.py``) is built in
this process with tracemalloc on, features on and then off (the baseline of
``build_bench.py``), and a snapshot is taken at ``build-finished``, when the
environment, the domains' data and what the exporters read are all alive.
Each build runs in a process of its own, so that neither finds the other's
modules and their caches.
Each block of memory is counted for the innermost frame of the extension
that allocated it (a docutils node made by the notes transform counts for
the transform), or else for the package of its innermost frame. tracemalloc
slows the build about twentyfold (1x takes a few minutes); its numbers are Python's allocations, not
resident memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tracemalloc
from collections import Counter
from pathlib import Path

from sphinx.application import Sphinx
from synthetic_edition import make_edition

OFF = {"edition_notes_file": "", "names_register": "", "edition_annotations_dir": ""}
OURS = "scholarly_edition"


def _owner(trace: tracemalloc.Trace) -> str:
    for frame in reversed(trace.traceback):
        if f"/{OURS}/" in frame.filename:
            return f"{OURS}/{frame.filename.split(f'/{OURS}/')[1]}:{frame.lineno}"
    innermost = trace.traceback[-1].filename
    if "site-packages/" in innermost:
        return innermost.split("site-packages/")[1].split("/")[0]
    return "the standard library"


def snapshot_at_end(source: Path, out: Path, overrides: dict[str, str]) -> tracemalloc.Snapshot:
    """Build once through Sphinx's application; the snapshot taken when the build finishes."""
    taken: list[tracemalloc.Snapshot] = []
    tracemalloc.start(12)
    app = Sphinx(source, source, out / "html", out / "doctrees", "html", overrides, status=None)
    app.connect("build-finished", lambda *_: taken.append(tracemalloc.take_snapshot()), 1)
    app.build()
    tracemalloc.stop()
    if app.statuscode != 0 or not taken:
        sys.exit(f"the build of {source} failed")
    return taken[0]


def _build(source: Path, out: Path, side: str) -> Counter[str]:
    """One side's allocations by owner, from a process of its own."""
    command = [sys.executable, __file__, "--child", str(source), str(out), side]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"the {side} build failed:\n{done.stderr[-3000:]}")
    return Counter(json.loads(done.stdout.splitlines()[-1]))


def child(source: Path, out: Path, side: str) -> None:
    snapshot = snapshot_at_end(source, out, {} if side == "on" else OFF)
    sizes: Counter[str] = Counter()
    for trace in snapshot.traces:
        sizes[_owner(trace)] += trace.size
    print(json.dumps(sizes))


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scale", type=int, nargs="?", default=10)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="memory-profile-") as tmp:
        edition = make_edition(Path(tmp) / "edition", args.scale)
        source = edition.root / "docs"
        on = _build(source, Path(tmp) / "on", "on")
        off = _build(source, Path(tmp) / "off", "off")
    mib = 1024 * 1024
    print(f"{args.scale}x: Python's allocations alive at build-finished, MiB")
    print(f"on {sum(on.values()) / mib:.0f}, off {sum(off.values()) / mib:.0f}")
    ours = sum(size for owner, size in on.items() if owner.startswith(OURS))
    print(f"allocated by the extension's own code (features on): {ours / mib:.0f}")
    print("| allocated by | on MiB | off MiB |")
    print("| --- | --- | --- |")
    for owner, size in on.most_common(args.top):
        print(f"| {owner} | {size / mib:.1f} | {off.get(owner, 0) / mib:.1f} |")
    modules: Counter[str] = Counter()
    for owner, size in on.items():
        if owner.startswith(OURS):
            modules[owner.rsplit(":", 1)[0]] += size
    print("\nthe extension's allocations by module (features on)")
    print("| module | MiB |")
    print("| --- | --- |")
    for module, size in modules.most_common(args.top):
        print(f"| {module} | {size / mib:.1f} |")


if __name__ == "__main__":
    main()
