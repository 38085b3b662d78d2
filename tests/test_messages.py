"""Every message of CONTRIBUTING.md's tables that no other test triggers, at its place.

The other rows are proved where their feature is tested: test_notes_errors.py,
test_annotations.py, test_names_register.py, test_names_extension.py and
test_structure.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

from conftest import ROOT, break_structure_map, edition_at
from edition_tools import cli as main_module
from edition_tools.checks import annotations as annotations_check
from edition_tools.checks import names as names_check
from edition_tools.checks import notes as notes_check
from edition_tools.cli import main
from scholarly_edition._util.warning import EditionWarning
from scholarly_edition.annotations import file as annotations_file
from scholarly_edition.names import disambiguation
from scholarly_edition.notes import bib_lint
from scholarly_edition.notes import data as notes_data
from scholarly_edition.text import structure


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[notes]\n"x1" = "unresolved"\n',
            "2: note 'x1': a note is a number or a single lower-case letter",
        ),
        (
            "# nothing yet\n",
            "1: the note map needs a [notes] table; until it is fixed, no note marker "
            "of the text is linked",
        ),
        (
            '[notes]\n1 = [{ key = "k", locator = "p. {2}" }]\n',
            "2: note 1: the locator of 'k' may not contain { or }",
        ),
        (
            '[notes]\n1 = [{ key = "k", locator = 12 }]\n',
            '2: note 1: key and locator are text, in quotes: locator = "p. 12"',
        ),
    ],
)
def test_note_map_messages(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "notes.toml"
    path.write_text(text, encoding="utf-8")
    assert [str(p) for p in notes_data.load(path, {"k"}).problems] == [f"{path}:{expected}"]


def test_files_that_are_not_utf8_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "works.bib"
    path.write_bytes(b"% works\n@misc{x, title = {Caf\xe9}}\n")
    checked = bib_lint.check(path)
    assert [str(p) for p in checked.problems] == [
        f"{path}:2: cannot read: the file is not UTF-8 (byte 0xe9 cannot be read); save it "
        "as UTF-8; until it is fixed, no note that cites a work is linked"
    ]
    assert not checked.readable
    notes = tmp_path / "notes.toml"
    notes.write_bytes(b'[notes]\n1 = "unresolved"\n2 = "unr\xe9solved"\n')
    assert [str(p) for p in notes_data.load(notes, {"k"}).problems] == [
        f"{notes}:3: cannot read the note map: the file is not UTF-8 (byte 0xe9 cannot be "
        "read); save it as UTF-8; until it is fixed, no note marker of the text is linked"
    ]


def test_an_unreadable_bibtex_file_is_one_message_not_one_per_note(
    checkout: Path, edition: structure.Structure
) -> None:
    """The note map's citations are not each reported as missing from a file that
    could not be read: its one message says why they are not linked."""
    bib = checkout / "refs" / "works.bib"
    data = bib.read_bytes()
    line = data[: data.index(b"Nicolson")].count(b"\n") + 1
    bib.write_bytes(data.replace(b"Nicolson", b"Nicols\xf3n", 1))
    problems = [str(p) for p in notes_check.check(edition_at(checkout), edition)]
    assert problems == [
        f"{bib}:{line}: cannot read: the file is not UTF-8 (byte 0xf3 cannot be read); save it "
        "as UTF-8; until it is fixed, no note that cites a work is linked"
    ]


def test_notes_report_of_a_note_map_that_cannot_be_read_says_why(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It printed a report with no note resolved, and succeeded."""
    notes = checkout / "refs" / "notes.toml"
    notes.write_text("[notes\n", encoding="utf-8")
    assert main(["--root", str(checkout), "notes-report"]) == 1
    out, err = capsys.readouterr()
    assert (out, err.splitlines()) == (
        "",
        [
            f"error: {notes}:1: malformed note map: Expected ']' at the end of a table "
            "declaration (at line 1, column 7); until it is fixed, no note marker of the "
            "text is linked"
        ],
    )


def test_a_truncated_note_map_names_its_last_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    path.write_text('[notes]\n1 = "unresolved"\n2 = [\n\n', encoding="utf-8")
    assert [str(p) for p in notes_data.load(path, set()).problems] == [
        f"{path}:3: malformed note map: Invalid value (at line 3, the end of the file); "
        "until it is fixed, no note marker of the text is linked"
    ]


