"""The importer: deterministic, literal, and in step with the committed chapters."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, edition_at
from edition_tools import importer
from edition_tools.cli import main
from scholarly_edition.names import disambiguation
from scholarly_edition.text import structure


def test_committed_chapters_are_the_importer_output(edition: structure.Structure) -> None:
    """Re-running the importer on unchanged inputs gives no diff."""
    witness = edition_at(ROOT).shown(edition.witness_path)
    for name, text in importer.render(edition, witness).items():
        assert (ROOT / "docs" / name).read_text(encoding="utf-8") == text, name


def test_import_twice_writes_the_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "refs").mkdir()
    for name in ("witness.txt", "structure.toml"):
        (tmp_path / "refs" / name).write_bytes((ROOT / "refs" / name).read_bytes())
    # The edition's conf.py says where the map is and where the chapters go.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "conf.py").write_bytes((ROOT / "docs" / "conf.py").read_bytes())
    assert main(["--root", str(tmp_path), "import"]) == 0
    first = {p: p.read_bytes() for p in sorted((tmp_path / "docs").rglob("*.md"))}
    assert len(first) == 15
    assert main(["--root", str(tmp_path), "import"]) == 0
    assert {p: p.read_bytes() for p in sorted((tmp_path / "docs").rglob("*.md"))} == first


def test_every_witness_line_is_written_once(edition: structure.Structure) -> None:
    rendered = "\n".join(importer.render(edition).values())
    rules, _ = disambiguation.load_rules(ROOT / "refs" / disambiguation.DISAMBIGUATION)
    for number, line in enumerate(edition.lines, start=1):
        if line.strip():
            assert disambiguation.mark_line(line, number, rules, importer.escape) in rendered, (
                number
            )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# not a heading", "\\# not a heading"),
        ("1917. Not a list", "1917\\. Not a list"),
        ("- not an item", "\\- not an item"),
        ("> not a quote", "\\> not a quote"),
        ("(label)= not a target", "\\(label)= not a target"),
        ("a *b* _c_ `d` <e> & f | g {h}", "a \\*b\\* \\_c\\_ \\`d\\` \\<e> \\& f \\| g \\{h\\}"),
        ("[3] stays, [4](x) is no link", "[3] stays, [4]\\(x) is no link"),
        ("see https://example.org/a_b now", "see <https://example.org/a_b> now"),
        ("at https://example.org/page[4] and", "at <https://example.org/page>[4] and"),
        ("https://example.org/<b>", "<https://example.org/>\\<b>"),
        ("a (see https://example.org/a_(b).)", "a (see <https://example.org/a_(b)>.)"),
        ("a footnote-like [^1] reference", "a footnote-like [\\^1] reference"),
        ("[1]: https://example.org/x", "\\[1]: <https://example.org/x>"),
    ],
)
def test_escape_makes_text_literal(text: str, expected: str) -> None:
    assert importer.escape(text) == expected


def test_roles_become_myst(edition: structure.Structure) -> None:
    pages = importer.render(edition)
    assert pages["early-life/index.md"].count("\n# Early life\n") == 1
    assert "{.hatnote}\nMain article: Early life of Joseph Stalin" in pages["early-life/index.md"]
    assert "## Economic policy" in pages["consolidation-of-power/1927-1931.md"]
    assert (
        "> {.attribution}\n> — Stalin, February 1931[312]"
        in pages["consolidation-of-power/1927-1931.md"]
    )
    assert ":::{absent-image}\nStalin in 1915\n:::" in pages["early-life/1912-1917.md"]
    last = pages["consolidation-of-power/1932-1939.md"]
    assert "ethnic groups—amo{lacuna}`the witness breaks off here`" in last
    assert last.rstrip().endswith("Loading 1 comment...\n:::")
    assert ":Count: 994" in pages["index.md"]


def test_import_removes_the_chapters_the_map_no_longer_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A chapter renamed in the map leaves no stale file; the editors' own pages stay."""
    (tmp_path / "refs").mkdir()
    for name in ("witness.txt", "structure.toml"):
        (tmp_path / "refs" / name).write_bytes((ROOT / "refs" / name).read_bytes())
    # The edition's conf.py says where the map is and where the chapters go.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "conf.py").write_bytes((ROOT / "docs" / "conf.py").read_bytes())
    assert main(["--root", str(tmp_path), "import"]) == 0
    own = tmp_path / "docs" / "early-life" / "notes-of-the-editors.md"
    own.write_text("# Ours\n", encoding="utf-8")
    path = tmp_path / "refs" / "structure.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('file = "consolidation-of-power/', 'file = "power/'), "utf-8")
    capsys.readouterr()
    assert main(["--root", str(tmp_path), "check"]) == 1
    assert (
        "docs/consolidation-of-power/index.md: a chapter the structure map no longer names;"
        " run `make import`\n" in capsys.readouterr().out
    )
    assert main(["--root", str(tmp_path), "import"]) == 0
    out = capsys.readouterr().out
    assert (
        "removed docs/consolidation-of-power/1924-1927.md: the structure map no longer names it"
        in out
    )
    assert not (tmp_path / "docs" / "consolidation-of-power").exists()
    assert (tmp_path / "docs" / "power" / "1924-1927.md").is_file()
    assert own.read_text(encoding="utf-8") == "# Ours\n"


def test_the_chapters_name_the_witness_the_edition_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A witness kept elsewhere is named in each chapter's first line, and the
    chapters written under the old name are still the importer's own."""
    shutil.copytree(ROOT / "refs", tmp_path / "refs")
    (tmp_path / "sources").mkdir()
    (tmp_path / "refs" / "witness.txt").rename(tmp_path / "sources" / "capture.txt")
    (tmp_path / "refs" / disambiguation.DISAMBIGUATION).rename(
        tmp_path / "sources" / disambiguation.DISAMBIGUATION
    )
    (tmp_path / "refs" / "structure.toml").unlink()
    text = (ROOT / "refs" / "structure.toml").read_text(encoding="utf-8")
    assert 'witness = "witness.txt"' in text
    (tmp_path / "sources" / "structure.toml").write_text(
        text.replace('witness = "witness.txt"', 'witness = "capture.txt"'), encoding="utf-8"
    )
    (tmp_path / "docs").mkdir()
    conf = (ROOT / "docs" / "conf.py").read_text(encoding="utf-8")
    (tmp_path / "docs" / "conf.py").write_text(
        conf.replace('"../refs/structure.toml"', '"../sources/structure.toml"'), encoding="utf-8"
    )
    old = tmp_path / "docs" / "old-chapter.md"
    old.write_text(importer.generated("refs/witness.txt") + "\n\nOld.\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "import"]) == 0
    assert "removed docs/old-chapter.md" in capsys.readouterr().out
    first = (tmp_path / "docs" / "index.md").read_text(encoding="utf-8").splitlines()[0]
    assert first == "% Generated from sources/capture.txt by `python -m scholarly_edition import`."
    assert main(["--root", str(tmp_path), "check"]) == 0
