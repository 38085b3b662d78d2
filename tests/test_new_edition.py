"""`python -m scholarly_edition new`: a project for any witness builds with -W at 100% fidelity.

Each built project is made once per module (a build costs seconds): the
real command in a subprocess, then its own Makefile's `make html` and
`make verify`, as a contributor runs them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from conftest import ROOT, pdf_text, require_tex, unavailable
from edition_tools import new_edition
from scholarly_edition.text import structure

FIXTURES = ROOT.parent / "shared" / "fixtures" / "wikipedia"
MARKED = (
    "The first paragraph cites its source.[1]\n"
    "\n"
    "Adjacent notes follow a sentence.[2][3] A bracket that is no note [sic] stays text,\n"
    "and a lettered note closes the paragraph.[a]\n"
    "\n"
    "Note 1 is cited again.[1] So is a date [O.S. 6 December] in brackets.\n"
)
# No markers; lines that would be markup if the importer let them through.
PLAIN = (
    "A witness without any note.\n"
    "\n"
    "# Not a heading, *no emphasis*, <b>no bold</b> <script>alert(1)</script>\n"
    "1. Not a list; a footnote-like [^x] and ![no image](x.png) [no link](http://e.org)\n"
    "[label]: https://example.org/no-definition\n"
    "Term\n"
    ": no definition {no-role}`x` $$no math$$\n"
)


@dataclass(frozen=True)
class Built:
    """A new project after `make html` and `make verify`."""

    root: Path
    new: subprocess.CompletedProcess[str]
    html: subprocess.CompletedProcess[str]
    verify: subprocess.CompletedProcess[str]


def run_new(target: Path, witness: Path, title: str) -> subprocess.CompletedProcess[str]:
    command = ["new", str(target), "--witness", str(witness), "--title", title]
    return subprocess.run(
        [sys.executable, "-m", "scholarly_edition", *command],
        capture_output=True,
        text=True,
    )


def make(root: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """The project's own Makefile, with the environment `new` ran in and nothing else."""
    if shutil.which("make") is None:
        unavailable("make", "apt-get install make")
    # Nor the variables an outer make passes down (`make test-html PYTHON=...`).
    dropped = ("PYTHON", "SPHINXBUILD", "O", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        ["make", "-C", str(root), *targets],
        capture_output=True,
        text=True,
        env={**env, "SOURCE_DATE_EPOCH": "1764115200"},
    )


def build(tmp: Path, text: str, title: str) -> Built:
    witness = tmp / "witness-to-edit.txt"
    witness.write_text(text, encoding="utf-8")
    root = tmp / "edition"
    created = run_new(root, witness, title)
    assert created.returncode == 0, created.stderr
    html = make(root, "html")
    assert html.returncode == 0, html.stdout[-3000:] + html.stderr
    return Built(root, created, html, make(root, "verify"))


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("marked"), MARKED, 'Notes & "Quotes": a {test} $edition')


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("plain"), PLAIN, "A plain witness")