def test_a_malformed_note_map_is_one_message_in_make_check(
    checkout: Path, edition: structure.Structure
) -> None:
    """Not one "not in the note map" per marker of the text after it (476 of them)."""
    notes = checkout / "refs" / "notes.toml"
    text = notes.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row.startswith("4 = "))
    notes.write_text(text.replace('"p. 15" }]', '"p. 15" }', 1), encoding="utf-8")
    assert [str(p) for p in notes_check.check(edition_at(checkout), edition)] == [
        f"{notes}:{line + 1}: malformed note map: Unclosed array (at line {line + 1}, "
        "column 1); until it is fixed, no note marker of the text is linked"
    ]


@pytest.mark.parametrize(
    ("end", "closer"),
    [
        ("  year      = {1991},\n", "}"),  # a comma after the last field
        ("  year      = {1991}\n", "}"),  # none
        ('  year      = "1991,\n', '"'),  # a quoted value left open
    ],
)
def test_an_entry_missing_its_closing_brace_is_named_with_the_next_entry(
    checkout: Path, edition: structure.Structure, end: str, closer: str
) -> None:
    """bibtexparser says it found an "@book" where a field should be; pybtex, which
    formats the citations, takes the next entry into the unclosed one. The message
    names the entry, and the line where the next one starts."""
    bib = checkout / "refs" / "works.bib"
    text = bib.read_text(encoding="utf-8")
    closed = "  year      = {1991},\n}\n"
    assert text.count(closed) == 1
    broken = text.replace(closed, end)
    bib.write_text(broken, encoding="utf-8")
    opening = broken.split("\n").index("@book{conquest1991,") + 1
    following = broken.split("\n").index("@book{deutscher1966,") + 1
    checked = bib_lint.check(bib)
    assert [str(p) for p in checked.problems] == [
        f"{bib}:{opening}: malformed BibTeX: entry 'conquest1991' is not closed before the next "
        f"entry (line {following}); add the {closer} it lacks"
    ]
    assert checked.broken == {"conquest1991", "deutscher1966"}
    assert "conquest1991" not in checked.keys
    # Note 3 cites conquest1991: left unlinked, without a message of its own.
    assert [str(p) for p in notes_check.check(edition_at(checkout), edition)] == [
        str(checked.problems[0])
    ]


FRONT = "---\ntarget:\n  quote: The empire was large.\ncontributor: A. Reader\ndate: 2026-11-26\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Just text.\n", (1, "an annotation starts with front matter between --- lines")),
        ("---\n- a\n- b\n---\n\nText.\n", (2, "the front matter must be fields, one per line")),
        (
            FRONT.replace("  quote: The empire was large.", "  page: 3") + "kind: context\n---\n",
            (2, "target is one of {quote: ...}, {note: ...} or {section: ...}"),
        ),
        (
            FRONT.replace("The empire was large.", '" "') + "kind: context\n---\n",
            (2, "a quotation target is {quote: ..., prefix: ..., suffix: ...} with text"),
        ),
        (
            FRONT.replace("quote: The empire was large.", "note: 3a") + "kind: context\n---\n",
            (2, "a note target is {note: N} with the note's number or letter"),
        ),
        (
            FRONT.replace("quote: The empire was large.", "section: ''") + "kind: context\n---\n",
            (2, "a section target is {section: ...} with the section's heading"),
        ),
        (
            FRONT + "kind: context\ncites: service2004\n---\n",
            (7, "cites must be a list of BibTeX keys, e.g. [service2004]"),
        ),
        (FRONT + "kind: context\nreading: x\n---\n", (7, "only a correction has a reading")),
    ],
)
def test_annotation_messages(tmp_path: Path, text: str, expected: tuple[int, str]) -> None:
    path = tmp_path / "a.md"
    parsed = annotations_file.read(
        path,
        text + "\nSome text.\n",
        annotations_file.References({"service2004"}, set(), tmp_path),
    )
    assert [(p.line, p.message) for p in parsed.problems] == [expected]


ENTRY = '[[name]]\nid = "{id}"\nindex = "X"\ncategory = "person"\nforms = [{forms}]\n'
ENTRY += 'description = "Someone."\n{extra}\n'


def _entry(id: str, forms: str = '"Lenin"', extra: str = "") -> str:
    return ENTRY.format(id=id, forms=forms, extra=extra)


