"""The structure map fits the witness, and a map that does not is refused by name."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import break_structure_map
from scholarly_edition.text import structure


def test_every_line_has_a_reading(edition: structure.Structure) -> None:
    roles = [edition.role(n) for n in range(1, len(edition.lines) + 1)]
    assert roles.count("part") == 3
    assert roles.count("section") == 11
    assert roles.count("caption") == 19
    assert roles.count("residue") == 1
    assert [edition.lines[n - 1] for n, r in edition.roles.items() if r == "part"] == [
        "Early life",
        "In Lenin's government",
        "Consolidation of power",
    ]


def test_short_unmapped_lines_are_paragraphs_ending_in_sentences(
    edition: structure.Structure,
) -> None:
    """A heading or caption forgotten in the map would show as a paragraph without
    closing punctuation; every paragraph of this witness ends a sentence or a note."""
    for number in range(1, len(edition.lines) + 1):
        if edition.role(number) == "paragraph" and number != edition.lacuna.line:
            assert edition.lines[number - 1].rstrip().endswith((".", "]", '"')), number


def test_chapters_cover_the_witness(edition: structure.Structure) -> None:
    assert edition.chapters[0].first == 1
    assert edition.chapters[-1].last == len(edition.lines)
    for before, after in zip(edition.chapters, edition.chapters[1:], strict=False):
        assert before.last + 1 == after.first


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('17 = "section"', '17 = "heading"', "[lines] 17: unknown role 'heading'"),
        ('16 = "hatnote"', '2 = "caption"\n16 = "hatnote"', "[lines] 2: the line is blank"),
        ('16 = "hatnote"', "", "line 16: looks like a hatnote but has no role"),
        ('71 = "attribution"', '70 = "quote"', "[lines] 70: the line is blank"),
        ('37 = "caption"', '37 = "attribution"', "[lines] 37: an attribution must start"),
        ('1 = "Title"', '2 = "Title"', "[header] 2: the line is blank"),
        ('1 = "Title"', '1 = ""', "[header] 1: expected the label"),
        ('1 = "Title"', '15 = "Title"', "[header] 15: the line has the role 'part'"),
        ("[header]", "[header.x]", "[header] x: not a line of the witness"),
        ("first = 28", "first = 29", "line 29 is not a part or section heading"),
        ('after = "ethnic groups—amo"', 'after = "ethnic groups"', "[lacuna]"),
        ('sha256 = "58', 'sha256 = "00', "sha256: witness"),
        ("[lines]", "[lines\n", "malformed TOML"),
        ('193 = "residue"', '193 = "residue"\n600 = "residue"', "[lines] 600: not a line"),
        ("[edition]", "[front]", ":1: [edition]: the map needs an [edition] table"),
        ('title = "Joseph', 'heading = "Joseph', "[edition]: the [edition] table needs a title"),
        ("hatnote_prefixes = [", 'hatnote_prefixes = ["", ', "hatnote_prefixes: expected a list"),
        ('attribution_prefix = "— "', "attribution_prefix = 1", "attribution_prefix: expected"),
    ],
)
def test_bad_maps_are_refused_with_their_place(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = break_structure_map(tmp_path, old, new)
    with pytest.raises(structure.StructureError) as raised:
        structure.load(path)
    assert str(path) in str(raised.value)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("tables", "message"),
    [
        ('lines = 3\n[[chapter]]\nfile = "index"\nfirst = 1\n', ":1: [lines]: expected a table"),
        ('chapter = "index"\n', ":1: [[chapter]]: expected [[chapter]] tables"),
    ],
)
def test_a_key_that_should_be_tables_is_refused_with_its_place(
    tmp_path: Path, tables: str, message: str
) -> None:
    (tmp_path / "witness.txt").write_text("Title\n", encoding="utf-8")
    digest = hashlib.sha256((tmp_path / "witness.txt").read_bytes()).hexdigest()
    path = tmp_path / "structure.toml"
    path.write_text(f'witness = "witness.txt"\nsha256 = "{digest}"\n{tables}', encoding="utf-8")
    with pytest.raises(structure.StructureError) as raised:
        structure.load(path)
    assert f"{path}{message}" in str(raised.value)


def test_a_witness_without_header_lacuna_or_conventions(tmp_path: Path) -> None:
    """Page header, lacuna and the article's hatnote and attribution conventions are
    this edition's map's, not the package's: a map without them loads."""
    (tmp_path / "witness.txt").write_text(
        "Title\nCompare: another text\nSee also: no hatnote here\nA quotation\nits source\n",
        encoding="utf-8",
    )
    digest = hashlib.sha256((tmp_path / "witness.txt").read_bytes()).hexdigest()
    (tmp_path / "structure.toml").write_text(
        f'witness = "witness.txt"\nsha256 = "{digest}"\n'
        '[[chapter]]\nfile = "index"\nfirst = 1\n'
        '[lines]\n2 = "hatnote"\n4 = "quote"\n5 = "attribution"\n'
        '[edition]\ntitle = "T"\n',
        encoding="utf-8",
    )
    loaded = structure.load(tmp_path / "structure.toml")
    assert loaded.lacuna is None
    assert loaded.role(3) == "paragraph"
    assert (loaded.hatnote_prefixes, loaded.attribution_prefix) == ((), "")


def test_a_header_is_the_lines_the_map_labels_in_any_number(tmp_path: Path) -> None:
    """The page header is the edition's reading: any lines, any labels, or none."""
    path = break_structure_map(tmp_path, '3 = "Age"\n4 = "Count"\n6 = "Channel"\n', "")
    edition = structure.load(path)
    assert edition.header_labels == {1: "Title"}
    assert edition.role(1) == "header" and edition.role(3) == "paragraph"
    (tmp_path / "other").mkdir()
    edition = structure.load(break_structure_map(tmp_path / "other", '1 = "Title"\n', ""))
    assert edition.header_labels == {3: "Age", 4: "Count", 6: "Channel"}
