"""`resolve` on a small hand-written article page: alignment, citations, works, the change.

The page (`tests/resolve/article.html`) is MediaWiki's markup in small: a
named reference used twice, two references in a row, a short citation
linking to its full entry (CITEREF), a reference citing two works, an
in-text page ({{rp}}), a grouped explanatory note with its own citation, a
lettered note, a reference with text only, and a citation whose metadata
tries to break out of its BibTeX field.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import bibtexparser
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, edition_at, unavailable
from edition_tools.checks import notes as notes_check
from edition_tools.resolve import align, article, coins, report, run, works, write
from scholarly_edition.notes import bib_lint
from scholarly_edition.notes import data as notes_data

HERE = ROOT / "tests" / "resolve"
PAGE = (HERE / "article.html").read_text(encoding="utf-8")
WITNESS = (HERE / "witness.txt").read_text(encoding="utf-8").split("\n")
LABELS = ["1", "2", "3", "4", "5", "n 1", "a", "8"]
# Where a new edition's conf.py puts the note map, the works and the article.
CONF = (
    'edition_notes_file = "../refs/notes.toml"\n'
    'bibtex_bibfiles = ["../refs/works.bib"]\n'
    'edition_article_file = "../refs/article.toml"\n'
)


def edition(tmp: Path, notes: dict[str, str] | None = None, bib: str = "") -> Path:
    """A minimal edition's refs/: every note open, as `new` writes them (values in TOML)."""
    (tmp / "refs").mkdir(parents=True)
    values = notes or {k: '"explanatory"' if k == "a" else '"unresolved"' for k in LABELS}
    lines = [f"{write.toml_string(k) if ' ' in k else k} = {v}" for k, v in values.items()]
    text = "# The note map.\n\n[notes]\n" + "\n".join(lines) + "\n"
    (tmp / "refs" / "notes.toml").write_text(text, encoding="utf-8")
    (tmp / "refs" / "works.bib").write_text(bib or "% Works, sorted by key.\n", encoding="utf-8")
    (tmp / "docs").mkdir(exist_ok=True)
    (tmp / "docs" / "conf.py").write_text(CONF, encoding="utf-8")
    return tmp


def notes_of(root: Path) -> dict[str, object]:
    return tomllib.loads((root / "refs" / "notes.toml").read_text(encoding="utf-8"))["notes"]


@pytest.fixture
def resolved(tmp_path: Path) -> tuple[Path, run.Outcome]:
    root = edition(tmp_path)
    return root, run.resolve(edition_at(root), WITNESS, PAGE)


def test_reads_marks_in_order_with_labels_as_printed() -> None:
    page = article.read(PAGE)
    assert [m.label for m in page.marks] == ["1", "2", "3", "1", "4", "5", "n 1", "a", "8"]
    assert page.marks[0].target == page.marks[3].target == "cite_note-King-1"
    assert page.marks[4].locator == "p. 17"
    assert [m.label for m in page.inner["cite_note-n1-6"]] == ["9"]
    assert page.provenance == article.Provenance(
        "Example Article", 123456789, "https://en.wikipedia.org/wiki/Example_Article", "2021-03-03"
    )


def test_every_note_resolved_with_its_work_and_locator(
    resolved: tuple[Path, run.Outcome],
) -> None:
    root, outcome = resolved
    assert outcome.alignment.ratio == 1.0
    notes = notes_of(root)
    assert notes["1"] == [{"key": "king2003", "locator": "p. 41"}]
    # A reference citing two works gives two citations, in the source's order.
    assert notes["2"] == [
        {"key": "king2003", "locator": "pp. 50–52"},
        {"key": "smith1999", "locator": "p. 3"},
    ]
    # The words the citation quotes (CS1's quote=) go with it.
    assert notes["3"] == [
        {"key": "lee2010", "locator": "pp. 10–12", "quote": "Every mayor was a baker."}
    ]
    # The page given in the text ({{rp}}) is the locator of a reference without one.
    assert notes["4"] == [{"key": "ortiz1995", "locator": "p. 17"}]
    # A web page cited as a whole: no locator is invented.
    assert notes["5"] == [{"key": "portnd"}]
    # A grouped note is explanatory: its text, with its own citations.
    assert notes["n 1"] == {
        "text": "The charter is dated 1801 in the town's copy and 1802 in the state archive.",
        "cites": [{"key": "smith1999", "locator": "p. 88"}],
    }
    assert notes["a"] == {"text": "The letter is in the town museum; it is undated."}
    assert notes["8"] == {"text": "Town survey of 1850, kept by the county."}
    assert "8" in outcome.review


