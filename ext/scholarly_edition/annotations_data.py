"""One annotation file: its front matter, read with MyST's own reader and checked.

An annotation is a small MyST file in ``docs/annotations/`` whose front matter
says what it annotates (a quotation of the passage, a note number or a
section), who wrote it, when, and what kind of note it is. Every problem is
returned with the line of the field at fault, for a first-time contributor.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from myst_parser.config.main import TopmatterReadError, read_topmatter

from .notes_data import Problem

KINDS = ("commentary", "correction", "context", "source")
FIELDS = ("target", "contributor", "date", "kind", "cites", "reading", "proposed", "orphan")
REQUIRED = ("target", "contributor", "date", "kind")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


@dataclass(frozen=True)
class QuoteTarget:
    """The W3C Web Annotation TextQuoteSelector: exact text, with context to make it unique."""

    exact: str
    prefix: str = ""
    suffix: str = ""

    def describe(self) -> str:
        return f"“{self.exact}”"


@dataclass(frozen=True)
class NoteTarget:
    note: str

    def describe(self) -> str:
        return f"note [{self.note}]"


@dataclass(frozen=True)
class SectionTarget:
    section: str

    def describe(self) -> str:
        return f"the section “{self.section}”"


Target = QuoteTarget | NoteTarget | SectionTarget


@dataclass(frozen=True)
class Annotation:
    path: Path
    kind: str
    contributor: str
    date: str
    target: Target
    cites: tuple[str, ...] = ()
    reading: str = ""
    proposed: str = ""
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def target_line(self) -> int:
        return self.lines.get("target", 1)


def front_matter_lines(text: str) -> tuple[dict[str, int], int]:
    """The line of each top-level front-matter key, and the first line of the body.

    Keys' lines are counted as an editor counts them; the body's first line is
    a row of ``text.splitlines()``, as MyST's front-matter reader cuts it.
    """
    lines: dict[str, int] = {}
    rows = text.splitlines()
    if not rows or not rows[0].startswith("---"):
        return lines, 1
    line_of = editor_lines(text)
    for number, row in enumerate(rows[1:], start=2):
        if row.startswith(("---", "...")):
            return lines, number + 1
        key = _KEY.match(row)
        if key:
            lines.setdefault(key.group(1), line_of[number - 1])
    return lines, len(rows) + 1


def editor_lines(text: str) -> list[int]:
    """For each row of ``text.splitlines()``, the line an editor shows it on.

    ``splitlines`` (and YAML) also break at U+2028, U+0085 and the like, which
    editors show inside a line: a message must name the line the editor shows.
    """
    result = []
    line = 1
    for row in text.splitlines(keepends=True):
        result.append(line)
        line += row.count("\n") + row.count("\r") - row.count("\r\n")
    return result or [1]


def parse(path: Path, text: str, bib_keys: set[str]) -> tuple[Annotation | None, list[Problem]]:
    """Read and check one annotation file."""
    lines, body_start = front_matter_lines(text)
    try:
        data = read_topmatter(text)
    except TopmatterReadError as exc:
        cause = exc.__cause__
        if cause is None:  # YAML, but a list or a scalar rather than fields
            return None, [Problem(path, 1, "the front matter must be fields, one per line")]
        mark = getattr(cause, "context_mark", None) or getattr(cause, "problem_mark", None)
        # YAML's row within the front matter (row 0 is the opening ---), kept
        # within the file when the error is at the end of an unclosed front
        # matter, and named by the line an editor shows.
        row = min(mark.line + 1, max(body_start - 2, 0)) if mark is not None else 0
        line_of = editor_lines(text)
        line = line_of[min(row, len(line_of) - 1)]
        return None, [Problem(path, line, f"the front matter is not valid YAML: {cause}")]
    if not isinstance(data, dict):
        return None, [Problem(path, 1, "an annotation starts with front matter between --- lines")]
    problems = [
        Problem(
            path, lines.get(key, 1), f"unknown field {key!r}; the fields are {', '.join(FIELDS)}"
        )
        for key in data
        if key not in FIELDS
    ]
    problems += [
        Problem(path, 1, f"the front matter needs the field {key!r}")
        for key in REQUIRED
        if key not in data
    ]
    if problems:
        return None, problems

    def problem(key: str, message: str) -> None:
        problems.append(Problem(path, lines.get(key, 1), message))

    kind = data["kind"]
    if kind not in KINDS:
        problem("kind", f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    contributor = data["contributor"]
    if not isinstance(contributor, str) or not contributor.strip():
        problem("contributor", "contributor must be a name or handle")
    date = data["date"]
    if isinstance(date, datetime.date):
        date = date.isoformat()
    if not isinstance(date, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        problem("date", "date must be written YYYY-MM-DD")
    cites = data.get("cites", [])
    if not isinstance(cites, list) or not all(isinstance(c, str) for c in cites):
        problem("cites", "cites must be a list of BibTeX keys, e.g. [service2004]")
        cites = []
    for key in cites:
        if key not in bib_keys:
            problem("cites", f"no BibTeX entry with key {key!r} in refs/works.bib")
    target = _target(data["target"], lambda message: problem("target", message))
    reading, proposed = data.get("reading", ""), data.get("proposed", "")
    if kind == "correction":
        if (
            not isinstance(reading, str)
            or not reading
            or not isinstance(proposed, str)
            or not proposed
        ):
            problem("kind", "a correction gives the witness's reading and the proposed reading")
        elif isinstance(target, QuoteTarget) and reading not in target.exact:
            problem("reading", f"the reading {reading!r} is not in the quoted passage")
    elif "reading" in data or "proposed" in data:
        problem("reading" if "reading" in data else "proposed", "only a correction has a reading")
    if problems or target is None:
        return None, problems
    return (
        Annotation(
            path, kind, contributor.strip(), date, target, tuple(cites), reading, proposed, lines
        ),
        [],
    )


def _target(value: Any, fail: Any) -> Target | None:
    if not isinstance(value, dict) or len({"quote", "note", "section"} & set(value)) != 1:
        fail("target is one of {quote: ...}, {note: ...} or {section: ...}")
        return None
    if "quote" in value:
        extra = set(value) - {"quote", "prefix", "suffix"}
        parts = [value.get(k, "") for k in ("quote", "prefix", "suffix")]
        if extra or not all(isinstance(p, str) for p in parts) or not parts[0].strip():
            fail("a quotation target is {quote: ..., prefix: ..., suffix: ...} with text")
            return None
        return QuoteTarget(*parts)
    if "note" in value:
        note = str(value["note"])
        if len(value) != 1 or not re.fullmatch(r"[0-9]{1,6}|[a-z]", note):
            fail("a note target is {note: N} with the note's number or letter")
            return None
        return NoteTarget(note)
    section = value["section"]
    if len(value) != 1 or not isinstance(section, str) or not section.strip():
        fail("a section target is {section: ...} with the section's heading")
        return None
    return SectionTarget(section)
