"""The note map and BibTeX data of a build, read once per change of the files.

Both are parsed in the main process before reading; forked ``-j`` workers
inherit the result. The cache is keyed by path and modification time, so an
edited file is read again and nothing stale survives.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from . import bib_lint, notes_data
from .notes_data import NoteMap, Problem


def notes_path(env: BuildEnvironment) -> Path:
    return (Path(env.srcdir) / env.config.edition_notes_file).resolve()


def bib_paths(env: BuildEnvironment) -> list[Path]:
    return [(Path(env.srcdir) / name).resolve() for name in env.config.bibtex_bibfiles or []]


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns if path.exists() else 0


@lru_cache(maxsize=4)
def _load(notes: Path, bibs: tuple[Path, ...], stamp: tuple[int, ...]) -> NoteMap:
    keys: set[str] = set()
    problems: list[Problem] = []
    for bib in bibs:
        checked = bib_lint.check(bib)
        keys |= checked.keys
        problems += checked.problems
    loaded = notes_data.load(notes, keys)
    return NoteMap(loaded.path, loaded.notes, tuple(problems) + loaded.problems)


def note_map(env: BuildEnvironment) -> NoteMap:
    """The current note map, with the problems of the note map and the BibTeX files."""
    notes, bibs = notes_path(env), tuple(bib_paths(env))
    return _load(notes, bibs, tuple(_mtime(p) for p in (notes, *bibs)))


def dependencies(env: BuildEnvironment) -> list[Path]:
    return [notes_path(env), *bib_paths(env)]


def configured(config: Config) -> bool:
    return bool(config.edition_notes_file)


def builder(env: BuildEnvironment) -> Builder:
    """The running builder, for post-transforms that make links.

    Sphinx 9 deprecates ``SphinxTransform.app`` without a public replacement;
    its own post-transforms (``ReferencesResolver``) use ``env._app.builder``.
    """
    return env._app.builder


def bib_keys(env: BuildEnvironment) -> set[str]:
    """Keys of the BibTeX files (cached like the note map)."""
    bibs = tuple(bib_paths(env))
    return set(_keys(bibs, tuple(_mtime(p) for p in bibs)))


@lru_cache(maxsize=4)
def _keys(bibs: tuple[Path, ...], stamp: tuple[int, ...]) -> frozenset[str]:
    return frozenset().union(*(bib_lint.check(bib).keys for bib in bibs))
