"""The commands find an edition's files where its conf.py puts them, never at
fixed paths: an edition laid out in other folders checks, imports, verifies,
reports its notes and starts an annotation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from edition_tools import configuration, new_edition
from scholarly_edition._util import latex_errors


def _moved_edition(tmp_path: Path) -> Path:
    """A new edition whose data are in data/ and whose sources are in src/."""
    witness = tmp_path / "w.txt"
    witness.write_text("A first line [1].\n\nA second line.\n", encoding="utf-8")
    root = tmp_path / "edition"
    new_edition.create(root, witness, "Moved", sys.executable)
    (root / "refs").rename(root / "data")
    (root / "docs").rename(root / "src")
    conf = root / "src" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace("../refs/", "../data/"), "utf-8")
    return root


def _edition(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    folders = ["--root", str(root), "--source-dir", "src", "--build-dir", "out"]
    return subprocess.run(
        [sys.executable, "-m", "scholarly_edition", *folders, *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_the_paths_are_conf_py_s(tmp_path: Path) -> None:
    root = _moved_edition(tmp_path)
    edition = configuration.read(root, Path("src"), Path("out"))
    data = (root / "data").resolve()
    assert edition.structure == data / "structure.toml"
    assert edition.notes == data / "notes.toml"
    assert edition.works == [data / "works.bib"]
    assert edition.register == data / "names.toml"
    assert edition.annotations == (root / "src" / "annotations").resolve()


def test_check_import_and_verify_follow_the_configuration(tmp_path: Path) -> None:
    root = _moved_edition(tmp_path)
    # The chapters' first line names the witness where it was: the moved
    # edition's import rewrites it, and check then finds nothing stale.
    stale = _edition(root, "check")
    assert "src/index.md: differs from what the importer writes" in stale.stdout
    first = _edition(root, "import")
    assert first.returncode == 0, first.stderr
    assert (
        (root / "src" / "index.md")
        .read_text(encoding="utf-8")
        .startswith("% Generated from data/witness.txt by")
    )
    checked = _edition(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    (root / "src" / "index.md").unlink()
    imported = _edition(root, "import")
    assert imported.returncode == 0, imported.stderr
    assert "wrote src/index.md" in imported.stdout
    built = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", "src", "out/html"],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert built.returncode == 0, built.stderr
    verified = _edition(root, "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "HTML fidelity: 100.00%" in verified.stdout


def test_notes_report_and_annotate_follow_the_configuration(tmp_path: Path) -> None:
    root = _moved_edition(tmp_path)
    report = _edition(root, "notes-report")
    assert report.returncode == 0, report.stderr
    assert "[1] (witness line 1) A first line" in report.stdout
    made = _edition(root, "annotate", "--quote", "A first line", "--contributor", "An editor")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("wrote src/annotations/a-first-line.md:")
    assert (root / "src" / "annotations" / "a-first-line.md").is_file()


def test_latex_error_names_the_annotation_in_the_source_folder_given(tmp_path: Path) -> None:
    """``--source-dir`` is where the annotation that TeX stopped in is, for
    ``latex-error`` as for every other command."""
    latex = tmp_path / "out" / "latex"
    latex.mkdir(parents=True)
    (latex / "book.tex").write_text(
        f"{latex_errors.BEGIN}annotations/a-note\n\\undefined\n{latex_errors.END}annotations/a-note\n",
        encoding="utf-8",
    )
    (latex / "book.log").write_text("./book.tex:2: Undefined control sequence.\n", "utf-8")
    result = _edition(tmp_path, "latex-error", str(latex))
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"error: {tmp_path / 'src' / 'annotations' / 'a-note.md'}: TeX cannot typeset"
    ), result.stderr


def test_an_edition_without_conf_py_is_told_so(tmp_path: Path) -> None:
    result = _edition(tmp_path, "check")
    assert result.returncode == 1
    assert f"{tmp_path / 'src' / 'conf.py'}:" in result.stderr
    assert "Traceback" not in result.stderr