@pytest.mark.parametrize(
    ("names", "rules", "expected"),
    [
        (_entry("Lenin V"), "", "names.toml:1: id 'Lenin V' must be lowercase words joined by '-'"),
        (_entry("a", extra="born = 1870"), "", "names.toml:1: a: unknown field 'born'"),
        (_entry("a", forms='" Lenin"'), "", "names.toml:1: a: empty or padded form ' Lenin'"),
        (_entry("a", forms='"Lenin", "Lenin"'), "", "names.toml:1: a: a form is listed twice"),
        (
            _entry("a", extra='dates = ""'),
            "",
            "names.toml:1: a: empty dates (leave the field out when the text gives none)",
        ),
        (
            _entry("b") + _entry("a", forms='"Stalin"'),
            "",
            "names.toml:1: entries must be sorted by id: 'b' belongs after 'a'",
        ),
        ("name = [1]\n", "", "names.toml:1: each name is a [[name]] block, not 1"),
        ("# names\nname = 1\n", "", "names.toml:2: expected [[name]] blocks"),
        ("[[name]\n", "", "names.toml:1: malformed TOML: Expected ']]' at the end of an array"),
        (
            _entry("a"),
            '[[rule]]\nline = 1\nform = "Lenin"\noccurrence = 0\nreason = "r"\n',
            "names-disambiguation.toml:1: line and occurrence count from 1",
        ),
        (
            _entry("a"),
            '[[rule]]\nline = 1\nform = "Ilyich"\nentry = "a"\nreason = "r"\n',
            "names-disambiguation.toml:1: 'Ilyich' is not a form of 'a'",
        ),
        (_entry("a"), "rule = [2]\n", "names-disambiguation.toml:1: each rule is a [[rule]] block"),
        (_entry("a"), "rule = 2\n", "names-disambiguation.toml:1: expected [[rule]] blocks"),
    ],
)
def test_register_messages(tmp_path: Path, names: str, rules: str, expected: str) -> None:
    (tmp_path / "names.toml").write_text(names, encoding="utf-8")
    if rules:
        (tmp_path / disambiguation.DISAMBIGUATION).write_text(rules, encoding="utf-8")
    problems = names_check.check(tmp_path / "names.toml", ("Lenin and Ilyich.",))
    assert [p for p in problems if p.startswith(f"{tmp_path}/{expected}")], problems


RULE = {"line": "1", "form": '"Lenin"', "entry": '"a"', "reason": '"R."'}


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("line", "true", "rule: line must be a whole number, not True"),
        ("line", "1.5", "rule: line must be a whole number, not 1.5"),
        ("line", '"1"', "rule: line must be a whole number, not '1'"),
        ("occurrence", "1.0", "rule: occurrence must be a whole number, not 1.0"),
        ("form", '["Lenin"]', "rule: form must be text, not ['Lenin']"),
        ("colour", "1", "rule: unknown field 'colour'"),
        ("forms", '"Lenin"', "a: forms must be a list of text, such as [\"Lenin\"], not 'Lenin'"),
        ("index", "5", "a: index must be text, not 5"),
        ("id", "5", "id must be text, not 5"),
    ],
)
def test_a_value_of_the_wrong_type_is_named_once(
    tmp_path: Path, field: str, value: str, expected: str
) -> None:
    """TOML gives types: ``line = true`` was read as witness line 1, ``1.5`` as 1,
    and forms written as one string as no form at all ("no surface forms")."""
    register = tmp_path / "names.toml"
    rules_path = tmp_path / disambiguation.DISAMBIGUATION
    entry = {"id": '"a"', "index": '"X"', "category": '"person"', "forms": '["Lenin"]'}
    entry["description"] = '"Someone."'
    rule = dict(RULE)
    (entry if field in entry else rule)[field] = value
    if field == "id":
        del rule["entry"]  # the entry has no id the rule could name
    register.write_text(
        "[[name]]\n" + "".join(f"{k} = {v}\n" for k, v in entry.items()), encoding="utf-8"
    )
    rules_path.write_text(
        "[[rule]]\n" + "".join(f"{k} = {v}\n" for k, v in rule.items()), encoding="utf-8"
    )
    where = register if field in entry else rules_path
    assert names_check.check(tmp_path / "names.toml", ("Lenin spoke.",)) == [
        f"{where}:1: {expected}"
    ]


def test_a_rule_without_a_line_is_reported(tmp_path: Path) -> None:
    """The field that is missing is named (KeyError's text is the key)."""
    (tmp_path / "names.toml").write_text(_entry("a"), encoding="utf-8")
    (tmp_path / disambiguation.DISAMBIGUATION).write_text("[[rule]]\nform = 'x'\n")
    assert names_check.check(tmp_path / "names.toml", ("Lenin",)) == [
        f"{tmp_path / disambiguation.DISAMBIGUATION}:1: rule needs line, form, occurrence: 'line'"
    ]