def page(built: Built, name: str) -> BeautifulSoup:
    path = built.root / "_build" / "html" / name
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("which", ["marked", "plain"])
def test_builds_without_warnings_and_verifies(which: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    assert "WARNING" not in built.html.stderr, built.html.stderr
    assert "build succeeded" in built.html.stdout
    assert built.verify.returncode == 0, built.verify.stdout + built.verify.stderr
    assert "HTML fidelity: 100.00%" in built.verify.stdout


def test_witness_text_never_becomes_markup(plain: Built) -> None:
    article = page(plain, "index.html").select_one("article.bd-article")
    assert article.select("script, b, img, h2, ol, dl, .math") == []
    assert [a["href"] for a in article.select("a[href^='http']")] == [
        "http://e.org",
        "https://example.org/no-definition",
    ]


def test_witness_is_copied_byte_identical_with_its_hash(marked: Built) -> None:
    copy = marked.root / "refs" / "witness.txt"
    assert copy.read_bytes() == MARKED.encode("utf-8")
    mapping = structure.load(marked.root / "refs" / "structure.toml")
    assert mapping.witness_path == copy
    # Every line a paragraph: no roles, one chapter, no lacuna, the title given.
    assert mapping.roles == {}
    assert [c.file for c in mapping.chapters] == ["index"]
    assert mapping.lacuna is None
    assert mapping.edition["title"] == 'Notes & "Quotes": a {test} $edition'
    about = page(marked, "about.html").get_text()
    assert f"(6 lines, UTF-8; sha256 {hashlib.sha256(MARKED.encode()).hexdigest()})" in about


def test_note_map_lists_every_marker_once_unresolved(marked: Built, plain: Built) -> None:
    notes = tomllib.loads((marked.root / "refs" / "notes.toml").read_text(encoding="utf-8"))
    assert list(notes["notes"].items()) == [
        ("1", "unresolved"),
        ("2", "unresolved"),
        ("3", "unresolved"),
        ("a", "unresolved"),
    ]
    empty = tomllib.loads((plain.root / "refs" / "notes.toml").read_text(encoding="utf-8"))
    assert empty == {"notes": {}}


def test_markers_link_to_the_notes_page_and_brackets_stay_text(marked: Built) -> None:
    index = page(marked, "index.html")
    links = [a.get_text() for a in index.select("a[href^='notes.html#note-']")]
    assert links == ["[1]", "[2]", "[3]", "[a]", "[1]"]
    text = index.select_one("article.bd-article").get_text()
    assert "[sic]" in text and "[O.S. 6 December]" in text
    notes = page(marked, "notes.html")
    assert {li["id"] for li in notes.select("[id^='note-']")} >= {"note-1", "note-2", "note-a"}


def test_title_is_text_in_every_file(marked: Built) -> None:
    """The title reaches TOML, Python, YAML, Make and MyST, and breaks none of them."""
    index = page(marked, "index.html")
    assert index.select_one("h1").get_text().rstrip("#") == 'Notes & "Quotes": a {test} $edition'
    about = page(marked, "about.html")
    assert 'Notes & "Quotes": a {test} $edition' in about.select_one(".edition-citation").get_text()


def test_apparatus_pages_are_built(marked: Built) -> None:
    for name in ("notes.html", "bibliography.html", "names.html", "about.html"):
        assert (marked.root / "_build" / "html" / name).is_file(), name


def test_makefile_uses_the_python_that_ran_new(marked: Built) -> None:
    makefile = (marked.root / "Makefile").read_text(encoding="utf-8")
    assert f"PYTHON        ?= {sys.executable}\n" in makefile
    for target in ("html:", "latexpdf:", "verify:", "check:", "import:", "clean:", "%:"):
        assert f"\n{target}" in makefile, target
    assert "-W --keep-going" in makefile
    assert f'"{sys.executable}" -m sphinx -M html' in marked.html.stdout


@pytest.mark.pdf
def test_latexpdf_builds_and_verifies(marked: Built) -> None:
    """The PDF too: built by the project's Makefile with -W, then checked by `make verify`."""
    require_tex()
    pdf = make(marked.root, "latexpdf")
    assert pdf.returncode == 0, pdf.stdout[-3000:] + pdf.stderr
    built = marked.root / "_build" / "latex" / "notes-quotes-a-test-edition.pdf"
    # The title is LaTeX markup to Sphinx: escaped, its & $ { } print as text.
    assert 'Notes & "Quotes": a {test} $edition' in pdf_text(built)
    verify = make(marked.root, "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "PDF fidelity: 100.00%" in verify.stdout


def test_parallel_build_is_identical(marked: Built) -> None:
    """`-j 2` writes the same pages, byte for byte, as the serial build."""
    parallel = make(marked.root, "html", "BUILDDIR=_build-j2", "O=-j 2")
    assert parallel.returncode == 0, parallel.stdout[-3000:] + parallel.stderr
    serial, other = marked.root / "_build" / "html", marked.root / "_build-j2" / "html"
    pages = sorted(path.relative_to(serial) for path in serial.rglob("*.html"))
    assert pages == sorted(path.relative_to(other) for path in other.rglob("*.html"))
    for name in pages:
        assert (serial / name).read_bytes() == (other / name).read_bytes(), name


def test_the_wheel_carries_the_template() -> None:
    """Every template file matches the package data pyproject.toml declares."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        patterns = tomllib.load(file)["tool"]["setuptools"]["package-data"]["edition_tools"]
    package = ROOT / "ext" / "edition_tools"
    declared = {path for pattern in patterns for path in package.glob(pattern) if path.is_file()}
    files = {path for path in (package / "template").rglob("*") if path.is_file()}
    assert files and files <= declared


def test_make_check_passes_on_the_new_project(marked: Built) -> None:
    checked = make(marked.root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "structure map and witness: ok (1 chapters)" in checked.stdout


def test_new_says_what_it_wrote_and_what_to_do(marked: Built) -> None:
    out = marked.new.stdout
    for name in ("Makefile", "CITATION.cff", "README.md", "docs/conf.py", "refs/notes.toml"):
        assert f"wrote {marked.root / name}\n" in out, name
    assert "4 note markers, all unresolved" in out
    assert "make html" in out and "make verify" in out


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    witness = tmp_path / "w.txt"
    witness.write_text(PLAIN, encoding="utf-8")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_new(tmp_path / "taken", witness, "T")
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {tmp_path / 'taken'}: exists and is not an empty folder; choose a new one\n"
    )
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]


def test_refuses_a_witness_that_is_not_utf8(tmp_path: Path) -> None:
    witness = tmp_path / "latin1.txt"
    witness.write_bytes("Line one\nCaf\u00e9 in Latin-1\n".encode("latin-1"))
    result = run_new(tmp_path / "new", witness, "T")
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {witness}:2: the file is not UTF-8 (byte 0xe9 cannot be read); save it as UTF-8\n"
    )
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    ("text", "title", "message"),
    [
        (None, "T", "cannot be read: No such file or directory"),
        ("\n \n", "T", "the witness has no text"),
        (PLAIN, "  ", 'give the edition a title: --title "TITLE"'),
        (PLAIN, "Two\nlines", "the title must be one line of text"),
    ],
)
def test_refuses_what_cannot_become_an_edition(
    tmp_path: Path, text: str | None, title: str, message: str
) -> None:
    witness = tmp_path / "w.txt"
    if text is not None:
        witness.write_text(text, encoding="utf-8")
    result = run_new(tmp_path / "new", witness, title)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "new").exists()


def test_labels_follow_the_marker_syntax() -> None:
    assert new_edition.labels("x.[2][3] y[sic] z[2] [a] [٣] [10]") == ("2", "3", "a", "10")


def witness_of_article(html: Path) -> str:
    """The text of a saved Wikipedia page, one block a line, its [12] marks kept."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    # MediaWiki wraps the article in .mw-parser-output since 2017.
    main = soup.select_one("#mw-content-text .mw-parser-output") or soup.select_one(
        "#mw-content-text"
    )
    assert main is not None
    for furniture in main.select("style, script, .mw-editsection, .reflist, .navbox"):
        furniture.decompose()
    blocks = [
        " ".join(element.get_text().split())
        for element in main.find_all(["p", "h2", "h3", "th", "td", "li"])
        if not element.find_parent(["td", "th", "li"])
    ]
    return "\n\n".join(block for block in blocks if block) + "\n"


@pytest.mark.parametrize(
    ("name", "title", "notes", "first"),
    [
        # Short citations to a bibliography, grouped labels.
        ("time-loop-films-2024", "List of films featuring time loops", 80, ["1", "2", "3"]),
        # MediaWiki 1.28's page, without .mw-parser-output.
        ("mozilla-2016", "Mozilla", 72, ["1", "2", "3"]),
    ],
)
def test_an_article_saved_from_wikipedia(
    name: str, title: str, notes: int, first: list[str], tmp_path: Path
) -> None:
    page_file = FIXTURES / f"{name}.html"
    if not page_file.is_file():
        unavailable(f"the saved Wikipedia pages in {FIXTURES}", "see that folder's README")
    built = build(tmp_path, witness_of_article(page_file), title)
    assert built.verify.returncode == 0, built.verify.stdout + built.verify.stderr
    assert "HTML fidelity: 100.00%" in built.verify.stdout
    note_map = tomllib.loads((built.root / "refs" / "notes.toml").read_text(encoding="utf-8"))
    assert len(note_map["notes"]) == notes
    assert list(note_map["notes"])[: len(first)] == first
    # Every marker of the witness is a link to its note.
    witness = (built.root / "refs" / "witness.txt").read_text(encoding="utf-8")
    used = len(new_edition.markers.MARKER.findall(witness))
    pages = (built.root / "_build" / "html").rglob("*.html")
    markup = (BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in pages)
    linked = sum(len(soup.select("a[href*='notes.html#note-']")) for soup in markup)
    assert linked == used


# The saved page's line "Hazewinkel, Michiel, ed. (2001) [1994], ...": a cited
# work's original year, with a note marker's shape, that the editors read as text.
NOT_A_NOTE = """[[not_note]]
line = 135
text = "[1994]"
reason = "the original year of the cited work, not a reference of the article"

"""


def test_a_bracket_that_is_not_a_note_stays_text(tmp_path: Path) -> None:
    """Hermitian matrix (2020): `new` lists every bracket of a marker's shape, [1994]
    too; resolve finds no reference [1994] on the page; the editors' [[not_note]]
    block, and the note taken out, make it text: zero warnings, 100% fidelity, every
    real marker linked."""
    page_file = FIXTURES / "hermitian-matrix-2020.html"
    if not page_file.is_file():
        unavailable(f"the saved Wikipedia pages in {FIXTURES}", "see that folder's README")
    built = build(tmp_path, witness_of_article(page_file), "Hermitian matrix")
    notes = built.root / "refs" / "notes.toml"
    assert list(tomllib.loads(notes.read_text(encoding="utf-8"))["notes"])[-1] == "1994"
    resolved = make(built.root, "resolve", f"ARTICLE={page_file}")
    assert resolved.returncode == 0, resolved.stdout + resolved.stderr
    assert "brackets with no reference on the page (not notes?): [1994]\n" in resolved.stdout
    path = built.root / "refs" / "structure.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[lines]\n", NOT_A_NOTE + "[lines]\n", 1), encoding="utf-8")
    text = notes.read_text(encoding="utf-8")
    assert text.count('\n1994 = "unresolved"\n') == 1
    notes.write_text(text.replace('\n1994 = "unresolved"\n', "\n"), encoding="utf-8")
    for target in ("import", "check", "html", "verify"):
        done = make(built.root, target)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr
        assert "WARNING" not in done.stderr, done.stderr
    assert "HTML fidelity: 100.00%" in done.stdout
    index = page(built, "index.html")
    assert [a.get_text() for a in index.select("a[href^='notes.html#note-']")] == [
        "[1]",
        "[2]",
        "[3]",
        "[4]",
        "[3]",
        "[5]",
    ]
    (bracket,) = index.select("span.not-note")
    assert bracket.get_text() == "[1994]" and "(2001) [1994], " in bracket.parent.get_text()
    report = page(built, "notes.html").get_text()
    assert "[1994]" not in report and "[5]" in report


