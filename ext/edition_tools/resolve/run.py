"""``resolve``: the edition's open notes from the article page's reference list, in one run.

Reads the page, aligns its marks with the witness's markers, turns each
matched note's reference into citations (and works), and writes the change
with a report. A page that is not the edition's article writes nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scholarly_edition._util import toml_file
from scholarly_edition._util.markers import is_reference_label
from scholarly_edition.text.not_notes import NotNote

from ..configuration import Edition
from . import align, article, citations, report, works, write
from .write import Cite, Resolution

# The report for the pull request, in the build folder.
REPORT = "resolve-report.md"
# Fewer of the witness's markers than this matching: not the same article.
SAME_ARTICLE = 0.5


class ResolveError(Exception):
    """The page cannot resolve this edition's notes: nothing was written."""


@dataclass
class Outcome:
    """What a run did, note by note, for the report."""

    provenance: article.Provenance
    alignment: align.Alignment
    resolved: dict[str, Resolution] = field(default_factory=dict)
    explanatory: dict[str, Resolution] = field(default_factory=dict)
    review: dict[str, list[str]] = field(default_factory=dict)
    unresolved: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    # Labels of the witness's brackets that no mark of the page has, with their
    # lines: a bracket that is no note ("(2001) [1994]"), or another article.
    absent: dict[str, list[int]] = field(default_factory=dict)
    works_added: list[str] = field(default_factory=list)
    # The BibTeX file the works are added to, as the report names it.
    bibliography: str = ""
    changed: list[Path] = field(default_factory=list)


def resolve(
    edition: Edition,
    lines: Sequence[str],
    page: str,
    *,
    write_files: bool = True,
    not_notes: tuple[NotNote, ...] = (),
) -> Outcome:
    """Resolve the open notes of ``edition`` (witness ``lines``, whose brackets
    ``not_notes`` are text) from ``page``."""
    read = article.read(page)
    known = _article_toml(edition.article)
    _same_article(known, read.provenance, edition)
    markers = align.witness_markers(lines, edition.marker, not_notes)
    alignment = align.align(markers, read.marks)
    if markers and alignment.ratio < SAME_ARTICLE:
        raise ResolveError(
            f"only {len(alignment.matched)} of the witness's {len(markers)} markers match a "
            "mark of the page with the same words before it: the page is not the article "
            "the witness reproduces (or not a revision close to it); nothing was written"
        )
    notes_path = edition.required("edition_notes_file")
    if not edition.works:
        raise ResolveError(f"{edition.source / 'conf.py'}: bibtex_bibfiles names no BibTeX file")
    notes_text, labels = _note_map(notes_path)
    open_notes = write.open_notes(notes_text)
    library = works.Library.read(edition.works[0])
    outcome = Outcome(read.provenance, alignment, bibliography=edition.shown(edition.works[0]))
    uses: dict[str, list[align.Marker]] = {}
    for marker in markers:
        uses.setdefault(marker.label, []).append(marker)
    marks: dict[str, list[tuple[align.Marker, article.Mark]]] = {}
    for marker, mark in alignment.matched:
        marks.setdefault(marker.label, []).append((marker, mark))
    on_page = {mark.label for mark in read.marks}
    for label in dict.fromkeys(m.label for m in markers):
        if label not in labels:
            shown = edition.shown(notes_path)
            outcome.unresolved[label] = f"not in the note map ({shown}): run `make check`"
            continue
        if label not in open_notes:
            outcome.kept.append(label)
            continue
        matched = marks.get(label)
        if label not in on_page:
            outcome.absent[label] = [marker.line for marker in uses[label]]
            outcome.unresolved[label] = _absent(label, outcome.absent[label])
            continue
        if not matched:
            outcome.unresolved[label] = "no marker of the note matches the page"
            continue
        _resolve_note(label, uses[label], matched, read, library, outcome)
    outcome.works_added = sorted(library.added)
    if write_files:
        _write(edition, notes_text, library, known, outcome)
    return outcome


def _absent(label: str, lines: list[int]) -> str:
    where = ", ".join(str(line) for line in lines)
    return (
        f"the page has no reference [{label}] (witness line {where}): if the bracket is not"
        " a note, give it a [[not_note]] block in the structure map and remove the note"
    )