def _sphinx_build_in_a_process(srcdir: Path, out: Path) -> str:
    """sphinx-build as a contributor runs it (warnings are not errors): it ends
    normally and without a traceback. Returns what it printed on stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(srcdir), str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_malformed_register_is_a_warning_at_its_line_not_a_crash(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT / "tests" / "roots" / "test-names", srcdir)
    with (srcdir / "names.toml").open("a", encoding="utf-8") as register:
        register.write("[[name]\n")
    stderr = _sphinx_build_in_a_process(srcdir, tmp_path / "out")
    lines = len((srcdir / "names.toml").read_text(encoding="utf-8").splitlines())
    assert f"{srcdir / 'names.toml'}:{lines}: WARNING: malformed TOML: Expected ']]'" in stderr
    assert "[edition.names_register]" in stderr


def test_a_missing_register_is_named(make_app, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-names", srcdir)
    (srcdir / "names.toml").unlink()
    app = make_app("html", srcdir=srcdir, freshenv=True)
    assert strip_colors(app.warning.getvalue()).splitlines()[0] == (
        "WARNING: names_register 'names.toml': no such file [edition.names_register]"
    )


def test_a_name_role_without_a_target(make_app, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-names", srcdir)
    (srcdir / "chapter.md").write_text("# Chapter\n\nThen {name}`Lenin` spoke.\n")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    warnings = [w for w in strip_colors(app.warning.getvalue()).splitlines() if "role" in w]
    assert warnings == [
        f"{srcdir / 'chapter.md'}:3: WARNING: {{name}} role needs a target: "
        "{name}`Lenin <entry-id>` [edition.names_unknown_entry]"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('witness = "witness.txt"', 'witness = "w.txt"', "witness: no witness file at"),
        ('16 = "hatnote"', '16 = "hatnote"\n10 = "hatnote"', "[lines] 10: a hatnote must start"),
        ('69 = "quote-line"', '69 = "caption"', "[lines] 71: an attribution must follow a quote"),
        ('69 = "quote-line"', '69 = "quote"', "[lines] 69: the quotation line 68 is just above"),
        (
            '139 = "quote"',
            '139 = "quote-line"',
            "[lines] 139: a quote-line continues the quotation",
        ),
        ("[[chapter]]", "[[chapters]]", "[[chapter]]: no chapters"),
        ("first = 15", "first = 1", "[[chapter]]: chapters must start at line 1 and ascend"),
        ('file = "early-life/index"', 'file = "index"', "[[chapter]]: every chapter needs its own"),
        ('16 = "hatnote"', '16 = "hatnote"\n10 = "section"', "[lines] 10: a section heading must"),
    ],
)
def test_structure_map_messages(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = break_structure_map(tmp_path, old, new, every=True)
    with pytest.raises(structure.StructureError) as raised:
        structure.load(path)
    located = re.match(rf"{re.escape(str(path))}:(\d+): (.*)", str(raised.value), re.DOTALL)
    assert located and located.group(2).startswith(message), raised.value
    line = path.read_text(encoding="utf-8").split("\n")[int(located.group(1)) - 1]
    key = message.split(":")[0].removeprefix("[lines] ").removeprefix("[[chapter]]").strip()
    assert key.removeprefix("line ") in line or line.startswith("["), (line, message)


def test_a_structure_map_that_is_not_toml_is_named_at_its_line(tmp_path: Path) -> None:
    """The line was in the message's text only, so a build could not locate it."""
    path = break_structure_map(tmp_path, '16 = "hatnote"', '16 = "hatnote"\n16 = "quote"')
    line = path.read_text(encoding="utf-8").split("\n").index('16 = "quote"') + 1
    with pytest.raises(structure.StructureError) as raised:
        structure.load(path)
    assert str(raised.value).startswith(
        f"{path}:{line}: malformed TOML: Cannot overwrite a value (at line {line}, column"
    )


