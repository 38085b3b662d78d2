"""Which process does what, and when, in a ``-j`` build: the profile behind goal 5.

Run by hand (``.venv/bin/python bench/parallel_timeline.py 10 --jobs 2``):
issue 19's goal 5 asks whether ``-j 2`` is held back by the extension or by
Sphinx. The synthetic edition of that scale is built once through Sphinx's
application with ``-j``; every process (the main one and each worker Sphinx
forks) appends a line to a log at each document it reads
(``source-read``), resolves (``doctree-resolved``, in the main process) and
writes (``html-page-context``), and the main process at ``write-started``
and ``build-finished``. The table gives each process's role, when it ran and
the CPU it used, and how many workers were writing at once: Sphinx reads
with ``-j`` workers, and the edition's HTML builder writes with as many
(``html/parallel_writing.py``; Sphinx's own writes with one fewer) while
the main process resolves every page.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from sphinx.application import Sphinx
from synthetic_edition import make_edition

EVENTS = {"source-read": "read", "html-page-context": "wrote", "doctree-resolved": "resolved"}


class Log:
    """One line per event: process, wall and CPU seconds, what happened."""

    def __init__(self, path: Path):
        self.path = path
        self.start = time.monotonic()

    def write(self, what: str) -> None:
        line = (
            f"{os.getpid()} {time.monotonic() - self.start:.3f} {time.process_time():.3f} {what}\n"
        )
        with self.path.open("a", encoding="utf-8") as log:  # appends of a line stay whole
            log.write(line)


def build(source: Path, out: Path, jobs: int, log: Log) -> None:
    app = Sphinx(source, source, out / "html", out / "doctrees", "html", status=None, parallel=jobs)
    for event, what in EVENTS.items():
        app.connect(event, lambda *_, what=what: log.write(what), priority=999)
    app.connect("write-started", lambda *_: log.write("write-started"), priority=0)
    app.connect("build-finished", lambda *_: log.write("build-finished"), priority=0)
    app.build()
    log.write("end")
    if app.statuscode != 0:
        sys.exit(f"the build of {source} failed")


def _rows(path: Path, main: int) -> list[dict[str, object]]:
    events: dict[int, list[tuple[float, float, str]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        pid, wall, cpu, what = line.split()
        events[int(pid)].append((float(wall), float(cpu), what))
    rows = []
    for pid, seen in events.items():
        kinds = {what for _, _, what in seen}
        end = next((wall for wall, _, what in seen if what == "build-finished"), seen[-1][0])
        role = "main" if pid == main else "writer" if "wrote" in kinds else "reader"
        rows.append(
            {
                "role": role,
                "from": seen[0][0],
                "to": seen[-1][0],
                "cpu": seen[-1][1] - seen[0][1],
                "read": sum(what == "read" for *_, what in seen),
                "wrote": sum(what == "wrote" for *_, what in seen),
                "resolved": sum(what == "resolved" for *_, what in seen),
                "marks": {what: wall for wall, _, what in seen if "-" in what or what == "end"},
                "last_resolved": max(
                    (wall for wall, _, what in seen if what == "resolved" and wall < end),
                    default=0.0,
                ),
            }
        )
    return sorted(rows, key=lambda row: (row["role"] != "main", row["from"]))


def _at_once(rows: list[dict[str, object]], role: str) -> int:
    """The most processes of one role running at the same moment."""
    edges = []
    for row in rows:
        if row["role"] == role:
            edges += [(row["from"], 1), (row["to"], -1)]
    running = most = 0
    for _, step in sorted(edges, key=lambda edge: (edge[0], edge[1])):
        running += step
        most = max(most, running)
    return most


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scale", type=int, nargs="?", default=10)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="parallel-timeline-") as tmp:
        edition = make_edition(Path(tmp) / "edition", args.scale)
        log = Log(Path(tmp) / "events.log")
        build(edition.root / "docs", Path(tmp) / "out", args.jobs, log)
        rows = _rows(log.path, os.getpid())
    main_row = rows[0]
    marks = main_row["marks"]
    assert isinstance(marks, dict)
    print(f"{args.scale}x, -j {args.jobs}: {marks['end']:.1f} s wall")
    # The Web Annotation export resolves each annotation's page again at build-finished.
    print(
        f"main process: reading until {marks['write-started']:.1f} s; the pages resolved"
        f" (and handed to the writers) by {main_row['last_resolved']:.1f} s;"
        f" build-finished at {marks['build-finished']:.1f} s; end at {marks['end']:.1f} s"
    )
    print(
        f"readers at once: {_at_once(rows, 'reader')}; writers at once: {_at_once(rows, 'writer')}"
    )
    print("| process | from s | to s | CPU s | read | resolved | wrote |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(
            f"| {row['role']} | {row['from']:.1f} | {row['to']:.1f} | {row['cpu']:.1f}"
            f" | {row['read']} | {row['resolved']} | {row['wrote']} |"
        )


if __name__ == "__main__":
    main()
