"""Lighthouse on the built pages, in its default mobile mode, served gzipped.

Not a test: a measurement (``make bench`` runs it after ``make html``; or
``.venv/bin/python bench/lighthouse_bench.py _build/html``). A phone reader's
page load is what issue 19's goal 7 states and issue 16's accessibility, best
practices and SEO goals are scored on: npm ``lighthouse`` (the version
package-lock.json pins, installed by ``make browser-deps``) drives Debian's
Chromium on the front page, a chapter, the notes page and the Index of Names.

The pages are served as a static host serves them: a local HTTP server that
compresses every text response with gzip when the browser accepts it (a
plain ``http.server`` sends them uncompressed, and Lighthouse's simulated
mobile network then scores a page on bytes no reader downloads). Each page's
scores are the median of ``--repeat`` runs; the bytes transferred are
Lighthouse's ``total-byte-weight`` (compressed, every request of the page).
Prints a table and each goal as met or not (``bench/goals.py``), and writes
the goals and the runs to ``_build/lighthouse.json``.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# The browser tests' local server, given the gzipping handler.
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from browser_support import serve  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from goals import lighthouse_goals, report  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "front page": "index.html",
    "chapter": "early-life/1899-1904.html",
    "notes page": "notes.html",
    "Index of Names": "names.html",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP s",
    "largest-contentful-paint": "LCP s",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI s",
}
# What a static host compresses (GitHub Pages, nginx's usual gzip_types).
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text types gzipped for a client that accepts gzip."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and kind.startswith(COMPRESSED)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        """One line per request would bury the table."""


def lighthouse(url: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run (default mobile settings) of ``url``; its JSON report."""
    # Root cannot run Chromium's sandbox; each run gets a profile of its own.
    with tempfile.TemporaryDirectory(prefix="lighthouse-profile-") as profile:
        flags = f"--headless=new --no-sandbox --disable-gpu --user-data-dir={profile}"
        command = [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={flags}",
            "--quiet",
        ]
        environment = {**os.environ, "CHROME_PATH": CHROMIUM}
        done = subprocess.run(command, env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return result


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """Scores (0-100), bytes transferred, the metrics and every failed audit of one run."""
    categories = report["categories"]
    audits = report["audits"]
    scores = {name: round(categories[name]["score"] * 100) for name in CATEGORIES}
    metrics = {name: audits[name]["numericValue"] for name in METRICS}
    failed = sorted(
        {
            audit_ref["id"]
            for name in CATEGORIES
            for audit_ref in categories[name]["auditRefs"]
            if audit_ref["weight"] > 0
            and audits[audit_ref["id"]]["score"] is not None
            and audits[audit_ref["id"]]["score"] < 1
        }
    )
    return {
        "scores": scores,
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(audits["network-requests"]["details"]["items"]),
        "metrics": metrics,
        "failed_audits": failed,
    }


def _metric(name: str, value: float) -> str:
    if METRICS[name].endswith(" s"):
        return f"{value / 1000:.1f}"
    if name == "cumulative-layout-shift":
        return f"{value:.3f}"
    return f"{value:.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, nargs="?", default=ROOT / "_build" / "html")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each page")
    parser.add_argument("--output", type=Path, default=ROOT / "_build" / "lighthouse.json")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse is not installed: run make browser-deps")
    if not shutil.which(CHROMIUM):
        sys.exit(f"{CHROMIUM} is not installed")
    version = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    results: dict[str, dict[str, Any]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="lighthouse-bench-") as tmp,
        serve(args.html, GzipHandler) as base,
    ):
        for label, page in PAGES.items():
            runs = [
                summary(lighthouse(base + page, Path(tmp) / f"{number}.json"))
                for number in range(args.repeat)
            ]
            median = {
                name: statistics.median(run["scores"][name] for run in runs) for name in CATEGORIES
            }
            results[label] = {"page": page, "median": median, "runs": runs}
    print(
        f"Lighthouse {version}, default mobile mode (simulated throttling), pages served with"
        f" gzip; median of runs: {args.repeat}; bytes = transferred (compressed), first run"
    )
    header = ["page", *CATEGORIES, "KiB", "requests", *METRICS.values()]
    print("| " + " | ".join(header) + " |\n|" + " --- |" * len(header))
    for label, result in results.items():
        first = result["runs"][0]
        median = result["median"]
        cells = [
            f"{label} ({result['page']})",
            *(f"{median[name]:.0f}" for name in CATEGORIES),
            f"{first['bytes'] / 1024:.0f}",
            str(first["requests"]),
            *(_metric(name, first["metrics"][name]) for name in METRICS),
        ]
        print("| " + " | ".join(cells) + " |")
    checks = lighthouse_goals({label: result["median"] for label, result in results.items()})
    print("\nGoals (issue 16: accessibility, best practices, SEO; issue 19 goal 7: performance)")
    print("\n".join(report(checks)))
    failed = sorted(
        {a for r in results.values() for run in r["runs"] for a in run["failed_audits"]}
    )
    print(f"audits that cost points in any run: {', '.join(failed) or 'none'}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(
            {"lighthouse": version, "repeat": args.repeat, "goals": checks, "pages": results},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written: {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
