"""Every error in the note data gets a message with its file and line, never a traceback."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

NOTES_OK = """[notes]
1 = [{ key = "service2004", locator = "p. 14" }, { key = "conquest1991", locator = "pp. 2–3" }]
2 = "unresolved"
a = "explanatory"
"""


def _root(rootdir: Path, tmp_path: Path, files: dict[str, str]) -> Path:
    srcdir = tmp_path / "root"
    shutil.copytree(rootdir / "test-notes", srcdir)
    for name, text in files.items():
        (srcdir / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return srcdir


def _warnings(stream: io.StringIO, srcdir: Path) -> list[str]:
    return [
        line.replace(str(srcdir) + "/", "")
        for line in strip_colors(stream.getvalue()).splitlines()
        if "WARNING" in line
    ]


def _build(make_app, rootdir: Path, tmp_path: Path, **files: str) -> list[str]:
    srcdir = _root(rootdir, tmp_path, files)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    return _warnings(app.warning, srcdir)


def test_unknown_note_number_names_the_chapter_line(make_app, rootdir, tmp_path) -> None:
    warnings = _build(
        make_app, rootdir, tmp_path, second_md="# Second\n\nCited again.[1]\n\nAnd a new one.[99]\n"
    )
    assert warnings == [
        "second.md:5: WARNING: note [99] is not in the note map (notes.toml) [edition.unknown_note]"
    ]


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        (
            NOTES_OK.replace('"service2004"', '"servise2004"'),
            "notes.toml:2: WARNING: note 1: no BibTeX entry with key 'servise2004' "
            "[edition.note_map]",
        ),
        (
            NOTES_OK.replace('"p. 14"', '" "'),
            "notes.toml:2: WARNING: note 1: citation of 'service2004' has an empty locator "
            "[edition.note_map]",
        ),
        (
            NOTES_OK + '2 = "unresolved"\n',
            "notes.toml:5: WARNING: duplicate note number: Cannot overwrite a value "
            "(at line 5, column 17); until it is fixed, no note marker of the text is linked "
            "[edition.note_map]",
        ),
        (
            NOTES_OK.replace('2 = "unresolved"', '2 = "unresolved'),
            "notes.toml:3: WARNING: malformed note map: Illegal character '\\n' "
            "(at line 3, column 16); until it is fixed, no note marker of the text is linked "
            "[edition.note_map]",
        ),
        (
            NOTES_OK.replace('2 = "unresolved"', '2 = "explanatory"'),
            "notes.toml:3: WARNING: note 2: only lettered notes are explanatory [edition.note_map]",
        ),
        (
            NOTES_OK.replace('2 = "unresolved"', '2 = "resolved"'),
            "notes.toml:3: WARNING: note 2: expected 'unresolved', 'explanatory' or a list "
            "of citations [edition.note_map]",
        ),
        (
            NOTES_OK.replace('2 = "unresolved"', '2 = [{ key = "conquest1991", page = "2" }]'),
            "notes.toml:3: WARNING: note 2: each citation is { key = ..., locator = ... } "
            "[edition.note_map]",
        ),
    ],
)
def test_note_map_errors(make_app, rootdir, tmp_path, notes: str, expected: str) -> None:
    """One message at the note map's line, and none at the markers of the note it
    leaves out (they stay text, and the build fails on the one message)."""
    warnings = _build(make_app, rootdir, tmp_path, notes_toml=notes)
    assert warnings == [expected]


def test_unused_note_is_a_warning_at_its_line(make_app, rootdir, tmp_path) -> None:
    warnings = _build(make_app, rootdir, tmp_path, notes_toml=NOTES_OK + '3 = "unresolved"\n')
    assert warnings == [
        "notes.toml:5: WARNING: note 3 is in the note map but never cited in the text "
        "[edition.unused_note]"
    ]


BIB = (Path(__file__).parent / "roots" / "test-notes" / "works.bib").read_text()


@pytest.mark.parametrize(
    ("bib", "expected"),
    [
        (
            BIB + "\n@book{service2004,\n  title = {Again},\n}\n",
            "works.bib:15: WARNING: duplicate BibTeX key 'service2004' [edition.bibtex]",
        ),
        (
            BIB + "\n@patent{gadget,\n  title = {A gadget},\n}\n",
            "works.bib:15: WARNING: gadget: unsupported entry type @patent [edition.bibtex]",
        ),
        (
            BIB.replace("  publisher = {Macmillan},\n", ""),
            "works.bib:8: WARNING: service2004: missing field publisher [edition.bibtex]",
        ),
    ],
)
def test_bibtex_errors(make_app, rootdir, tmp_path, bib: str, expected: str) -> None:
    warnings = _build(make_app, rootdir, tmp_path, works_bib=bib)
    assert [w for w in warnings if w.startswith(expected)]


def test_bibtex_pybtex_cannot_read_is_a_located_warning_not_a_crash(
    make_app, rootdir, tmp_path
) -> None:
    """pybtex raises on a syntax error: the build reports it at its line and goes on
    (failing under -W), never a traceback from sphinxcontrib-bibtex."""
    srcdir = _root(
        rootdir, tmp_path, {"works_bib": BIB + "\n@book{broken,\n  title = {Unclosed,\n}\n"}
    )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    warnings = _warnings(app.warning, srcdir)
    assert warnings[0] == (
        "works.bib:15: WARNING: malformed BibTeX: entry 'broken' is not closed before the "
        "end of the file; add the } it lacks [edition.bibtex]"
    )
    assert (app.outdir / "first.html").is_file()


def test_an_entry_missing_its_closing_brace_is_one_message(make_app, rootdir, tmp_path) -> None:
    """pybtex would take the next entry into the unclosed one and lose it: the one
    message names the entry and where the next starts, and note 1, which cites both,
    is left unlinked without a message per citation."""
    bib = BIB.replace("  year      = {1991},\n}\n", "  year      = {1991},\n", 1)
    assert bib != BIB
    assert _build(make_app, rootdir, tmp_path, works_bib=bib) == [
        "works.bib:1: WARNING: malformed BibTeX: entry 'conquest1991' is not closed before "
        "the next entry (line 7); add the } it lacks [edition.bibtex]"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  author    = {Conquest, Robert},",
            "  author    = {Conquest, Robert}",
            "works.bib:2: WARNING: conquest1991: no comma after the field author (before "
            "title); add it",
        ),
        (
            "  year      = {1991},",
            "  year      = {1991},\n  year      = {1992},",
            "works.bib:1: WARNING: conquest1991: the field year is given twice",
        ),
        (
            "@book{conquest1991,",
            "@book{",
            "works.bib:1: WARNING: malformed BibTeX: the entry has no key; write it after "
            "the brace",
        ),
    ],
)
def test_a_broken_entry_is_one_message_in_the_build(
    make_app, rootdir, tmp_path, old: str, new: str, expected: str
) -> None:
    """Not also the fields pybtex then finds missing, a traceback from the
    bibliography, nor "could not find bibtex key" for the entries after it
    (pybtex stopped at a duplicate field and lost every later entry)."""
    assert old in BIB
    warnings = _build(make_app, rootdir, tmp_path, works_bib=BIB.replace(old, new, 1))
    if new == "@book{":  # the key is gone: note 1 cites a key the file lacks
        assert warnings == [
            f"{expected} [edition.bibtex]",
            "notes.toml:2: WARNING: note 1: no BibTeX entry with key 'conquest1991' "
            "[edition.note_map]",
        ]
        return
    assert warnings == [f"{expected} [edition.bibtex]"]


def test_a_bibtex_file_that_is_not_utf8_is_one_message_not_a_crash(
    make_app, rootdir, tmp_path
) -> None:
    srcdir = _root(rootdir, tmp_path, {})
    (srcdir / "works.bib").write_bytes(BIB.replace("Macmillan", "Macmill\xe1n").encode("latin-1"))
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert _warnings(app.warning, srcdir) == [
        "works.bib:11: WARNING: cannot read: the file is not UTF-8 (byte 0xe1 cannot be "
        "read); save it as UTF-8; until it is fixed, no note that cites a work is linked "
        "[edition.bibtex]"
    ]
    assert "[2]" in (app.outdir / "first.html").read_text(encoding="utf-8")


def test_a_malformed_note_map_is_one_message_and_its_fix_links_every_marker(
    make_app, rootdir, tmp_path
) -> None:
    """No "not in the note map" per marker; the build after the fix re-reads the
    chapters whose markers stayed text, and links them as a fresh build does."""
    srcdir = _root(rootdir, tmp_path, {"notes_toml": NOTES_OK.replace('"unresolved"', "unres")})
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert _warnings(app.warning, srcdir) == [
        "notes.toml:3: WARNING: malformed note map: Invalid value (at line 3, column 5); "
        "until it is fixed, no note marker of the text is linked [edition.note_map]"
    ]
    assert 'class="note-ref' not in (app.outdir / "first.html").read_text(encoding="utf-8")
    (srcdir / "notes.toml").write_text(NOTES_OK, encoding="utf-8")
    again = make_app("html", srcdir=srcdir)
    again.build()
    # (A second app in one process also warns that Sphinx's own nodes are registered.)
    assert [w for w in _warnings(again.warning, srcdir) if "[edition." in w] == []
    first = (again.outdir / "first.html").read_text(encoding="utf-8")
    assert first.count('class="note-ref') == 5
