"""The note map and BibTeX data of a build, read once per change of the files.

Both are parsed in the main process before reading; forked ``-j`` workers
inherit the result. The cache is keyed by path and modification time, so an
edited file is read again and nothing stale survives.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from . import bib_lint
from . import data as notes_data
from .data import NoteMap


def notes_path(env: BuildEnvironment) -> Path:
    return (Path(env.srcdir) / env.config.edition_notes_file).resolve()


def bib_paths(env: BuildEnvironment) -> list[Path]:
    return [(Path(env.srcdir) / name).resolve() for name in env.config.bibtex_bibfiles or []]


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns if path.exists() else 0


@lru_cache(maxsize=4)
def _bibs(bibs: tuple[Path, ...], stamp: tuple[int, ...]) -> bib_lint.BibCheck:
    """Keys and problems of the BibTeX files, parsed once per change of them."""
    checks = [bib_lint.check(bib) for bib in bibs]
    return bib_lint.BibCheck(
        frozenset().union(*(checked.keys for checked in checks)),
        tuple(problem for checked in checks for problem in checked.problems),
        frozenset().union(*(checked.broken for checked in checks)),
        all(checked.readable for checked in checks),
    )


def _bib_state(env: BuildEnvironment) -> bib_lint.BibCheck:
    bibs = tuple(bib_paths(env))
    return _bibs(bibs, tuple(_mtime(p) for p in bibs))


@lru_cache(maxsize=4)
def _load(notes: Path, stamp: int, bib: bib_lint.BibCheck) -> NoteMap:
    return notes_data.load(notes, set(bib.keys) if bib.readable else None, bib.broken)


def note_map(env: BuildEnvironment) -> NoteMap:
    """The current note map, with the problems of the note map and the BibTeX files."""
    bib = _bib_state(env)
    notes = notes_path(env)
    loaded = _load(notes, _mtime(notes), bib)
    return replace(loaded, problems=bib.problems + loaded.problems)


def configured(config: Config) -> bool:
    return bool(config.edition_notes_file)


def builder(env: BuildEnvironment) -> Builder:
    """The running builder, for post-transforms that make links.

    Sphinx 9 deprecates ``SphinxTransform.app`` without a public replacement;
    its own post-transforms (``ReferencesResolver``) use ``env._app.builder``.
    """
    return env._app.builder


def bib_keys(env: BuildEnvironment) -> set[str]:
    """Keys of the BibTeX files, from the same parse as the note map's."""
    return set(_bib_state(env).keys)


def broken_keys(env: BuildEnvironment) -> frozenset[str]:
    """Keys of the BibTeX entries that could not be parsed, from the same parse."""
    return _bib_state(env).broken
