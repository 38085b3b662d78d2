"""A structure map that cannot be read is a located message, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scholarly_edition.text import structure

ROOT = Path(__file__).resolve().parent.parent


def _refs(tmp_path: Path) -> Path:
    """The edition's data and its conf.py, which tells the commands where the map is."""
    shutil.copytree(ROOT / "refs", tmp_path / "refs")
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "conf.py", tmp_path / "docs")
    return tmp_path / "refs" / "structure.toml"


def test_a_missing_map_is_named(tmp_path: Path) -> None:
    path = _refs(tmp_path)
    path.unlink()
    with pytest.raises(structure.StructureError, match=r"structure\.toml: cannot be read: "):
        structure.load(path)


def test_a_map_not_in_utf8_names_its_line(tmp_path: Path) -> None:
    path = _refs(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"[lines]", "[lines]\n# Löhne".encode("latin-1"), 1))
    expected = path.read_bytes().split(b"\xf6")[0].count(b"\n") + 1
    with pytest.raises(structure.StructureError) as raised:
        structure.load(path)
    assert str(raised.value) == (
        f"{path}:{expected}: the file is not UTF-8 (byte 0xf6 cannot be read); save it as UTF-8"
    )


def test_make_check_reports_it_without_a_traceback(tmp_path: Path) -> None:
    _refs(tmp_path).unlink()
    result = subprocess.run(
        [sys.executable, "-m", "scholarly_edition", "--root", str(tmp_path), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode != 0
    assert "cannot be read: No such file or directory" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
