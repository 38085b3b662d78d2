"""What the edition's data says the build must show, read straight from the files,
and the checks of a built edition against it.

Tests of the built edition take their expectations from here, not from
numbers and names copied out of today's data: an honest pull request that
adds an annotation, a name or a resolved note changes the expectation with
the data and keeps the suite green. Nothing here calls the extension, so a
build that misreads the data still fails.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
import yaml
from bs4 import BeautifulSoup

from conftest import pdf_text
from scholarly_edition.text.structure import Structure

HEADINGS = {"part", "section", "subsection"}


@dataclass(frozen=True)
class Annotation:
    """One file of ``docs/annotations/`` and the place of its target in the witness."""

    name: str
    contributor: str
    date: str
    kind: str
    quote: str | None
    reading: str | None
    proposed: str | None
    chapter: str
    place: tuple[int, int, int]  # chapter's position, witness line, column

    @property
    def heading(self) -> str:
        """The start of its heading after the dagger number: "Correction on “diwndling”"."""
        return f"{self.kind.capitalize()} on " + (f"“{self.quote}”" if self.quote else "")


def annotations(root: Path, edition: Structure) -> list[Annotation]:
    """The annotations in reading order: the order of their dagger numbers."""
    found = []
    for path in sorted((root / "docs" / "annotations").glob("*.md")):
        fields = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        target = fields["target"]
        found.append(
            Annotation(
                path.stem,
                fields["contributor"].strip(),
                str(fields["date"]),
                fields["kind"],
                target.get("quote"),
                fields.get("reading"),
                fields.get("proposed"),
                *_locate(edition, target),
            )
        )
    return sorted(found, key=lambda a: a.place)


def _locate(edition: Structure, target: dict) -> tuple[str, tuple[int, int, int]]:
    for position, chapter in enumerate(edition.chapters):
        for number in range(chapter.first, chapter.last + 1):
            line = edition.lines[number - 1]
            if "quote" in target:
                words = target.get("prefix", "") + target["quote"] + target.get("suffix", "")
                column = line.find(words)
                column += len(target.get("prefix", "")) if column >= 0 else 0
            elif "note" in target:
                column = line.find(f"[{target['note']}]")
            else:
                heading = edition.role(number) in HEADINGS
                column = 0 if heading and line.strip() == target["section"] else -1
            if column >= 0:
                return chapter.file, (position, number, column)
    raise AssertionError(f"no passage of the witness for {target}")


@dataclass(frozen=True)
class Notes:
    """The note map: each note's citations ("Conquest 1991, p. 2") or status."""

    resolved: dict[str, list[str]]
    unresolved: list[str]
    explanatory: list[str]
    keys: dict[str, set[str]]

    @property
    def labels(self) -> list[str]:
        return [*self.resolved, *self.unresolved, *self.explanatory]


def notes(root: Path) -> Notes:
    table = tomllib.loads((root / "refs" / "notes.toml").read_text(encoding="utf-8"))["notes"]
    short = _short_forms(root / "refs" / "works.bib")
    resolved = {
        label: [f"{short[c['key']]}, {c['locator']}" for c in value]
        for label, value in table.items()
        if isinstance(value, list)
    }
    return Notes(
        resolved,
        [label for label, value in table.items() if value == "unresolved"],
        [label for label, value in table.items() if value == "explanatory"],
        {
            label: {c["key"] for c in value}
            for label, value in table.items()
            if isinstance(value, list)
        },
    )


def _short_forms(bib: Path) -> dict[str, str]:
    """Author-year short forms of the works: surnames (two, or the first et al.), year."""
    library = bibtexparser.parse_string(bib.read_text(encoding="utf-8"))
    forms = {}
    for entry in library.entries:
        if "author" not in entry.fields_dict:
            continue  # no author-year form (the captured page): no note cites it so
        surnames = [
            person.split(",")[0].strip().strip("{}")
            for person in entry.fields_dict["author"].value.split(" and ")
        ]
        names = " and ".join(surnames) if len(surnames) <= 2 else f"{surnames[0]} et al."
        year = entry.fields_dict["year"].value if "year" in entry.fields_dict else "n.d."
        forms[entry.key] = f"{names} {year}"
    return forms


def register(root: Path) -> list[dict]:
    """The entries of the register of names, as written."""
    return tomllib.loads((root / "refs" / "names.toml").read_text(encoding="utf-8"))["name"]