def test_the_report_names_the_bibtex_file_conf_py_names(tmp_path: Path) -> None:
    """The works are added to the first of ``bibtex_bibfiles``, and the report for
    the pull request says which file that is."""
    root = edition(tmp_path)
    (root / "refs" / "works.bib").rename(root / "refs" / "sources.bib")
    conf = root / "docs" / "conf.py"
    conf.write_text(CONF.replace("works.bib", "sources.bib"), encoding="utf-8")
    outcome = run.resolve(edition_at(root), WITNESS, PAGE)
    assert outcome.works_added
    text = report.markdown(outcome)
    assert "\n## Works added to refs/sources.bib\n" in text
    assert "works.bib" not in text


def test_the_change_is_valid_for_the_extension(resolved: tuple[Path, run.Outcome]) -> None:
    root, _ = resolved
    bib = bib_lint.check(root / "refs" / "works.bib")
    assert bib.problems == ()
    assert set(bib.keys) == {"king2003", "lee2010", "ortiz1995", "portnd", "smith1999"}
    note_map = notes_data.load(root / "refs" / "notes.toml", set(bib.keys))
    assert note_map.problems == ()
    assert note_map.notes["n 1"].status == "explanatory" and note_map.notes["1"].resolved


def test_works_are_built_from_coins_one_key_per_work(resolved: tuple[Path, run.Outcome]) -> None:
    root, outcome = resolved
    entries = {e.key: e for e in bibtexparser.parse_file(str(root / "refs" / "works.bib")).entries}
    king = {k: f.value for k, f in entries["king2003"].fields_dict.items()}
    assert king == {
        "author": "King, Mary",
        "title": "A History of the Town",
        "publisher": "Town Books",
        "address": "London",
        "year": "2003",
        "isbn": "000000000X",
    }
    lee = entries["lee2010"]
    assert lee.entry_type == "article"
    assert lee.fields_dict["doi"].value == "10.1000/jt.4.10"
    assert lee.fields_dict["title"].value == r"Bakers \& mayors"
    assert outcome.works_added == ["king2003", "lee2010", "ortiz1995", "portnd", "smith1999"]


def test_hostile_metadata_stays_inside_its_field(resolved: tuple[Path, run.Outcome]) -> None:
    root, _ = resolved
    text = (root / "refs" / "works.bib").read_text(encoding="utf-8")
    entries = {e.key: e for e in bibtexparser.parse_string(text).entries}
    port = {k: f.value for k, f in entries["portnd"].fields_dict.items()}
    assert set(port) == {"title", "publisher", "url"}
    assert "\\input" not in text and "{/etc" not in text
    assert "note" not in port


def test_a_second_run_changes_nothing(resolved: tuple[Path, run.Outcome]) -> None:
    root, _ = resolved
    before = {p.name: p.read_bytes() for p in (root / "refs").iterdir()}
    again = run.resolve(edition_at(root), WITNESS, PAGE)
    assert again.changed == [] and again.works_added == []
    assert {p.name: p.read_bytes() for p in (root / "refs").iterdir()} == before


def test_hand_work_is_never_overwritten(tmp_path: Path) -> None:
    hand = (
        "% Works.\n\n@book{king-history,\n  author    = {King, Mary},\n"
        "  title     = {A History of the Town},\n  publisher = {Town Books},\n"
        "  year      = {2003},\n}\n"
    )
    notes = {k: '"explanatory"' if k == "a" else '"unresolved"' for k in LABELS}
    notes["3"] = '[{ key = "king-history", locator = "p. 9" }]'
    root = edition(tmp_path, notes, hand)
    outcome = run.resolve(edition_at(root), WITNESS, PAGE)
    result = notes_of(root)
    assert result["3"] == [{"key": "king-history", "locator": "p. 9"}]
    assert "3" in outcome.kept
    # The work already in the file, matched by author, title and year, keeps its key.
    assert result["1"] == [{"key": "king-history", "locator": "p. 41"}]
    bib = (root / "refs" / "works.bib").read_text(encoding="utf-8")
    assert bib.startswith(hand.rstrip("\n"))
    assert "king2003" not in bib


def test_new_entries_are_inserted_in_key_order(tmp_path: Path) -> None:
    hand = "% Works.\n\n@misc{mmm,\n  title = {Middle},\n}\n"
    root = edition(tmp_path, bib=hand)
    run.resolve(edition_at(root), WITNESS, PAGE)
    keys = [e.key for e in bibtexparser.parse_file(str(root / "refs" / "works.bib")).entries]
    assert keys == sorted(keys)
    assert "@misc{mmm,\n  title = {Middle},\n}" in (root / "refs" / "works.bib").read_text()


