"""The "Start a new edition" page does what it says, as a new editor would follow it.

Every block of the published page with the class ``walkthrough`` is a step,
taken in the page's order in a temporary folder: a shell block is run with
bash (each ``cd`` carries over to the next block, as in one terminal); a
block with a caption is a file, written whole ("witness.txt") or edited as
its caption says ("refs/names.toml, at the end", "refs/structure.toml, under
[lines]", "…, before [lines]"). The article page the notes are resolved from
is the hand-written one of `tests/resolve/`. Then the edition that the steps
made is read: three chapters, a name indexed, every note resolved, the
annotation beside its passage, the PDF published beside the pages.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import ROOT, require_tex, unavailable

PAGE = "new-edition.html"
ARTICLE = ROOT / "tests" / "resolve" / "article.html"
WHERE = re.compile(r"^(?P<file>[^,\s]+)(?:, (?P<how>under|before) (?P<line>.+)|, at the end)?$")


@dataclass(frozen=True)
class Step:
    """A block of the page: a shell script, or a file's text and where it goes."""

    text: str
    caption: str | None

    @property
    def is_shell(self) -> bool:
        return self.caption is None


def steps(html: Path) -> list[Step]:
    page = BeautifulSoup((html / PAGE).read_text(encoding="utf-8"), "html.parser")
    found = []
    for block in page.select("article div.walkthrough"):
        assert isinstance(block, Tag)
        caption = block.find_previous_sibling("div", class_="code-block-caption")
        text = block.select_one("pre")
        assert text is not None, block
        found.append(
            Step(
                text.get_text(),
                caption.select_one(".caption-text").get_text() if caption else None,
            )
        )
    return found


def edit(folder: Path, step: Step) -> None:
    """Write a captioned block into its file, as its caption says."""
    assert step.caption is not None
    where = WHERE.match(step.caption)
    assert where, f"a caption says which file and where: {step.caption!r}"
    path = folder / where["file"]
    if where.group(0) == where["file"]:
        assert not path.exists(), f"{path} is a new file"
        path.write_text(step.text, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    if where["how"] is None:
        path.write_text(text.rstrip("\n") + "\n\n" + step.text, encoding="utf-8")
        return
    line = where["line"] + "\n"
    assert text.count(line) == 1, f"{path} has the line {where['line']!r} once"
    at = text.index(line) + (len(line) if where["how"] == "under" else 0)
    path.write_text(text[:at] + step.text + text[at:], encoding="utf-8")


def run(folder: Path, step: Step, cwd_file: Path) -> subprocess.CompletedProcess[str]:
    """A shell block in a fresh bash, started where the last block ended."""
    state = shlex.quote(str(cwd_file))
    script = f'cd "$(cat {state})"\n{step.text}\npwd > {state}\n'
    # The environment of the tests: `python` is theirs; nothing of an outer make.
    dropped = ("PYTHON", "SPHINXBUILD", "O", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VENV")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["SOURCE_DATE_EPOCH"] = "1764115200"
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )


@dataclass(frozen=True)
class Walked:
    """The folder the steps ran in, the edition they made, and what each printed."""

    folder: Path
    edition: Path
    printed: list[str]


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory, html_build: tuple[Path, str]) -> Walked:
    require_tex()
    if shutil.which("make") is None:
        unavailable("make", "apt-get install make")
    folder = tmp_path_factory.mktemp("walkthrough")
    shutil.copy(ARTICLE, folder / "article.html")
    cwd_file = folder.parent / f"{folder.name}.cwd"
    cwd_file.write_text(str(folder), encoding="utf-8")
    printed = []
    for step in steps(html_build[0]):
        if step.is_shell:
            result = run(folder, step, cwd_file)
            output = result.stdout + result.stderr
            assert result.returncode == 0, f"{step.text}\n{output[-4000:]}"
            assert "WARNING" not in output, f"{step.text}\n{output}"
            printed.append(output)
        else:
            edit(Path(cwd_file.read_text(encoding="utf-8").strip()), step)
    return Walked(folder, Path(cwd_file.read_text(encoding="utf-8").strip()), printed)


def _page(walked: Walked, name: str) -> BeautifulSoup:
    path = walked.edition / "_build" / "html" / name
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.pdf
def test_the_page_walks_through_every_step(html_build: tuple[Path, str]) -> None:
    """new, the structure, the register, the notes, an annotation, the PDF, publishing."""
    found = steps(html_build[0])
    shell = "\n".join(step.text for step in found if step.is_shell)
    for command in (
        "python -m scholarly_edition new ",
        "make import",
        "make resolve ARTICLE=",
        "python -m scholarly_edition annotate ",
        "make latexpdf",
        "cp _build/latex/",
    ):
        assert command in shell, command
    captions = [step.caption for step in found if not step.is_shell]
    assert captions[0] == "witness.txt"
    assert {"refs/structure.toml", "refs/names.toml", "docs/conf.py"} <= {
        WHERE.match(caption)["file"] for caption in captions if caption
    }


@pytest.mark.pdf
def test_every_build_verifies_at_full_fidelity(walked: Walked) -> None:
    verified = [output for output in walked.printed if "fidelity" in output]
    assert len(verified) == 5
    assert all("HTML fidelity: 100.00%" in output for output in verified)
    assert "PDF fidelity: 100.00%" in verified[-1]


@pytest.mark.pdf
def test_the_structure_makes_three_chapters(walked: Walked) -> None:
    assert walked.edition == walked.folder / "town-edition"
    for name, heading in (("the-port.html", "The port"), ("the-charter.html", "The charter")):
        assert _page(walked, name).select_one("article h1").get_text().strip("#") == heading


@pytest.mark.pdf
def test_the_register_indexes_its_name(walked: Walked) -> None:
    entry = _page(walked, "names.html").select_one("dt#names-entry-springfield")
    assert entry.get_text() == "Springfield"
    mentions = entry.find_next_sibling("dd").select("a")
    assert [a["href"] for a in mentions] == ["the-port.html#name-springfield-1"]
    port = _page(walked, "the-port.html")
    assert [a.get_text() for a in port.select("article a[href^='names.html#']")] == ["Springfield"]


@pytest.mark.pdf
def test_every_note_is_resolved_from_the_article(walked: Walked) -> None:
    notes = tomllib.loads((walked.edition / "refs" / "notes.toml").read_text(encoding="utf-8"))
    assert list(notes["notes"]) == ["1", "2", "3", "4", "5", "n 1", "a", "8"]
    assert "unresolved" not in notes["notes"].values()
    assert "Source not yet identified" not in _page(walked, "notes.html").get_text()


@pytest.mark.pdf
def test_the_annotation_stands_beside_its_passage(walked: Walked) -> None:
    port = _page(walked, "the-port.html")
    marked = port.select("article mark[id^='annotated-']")
    assert [mark.get_text() for mark in marked] == ["The port's records are lost."]
    assert "The witness does not say when the records were lost." in port.get_text()


@pytest.mark.pdf
def test_the_pdf_is_published_beside_the_pages(walked: Walked) -> None:
    html = walked.edition / "_build" / "html"
    assert (html / "a-town-and-its-port.pdf").read_bytes().startswith(b"%PDF")
    links = [a["href"] for a in _page(walked, "index.html").select("a[href$='.pdf']")]
    assert links and all(link.endswith("a-town-and-its-port.pdf") for link in links)
