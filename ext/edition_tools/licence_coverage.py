"""Every file the repository tracks is covered by a rule of ``LICENSE-TEXT.md``.

A reuser must be able to tell the licence of each file: the rules are the
table under "Which licence covers which file", whose first column lists
patterns in backticks (``fnmatch``: ``*`` matches ``/`` too). Run as
``python -m edition_tools.licence_coverage`` (from ``make check``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

HEADING = "## Which licence covers which file"
_PATTERN = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class Rule:
    line: int
    pattern: str


def rules(text: str) -> list[Rule]:
    """The patterns of the table's first column, with their lines in the file."""
    found: list[Rule] = []
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("## "):
            inside = line.strip() == HEADING
            continue
        if not inside or not line.startswith("|") or set(line) <= set("|- "):
            continue
        first = line.strip("|").split("|")[0]
        found += [Rule(number, pattern) for pattern in _PATTERN.findall(first)]
    return found


def problems(paths: list[str], found: list[Rule], name: str = "LICENSE-TEXT.md") -> list[str]:
    """One message per file no rule covers, and per rule that covers no file."""
    if not found:
        return [f"{name}:1: no table under {HEADING!r}"]
    messages = [
        f"{name}: no licence rule covers {path!r}; add it to the table under {HEADING!r}"
        for path in paths
        if not any(fnmatchcase(path, rule.pattern) for rule in found)
    ]
    messages += [
        f"{name}:{rule.line}: the pattern {rule.pattern!r} matches no tracked file"
        for rule in found
        if not any(fnmatchcase(path, rule.pattern) for path in paths)
    ]
    return messages


def tracked(root: Path) -> list[str] | None:
    """The files ``git ls-files`` lists, or ``None`` outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return [path for path in result.stdout.decode("utf-8").split("\0") if path]


def main(root: Path | None = None) -> int:
    root = root or Path.cwd()
    paths = tracked(root)
    if paths is None:
        print("licence coverage: not a git checkout; nothing to check")
        return 0
    messages = problems(paths, rules((root / "LICENSE-TEXT.md").read_text(encoding="utf-8")))
    for message in messages:
        print(message, file=sys.stderr)
    if not messages:
        print(f"licence coverage: ok ({len(paths)} tracked files)")
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main())