def test_a_marker_whose_context_disagrees_is_not_written(tmp_path: Path) -> None:
    witness = [line.replace("a river port opened", "a canal was dug") for line in WITNESS]
    root = edition(tmp_path)
    outcome = run.resolve(edition_at(root), witness, PAGE)
    [(marker, page)] = outcome.alignment.unmatched
    assert (marker.label, marker.line) == ("4", 3)
    assert page.endswith("a river port opened in 1840.")
    assert notes_of(root)["4"] == "unresolved"
    assert notes_of(root)["1"] == [{"key": "king2003", "locator": "p. 41"}]


def test_a_page_of_another_article_changes_nothing(tmp_path: Path) -> None:
    root = edition(tmp_path)
    (root / "refs" / "article.toml").write_text('title = "Another Article"\n', encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (root / "refs").iterdir()}
    with pytest.raises(run.ResolveError, match=r"'Example Article'.*'Another Article'"):
        run.resolve(edition_at(root), WITNESS, PAGE)
    other = ["A different text altogether.[1] With other notes.[2][3]", "Nothing alike.[4]"]
    (root / "refs" / "article.toml").unlink()
    with pytest.raises(run.ResolveError, match="only 0 of the witness's 4 markers"):
        run.resolve(edition_at(root), other, PAGE)
    assert not (root / "refs" / "article.toml").exists()
    before.pop("article.toml")
    assert {p.name: p.read_bytes() for p in (root / "refs").iterdir()} == before


def test_provenance_is_recorded_and_the_article_entry_names_its_revision(tmp_path: Path) -> None:
    bib = (
        "@misc{wikipedia-example,\n  author = {{Wikipedia contributors}},\n"
        "  title  = {{Example Article}},\n  note   = {Revision not identified},\n}\n"
    )
    root = edition(tmp_path, bib=bib)
    (root / "refs" / "article.toml").write_text(
        'title = "Example Article"\nbibtex_key = "wikipedia-example"\n', encoding="utf-8"
    )
    run.resolve(edition_at(root), WITNESS, PAGE)
    recorded = tomllib.loads((root / "refs" / "article.toml").read_text(encoding="utf-8"))
    assert recorded == {
        "title": "Example Article",
        "url": "https://en.wikipedia.org/wiki/Example_Article",
        "revision": 123456789,
        "date": "2021-03-03",
        "bibtex_key": "wikipedia-example",
    }
    entries = bibtexparser.parse_file(str(root / "refs" / "works.bib")).entries_dict
    entry = entries["wikipedia-example"].fields_dict
    assert entry["note"].value == "Revision 123456789 of 2021-03-03"
    assert entry["url"].value == "https://en.wikipedia.org/w/index.php?oldid=123456789"


def test_coins_fields_map_to_bibtex() -> None:
    work = coins.parse(
        "ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook&rft.genre=bookitem"
        "&rft.atitle=A+Chapter&rft.btitle=The+Book&rft.pub=Press&rft.date=2001-05"
        "&rft.au=Jane+Roe&rft.aulast=Doe&rft.aufirst=John&rft.spage=5&rft.epage=9"
    )
    assert work.entry_type == "incollection"
    assert work.fields["title"] == "A Chapter" and work.fields["booktitle"] == "The Book"
    assert work.fields["year"] == "2001"
    assert [name.text for name in work.authors] == ["Doe, John", "Jane Roe"]
    assert work.pages == "5–9"


def test_alignment_needs_the_same_words_before_the_marker() -> None:
    marks = article.read(PAGE).marks
    markers = align.witness_markers(["Its first mayor was a baker.[2]"])
    assert align.align(markers, marks).matched[0][1].target == "cite_note-2"
    wrong = align.witness_markers(["Its first mayor was a butcher.[2]"])
    assert align.align(wrong, marks).matched == []


def _resolve_command(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "scholarly_edition", "resolve", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr


def test_the_command_line_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    assert _resolve_command("--article", "missing.html") == (
        1,
        "error: missing.html: cannot be read: No such file or directory\n",
    )
    latin = tmp_path / "latin.html"
    latin.write_bytes("<p>caf\xe9</p>".encode("latin-1"))
    assert _resolve_command("--article", str(latin)) == (
        1,
        f"error: {latin}: not UTF-8 (byte 6); save the page as UTF-8\n",
    )
    code, message = _resolve_command("--article-from-env", "NO_SUCH_VARIABLE", env={})
    assert (code, message) == (1, "error: give the article page: make resolve ARTICLE=PAGE.html\n")


def test_make_resolve_passes_the_path_uninterpreted(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        unavailable("make", "apt-get install make")
    odd = tmp_path / "a page $(echo x) `id` ;'.html"
    odd.write_text("<p>nothing</p>", encoding="utf-8")
    result = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "resolve", f"ARTICLE={odd}", "RESOLVEOPTS=--dry-run"],
        capture_output=True,
        text=True,
    )
    # The page is read (it is no article of this edition), not a command run.
    assert f"error: {odd}: only 0 of the witness's" in result.stderr, result.stderr


