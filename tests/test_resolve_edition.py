"""`new`, then `resolve`, then `make html`: real article pages resolve every note they support.

Each saved page of `../shared/fixtures/wikipedia/` becomes a capture-like
witness (its text, a block a line, with the reference marks kept, as the
Stalin transcript is), an edition whose notes are all open (`new`), and the
same edition after `resolve`, built with -W. The hand-written page of
`tests/resolve/` goes through the same steps without the shared folder.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_new_edition import make, run_new

from conftest import ROOT, unavailable

FIXTURES = ROOT.parent / "shared" / "fixtures" / "wikipedia"
HAND = ROOT / "tests" / "resolve"


@dataclass(frozen=True)
class Resolved:
    root: Path
    resolve: subprocess.CompletedProcess[str]
    html: subprocess.CompletedProcess[str]

    def report(self) -> str:
        return (self.root / "_build" / "resolve-report.md").read_text(encoding="utf-8")

    def notes_page(self) -> dict[str, str]:
        """Each entry of the built notes page: its label and what it says."""
        html = (self.root / "_build" / "html" / "notes.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        entries = {}
        for item in soup.select("li.note-entry"):
            label = item.select_one(".note-label").get_text().strip("[]")
            entries[label] = " ".join(item.get_text().split())
        return entries


def capture(page: str) -> str:
    """What a plain-text capture of the page keeps: its text, its reference marks included."""
    soup = BeautifulSoup(page, "html.parser")
    main = soup.select_one("#mw-content-text")
    assert main is not None
    hidden = "style, script, .mw-editsection, ol.references, .navbox, [style*='display:none']"
    for furniture in main.select(hidden):
        furniture.decompose()
    blocks = [
        " ".join(element.get_text().split())
        for element in main.find_all(["p", "h2", "h3", "th", "td", "li", "dd"])
        if not element.find_parent(["td", "th", "li", "dd"])
    ]
    return "\n\n".join(block for block in blocks if block) + "\n"


def resolved_edition(tmp: Path, page: Path, title: str) -> Resolved:
    witness = tmp / "witness.txt"
    witness.write_text(capture(page.read_text(encoding="utf-8")), encoding="utf-8")
    root = tmp / "edition"
    created = run_new(root, witness, title)
    assert created.returncode == 0, created.stderr
    result = subprocess.run(
        [sys.executable, "-m", "scholarly_edition", "resolve", "--article", str(page)],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    html = make(root, "html")
    assert html.returncode == 0, html.stdout[-3000:] + html.stderr
    assert "WARNING" not in html.stderr, html.stderr
    return Resolved(root, result, html)


def shared(name: str) -> Path:
    path = FIXTURES / name
    if not path.is_file():
        unavailable(f"the saved Wikipedia pages in {FIXTURES}", "see that folder's README")
    return path


def counts(printed: str) -> dict[str, str]:
    """The counts `resolve` prints: "markers aligned: 81 of 81 (100.0%)", ..."""
    lines = [line for line in printed.splitlines() if not line.startswith(("wrote ", "report:"))]
    return dict(line.split(": ", 1) for line in lines)


@pytest.fixture(scope="module")
def time_loops(tmp_path_factory: pytest.TempPathFactory) -> Resolved:
    page = shared("time-loop-films-2024.html")
    return resolved_edition(tmp_path_factory.mktemp("loops"), page, "Time loops")


@pytest.fixture(scope="module")
def mozilla(tmp_path_factory: pytest.TempPathFactory) -> Resolved:
    page = shared("mozilla-2016.html")
    return resolved_edition(tmp_path_factory.mktemp("mozilla"), page, "Mozilla")


@pytest.fixture(scope="module")
def hermitian(tmp_path_factory: pytest.TempPathFactory) -> Resolved:
    page = shared("hermitian-matrix-2020.html")
    return resolved_edition(tmp_path_factory.mktemp("hermitian"), page, "Hermitian matrix")


@pytest.mark.parametrize(
    ("which", "notes"), [("time_loops", 80), ("mozilla", 72)], ids=["2024", "2016"]
)
def test_every_marker_aligned_and_every_note_resolved(
    which: str, notes: int, request: pytest.FixtureRequest
) -> None:
    edition: Resolved = request.getfixturevalue(which)
    print(edition.report())
    stated = counts(edition.resolve.stdout)
    aligned, total = stated["markers aligned"].split(" (")[0].split(" of ")
    assert int(aligned) / int(total) >= 0.99
    resolved = int(stated["notes resolved"]) + int(stated["explanatory notes with their text"])
    assert resolved / notes >= 0.99
    note_map = tomllib.loads((edition.root / "refs" / "notes.toml").read_text(encoding="utf-8"))
    assert "unresolved" not in note_map["notes"].values()
    shown = edition.notes_page()
    assert "Source not yet identified" not in " ".join(shown.values())


def test_notes_show_their_work_and_locator(time_loops: Resolved, mozilla: Resolved) -> None:
    shown = time_loops.notes_page()
    assert shown["3"] == "[3] ↩ Bogue 2017, p. 80"
    assert shown["4"] == "[4] ↩ Bogue 2017, p. 80"
    # The page given in the text ({{rp}}) after the mark.
    assert shown["1"] == "[1] ↩ Jones and Ormrod 2015, p. 207"
    assert shown["9"].startswith("[9] ↩ French 1996, p. 123: “The student body of Tomobiki")
    # A note used twice, from a named reference.
    assert shown["23"].startswith("[23] ↩ a b Fleming 2016")
    assert mozilla.notes_page()["28"] == "[28] ↩ Baker 2014"
    assert mozilla.notes_page()["20"].endswith(
        ": “Of course, this is not a not a complete solution. In a perfect world, codecs, like "
        "other basic Internet technologies such as TCP/IP, HTTP, and HTML, would be fully open "
        "and free”"
    )


def test_each_work_once_in_the_bibliography_with_its_notes(time_loops: Resolved) -> None:
    html = (time_loops.root / "_build" / "html" / "bibliography.html").read_text(encoding="utf-8")
    text = " ".join(BeautifulSoup(html, "html.parser").get_text().split())
    assert text.count("Apocalypse Then") == 1
    assert "Cited in notes [3] and [4]" in text or "Cited in notes [3], [4]" in text


def test_a_page_with_few_references_resolves_what_it_supports(hermitian: Resolved) -> None:
    print(hermitian.report())
    notes = tomllib.loads((hermitian.root / "refs" / "notes.toml").read_text(encoding="utf-8"))
    notes = notes["notes"]
    # Cited twice with a different page in the text each time ({{rp}}).
    assert notes["3"] == [{"key": "horn2013", "locator": "p. 7 (use a); p. 234 (use b)"}]
    assert notes["4"] == {
        "text": "Also known as the Rayleigh–Ritz ratio; named after Walther Ritz and Lord Rayleigh."
    }
    # "[1994]" is a year in brackets of the text, not a mark of the page: left open, listed.
    assert notes["1994"] == "unresolved"
    assert "[1994] witness line" in hermitian.report()
    recorded = tomllib.loads((hermitian.root / "refs" / "article.toml").read_text("utf-8"))
    assert recorded["revision"] == 942460710
    about = (hermitian.root / "_build" / "html" / "notes.html").read_text(encoding="utf-8")
    assert "revision <a" in about and "oldid=942460710" in about


def test_a_second_run_changes_nothing(mozilla: Resolved) -> None:
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "scholarly_edition",
            "resolve",
            "--article",
            str(FIXTURES / "mozilla-2016.html"),
        ],
        capture_output=True,
        text=True,
        cwd=mozilla.root,
    )
    assert again.returncode == 0
    assert "wrote " not in again.stdout
    assert "works added to the bibliography: 0" in again.stdout


def test_the_hand_written_page_end_to_end(tmp_path: Path) -> None:
    edition = resolved_edition(tmp_path, HAND / "article.html", "Example Article")
    shown = edition.notes_page()
    assert shown["1"] == "[1] ↩ a b King 2003, p. 41"
    assert shown["2"] == "[2] ↩ King 2003, pp. 50–52; Smith 1999, p. 3"
    assert shown["n 1"] == (
        "[n 1] ↩ The charter is dated 1801 in the town's copy and 1802 in the state archive. "
        "(Smith 1999, p. 88)"
    )
    html = (edition.root / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    labels = [ref.get_text() for ref in soup.select("sup.note-ref")]
    assert labels == ["[1]", "[2]", "[3]", "[1]", "[4]", "[5]", "[n 1]", "[a]", "[8]"]
    text = soup.get_text()
    assert "[citation needed]" in text and "[sic]" in text
    assert "<script>alert" not in html
    verify = make(edition.root, "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
