"""``annotate --from-jsonld FILE``: annotations from a W3C-conformant tool become the edition's.

Reads a W3C Web Annotation collection, page, list or single annotation, or a
Hypothesis export (its ``annotations``, with ``text`` and ``user``). Each
annotation is anchored as ``make annotation`` anchors a quotation: by its
``TextQuoteSelector``, in the witness, where it must match exactly one
passage. A tool's prefix and suffix are taken from its page, which holds
the edition's apparatus too (paragraph numbers, daggers): they are kept as
far as the witness has them. The text becomes the annotation's body as
literal MyST, so no markup of the tool's text reaches the edition.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scholarly_edition.annotations import safety as annotations_safety
from scholarly_edition.annotations.anchor import find
from scholarly_edition.annotations.data import QuoteTarget
from scholarly_edition.text.structure import Structure

from .checks.annotations import scaffold, witness_blocks
from .configuration import Edition
from .importer import escape

KINDS = {"commenting": "commentary", "editing": "correction", "describing": "context"}
_ACCOUNT = re.compile(r"^acct:([^@]+)@")
# Where a run of the context may start or end near the passage: at the edges
# of words and of the spaces between them (" 1878", ", police"). Its far end
# may fall anywhere: a tool cuts its context at a number of characters.
_EDGE = re.compile(r"^|$|(?<=\s)(?=\S)|(?<=\S)(?=\s)")


class RefusedError(ValueError):
    """Why an annotation is not taken."""


@dataclass(frozen=True)
class Outcome:
    label: str
    path: Path | None = None
    reason: str = ""


def annotations_in(data: Any) -> list[dict[str, Any]]:
    """The annotations of a collection, page, list, single annotation or Hypothesis export."""
    if isinstance(data, list):
        return [a for item in data for a in annotations_in(item)]
    if not isinstance(data, dict):
        return []
    if isinstance(data.get("annotations"), list):  # a Hypothesis export
        return annotations_in(data["annotations"])
    if data.get("type") == "AnnotationCollection":
        first = data.get("first")
        return annotations_in(first) if isinstance(first, dict) else []
    if data.get("type") == "AnnotationPage":
        return annotations_in(data.get("items", []))
    return [data]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def quote_selector(annotation: dict[str, Any]) -> dict[str, Any]:
    for target in _list(annotation.get("target")):
        if not isinstance(target, dict):
            continue
        for selector in _list(target.get("selector")):
            if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
                if not isinstance(selector.get("exact"), str) or not selector["exact"].strip():
                    raise RefusedError("its TextQuoteSelector has no exact text")
                return selector
    raise RefusedError(
        "it has no TextQuoteSelector: the edition anchors an annotation by the words it "
        "quotes (a position or a CSS selector alone changes with the page)"
    )


def contributor(annotation: dict[str, Any]) -> str:
    creator = annotation.get("creator")
    for candidate in _list(creator):
        if isinstance(candidate, str) and candidate.strip() and "://" not in candidate:
            return candidate.strip()
        if isinstance(candidate, dict):
            name = candidate.get("name") or candidate.get("nickname")
            if isinstance(name, str) and name.strip():
                return name.strip()
    shown = (annotation.get("user_info") or {}).get("display_name")
    if isinstance(shown, str) and shown.strip():
        return shown.strip()
    account = _ACCOUNT.match(str(annotation.get("user", "")))
    if account:
        return account.group(1)
    raise RefusedError("it names no creator: the edition says who wrote each annotation")


def created(annotation: dict[str, Any], today: datetime.date) -> datetime.date:
    """The day the tool says the annotation was made (today when it says nothing)."""
    value = annotation.get("created")
    if value is None:
        return today
    try:
        return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()
    except ValueError:
        raise RefusedError(f"its created date {value!r} is not an ISO 8601 date") from None


def _bodies(annotation: dict[str, Any]) -> list[dict[str, Any]]:
    bodies = [b for b in _list(annotation.get("body")) if isinstance(b, dict)]
    if isinstance(annotation.get("text"), str):  # Hypothesis
        bodies.append({"type": "TextualBody", "value": annotation["text"]})
    return bodies


def kind(annotation: dict[str, Any]) -> str:
    for motivation in _list(annotation.get("motivation")):
        if motivation in KINDS:
            return KINDS[motivation]
    return "commentary"


def body_text(annotation: dict[str, Any]) -> str:
    """The text bodies (not a correction's reading) as literal MyST paragraphs."""
    paragraphs = []
    for body in _bodies(annotation):
        if body.get("purpose") == "editing" or not isinstance(body.get("value"), str):
            continue
        for paragraph in re.split(r"\n\s*\n", body["value"]):
            words = " ".join(paragraph.split())
            if words:
                paragraphs.append(escape(words))
    return "\n\n".join(paragraphs)


def proposed(annotation: dict[str, Any]) -> str:
    for body in _bodies(annotation):
        if body.get("purpose") == "editing" and isinstance(body.get("value"), str):
            return " ".join(body["value"].split())
    return ""


def _runs(text: str, near_end: bool) -> list[str]:
    """Runs of ``text`` that reach a word's edge on the side near the passage
    (its end for a prefix, its start for a suffix), longest first.

    A tool's context holds the edition's signs beside the passage (a dagger
    after it, a paragraph number before it): a run without them is what the
    witness has.
    """
    edges = [m.start() for m in _EDGE.finditer(text)]
    anywhere = range(len(text) + 1)
    pairs = (
        ((a, b) for a in anywhere for b in edges)
        if near_end
        else ((a, b) for a in edges for b in anywhere)
    )
    runs = {text[a:b] for a, b in pairs if a < b and text[a:b].strip()}
    return [*sorted(runs, key=lambda run: (-len(run), run)), ""]


def anchored(selector: dict[str, Any], structure: Structure) -> QuoteTarget:
    """The quotation, with the longest runs of the tool's context that the witness has."""
    blocks = witness_blocks(structure)
    exact = selector["exact"]
    prefix, suffix = str(selector.get("prefix", "")), str(selector.get("suffix", ""))
    before = next(p for p in _runs(prefix, True) if find(QuoteTarget(exact, p, ""), blocks))
    after = next(s for s in _runs(suffix, False) if find(QuoteTarget(exact, before, s), blocks))
    return QuoteTarget(exact, before, after)


def import_one(
    annotation: dict[str, Any], edition: Edition, structure: Structure, today: datetime.date
) -> Path:
    selector = quote_selector(annotation)
    name = contributor(annotation)
    day = created(annotation, today)
    chosen = kind(annotation)
    reading = proposed(annotation)
    if chosen == "correction" and not reading:
        raise RefusedError(
            "a correction needs the proposed reading: a TextualBody with purpose editing"
        )
    body = body_text(annotation)
    refused = annotations_safety.problems(body, 1)
    if refused:
        raise RefusedError(f"its text cannot be an annotation's body: {refused[0][1]}")
    try:
        target = anchored(selector, structure)
    except StopIteration:
        target = QuoteTarget(selector["exact"])  # the scaffold says which passages are close
    try:
        return scaffold(edition, structure, target, chosen, name, day, reading, body)
    except ValueError as exc:
        raise RefusedError(str(exc)) from None


def import_file(
    path: Path, edition: Edition, structure: Structure, today: datetime.date
) -> list[Outcome]:
    """Every annotation of the file: written, or refused with the reason."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return [Outcome(str(path), reason=f"cannot be read: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        return [Outcome(str(path), reason=f"not UTF-8 (byte {exc.start})")]
    except json.JSONDecodeError as exc:
        return [Outcome(str(path), reason=f"not JSON: {exc.msg} at line {exc.lineno}")]
    annotations = annotations_in(data)
    if not annotations:
        return [Outcome(str(path), reason="holds no annotation")]
    outcomes = []
    for number, annotation in enumerate(annotations, start=1):
        label = f"annotation {number}" + (f" ({annotation['id']})" if annotation.get("id") else "")
        try:
            outcomes.append(Outcome(label, import_one(annotation, edition, structure, today)))
        except RefusedError as exc:
            outcomes.append(Outcome(label, reason=str(exc)))
    return outcomes