def test_make_check_reports_a_malformed_provenance_file(tmp_path: Path) -> None:
    path = tmp_path / "article.toml"
    path.write_text('title = "Example Article"\nrevision = 12 34\n', encoding="utf-8")
    [problem] = notes_check._article(path)
    assert str(problem).startswith(f"{path}:2: malformed TOML")


def test_a_new_edition_starts_with_the_provenance_file_resolve_writes() -> None:
    template = ROOT / "ext" / "edition_tools" / "template" / "refs" / "article.toml"
    assert template.read_text(encoding="utf-8") == write.article({}, {})
    assert tomllib.loads(template.read_text(encoding="utf-8")) == {}


def test_a_note_map_that_is_not_toml_stops_the_run(tmp_path: Path) -> None:
    root = edition(tmp_path)
    (root / "refs" / "notes.toml").write_text('[notes]\n1 = "unresolved\n', encoding="utf-8")
    with pytest.raises(run.ResolveError, match=r"notes.toml:2: malformed TOML"):
        run.resolve(edition_at(root), WITNESS, PAGE)


def test_an_entry_that_says_more_than_its_citations_is_listed_for_review(tmp_path: Path) -> None:
    page = PAGE.replace(
        "King 2003</a>, p. 41.", "King 2003</a>, p. 41. King doubts the date given."
    )
    outcome = run.resolve(edition_at(edition(tmp_path)), WITNESS, page)
    assert outcome.review["1"] == [
        "the entry says more than its citations: «King doubts the date given»"
    ]


def test_a_page_rendered_alone_gives_its_marks_and_no_provenance(tmp_path: Path) -> None:
    """`index.php?...&action=render` gives the article's HTML without the page around it."""
    rendered = PAGE.split('<div id="mw-content-text">', 1)[1].rsplit("</div>", 2)[0]
    page = article.read(rendered)
    assert [m.label for m in page.marks] == ["1", "2", "3", "1", "4", "5", "n 1", "a", "8"]
    assert page.provenance == article.Provenance()
    outcome = run.resolve(edition_at(edition(tmp_path)), WITNESS, rendered)
    assert outcome.alignment.ratio == 1.0 and len(outcome.resolved) == 5


def test_hidden_text_before_a_mark_agrees_with_captures_that_keep_it_or_not() -> None:
    page = article.read(
        '<p>The quotient <span style="display: none">R(M, x) = x*Mx</span>'
        '<img alt="R(M,x)"> is real.<sup class="reference"><a href="#cite_note-1">[1]</a></sup></p>'
    )
    for capture in ("The quotient is real.[1]", "The quotient R(M, x) = x*Mx is real.[1]"):
        assert align.align(align.witness_markers([capture]), page.marks).ratio == 1.0


def test_a_name_with_and_stays_one_author() -> None:
    library = works.Library()
    work = coins.Work(
        "misc", {"title": "Catalogue", "year": "1990"}, [coins.Name("Marks and Spencer")]
    )
    key, new = library.key_for(work)
    assert (key, new) == ("spencer1990", True)
    again = coins.Work("misc", {"title": "Catalogue", "year": "1990"}, [coins.Name("Marks & Co")])
    assert library.key_for(again) == ("co1990", True)
    assert library.added[key].fields_dict["author"].value == "{Marks and Spencer}"


@given(st.text(), st.text(), st.text())
def test_any_text_of_a_page_stays_inside_its_bibtex_field(
    title: str, author: str, place: str
) -> None:
    library = works.Library()
    work = coins.Work("book", {"title": title or "t", "address": place, "year": "2000"})
    work.authors = [coins.Name(author)] if author.strip() else []
    key, _ = library.key_for(work)
    text = write.works("% Works.\n", library.added)
    parsed = bibtexparser.parse_string(text)
    assert parsed.failed_blocks == [] and [e.key for e in parsed.entries] == [key]
    assert set(parsed.entries[0].fields_dict) <= {"author", "title", "address", "year"}


@given(st.text())
def test_any_note_text_is_one_toml_string(text: str) -> None:
    value = write.toml_value(write.Resolution((write.Cite("k", text),), text or "t"))
    assert tomllib.loads(f'"n 1" = {value}\n')["n 1"]["text"] == (text or "t")


def test_a_dry_run_reports_and_writes_nothing(tmp_path: Path) -> None:
    root = edition(tmp_path)
    before = {p.name: p.read_bytes() for p in (root / "refs").iterdir()}
    outcome = run.resolve(edition_at(root), WITNESS, PAGE, write_files=False)
    assert len(outcome.resolved) == 5 and outcome.changed == []
    assert {p.name: p.read_bytes() for p in (root / "refs").iterdir()} == before
    assert not (root / "_build" / run.REPORT).exists()