def _resolve_note(
    label: str,
    uses: list[align.Marker],
    matched: list[tuple[align.Marker, article.Mark]],
    page: article.Article,
    library: works.Library,
    outcome: Outcome,
) -> None:
    targets = list(dict.fromkeys(mark.target for _, mark in matched))
    if len(targets) > 1:
        outcome.unresolved[label] = "its uses link to different list entries: " + ", ".join(
            f"#{t}" for t in targets
        )
        return
    ref = citations.reference(page, targets[0])
    if not ref.citations and not ref.text:
        outcome.unresolved[label] = "its list entry gives neither a citation nor a text"
        return
    review = list(ref.review)
    cites: list[Cite] = []
    in_text = _in_text_locator(uses, matched)
    for citation in ref.citations:
        if "title" not in citation.work.fields:
            review.append("a cited work has no title on the page: left out")
            continue
        key, _ = library.key_for(citation.work)
        locator = citation.locator or (in_text if len(ref.citations) == 1 else "")
        cites.append(Cite(key, locator.replace("{", "").replace("}", ""), citation.quote))
    if review:
        outcome.review[label] = review
    if is_reference_label(label) and cites:
        outcome.resolved[label] = Resolution(tuple(cites))
    else:
        outcome.explanatory[label] = Resolution(tuple(cites), ref.text)
        if is_reference_label(label):
            outcome.review.setdefault(label, []).append(
                "a numbered reference with no citation: its text is kept as the note's text"
            )


def _in_text_locator(
    uses: list[align.Marker], matched: list[tuple[align.Marker, article.Mark]]
) -> str:
    """The pages the uses give in the text ({{rp}}): one, or each with its use's letter."""
    pages = {marker: mark.locator for marker, mark in matched if mark.locator}
    if not pages:
        return ""
    distinct = set(pages.values())
    if len(distinct) == 1 and len(pages) == len(uses):
        return distinct.pop()
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "; ".join(
        f"{pages[use]} (use {letters[i] if len(uses) <= 26 else i + 1})"
        for i, use in enumerate(uses)
        if use in pages
    )


def _same_article(known: dict[str, object], found: article.Provenance, edition: Edition) -> None:
    where = edition.shown(edition.article) if edition.article else "edition_article_file"
    title = known.get("title")
    if title and found.title and str(title).casefold() != found.title.casefold():
        raise ResolveError(
            f"the page is the article {found.title!r}, the edition's is {title!r} "
            f"({where}); nothing was written"
        )
    revision = known.get("revision")
    if revision and found.revision and revision != found.revision:
        raise ResolveError(
            f"the page is revision {found.revision}, the edition's notes come from revision "
            f"{revision} ({where}); nothing was written"
        )


def _revision(provenance: article.Provenance) -> tuple[str, str]:
    """The article entry's note ("Revision 942460710 of 2020-02-24") and its permalink."""
    note = f"Revision {provenance.revision}" + (f" of {provenance.date}" if provenance.date else "")
    parts = urlsplit(provenance.url)
    url = f"{parts.scheme}://{parts.netloc}/w/index.php?oldid={provenance.revision}"
    return note, url if parts.netloc else ""


def _note_map(path: Path) -> tuple[str, set[str]]:
    """The note map's text and its labels; a map that cannot be read stops the run."""
    try:
        data, text = toml_file.read(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ResolveError(f"{path}: cannot be read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        line = toml_file.error_line(exc) or 1
        raise ResolveError(f"{path}:{line}: malformed TOML: {exc}; run `make check`") from exc
    notes = data.get("notes")
    if not isinstance(notes, dict):
        raise ResolveError(f"{path}: the note map needs a [notes] table")
    return text, set(notes)


def _article_toml(path: Path | None) -> dict[str, object]:
    if path is None or not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ResolveError(f"{path}: cannot be read: {exc}") from exc


def _write(
    edition: Edition,
    notes_text: str,
    library: works.Library,
    known: dict[str, object],
    outcome: Outcome,
) -> None:
    changes = {**outcome.resolved, **outcome.explanatory}
    new_notes = write.notes(notes_text, changes)
    bib_path = edition.works[0]
    bib_text = bib_path.read_text(encoding="utf-8-sig") if bib_path.exists() else ""
    new_bib = write.works(bib_text, library.added)
    key = known.get("bibtex_key")
    if isinstance(key, str) and outcome.provenance.revision:
        new_bib = write.article_entry(new_bib, key, *_revision(outcome.provenance))
    found = {
        "title": outcome.provenance.title,
        "url": outcome.provenance.url,
        "revision": outcome.provenance.revision,
        "date": outcome.provenance.date,
    }
    new_article = write.article(known, found)
    article_path = edition.required("edition_article_file")
    old_article = article_path.read_text(encoding="utf-8") if article_path.exists() else ""
    for path, old, new in (
        (edition.required("edition_notes_file"), notes_text, new_notes),
        (bib_path, bib_text, new_bib),
        (article_path, old_article, new_article),
    ):
        if new != old:
            path.write_text(new, encoding="utf-8")
            outcome.changed.append(path)
    edition.build.mkdir(parents=True, exist_ok=True)
    (edition.build / REPORT).write_text(report.markdown(outcome), encoding="utf-8")