def not_names(root: Path) -> int:
    """How many occurrences of register forms the rules say name nobody."""
    rules = tomllib.loads((root / "refs" / "names-disambiguation.toml").read_text("utf-8"))
    return sum(1 for rule in rules.get("rule", []) if not rule.get("entry"))


def mentions(forms: list[str], text: str) -> list[str]:
    """Every whole-word occurrence of the forms in ``text``, longest form first."""
    ordered = sorted(set(forms), key=lambda form: (-len(form), form))
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, ordered))})(?!\w)")
    return pattern.findall(text)


def check_annotations_html(root: Path, edition: Structure, html: Path) -> None:
    """Each annotation of ``root`` marks its passage on its chapter's page with the
    dagger number of its place in reading order, and the Annotations page lists
    every one by chapter and by contributor."""
    shipped = annotations(root, edition)
    assert shipped
    for number, annotation in enumerate(shipped, start=1):
        page = html / f"{annotation.chapter}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if annotation.quote is not None:
            mark = soup.select_one(f"mark#annotated-{annotation.name}")
            assert mark is not None and mark.get_text() == annotation.quote, (page, annotation)
        note = soup.select_one(f"aside#annotation-{annotation.name}")
        assert note is not None, (page, annotation)
        heading = note.select_one(".annotation-heading").get_text()
        assert heading.startswith(f"†{number} {annotation.heading}"), (heading, annotation)
        byline = note.select_one(".annotation-byline").get_text()
        assert byline == f"By {annotation.contributor}, {annotation.date}."
        if annotation.kind == "correction":
            lemma = note.select_one(".annotation-lemma").get_text()
            assert lemma == f"{annotation.reading}] sic in the witness; read {annotation.proposed}"
    listing = BeautifulSoup((html / "annotations.html").read_text(encoding="utf-8"), "html.parser")
    listed = [
        li.get_text().split(" ", 1)[0] for li in listing.select("ul.annotations-by-chapter li li")
    ]
    assert listed == [f"†{number}" for number in range(1, len(shipped) + 1)]
    people = [li.p.get_text() for li in listing.select("ul.annotations-by-contributor > li")]
    assert people == sorted({a.contributor for a in shipped}, key=str.casefold)


def check_annotations_pdf(root: Path, edition: Structure, pdf: Path) -> None:
    """Each annotation is a dagger after its passage and a footnote with its byline."""
    text = "".join(pdf_text(pdf).split())
    # Two footnotes one after the other may have their marks read as one column
    # ("†10 †11 Correction …"); laid out, each mark stands before its text.
    layout = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    laid_out = "".join(layout.split())
    for number, annotation in enumerate(annotations(root, edition), start=1):
        footnote = f"†{number} {annotation.heading}"
        if annotation.quote is not None:
            footnote += f" By {annotation.contributor}, {annotation.date}."
            assert "".join(f"{annotation.quote}†{number}".split()) in text, annotation
        footnote = "".join(footnote.split())
        assert footnote in text or footnote in laid_out, annotation
        if annotation.kind == "correction":
            lemma = f"{annotation.reading}] sic in the witness; read {annotation.proposed}"
            assert "".join(lemma.split()) in text, annotation


def check_notes_html(root: Path, html: Path) -> None:
    """Every note's entry says what the note map says of it: its citations in
    the short form, each linked to its work in the bibliography, or that its
    source is not yet identified, or that it is an explanatory note."""
    data = notes(root)
    assert data.resolved and data.unresolved and data.explanatory
    entries = {
        li["id"]: li
        for li in BeautifulSoup(
            (html / "notes.html").read_text(encoding="utf-8"), "html.parser"
        ).select("li.note-entry")
    }
    assert set(entries) == {f"note-{label}" for label in data.labels}

    def text(label: str) -> str:
        entry = entries[f"note-{label}"]
        entry.select_one(".note-backlinks").decompose()
        entry.select_one(".note-label").decompose()
        return " ".join(entry.get_text().split())

    for label, citations in data.resolved.items():
        links = {a["href"] for a in entries[f"note-{label}"].select("a")}
        assert {f"bibliography.html#work-{key}" for key in data.keys[label]} <= links, label
        assert text(label) == "; ".join(citations), label
    for label in data.unresolved:
        assert text(label) == "Source not yet identified.", label
    for label in data.explanatory:
        assert text(label) == "Explanatory note of the article; its text is not in the witness."
