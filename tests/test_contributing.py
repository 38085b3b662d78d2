"""CONTRIBUTING's steps, followed on a copy of the edition as a newcomer would.

One honest contribution of each kind (an annotation started with
`make annotation`, a name added to the register, a note resolved with a work
of refs/works.bib) passes `make check`, `make import`, the HTML build with
warnings as errors and `make verify`, and the built edition shows each as
the data says: the tests read what they expect from the data, so an honest
pull request keeps the suite green.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from bs4 import BeautifulSoup

import edition_data
from conftest import ROOT, run_make
from scholarly_edition.text import structure

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    return GUIDE.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _make(copy: Path, *args: str) -> str:
    result = run_make(copy, *args)
    assert result.returncode == 0, f"make {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


def _add_annotation(copy: Path) -> Path:
    """Step 1 as printed (the first `make annotation` command), then steps 2 and 3."""
    (command,) = re.findall(r"^\s*(make annotation .*)$", _section("Add an annotation"), re.M)
    out = _make(copy, *shlex.split(command)[1:])
    (written,) = re.findall(r"^wrote (docs/annotations/\S+\.md):", out, re.M)
    path = copy / written
    assert not (ROOT / written).exists(), "the guide's example must not be a shipped annotation"
    path.write_text(
        path.read_text(encoding="utf-8") + "The seminary forbade the club's books.\n",
        encoding="utf-8",
    )
    return path


def _add_name(copy: Path) -> str:
    """The guide's example block, at its place in id order."""
    (block,) = re.findall(
        r"```toml\n(\s*\[\[name\]\].*?)```", _section("Add a name to the register"), re.S
    )
    block = "\n".join(line.strip() for line in block.strip().splitlines()) + "\n"
    new_id = re.search(r'^id = "([^"]+)"', block, re.M).group(1)
    register = copy / "refs" / "names.toml"
    text = register.read_text(encoding="utf-8")
    assert f'id = "{new_id}"' not in text, "the guide's example must not be in the register"
    after = next(
        m.start()
        for m in re.finditer(r'^\[\[name\]\]\nid = "([^"]+)"', text, re.M)
        if m.group(1) > new_id
    )
    register.write_text(text[:after] + block + "\n" + text[after:], encoding="utf-8")
    return new_id


def _resolve_note(copy: Path) -> None:
    """Note 7, cited as a work of refs/works.bib, in this copy only."""
    notes = copy / "refs" / "notes.toml"
    text, count = re.subn(
        r"^7 = .*$",
        '7 = [{ key = "service2004", locator = "p. 1" }]',
        notes.read_text(encoding="utf-8"),
        flags=re.M,
    )
    assert count == 1
    notes.write_text(text, encoding="utf-8")


def test_one_contribution_of_each_kind_keeps_the_checks_green(edition_copy: Path) -> None:
    copy = edition_copy
    annotation = _add_annotation(copy)
    _make(copy, "check")
    new_id = _add_name(copy)
    _make(copy, "check")
    assert _make(copy, "import").endswith("0 chapter(s) changed\n")
    _resolve_note(copy)
    _make(copy, "check")
    _make(copy, "html")
    _make(copy, "verify")

    html = copy / "_build" / "html"
    edition = structure.load(copy / "refs" / "structure.toml")
    edition_data.check_annotations_html(copy, edition, html)
    edition_data.check_notes_html(copy, html)
    page = BeautifulSoup((html / "early-life" / "1878-1899.html").read_text("utf-8"), "html.parser")
    assert page.select_one(f"mark#annotated-{annotation.stem}").get_text() == "forbidden book club"
    index = BeautifulSoup((html / "names.html").read_text(encoding="utf-8"), "html.parser")
    assert index.select_one(f"dt#names-entry-{new_id}") is not None
    notes = BeautifulSoup((html / "notes.html").read_text(encoding="utf-8"), "html.parser")
    assert "Service 2004, p. 1" in notes.select_one("#note-7").get_text()
