"""The edition as the commands see it: the values of its ``conf.py``, read by Sphinx.

``check``, ``import``, ``verify``, ``notes-report``, ``annotate`` and
``resolve`` find the note map, the BibTeX files, the register, the structure
map, the article, the citation file and the annotations where the edition's
configuration puts them, with the extension's own defaults (each feature's
``config_values``), never at fixed paths. ``conf.py`` is the edition's code,
which every build runs too.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

from scholarly_edition import names, notes
from scholarly_edition._util import documents, markers
from scholarly_edition.html import citing
from scholarly_edition.text import concordance


class EditionConfigError(Exception):
    """The edition's ``conf.py`` is missing, fails, or leaves out what a command needs."""


# What a value's change rebuilds, as the features say it (Sphinx's own values).
Rebuild = Literal["", "env", "epub", "gettext", "html"]


class _Registry:
    """What a feature's ``config_values`` adds, added to the configuration read."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def add_config_value(
        self,
        name: str,
        default: object,
        rebuild: Rebuild,
        types: type | Collection[type] = (),
        description: str = "",
    ) -> None:
        self.config.add(name, default, rebuild, types, description)


@dataclass(frozen=True)
class Edition:
    """Where an edition's sources, data and builds are."""

    root: Path
    source: Path
    build: Path
    config: Config

    def _path(self, name: str) -> Path | None:
        value = getattr(self.config, name)
        return (self.source / value).resolve() if value else None

    def required(self, name: str) -> Path:
        path = self._path(name)
        if path is None:
            raise EditionConfigError(f"{self.source / 'conf.py'}: {name} is not set")
        return path

    @property
    def structure(self) -> Path:
        return self.required("edition_structure_file")

    @property
    def notes(self) -> Path | None:
        return self._path("edition_notes_file")

    @property
    def works(self) -> list[Path]:
        return [(self.source / name).resolve() for name in self.config.bibtex_bibfiles]

    @property
    def register(self) -> Path | None:
        return self._path("names_register")

    @property
    def article(self) -> Path | None:
        return self._path("edition_article_file")

    @property
    def citation(self) -> Path | None:
        return self._path("edition_citation_file")

    @property
    def annotations(self) -> Path:
        return self.source / self.config.edition_annotations_dir

    @property
    def marker(self) -> re.Pattern[str]:
        return markers.pattern(tuple(self.config.edition_note_groups))

    def shown(self, path: Path) -> str:
        """A path as a message shows it: relative to the checkout where it can be."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def read(root: Path, source: Path, build: Path) -> Edition:
    """The edition whose Sphinx sources are ``source`` (relative to ``root``)."""
    folder = (root / source).resolve()
    try:
        config = Config.read(folder, overrides={}, tags=Tags())
    except ConfigError as exc:
        raise EditionConfigError(f"{folder / 'conf.py'}: {exc}") from None
    registry = _Registry(config)
    for feature in (notes, names, documents, concordance, citing):
        feature.config_values(registry)
    # sphinxcontrib-bibtex's own value, which the notes feature reads.
    registry.add_config_value("bibtex_bibfiles", [], "env", frozenset({list}))
    return Edition(root.resolve(), folder, (root / build).resolve(), config)
