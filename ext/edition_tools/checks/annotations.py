"""Annotations checked without a build (``make check``), and new ones scaffolded.

Besides what the build checks, ``make check`` holds the edition to its rule
that an annotation stating a fact cites its source (:mod:`.annotation_sources`).

The blocks of the text are the witness's lines, chapter by chapter, as the
structure map reads them: the same paragraphs and headings the build anchors
in, so a target that passes here lands in the build.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from scholarly_edition._util import source_encoding
from scholarly_edition._util.problem import Problem
from scholarly_edition.annotations import data as annotations_data
from scholarly_edition.annotations import file as annotations_file
from scholarly_edition.annotations.anchor import (
    Block,
    Passages,
    closest,
    describe,
    find,
    hint,
    unmatched,
)
from scholarly_edition.annotations.data import QuoteTarget
from scholarly_edition.text.structure import Structure

from ..configuration import Edition
from . import annotation_sources as annotations_sources
from . import notes as notes_check

HEADING_ROLES = {"part", "section", "subsection"}


def witness_blocks(structure: Structure) -> list[Block]:
    blocks = []
    for chapter in structure.chapters:
        for number in range(chapter.first, chapter.last + 1):
            role = structure.role(number)
            if role != "blank":
                kind = "title" if role in HEADING_ROLES else "paragraph"
                text = structure.lines[number - 1]
                blocks.append(Block(chapter.file, number, kind, text, number))
    return blocks


def check(
    edition: Edition, structure: Structure, sources: notes_check.Sources | None = None
) -> list[Problem]:
    """Every annotation file's problems: its name, its text, what it cites and its passage.

    ``sources`` are the works and notes :mod:`.notes` has read for the same
    check, so that each file is parsed once.
    """
    sources = sources or notes_check.read_sources(edition)
    keys = set(sources.keys)
    blocks = Passages(witness_blocks(structure))
    problems: list[Problem] = []
    folder = edition.annotations
    notes = set(sources.note_map.notes) | sources.note_map.listed
    refs = annotations_file.References(keys, notes, edition.source)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        naming = annotations_file.name_problems(path, folder)
        if naming:
            problems += naming
            continue
        data = path.read_bytes()
        undecodable = source_encoding.undecodable(data)
        if undecodable is not None:
            problems.append(Problem(path, *undecodable))
            continue
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        parsed = annotations_file.read(path, text, refs)
        problems += parsed.problems
        problems += annotations_sources.problems(parsed, keys)
        if parsed.annotation is not None:
            problems += _anchor(parsed.annotation, blocks)
    return problems


def _anchor(annotation: annotations_data.Annotation, blocks: Passages) -> list[Problem]:
    matches = find(annotation.target, blocks)
    message = unmatched(annotation.target, matches, blocks, witness=True)
    return [Problem(annotation.path, annotation.target_line, message)] if message else []


def scaffold(
    edition: Edition,
    structure: Structure,
    target: QuoteTarget,
    kind: str,
    contributor: str,
    today: datetime.date,
    proposed: str = "",
    body: str = "",
) -> Path:
    """Write a new annotation file for a quotation that matches exactly one passage.

    ``body`` is MyST already made literal by the caller (an import escapes it).
    """
    if kind not in annotations_data.KINDS:
        raise ValueError(f"kind must be one of {', '.join(annotations_data.KINDS)}")
    blocks = witness_blocks(structure)
    matches = find(target, blocks)
    if not matches:
        near = " | ".join(f"“{s}”" for s in closest(target, blocks))
        why = hint(target, blocks)
        raise ValueError(f"the quotation matches no passage; closest: {near or 'none'}.{why}")
    if len(matches) > 1:
        places = "\n  ".join(describe(m, witness=True) for m in matches[:10])
        if len(matches) > 10:
            places += f"\n  … and {len(matches) - 10} more"
        raise ValueError(
            f'the quotation matches {len(matches)} passages; give PREFIX="words just before" '
            f'or SUFFIX="words just after" (--prefix/--suffix without make) to choose one:'
            f"\n  {places}"
        )
    slug = re.sub(r"[^a-z0-9]+", "-", target.exact.lower()).strip("-")[:40] or "annotation"
    path = edition.annotations / f"{slug}.md"
    if path.exists():
        raise ValueError(f"{path} exists already; edit it, or quote the passage differently")
    lines = ["---", "target:", f"  quote: {_yaml(target.exact)}"]
    lines += [
        f"  {name}: {_yaml(value)}"
        for name, value in (("prefix", target.prefix), ("suffix", target.suffix))
        if value
    ]
    lines += [f"contributor: {_yaml(contributor)}", f"date: {today.isoformat()}", f"kind: {kind}"]
    if kind == "correction":
        given = f"proposed: {_yaml(proposed)}" if proposed else "proposed: "
        lines += [f"reading: {_yaml(target.exact)}", given]
    lines += ["---", "", body + "\n" if body else ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _yaml(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
