"""`make annotation` and `make check` for annotations, without a build."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from conftest import ROOT, edition_at
from edition_tools.checks import annotations as annotations_check
from edition_tools.cli import main
from scholarly_edition.annotations.data import QuoteTarget
from scholarly_edition.text import structure


def test_shipped_annotations_pass(edition: structure.Structure) -> None:
    assert annotations_check.check(edition_at(ROOT), edition) == []


def test_one_command_and_one_edit(
    checkout: Path, edition: structure.Structure, capsys: pytest.CaptureFixture[str]
) -> None:
    """The contributor's path: scaffold from a quotation, write the text, check."""
    assert (
        main(
            [
                "--root",
                str(checkout),
                "annotate",
                "--quote",
                "forbidden book club",
                "--contributor",
                "A. Reader",
            ]
        )
        == 0
    )
    path = checkout / "docs" / "annotations" / "forbidden-book-club.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith('---\ntarget:\n  quote: "forbidden book club"\ncontributor: "A. Reader"')
    assert "kind: commentary\n---\n" in text
    problems = annotations_check.check(edition_at(checkout), edition)
    assert [p.message for p in problems] == ["the annotation has no text"]
    path.write_text(text + "The seminary forbade the club's books.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(checkout), "check"]) == 0, capsys.readouterr().out


def test_ambiguous_and_absent_quotations_are_refused(
    checkout: Path, edition: structure.Structure
) -> None:
    today = datetime.date(2026, 11, 26)
    with pytest.raises(ValueError, match=r'matches 2 passages; give PREFIX="words just before" or'):
        annotations_check.scaffold(
            edition_at(checkout), edition, QuoteTarget("[O.S. 6 December]"), "context", "X", today
        )
    with pytest.raises(ValueError, match=r"matches no passage; closest: “Tbilisi Spiritual”"):
        annotations_check.scaffold(
            edition_at(checkout), edition, QuoteTarget("Tbilsi Spiritual"), "context", "X", today
        )
    path = annotations_check.scaffold(
        edition_at(checkout),
        edition,
        QuoteTarget("[O.S. 6 December]", prefix="He was born on 18 December "),
        "context",
        "X",
        today,
    )
    assert '  prefix: "He was born on 18 December "' in path.read_text(encoding="utf-8")
    assert not list((checkout / "docs" / "annotations").glob("tbilsi*"))


def test_check_names_unsafe_markup_and_bad_targets(
    checkout: Path, edition: structure.Structure
) -> None:
    folder = checkout / "docs" / "annotations"
    (folder / "bad.md").write_text(
        "---\ntarget:\n  quote: Stalin\ncontributor: X\ndate: 2026-11-26\nkind: commentary\n"
        "---\n\nHello <script>alert(1)</script>\n\n```{include} /etc/passwd\n```\n",
        encoding="utf-8",
    )
    problems = [
        str(p).replace(str(folder) + "/", "")
        for p in annotations_check.check(edition_at(checkout), edition)
    ]
    assert problems[0] == "bad.md:9: annotations may not use raw HTML"
    assert "bad.md:11: annotations may not use a directive" in problems
    assert problems[-1].startswith("bad.md:2: target “Stalin” matches 260 passages;")


@pytest.mark.parametrize(
    ("quote", "hint"),
    [
        (
            "Tbilisi\u200b Spiritual",
            "The quotation holds the invisible character U+200B (ZERO WIDTH SPACE), often "
            "copied with text from a web page: delete it.",
        ),
        (
            "party and government. Stalin promoted Marxism–Leninism",
            "The quotation runs over two paragraphs (or a heading and the text after it): "
            "quote words within one paragraph.",
        ),
    ],
)
def test_a_quotation_that_matches_nothing_says_why_when_it_can(
    checkout: Path, edition: structure.Structure, quote: str, hint: str
) -> None:
    with pytest.raises(ValueError) as refused:
        annotations_check.scaffold(
            edition_at(checkout),
            edition,
            QuoteTarget(quote),
            "context",
            "X",
            datetime.date(2026, 11, 30),
        )
    assert str(refused.value).endswith(hint)
    folder = checkout / "docs" / "annotations"
    (folder / "hinted.md").write_text(
        f"---\ntarget:\n  quote: {json.dumps(quote)}\ncontributor: X\ndate: 2026-11-30\n"
        "kind: context\n---\n\nText.\n",
        encoding="utf-8",
    )
    messages = [p.message for p in annotations_check.check(edition_at(checkout), edition)]
    assert [m for m in messages if m.endswith(hint)], messages


def test_the_places_of_an_ambiguous_quotation_are_witness_lines(
    checkout: Path, edition: structure.Structure
) -> None:
    """make check reads the witness, not the chapter files: the places it lists are
    lines of the witness, labelled so (they were printed as lines of the chapter)."""
    (checkout / "docs" / "annotations" / "koba.md").write_text(
        "---\ntarget:\n  quote: Koba\ncontributor: A. Reader\ndate: 2026-11-26\n"
        "kind: commentary\n---\n\nThe nickname.\n",
        encoding="utf-8",
    )
    line = next(n for n, text in enumerate(edition.lines, 1) if "Koba" in text)
    chapter = next(c.file for c in edition.chapters if c.first <= line <= c.last)
    (problem,) = [
        p for p in annotations_check.check(edition_at(checkout), edition) if p.path.stem == "koba"
    ]
    places = problem.message.split("to choose one: ")[1].split(" | ")
    assert len(places) == 3
    assert all(place.startswith(f"{chapter} (witness line {line}): …") for place in places)
    rows = (checkout / "docs" / f"{chapter}.md").read_text(encoding="utf-8").split("\n")
    assert line > len(rows) or "Koba" not in rows[line - 1]  # not the chapter's line


def _write(checkout: Path, name: str, kind: str, extra: str, body: str) -> Path:
    path = checkout / "docs" / "annotations" / f"{name}.md"
    path.write_text(
        "---\ntarget:\n  quote: forbidden book club\ncontributor: A. Reader\n"
        f"date: 2026-12-02\nkind: {kind}\n{extra}---\n\n{body}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("kind", ["correction", "context", "source"])
def test_an_annotation_that_states_a_fact_and_cites_nothing_is_named_at_its_kind(
    checkout: Path, edition: structure.Structure, kind: str
) -> None:
    extra = 'reading: "book"\nproposed: "reading"\n' if kind == "correction" else ""
    path = _write(checkout, "uncited", kind, extra, "The club read forbidden books.")
    problems = [str(p) for p in annotations_check.check(edition_at(checkout), edition)]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:6: ")
    assert "states a fact, so it cites its source" in problems[0]


@pytest.mark.parametrize(
    ("extra", "body"),
    [
        ("cites: [service2004]\n", "The club read forbidden books."),
        ("", "The club read forbidden books {cite:p}`service2004`."),
        ("", "As {cite:t}`kotkin2014, service2004` tell it, the club read them."),
    ],
)
def test_a_citation_in_the_field_or_in_the_text_is_a_source(
    checkout: Path, edition: structure.Structure, extra: str, body: str
) -> None:
    _write(checkout, "cited", "context", extra, body)
    assert annotations_check.check(edition_at(checkout), edition) == []


def test_a_role_in_inline_code_is_no_citation_and_a_commentary_needs_none(
    checkout: Path, edition: structure.Structure
) -> None:
    _write(checkout, "opinion", "commentary", "", "A reading of the club's place in his life.")
    path = _write(checkout, "code", "source", "", "Write `` {cite:p}`service2004` `` to cite.")
    problems = [str(p) for p in annotations_check.check(edition_at(checkout), edition)]
    assert [p.split(": ")[0] for p in problems] == [f"{path}:6"]


def test_a_cited_work_missing_from_the_bibliography_is_named_at_its_line(
    checkout: Path, edition: structure.Structure
) -> None:
    path = _write(
        checkout,
        "unknown",
        "context",
        "",
        "The club read\nforbidden books {cite:p}`service2004, nobody1900`.",
    )
    problems = [str(p) for p in annotations_check.check(edition_at(checkout), edition)]
    assert problems == [
        f"{path}:10: no BibTeX entry with key 'nobody1900' in the bibliography (bibtex_bibfiles)"
    ]
