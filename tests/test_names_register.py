"""The register of names and its lint, without a Sphinx build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from edition_tools import importer
from edition_tools.checks import names as names_check
from edition_tools.cli import main
from scholarly_edition.names import disambiguation
from scholarly_edition.names import register as names_register
from scholarly_edition.text import structure

ENTRY = """
[[name]]
id = "{id}"
index = "{index}"
category = "person"
forms = [{forms}]
description = "{description}"
"""


def _block(id: str, forms: str, index: str = "X", description: str = "Someone.") -> str:
    return ENTRY.format(id=id, index=index, forms=forms, description=description)


def test_the_register_is_clean(edition: structure.Structure) -> None:
    register, problems = names_register.load(ROOT / "refs" / "names.toml")
    assert problems == []
    assert names_check.check(ROOT / "refs" / "names.toml", edition.lines) == []
    assert len(register.entries) > 200
    assert {entry.category for entry in register.entries.values()} == set(names_register.CATEGORIES)


def test_every_form_occurs_in_the_witness(edition: structure.Structure) -> None:
    """Forms are the ones the text uses: none is invented."""
    register, _ = names_register.load(ROOT / "refs" / "names.toml")
    text = "\n".join(edition.lines)
    unused = [
        (entry.id, form)
        for entry in register.entries.values()
        for form in entry.forms
        if not disambiguation.occurrences(text, form)
    ]
    assert unused == []


def test_lint_reports_duplicates_empty_fields_and_ambiguity(tmp_path: Path) -> None:
    (tmp_path / "names.toml").write_text(
        _block("a-one", '"Nadezhda"', index="One")
        + _block("a-one", '"Other"')
        + _block("b-two", '"Nadezhda"', description="")
        + '\n[[name]]\nid = "c-three"\nindex = "Three"\ncategory = "god"\nforms = []\n'
        'description = "D."\nwikidata = "855"\n',
        encoding="utf-8",
    )
    lines = ("Nadezhda wrote.", "Then Nadezhda and Nadezhda.")
    problems = names_check.check(tmp_path / "names.toml", lines)
    register = tmp_path / "names.toml"
    assert problems == [
        f"{register}:9: duplicate id 'a-one'",
        f"{register}:16: b-two: empty description",
        f"{register}:23: c-three: category must be one of person, place, organisation, not 'god'",
        f"{register}:23: c-three: no surface forms",
        f"{register}:23: c-three: wikidata must be a QID such as Q855, not '855'",
        f"{register}:16: form 'Nadezhda' is claimed by a-one, b-two and witness line 1 "
        "(occurrence 1) has no rule in names-disambiguation.toml",
        f"{register}:16: form 'Nadezhda' is claimed by a-one, b-two and witness line 2 "
        "(occurrence 1) has no rule in names-disambiguation.toml",
        f"{register}:16: form 'Nadezhda' is claimed by a-one, b-two and witness line 2 "
        "(occurrence 2) has no rule in names-disambiguation.toml",
    ]


def test_rules_resolve_ambiguity_and_are_checked(tmp_path: Path) -> None:
    (tmp_path / "names.toml").write_text(
        _block("a-one", '"Nadezhda"') + _block("b-two", '"Nadezhda"'), encoding="utf-8"
    )
    (tmp_path / disambiguation.DISAMBIGUATION).write_text(
        '[[rule]]\nline = 1\nform = "Nadezhda"\noccurrence = 1\nentry = "a-one"\nreason = "R."\n'
        '\n[[rule]]\nline = 2\nform = "Nadezhda"\noccurrence = 1\nreason = "A word."\n'
        '\n[[rule]]\nline = 2\nform = "Nadezhda"\noccurrence = 2\nentry = "zed"\nreason = "R."\n'
        '\n[[rule]]\nline = 2\nform = "Nadezhda"\noccurrence = 3\nentry = "b-two"\nreason = ""\n',
        encoding="utf-8",
    )
    rules_path = tmp_path / disambiguation.DISAMBIGUATION
    problems = names_check.check(
        tmp_path / "names.toml", ("Nadezhda wrote.", "Then Nadezhda and Nadezhda.")
    )
    assert problems == [
        f"{rules_path}:21: rule for 'Nadezhda' needs a reason",
        f"{rules_path}:14: unknown register entry 'zed'",
        f"{rules_path}:21: witness line 2 has no occurrence 3 of 'Nadezhda'",
    ]


def test_rules_become_roles_in_the_chapter() -> None:
    rules = [
        disambiguation.Rule(27, "Koba", 2, "stalin-joseph", "R."),
        disambiguation.Rule(27, "Koba", 3, "", "R."),
    ]
    line = '"Koba" and *"Koba"* and "Koba" Koba.'
    assert disambiguation.mark_line(line, 27, rules, importer.escape) == (
        '"Koba" and \\*"{name}`Koba <stalin-joseph>`"\\* and "{not-name}`Koba`" Koba.'
    )
    assert disambiguation.mark_line(line, 26, rules, importer.escape) == importer.escape(line)


def test_whole_words_only() -> None:
    text = "Stalin, Stalinism, de-Stalinisation, anti-Stalin, Stalin's, Tiflis' and Stalino."
    assert disambiguation.occurrences(text, "Stalin") == [0, 42, 50]
    assert disambiguation.occurrences(text, "Tiflis") == [60]


def test_make_check_lints_the_register_without_a_build(
    make_check: subprocess.CompletedProcess[str],
) -> None:
    """The lint needs no build (its speed is measured by bench/check_bench.py)."""
    assert make_check.returncode == 0, make_check.stdout + make_check.stderr
    assert "register of names: ok" in make_check.stdout


def test_make_check_fails_on_a_broken_register(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = checkout / "refs" / "names.toml"
    register.write_text(
        register.read_text(encoding="utf-8").replace(
            'forms = ["Yakov"]', 'forms = ["Yakov", "Koba"]'
        ),
        encoding="utf-8",
    )
    assert main(["--root", str(checkout), "check"]) == 1
    out = capsys.readouterr().out
    assert "form 'Koba' is claimed by jughashvili-yakov, stalin-joseph and witness line 27" in out


def test_a_form_inside_a_longer_form_needs_no_rule(
    checkout: Path, edition: structure.Structure
) -> None:
    """Witness line 27 has "Koba" three times; the second is inside 'Yakobi "Koba"
    Egnatashvili', which the tagger reads as that person. With a second entry
    claiming "Koba", the check asks for rules where the tagger would need one
    (the first; the third has its rule), never inside another person's name."""
    register = checkout / "refs" / "names.toml"
    text = register.read_text(encoding="utf-8")
    assert '"Yakobi \\"Koba\\" Egnatashvili"' in text
    register.write_text(
        text.replace('forms = ["Yakov"]', 'forms = ["Yakov", "Koba"]'), encoding="utf-8"
    )
    assert edition.lines[26].count("Koba") == 3
    stalin = text.split("\n").index('id = "stalin-joseph"')
    assert names_check.check(checkout / "refs" / "names.toml", edition.lines) == [
        f"{register}:{stalin}: form 'Koba' is claimed by jughashvili-yakov, stalin-joseph and "
        "witness line 27 (occurrence 1) has no rule in names-disambiguation.toml"
    ]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("acdbe", [(4, "'b' belongs after 'a'")]),  # b moved down: c and d are in order
        ("bcdea", [(5, "'a' belongs before 'b'")]),
        ("eabcd", [(1, "'e' belongs after 'd'")]),
        # Two blocks out of place (which two of d, c, b is the run's choice).
        ("adcbe", [(2, "'d' belongs after 'c'"), (3, "'c' belongs after 'b'")]),
    ],
)
def test_the_sort_error_names_the_block_out_of_place(
    tmp_path: Path, order: str, expected: list[tuple[int, str]]
) -> None:
    """Not its neighbour: one block moved made the one after it look out of place."""
    path = tmp_path / "names.toml"
    path.write_text(
        "".join(_block(letter, f'"{letter.upper()}x"') for letter in order),
        encoding="utf-8",
    )
    starts = [n for n, line in enumerate(path.read_text().split("\n"), 1) if line == "[[name]]"]
    _, problems = names_register.load(path)
    assert problems == [
        f"{path}:{starts[index - 1]}: entries must be sorted by id: {where}"
        for index, where in expected
    ]