def test_a_broken_structure_map_is_one_warning_in_the_build(tmp_path: Path) -> None:
    """conf.py reads the map for the chapters' names: a map that is not UTF-8
    stopped every build with "Configuration error!" and a traceback."""
    edition = tmp_path / "edition"
    for part in ("docs", "refs"):
        shutil.copytree(ROOT / part, edition / part)
    shutil.copy(ROOT / "CITATION.cff", edition)
    path = edition / "refs" / "structure.toml"
    data = path.read_bytes()
    line = data[: data.index(b"[lines]")].count(b"\n") + 1
    path.write_bytes(data.replace(b"[lines]", b"[lines] # \xe9", 1))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-q",
            ".",
            str(tmp_path / "out"),
        ],
        cwd=edition / "docs",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert strip_colors(result.stderr).splitlines() == [
        f"{path}:{line}: WARNING: the file is not UTF-8 (byte 0xe9 cannot be read); save it "
        "as UTF-8 [edition.structure]"
    ]


def test_verify_names_each_difference_with_both_places(
    html_build: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = tmp_path / "html"
    shutil.copytree(html_build[0], html)
    page = html / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "Born to a poor family" in text
    page.write_text(text.replace("Born to a poor family", "Born to a rich family"), "utf-8")
    assert main(["--root", str(ROOT), "verify", "--html", str(html), "--pdf", "none"]) == 1
    out = capsys.readouterr().out
    assert "HTML fidelity: 99.9" in out
    assert f"  replace: witness «poor» at witness line 10; output «rich» at {page}" in out


def test_verify_without_a_build_says_what_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(ROOT), "verify", "--html", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"error: no HTML edition at {tmp_path}: run `make html` first\n"
    )


