"""The printed Index of Names is an index a historian uses: page numbers, each
page once, runs of pages as ranges, the book's subject by section, and no
general index repeating it."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

import edition_data
from conftest import ROOT, pdf_layout

pytestmark = pytest.mark.pdf

# A list of locators: "5", "5, 9", "7–12, 15".
LOCATORS = r"\d+(?:–\d+)?(?:, \d+(?:–\d+)?)*"
# Running heads and page numbers of the index's pages, which are not entries
# (a page number alone is centred, far to the right of an entry's indent).
HEADS = re.compile(
    r"^(?:\d+\s+INDEX OF NAMES|(?:Persons|Places|Organisations)\s+\d+|\s{20,}\d+)\s*$"
)


def _index_lines(pdf: Path) -> list[str]:
    """The lines of the index's entries (from the persons on), wrapped lines joined."""
    text = pdf_layout(pdf)
    rules = text.index("These are the editors' rules for the register")
    persons = re.compile(r"\n\s*Persons\n").search(text, rules)
    assert persons, "no persons in the Index of Names"
    lines: list[str] = []
    for line in text[persons.end() :].replace("\f", "\n").splitlines():
        if not line.strip() or HEADS.match(line):
            continue
        if lines and lines[-1].endswith(","):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line.rstrip())
    return lines


def _pages(locators: str) -> list[tuple[int, int]]:
    """ "5, 7–9" as [(5, 5), (7, 9)]."""
    spans = []
    for item in locators.split(", "):
        first, _, last = item.partition("–")
        spans.append((int(first), int(last or first)))
    return spans


def _check_merged_and_ranged(locators: str) -> None:
    spans = _pages(locators)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start > end, locators  # each page once, in order
    for first, last in spans:
        assert first == last or last - first >= 2, locators  # a range is three pages or more
    # Three consecutive pages are one range, never listed one by one.
    pairs = list(zip(spans, spans[1:], spans[2:], strict=False))
    assert not any(a[1] + 1 == b[0] and b[1] + 1 == c[0] for a, b, c in pairs), locators


def test_locators_are_pages_merged_and_ranged(pdf_build: tuple[Path, str]) -> None:
    lines = _index_lines(pdf_build[0])
    locators = [m[1] for line in lines if (m := re.fullmatch(rf"\s+({LOCATORS})", line))]
    assert len(locators) > 200
    for found in locators:
        _check_merged_and_ranged(found)
    assert any("–" in found for found in locators)


def test_the_subject_is_given_by_section(pdf_build: tuple[Path, str]) -> None:
    """Stalin is on nearly every page: by section, each with its own pages."""
    lines = _index_lines(pdf_build[0])
    start = next(i for i, line in enumerate(lines) if line.startswith("Stalin, Joseph ("))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    subentries = [
        m for line in lines[start:end] if (m := re.fullmatch(rf"\s+(.+), ({LOCATORS})", line))
    ]
    sections = [m[1] for m in subentries]
    assert sections[0] == "The Captured Page and the Article's Lead"
    assert "1932–1939: Major crises" in sections
    assert len(sections) == 12
    for match in subentries:
        _check_merged_and_ranged(match[2])
    # In the order of the text, each section's pages from where the last ended.
    pages = [_pages(m[2]) for m in subentries]
    assert all(a[-1][1] <= b[0][0] for a, b in itertools.pairwise(pages))


def test_a_listed_page_has_the_name(pdf_build: tuple[Path, str]) -> None:
    """The locators are the pages TeX set the mentions on."""
    pdf = pdf_build[0]
    reader = PdfReader(pdf)
    labels = reader.page_labels
    texts = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    lines = _index_lines(pdf)
    for entry in edition_data.register(ROOT):
        if entry["index"] not in ("Piłsudski, Józef", "Alliluyeva, Nadezhda", "Bukharin, Nikolai"):
            continue
        start = next(i for i, line in enumerate(lines) if line.startswith(entry["index"]))
        locators = next(
            m[1] for line in lines[start:] if (m := re.fullmatch(rf"\s+({LOCATORS})", line))
        )
        for first, last in _pages(locators):
            for page in (first, last):
                text = " ".join(texts[labels.index(str(page))].replace("-\n", "").split())
                assert any(form in text for form in entry["forms"]), (entry["index"], page)


def test_no_general_index_repeats_it(pdf_build: tuple[Path, str]) -> None:
    reader = PdfReader(pdf_build[0])
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Index of Names" in titles
    assert "Index" not in titles
    tex = pdf_build[0].with_suffix(".tex").read_text(encoding="utf-8")
    assert "\\printindex" not in tex and "\\makeindex" not in tex
