"""What an annotation says: the schema of its front matter, and the checks of each field.

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

from .._util.problem import Problem

KINDS = ("commentary", "correction", "context", "source")
FIELDS = ("target", "contributor", "date", "kind", "cites", "reading", "proposed")
# A name, a reading or a quotation: a few words, never a passage.
FIELD_LIMIT = 200
REQUIRED = ("target", "contributor", "date", "kind")


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


def validate(
    path: Path, data: dict[str, Any], lines: dict[str, int], bib_keys: set[str]
) -> tuple[Annotation | None, list[Problem]]:
    """Check the fields of one annotation's front matter against the schema."""
    problems = [
        Problem(
            path,
            lines.get(str(key), 1),
            f"unknown field {key!r}; the fields are {', '.join(FIELDS)}",
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
    elif "\n" in contributor.strip() or len(contributor) > FIELD_LIMIT:
        problem(
            "contributor", f"contributor is a name on one line, at most {FIELD_LIMIT} characters"
        )
    date = data["date"]
    if isinstance(date, datetime.date):
        date = date.isoformat()
    if not isinstance(date, str) or not _is_date(date):
        problem("date", "date must be written YYYY-MM-DD")
    cites = data.get("cites", [])
    if not isinstance(cites, list) or not all(isinstance(c, str) for c in cites):
        problem("cites", "cites must be a list of BibTeX keys, e.g. [service2004]")
        cites = []
    for key in cites:
        if key not in bib_keys:
            problem(
                "cites", f"no BibTeX entry with key {key!r} in the bibliography (bibtex_bibfiles)"
            )
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
        elif len(reading) > FIELD_LIMIT or len(proposed) > FIELD_LIMIT:
            problem("reading", f"a reading is at most {FIELD_LIMIT} characters")
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


def _is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


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