def test_check_names_a_chapter_that_differs_from_the_import(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = checkout / "docs" / "early-life" / "1878-1899.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nAn edit.\n", encoding="utf-8")
    assert main(["--root", str(checkout), "check"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "docs/early-life/1878-1899.md: differs from what the importer writes; run `make import`"
    )


def test_check_names_a_chapter_that_is_not_utf8_at_its_line(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A chapter saved in another encoding was a UnicodeDecodeError traceback."""
    chapter = checkout / "docs" / "early-life" / "1917.md"
    data = chapter.read_bytes()
    chapter.write_bytes(data.replace(b"\n\n", b"\n\xe9\n", 1))
    line = data.split(b"\n\n")[0].count(b"\n") + 2
    assert main(["--root", str(checkout), "check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"docs/early-life/1917.md:{line}: differs from what the importer writes (byte 0xe9 "
        "is not UTF-8); run `make import`"
    ]


def test_a_rule_that_cannot_be_used_is_named_without_the_chapter_it_changes(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The importer leaves out a rule it cannot use, so its chapter differs from the
    import: "run make import" would write the chapter without the rule."""
    rules = checkout / "refs" / disambiguation.DISAMBIGUATION
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("line = 27", "line = true", 1), encoding="utf-8")
    line = text.split("\n").index("line = 27")  # the [[rule]] line before it, from 1
    assert main(["--root", str(checkout), "check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{rules}:{line}: rule: line must be a whole number, not True"
    ]


@pytest.mark.parametrize("command", ["check", "import"])
def test_rules_that_are_not_toml_are_a_message_not_a_traceback(
    checkout: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    rules = checkout / "refs" / disambiguation.DISAMBIGUATION
    rules.write_text(rules.read_text(encoding="utf-8") + "[[rule]\n", encoding="utf-8")
    assert main(["--root", str(checkout), command]) == 1
    assert capsys.readouterr().err.startswith(f"error: {rules}:")


ANNOTATION_NOT_UTF8 = (
    b"---\ntarget:\n  quote: diwndling\ncontributor: X\ndate: 2026-11-26\n"
    b"kind: commentary\n---\n\nCaf\xe9.\n"
)


def test_an_annotation_that_is_not_utf8_is_named_at_its_line_and_not_read(
    rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-annotations", srcdir)
    (srcdir / "annotations" / "bad.md").write_bytes(ANNOTATION_NOT_UTF8)
    stderr = _sphinx_build_in_a_process(srcdir, tmp_path / "out")
    assert (
        f"{srcdir / 'annotations' / 'bad.md'}:9: WARNING: the file is not UTF-8 (byte 0xe9 "
        "cannot be read); save it as UTF-8 [edition.source_encoding]"
    ) in stderr


def test_make_check_names_an_annotation_that_is_not_utf8(
    checkout: Path, edition: structure.Structure
) -> None:
    bad = checkout / "docs" / "annotations" / "bad.md"
    bad.write_bytes(ANNOTATION_NOT_UTF8)
    problems = [str(p) for p in annotations_check.check(edition_at(checkout), edition)]
    assert problems == [
        f"{bad}:9: the file is not UTF-8 (byte 0xe9 cannot be read); save it as UTF-8"
    ]


CFF = (ROOT / "tests" / "roots" / "test-paragraphs" / "CITATION.cff").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "title: [unclosed\n",
            2,
            "cannot be read: not YAML: expected ',' or ']', but got '<stream end>'",
        ),
        ("", 1, "cannot be read: the file has no fields (cff-version, title, …)"),
        (CFF.replace("\ntitle:", "\ntitel:", 1), 1, "cannot be read: the field title is missing"),
        (
            CFF.replace("    title:", "    title: [1]\n    titel:", 1),
            None,
            "cannot be read: references: title must be text",
        ),
        (
            CFF.replace("authors:\n  - name:", "authors: none\nx:\n  - name:", 1),
            None,
            "cannot be read: authors must be a list",
        ),
        (
            CFF.replace("\nversion: ", "\ntitle: Another\nversion: ", 1),
            None,
            "cannot be read: the field title is given twice",
        ),
    ],
)
def test_a_citation_file_that_cannot_be_read_is_one_located_warning(
    make_app, rootdir: Path, tmp_path: Path, text: str, line: int | None, message: str
) -> None:
    """One warning at its line, from the builder (not again from the About page's
    directive), and the same from make check, which read no CITATION.cff before."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-paragraphs", srcdir)
    path = srcdir / "CITATION.cff"
    path.write_text(text, encoding="utf-8")
    if line is None:
        rows = text.split("\n")
        marks = ("authors: none", "    title: [1]", "title: Another")
        line = next(n for n, row in enumerate(rows, 1) if row in marks)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    warnings = [w for w in strip_colors(app.warning.getvalue()).splitlines() if "WARNING" in w]
    assert warnings == [f"{path}:{line}: WARNING: {message} [edition.citation]"]
    assert main_module._citation_problems(path) == [f"{path}:{line}: {message}"]


def test_the_edition_builds_its_configuration_with_a_broken_citation_file(tmp_path: Path) -> None:
    """conf.py formats the PDF verso's citation from CITATION.cff: a broken file
    stopped every build with "Configuration error!" and a traceback."""
    srcdir = tmp_path / "edition"
    shutil.copytree(ROOT / "docs", srcdir / "docs")
    shutil.copytree(ROOT / "refs", srcdir / "refs")
    (srcdir / "CITATION.cff").write_bytes(b"title: Caf\xe9\n")
    result = subprocess.run(
        [sys.executable, "-c", "import runpy; runpy.run_path('docs/conf.py')"],
        cwd=srcdir,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    problems = main_module._citation_problems(srcdir / "CITATION.cff")
    assert problems == [
        f"{srcdir / 'CITATION.cff'}:1: the file is not UTF-8 (byte 0xe9 cannot be read); "
        "save it as UTF-8"
    ]


def test_make_annotation_says_who_is_missing_and_never_overwrites(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["--root", str(checkout), "annotate", "--quote", "forbidden book club"]
    assert main([*command, "--contributor", " "]) == 1
    assert capsys.readouterr().err == (
        "error: say who you are: --contributor NAME (CONTRIBUTOR= with make)\n"
    )
    assert main([*command, "--contributor", "A. Reader"]) == 0
    assert main([*command, "--contributor", "A. Reader"]) == 1
    path = checkout / "docs" / "annotations" / "forbidden-book-club.md"
    assert capsys.readouterr().err == (
        f"error: {path} exists already; edit it, or quote the passage differently\n"
    )


def test_verify_names_a_page_it_cannot_read(
    html_build: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = tmp_path / "html"
    shutil.copytree(html_build[0], html)
    page = html / "early-life" / "index.html"
    page.write_text("<html><body><p>Another theme</p></body></html>", encoding="utf-8")
    assert main(["--root", str(ROOT), "verify", "--html", str(html)]) == 1
    assert capsys.readouterr().err == (
        f"error: {page}: no span.edition-text marks its text; run `make html`\n"
    )


def test_the_warning_types_name_configuration_values_not_this_edition_s_files() -> None:
    """What each ``edition.*`` subtype is about, in any edition: a file by the
    ``conf.py`` value that names it, which has no default path."""
    said = {warning.name: warning.value for warning in EditionWarning}
    assert [name for name, value in said.items() if "refs/" in value] == []
    assert "names_register" in said["names_register"]
    assert "edition_structure_file" in said["structure"]
