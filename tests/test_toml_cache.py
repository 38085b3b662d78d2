"""The parsed note map and register are kept between builds, never stale, never required."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from scholarly_edition._util import toml_cache, toml_file
from scholarly_edition.names.register import cached as cached_register
from scholarly_edition.notes import refs_state


def _source(rootdir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "src"
    shutil.copytree(rootdir / "test-notes", target)
    return target


def _new_process(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Forget what this process parsed, as a new ``sphinx-build`` would; count parses."""
    monkeypatch.setattr(toml_file, "_TABLES", type(toml_file._TABLES)())
    refs_state._load.cache_clear()
    cached_register.cache_clear()
    parsed: list[str] = []

    def loads(text: str) -> dict:
        parsed.append(text)
        return tomllib.loads(text)

    # The edition's parser only: Sphinx reads its themes' TOML too.
    parser = SimpleNamespace(loads=loads, TOMLDecodeError=tomllib.TOMLDecodeError)
    monkeypatch.setattr(toml_file, "tomllib", parser)
    return parsed


def _warnings(app) -> list[str]:
    """The build's warnings, without those of a second app's setup in one process."""
    lines = app.warning.getvalue().splitlines()
    return [line for line in lines if "is already registered" not in line]


def test_a_rebuild_unpickles_the_note_map_instead_of_parsing_it(
    make_app, rootdir, tmp_path, monkeypatch
) -> None:
    source = _source(rootdir, tmp_path)
    first = make_app("html", srcdir=source, freshenv=True)
    first.build()
    assert (first.doctreedir / toml_cache.FILENAME).is_file()
    page = (first.outdir / "first.html").read_bytes()

    parsed = _new_process(monkeypatch)
    (source / "first.md").touch()
    second = make_app("html", srcdir=source)
    second.build()
    assert parsed == []
    assert _warnings(second) == []
    assert (second.outdir / "first.html").read_bytes() == page


def test_an_edited_note_map_is_parsed_afresh(make_app, rootdir, tmp_path, monkeypatch) -> None:
    source = _source(rootdir, tmp_path)
    make_app("html", srcdir=source, freshenv=True).build()
    notes = source / "notes.toml"
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text + '\n999 = "unresolved"\n', encoding="utf-8")
    parsed = _new_process(monkeypatch)
    again = make_app("html", srcdir=source)
    again.build()
    assert len(parsed) == 1 and "999" in parsed[0]
    assert "999" in str(refs_state.note_map(again.env).notes)


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_cache_is_ignored(make_app, rootdir, tmp_path, monkeypatch, damage) -> None:
    source = _source(rootdir, tmp_path)
    first = make_app("html", srcdir=source, freshenv=True)
    first.build()
    (first.doctreedir / toml_cache.FILENAME).write_bytes(damage)
    parsed = _new_process(monkeypatch)
    (source / "first.md").touch()
    again = make_app("html", srcdir=source)
    again.build()
    assert len(parsed) == 1
    assert _warnings(again) == []
    assert (first.doctreedir / toml_cache.FILENAME).read_bytes() != damage
