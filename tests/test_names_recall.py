"""The register's recall and precision, measured against a reading of the whole text.

``tests/data/name-mentions.tsv`` lists every mention a reader finds, line by
line, under the register's policy. What the tagger marks on a line is what the
build marks there: the disambiguation rules' choices (``make import`` writes
them as roles), then the register's forms in the rest of the line, hatnotes
left out. The HTML index of names is checked to hold exactly those marks, so
the measure is the build's. The goal: recall of at least 98% and precision of
at least 99% of mentions.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from scholarly_edition.names import disambiguation
from scholarly_edition.names import register as names_register
from scholarly_edition.names import tagger as names_tagger
from scholarly_edition.text import structure

Mention = tuple[int, str, str]  # witness line, the words, the register id
EXPECTED = ROOT / "tests" / "data" / "name-mentions.tsv"
RECALL, PRECISION = 0.98, 0.99


def expected() -> Counter[Mention]:
    with EXPECTED.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(
            (row for row in file if not row.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE
        )
        return Counter((int(row["line"]), row["form"], row["entry"]) for row in rows)


def tagged(edition: structure.Structure, register: names_register.Register) -> Counter[Mention]:
    """The mentions the build marks, line by line."""
    rules, problems = disambiguation.load_rules(ROOT / "refs" / disambiguation.DISAMBIGUATION)
    assert not problems
    matcher = names_tagger.FormMatcher(register.forms)
    candidates = register.candidates()
    found: Counter[Mention] = Counter()
    for number, line in enumerate(edition.lines, 1):
        if edition.role(number) in ("blank", "hatnote"):
            continue
        rest = line
        for rule in (r for r in rules if r.line == number):
            starts = disambiguation.occurrences(line, rule.form)
            start = starts[rule.occurrence - 1]
            if rule.entry:
                found[number, rule.form, rule.entry] += 1
            # A ruled occurrence is a role in the chapter: the tagger does not see it.
            rest = rest[:start] + "\ue000" * len(rule.form) + rest[start + len(rule.form) :]
        for start, end in names_tagger.mentions(matcher, rest):
            ids = candidates[rest[start:end]]
            if len(ids) == 1:
                found[number, rest[start:end], ids[0]] += 1
    return found


def measure(marked: Counter[Mention], wanted: Counter[Mention]) -> tuple[float, float]:
    hits = sum((marked & wanted).values())
    return hits / sum(wanted.values()), hits / sum(marked.values())


@pytest.fixture(scope="module")
def register() -> names_register.Register:
    loaded, problems = names_register.load(ROOT / "refs" / "names.toml")
    assert not problems
    return loaded


def test_the_list_names_lines_and_entries_that_exist(
    edition: structure.Structure, register: names_register.Register
) -> None:
    for line, form, entry in expected():
        assert entry in register.entries, (line, entry)
        assert form in edition.lines[line - 1], (line, form)
        assert edition.role(line) != "hatnote", line


def test_recall_and_precision_of_the_register(
    edition: structure.Structure,
    register: names_register.Register,
    record_property: pytest.RecordProperty,
) -> None:
    marked, wanted = tagged(edition, register), expected()
    recall, precision = measure(marked, wanted)
    record_property("recall", f"{recall:.4f}")
    record_property("precision", f"{precision:.4f}")
    missed = sorted((wanted - marked).elements())
    extra = sorted((marked - wanted).elements())
    assert recall >= RECALL, f"recall {recall:.1%}; not marked: {missed}"
    assert precision >= PRECISION, f"precision {precision:.1%}; marked, not mentions: {extra}"


def test_the_measure_falls_when_forms_are_lost(
    edition: structure.Structure, register: names_register.Register
) -> None:
    """Without the forms of the text's most named entries, recall drops below the goal."""
    counts = Counter(entry for _, _, entry in expected().elements())
    dropped = {entry for entry, _ in counts.most_common(3)}
    kept = {i: e for i, e in register.entries.items() if i not in dropped}
    smaller = names_register.Register(register.path, kept)
    recall, precision = measure(tagged(edition, smaller), expected())
    assert recall < RECALL and precision == 1.0


def test_the_html_index_holds_exactly_the_marks(
    html_build: tuple[Path, str],
    edition: structure.Structure,
    register: names_register.Register,
) -> None:
    index = BeautifulSoup((html_build[0] / "names.html").read_text(encoding="utf-8"), "html.parser")
    shown = Counter()
    for term in index.select("dl.names-index > dt[id^='names-entry-']"):
        entry = term["id"].removeprefix("names-entry-")
        links = term.find_next_sibling("dd").select("p.names-mentions a.reference.internal")
        shown[entry] = len(links)
    built = Counter(entry for _, _, entry in tagged(edition, register).elements())
    assert +shown == built
