"""The edition built by this checkout against the same build by an earlier commit.

Run by hand (``.venv/bin/python bench/against_commit.py 28057c3``): issue 18
asked that the package by feature be no slower than the flat package before
it. The commit is checked out with ``git worktree`` in a temporary folder and
built with this checkout's virtual environment (an earlier ``conf.py`` that
puts its own ``ext/`` first on ``sys.path`` builds with its own extension).
The two alternate, so that a slower spell of the machine falls on both: a
full HTML build into a fresh folder, then the rebuild after one chapter's
edit, each measured as every benchmark here measures (``timing.py``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from timing import Run, median, sphinx

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("full", "one chapter")


def builds(checkout: Path, out: Path, chapter: str) -> dict[str, Run]:
    """A full build, then the rebuild after a blank line added to one chapter."""
    source = checkout / "docs"
    html = out / "html"
    shutil.rmtree(out, ignore_errors=True)
    full = sphinx(source, html, "-d", str(out / "doctrees"))
    edited = source / chapter
    text = edited.read_bytes()
    edited.write_bytes(text + b"\n")
    try:
        rebuild = sphinx(source, html, "-d", str(out / "doctrees"), fresh=False)
    finally:
        edited.write_bytes(text)
    return {"full": full, "one chapter": rebuild}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit", help="the earlier commit (before)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chapter", default="early-life/1917.md")
    args = parser.parse_args()
    runs: dict[tuple[str, str], list[Run]] = {}
    with tempfile.TemporaryDirectory(prefix="against-commit-") as tmp:
        before = Path(tmp) / "before"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(before), args.commit],
            check=True,
            capture_output=True,
        )
        try:
            for _ in range(args.repeat):
                for side, checkout in (("before", before), ("after", ROOT)):
                    out = Path(tmp) / f"out-{side}"
                    for kind, run in builds(checkout, out, args.chapter).items():
                        runs.setdefault((side, kind), []).append(run)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before)], check=True
            )
    print(f"before: {args.commit}; after: this checkout; median of {args.repeat} runs")
    print("CPU seconds = user + system; peak = the highest resident memory of any run")
    print("| build | before cpu | after cpu | after / before | before peak MiB | after peak MiB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for kind in KINDS:
        old, new = median(runs["before", kind]), median(runs["after", kind])
        print(
            f"| {kind} | {old.cpu:.2f} | {new.cpu:.2f} | {new.cpu / old.cpu:.2f} "
            f"| {old.peak_mib:.0f} | {new.peak_mib:.0f} |"
        )


if __name__ == "__main__":
    main()