READ = (
    "An opening paragraph.[1]\n\nPart One\n\nSection A\n\nText of section A.[2]\n\n"
    "See also: elsewhere\n\nA quoted line.\n\n— Someone\n\nSection B\n\n"
    "Text of B, which breaks off mi"
)
# The editors' reading: the witness's conventions and its break, before the chapters.
CONVENTIONS = """hatnote_prefixes = ["See also: "]
attribution_prefix = "— "

[lacuna]
line = 17
after = "breaks off mi"

"""
CHAPTERS = """[[chapter]]
file = "part-one/index"
first = 3

[[chapter]]
file = "part-one/section-a"
first = 5

[[chapter]]
file = "part-one/section-b"
first = 15

"""
LINES = """3 = "part"
5 = "section"
9 = "hatnote"
11 = "quote"
13 = "attribution"
15 = "section"
"""


def test_the_editors_reading_goes_into_the_map(tmp_path: Path) -> None:
    """Headings, a hatnote, a quotation and a lacuna read into the new map, then
    `make import`: the edition builds and verifies as before."""
    witness = tmp_path / "w.txt"
    witness.write_text(READ, encoding="utf-8")
    root = tmp_path / "edition"
    assert run_new(root, witness, "Parts").returncode == 0
    path = root / "refs" / "structure.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index("[[chapter]]")
    text = text[:first] + CONVENTIONS + text[first:]
    path.write_text(text.replace("[lines]\n", CHAPTERS + "[lines]\n" + LINES), encoding="utf-8")
    imported = make(root, "import")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    built = make(root, "verify")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr
    assert "HTML fidelity: 100.00%" in built.stdout
    section = root / "_build" / "html" / "part-one" / "section-a.html"
    soup = BeautifulSoup(section.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("p.hatnote").get_text() == "See also: elsewhere"
    assert soup.select_one("blockquote p.attribution").get_text() == "— Someone"
    last = root / "_build" / "html" / "part-one" / "section-b.html"
    assert (
        "breaks off"
        in BeautifulSoup(last.read_text(encoding="utf-8"), "html.parser")
        .select_one(".lacuna")
        .get_text()
    )


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        (
            "\n[edition]\n",
            "\n[front]\n",
            None,
            "[edition]: the map needs an [edition] table with the edition's title",
        ),
        (
            "first = 1\n",
            "first = 2\n",
            "[[chapter]]",
            "[[chapter]]: chapters must start at line 1 and ascend",
        ),
    ],
    ids=["no-edition-table", "bad-chapters"],
)
def test_a_broken_map_is_a_located_warning_of_the_build(
    tmp_path: Path, old: str, new: str, at: str | None, message: str
) -> None:
    """A new project's conf.py reads the structure map: a map that does not load is
    one warning at the map's line, as make check says it, never a traceback."""
    witness = tmp_path / "w.txt"
    witness.write_text(MARKED, encoding="utf-8")
    root = tmp_path / "edition"
    assert run_new(root, witness, "T").returncode == 0
    path = root / "refs" / "structure.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    broken = text.replace(old, new)
    path.write_text(broken, encoding="utf-8")
    number = broken.splitlines().index(at) + 1 if at else 1
    built = make(root, "html")
    assert built.returncode != 0
    # Sphinx colours its messages when CI is set.
    warnings = [strip_colors(line) for line in built.stderr.splitlines() if "WARNING" in line]
    assert warnings == [f"{path}:{number}: WARNING: {message} [edition.structure]"], built.stderr
    assert "Traceback" not in built.stderr + built.stdout
